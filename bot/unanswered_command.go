package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// maxUnansweredShown is how many groups /unanswered lists: each takes
// two lines (the question and its faq entry).
const maxUnansweredShown = 10

// unanswered lists the declined questions of the query log, grouped, for
// admins: /unanswered [since], since as "7d", "24h" or an RFC 3339 time;
// the whole log by default.
func (b *Bot) unanswered(ctx context.Context, req Request) (Message, error) {
	now := b.now()
	since, err := parseSinceArg(req.Text, now)
	if err != nil {
		c, _ := b.Command("unanswered")
		m := usageMessage(c)
		m.Title = err.Error()
		return m, fmt.Errorf("unanswered %q: %w", req.Text, ErrUsage)
	}
	groups, err := Unanswered(ctx, b.store, b.KB(), since)
	if err != nil {
		return Message{}, err
	}
	return UnansweredMessage(groups, since), nil
}

// UnansweredMessage shows grouped declined questions: each with how often
// and when it was last asked, the nearest FAQ question or issue, and the
// faq entry to paste into the config.
func UnansweredMessage(groups []UnansweredGroup, since time.Time) Message {
	m := Message{Title: "Unanswered questions", Visibility: Private}
	if len(groups) == 0 {
		m.Sections = []Section{{Text: "No question was declined" + sinceText(since) + "."}}
		return m
	}
	total := 0
	for _, g := range groups {
		total += g.Count
	}
	s := Section{Text: fmt.Sprintf("%s declined%s, in %s, most asked first. Paste an entry under faq: in the config and write its answer.",
		plural(total, "question", "questions"), sinceText(since), plural(len(groups), "group", "groups"))}
	for i, g := range groups {
		if i == maxUnansweredShown {
			break
		}
		line := fmt.Sprintf("“%s”: asked %s, last %s", shorten(g.Question, 120), times(g.Count), g.LastAsked.UTC().Format("2 Jan 2006 15:04 UTC"))
		if n := len(g.Questions) - 1; n > 0 {
			line += fmt.Sprintf(" (%s)", plural(n, "other wording", "other wordings"))
		}
		if g.Nearest != "" {
			line += "; nearest: “" + shorten(g.Nearest, 80) + "”"
		}
		s.Items = append(s.Items, Item{Text: line + "\n" + g.FAQ})
	}
	m.Sections = []Section{s}
	if len(groups) > maxUnansweredShown {
		m.Footer = fmt.Sprintf("Showing %d of %d groups; briefbot unanswered lists them all.", maxUnansweredShown, len(groups))
	}
	return m
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return strconv.Itoa(n) + " times"
}

func sinceText(since time.Time) string {
	if since.IsZero() {
		return ""
	}
	return " since " + since.UTC().Format("2 Jan 2006 15:04 UTC")
}

// parseSinceArg reads /unanswered's argument: empty for the whole log, a
// duration back from now ("24h", "90m", "7d") or an RFC 3339 time.
func parseSinceArg(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return time.Time{}, fmt.Errorf("%q is neither a duration (24h, 7d) nor an RFC 3339 time", s)
	}
	return now.Add(-d), nil
}
