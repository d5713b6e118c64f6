package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/adapters/console"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
)

func runFAQ(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("faq")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("faq takes no arguments")
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	entries := a.kb.FAQ()
	if *asJSON {
		out := make([]briefings.FAQEntry, len(entries))
		for i, f := range entries {
			f.Alternates = nonNil(f.Alternates)
			if f.Sources == nil {
				f.Sources = []briefings.Source{}
			}
			out[i] = f
		}
		return writeJSON(e.stdout, out)
	}
	if len(entries) == 0 {
		fmt.Fprintln(e.stdout, "No FAQ entries: the corpus has no question/answer pairs and the config adds none.")
		return nil
	}
	msg := bot.Message{Title: fmt.Sprintf("FAQ: %d questions", len(entries))}
	for i, f := range entries {
		heading := fmt.Sprintf("%d. %s", i+1, f.Question)
		if f.Generated {
			heading += " (written from the issues)"
		}
		msg.Sections = append(msg.Sections, bot.Section{
			Heading:   heading,
			Text:      f.Answer,
			Citations: citations(f.Sources),
		})
	}
	_, err = io.WriteString(e.stdout, console.RenderText(msg, terminalWidth()))
	return err
}

func citations(src []briefings.Source) []bot.Citation {
	out := make([]bot.Citation, len(src))
	for i, s := range src {
		out[i] = bot.Citation{ID: s.ID, Title: s.Title, URL: s.URL}
	}
	return out
}

// issueJSON is an issue in the contract's shape.
type issueJSON struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Aliases  []string          `json:"aliases"`
	Keywords []string          `json:"keywords,omitempty"`
	Summary  []briefings.Cited `json:"summary"`
	Articles int               `json:"articles"`
	Members  []memberJSON      `json:"members"`
}

// memberJSON is one article of an issue: a source, and the file it came
// from when it came from one.
type memberJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
	Path  string `json:"path,omitempty"`
}

// members lists every article of an issue, so that anyone can check an
// issue against gold labels.
func members(kb *briefings.KB, is briefings.Issue) []memberJSON {
	out := make([]memberJSON, 0, len(is.ArticleIDs))
	for _, id := range is.ArticleIDs {
		a, ok := kb.Article(id)
		if !ok {
			continue
		}
		m := memberJSON{ID: a.ID, Title: a.Title, URL: a.URL}
		if a.Source != "" && !strings.Contains(a.Source, "://") && !strings.HasPrefix(a.Source, "sample:") {
			m.Path = a.Source
		}
		out = append(out, m)
	}
	return out
}

func toIssueJSON(kb *briefings.KB, is briefings.Issue) issueJSON {
	sum := make([]briefings.Cited, len(is.Summary))
	for i, c := range is.Summary {
		if c.Sources == nil {
			c.Sources = []briefings.Source{}
		}
		sum[i] = c
	}
	return issueJSON{ID: is.ID, Name: is.Name, Aliases: nonNil(is.Aliases), Keywords: is.Keywords, Summary: sum,
		Articles: len(is.ArticleIDs), Members: members(kb, is)}
}

func runIssues(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("issues")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("issues takes no arguments (to see one issue: briefbot issue NAME)")
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	issues := a.kb.Issues()
	if *asJSON {
		out := make([]issueJSON, len(issues))
		for i, is := range issues {
			out[i] = toIssueJSON(a.kb, is)
		}
		return writeJSON(e.stdout, out)
	}
	w := bufio.NewWriter(e.stdout)
	if len(issues) == 0 {
		fmt.Fprintln(w, "No issues found in the corpus.")
	}
	for _, is := range issues {
		writeIssueText(w, a.kb, is)
	}
	return w.Flush()
}

func runIssue(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("issue")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("issue: give an issue name (see briefbot issues)")
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	name := strings.Join(fs.Args(), " ")
	is, suggestions, ok := a.kb.FindIssue(name)
	if !ok {
		msg := fmt.Sprintf("no issue matches %q", name)
		if len(suggestions) > 0 {
			msg += "; did you mean: " + strings.Join(suggestions, ", ")
		}
		return fmt.Errorf("%s", msg)
	}
	if *asJSON {
		return writeJSON(e.stdout, toIssueJSON(a.kb, is))
	}
	w := bufio.NewWriter(e.stdout)
	writeIssueText(w, a.kb, is)
	return w.Flush()
}

func writeIssueText(w io.Writer, kb *briefings.KB, is briefings.Issue) {
	io.WriteString(w, console.RenderText(bot.IssueMessage(kb, is), terminalWidth()))
	io.WriteString(w, "\n")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
