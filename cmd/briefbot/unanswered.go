package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// runUnanswered prints the declined questions of the store's query log,
// grouped: a JSON list of {question, questions, count, last_asked,
// nearest, faq}, most asked first; with -text, a listing for people.
func runUnanswered(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("unanswered")
	fs.Bool("json", true, "print JSON, unless -text")
	asText := fs.Bool("text", false, "print a listing for people instead of JSON")
	since := fs.String("since", "", "only questions asked since: a `DURATION` back from now (24h, 7d) or an RFC 3339 time; default the whole log")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unanswered takes no arguments")
	}
	var from time.Time
	if *since != "" {
		var err error
		if from, err = parseSince(*since, time.Now()); err != nil {
			return usagef("unanswered: %v", err)
		}
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	groups, err := bot.Unanswered(ctx, st, a.kb, from)
	if err != nil {
		return err
	}
	if *asText {
		return writeUnanswered(e.stdout, groups)
	}
	if groups == nil {
		groups = []bot.UnansweredGroup{}
	}
	return writeJSON(e.stdout, groups)
}

// writeUnanswered lists the groups for people: count, question, when last
// asked, the other wordings, the nearest FAQ question or issue and the
// faq entry to paste.
func writeUnanswered(w io.Writer, groups []bot.UnansweredGroup) error {
	if len(groups) == 0 {
		_, err := fmt.Fprintln(w, "No declined questions.")
		return err
	}
	var b strings.Builder
	for _, g := range groups {
		fmt.Fprintf(&b, "%4d× %s  (last asked %s)\n", g.Count, g.Question, g.LastAsked.UTC().Format("2 Jan 2006 15:04 UTC"))
		if len(g.Questions) > 1 {
			fmt.Fprintf(&b, "      also: %s\n", strings.Join(g.Questions[1:], " · "))
		}
		if g.Nearest != "" {
			fmt.Fprintf(&b, "      nearest: %s\n", g.Nearest)
		}
		fmt.Fprintf(&b, "      %s\n", g.FAQ)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
