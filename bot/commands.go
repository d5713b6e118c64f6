package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefings"
)

// ask answers a question from the knowledge base and logs it.
func (b *Bot) ask(ctx context.Context, req Request) (Message, error) {
	a := b.KB().Ask(req.Text)
	b.metrics.Answer(a.Answered)
	if b.store != nil {
		err := b.store.LogQuery(ctx, QueryLog{
			Platform:   req.Platform,
			UserHash:   b.hashUser(req.Platform, req.UserID),
			Question:   req.Text,
			Kind:       a.Kind,
			Answered:   a.Answered,
			Confidence: a.Confidence,
			At:         b.now(),
		})
		if err != nil {
			b.log.Warn("log query", "err", err)
		}
	}
	m := AnswerMessage(a)
	if a.Answered {
		v := b.shares.encode("ask", req.Text)
		m.Buttons = []Button{
			{Label: "Share to channel", Action: ActionShare, Value: v},
			{Label: "Helpful", Action: ActionHelpful, Value: v},
			{Label: "Not helpful", Action: ActionUnhelpful, Value: v},
		}
	}
	return m, nil
}

// issue shows one issue, or suggestions when none matches.
func (b *Bot) issue(ctx context.Context, req Request) (Message, error) {
	kb := b.KB()
	is, sugg, ok := kb.FindIssue(req.Text)
	if !ok {
		return noIssueMessage(req.Text, sugg), nil
	}
	m := IssueMessage(kb, is)
	m.Buttons = []Button{{Label: "Share to channel", Action: ActionShare, Value: b.shares.encode("issue", req.Text)}}
	return m, nil
}

func noIssueMessage(query string, sugg []string) Message {
	m := Message{
		Title:       "No issue matches “" + echo(query, 60) + "”",
		Sections:    []Section{{Text: "See /issues for the full list."}},
		Suggestions: sugg,
	}
	if len(sugg) > 0 {
		m.Footer = "Did you mean one of these?"
	}
	return m
}

// issues lists the issues with a one-line gist and their article counts.
func (b *Bot) issues(ctx context.Context, req Request) (Message, error) {
	all := b.KB().Issues()
	if len(all) == 0 {
		return Message{Title: "Issues", Sections: []Section{{Text: "I have not found any issues in the articles yet."}}}, nil
	}
	pages := (len(all) + MaxListItems - 1) / MaxListItems
	page := 1
	if req.Text != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(req.Text, "#"))
		if err != nil || n < 1 || n > pages {
			c, _ := b.Command("issues")
			m := usageMessage(c)
			m.Title = fmt.Sprintf("There %s %s of issues", map[bool]string{true: "is", false: "are"}[pages == 1], plural(pages, "page", "pages"))
			return m, fmt.Errorf("issues page %q: %w", req.Text, ErrUsage)
		}
		page = n
	}
	lo := (page - 1) * MaxListItems
	hi := min(lo+MaxListItems, len(all))
	s := Section{}
	shown := make(map[string]bool) // summary sentences already shown as a gist
	for _, is := range all[lo:hi] {
		text := is.Name + " (" + plural(len(is.ArticleIDs), "article", "articles") + ")"
		if g := freshGist(is, shown); g != "" {
			text += ": " + g
		}
		s.Items = append(s.Items, Item{Text: text})
	}
	foot := "Details: /issue NAME · News: /brief NAME"
	if pages > 1 {
		more := ""
		if page < pages {
			more = fmt.Sprintf("More: /issues %d. ", page+1)
		}
		foot = fmt.Sprintf("Issues %d-%d of %d. ", lo+1, hi, len(all)) + more + foot
	}
	return Message{Title: fmt.Sprintf("Issues (%d)", len(all)), Sections: []Section{s}, Footer: foot}, nil
}

// generatedMark follows an FAQ question the bot wrote from an issue of
// news that asks none, and generatedNote says what it means.
const (
	generatedMark = " ✎"
	generatedNote = "✎ written by the bot from the issues."
)

// faq lists the FAQ questions, MaxListItems a page; the argument, when
// a number, picks the page. Questions the bot wrote from the issues
// (FAQEntry.Generated) are marked.
func (b *Bot) faq(ctx context.Context, req Request) (Message, error) {
	all := b.KB().FAQ()
	if len(all) == 0 {
		return Message{Title: "Frequently asked questions", Sections: []Section{{Text: "There are no FAQ entries yet. Ask anything with /ask."}}}, nil
	}
	pages := (len(all) + MaxListItems - 1) / MaxListItems
	page := 1
	if req.Text != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(req.Text, "#"))
		if err != nil || n < 1 || n > pages {
			c, _ := b.Command("faq")
			m := usageMessage(c)
			m.Title = fmt.Sprintf("There %s %s of FAQ questions", map[bool]string{true: "is", false: "are"}[pages == 1], plural(pages, "page", "pages"))
			return m, fmt.Errorf("faq page %q: %w", req.Text, ErrUsage)
		}
		page = n
	}
	lo := (page - 1) * MaxListItems
	hi := min(lo+MaxListItems, len(all))
	s := Section{}
	generated := false
	for _, e := range all[lo:hi] {
		q := e.Question
		if e.Generated {
			q += generatedMark
			generated = true
		}
		s.Items = append(s.Items, Item{Text: q})
	}
	foot := "Ask any of them with /ask."
	if generated {
		foot = generatedNote + " " + foot
	}
	if pages > 1 {
		foot = fmt.Sprintf("Questions %d-%d of %d. ", lo+1, hi, len(all))
		if page < pages {
			foot += fmt.Sprintf("More: /faq %d. ", page+1)
		}
		foot += "Ask any of them with /ask."
	}
	return Message{Title: fmt.Sprintf("Frequently asked questions (%d)", len(all)), Sections: []Section{s}, Footer: foot}, nil
}

// brief shows the digest of the last DigestWindow, or the latest articles
// when nothing is that new; with an issue, its summary and its news.
func (b *Bot) brief(ctx context.Context, req Request) (Message, error) {
	kb := b.KB()
	now := b.now()
	share := []Button{{Label: "Share to channel", Action: ActionShare, Value: b.shares.encode("brief", req.Text)}}
	if req.Text == "" {
		d := kb.Digest(briefings.DigestOptions{Since: now.Add(-b.window), Until: now})
		note := ""
		if d.Empty {
			d = kb.Digest(briefings.DigestOptions{Until: now})
			note = "Nothing new in the last " + windowText(b.window) + "; these are the latest articles."
		}
		if d.Empty {
			return Message{Title: "Briefing", Sections: []Section{{Text: "There are no articles to brief on yet."}}}, nil
		}
		m := DigestMessage(d)
		if note != "" {
			// The lead counts the articles as new; they are only the
			// latest. The note takes its place, above the news and its
			// sources.
			m.Title = "Latest news"
			if len(m.Sections) > 1 && m.Sections[0].Heading == "" && len(m.Sections[0].Items) == 0 {
				m.Sections = m.Sections[1:]
			}
			m.Sections = append([]Section{{Text: note}}, m.Sections...)
		}
		m.Visibility = Private
		m.Buttons = share
		return m, nil
	}
	is, sugg, ok := kb.FindIssue(req.Text)
	if !ok {
		return noIssueMessage(req.Text, sugg), nil
	}
	m := Message{Title: "Briefing: " + is.Name, Buttons: share}
	if s := summarySection(is); len(s.Items) > 0 {
		m.Sections = append(m.Sections, s)
	}
	d := kb.Digest(briefings.DigestOptions{Since: now.Add(-b.window), Until: now, IssueIDs: []string{is.ID}})
	if !d.Empty {
		m.Sections = append(m.Sections, issueNews(d, is, "New on "+is.Name, false)...)
	} else if last := latestDate(kb, is.ArticleIDs); !last.IsZero() && last.Before(now) {
		// What changed is told by the story's own dates: the points its
		// articles of the last window of the story added.
		note := Section{Text: "Nothing new on this issue in the last " + windowText(b.window) + "."}
		d := kb.Digest(briefings.DigestOptions{Since: last.Add(-b.window), Until: last, IssueIDs: []string{is.ID}})
		m.Sections = append(append([]Section{note}, m.Sections...),
			issueNews(d, is, "Last changed on "+is.Name+", "+last.Format("2 Jan 2006"), true)...)
	} else if s := newestSection(kb, is.ArticleIDs, maxNewest); len(s.Items) > 0 {
		// Say so first, not under the summary and its sources.
		note := Section{Text: "Nothing new on this issue in the last " + windowText(b.window) + "."}
		m.Sections = append(append([]Section{note}, m.Sections...), s)
	}
	if len(m.Sections) == 0 {
		m.Sections = []Section{{Text: "There is nothing on this issue yet."}}
	}
	return m, nil
}

// freshGist is the gist of an issue in a list: its first summary sentence
// that no issue above it showed (issues found in the same articles may
// share sentences), or its first one when all were shown.
func freshGist(is briefings.Issue, shown map[string]bool) string {
	for _, c := range is.Summary {
		if !shown[c.Text] {
			shown[c.Text] = true
			return shorten(c.Text, gistChars)
		}
	}
	return gist(is, gistChars)
}

// issueNews is the sections of an issue's digest: the issue's points
// under heading, less those its summary shows, then the articles. A late
// digest (of the story's last days, not of now) has no lead and calls its
// articles the latest, not new ones.
func issueNews(d briefings.Digest, is briefings.Issue, heading string, late bool) []Section {
	inSummary := map[string]bool{}
	for _, c := range is.Summary {
		inSummary[c.Text] = true
	}
	var out []Section
	for _, s := range DigestMessage(d).Sections {
		switch {
		case late && s.Heading == "":
			continue
		case late && s.Heading == digestArticlesHead:
			s.Heading = "Latest articles"
		}
		if s.Heading == is.Name {
			s.Heading = heading
			var fresh []Item
			for _, it := range s.Items {
				if !inSummary[it.Text] {
					fresh = append(fresh, it)
				}
			}
			if s.Items = fresh; len(fresh) == 0 {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// latestDate is the date of the newest dated article of ids; zero when
// none is dated.
func latestDate(kb *briefings.KB, ids []string) time.Time {
	var last time.Time
	for _, id := range ids {
		if a, ok := kb.Article(id); ok && a.Published.After(last) {
			last = a.Published
		}
	}
	return last
}

func windowText(d time.Duration) string {
	h := int(d.Hours() + 0.5)
	switch {
	case h == 24:
		return "24 hours"
	case h%24 == 0:
		return fmt.Sprintf("%d days", h/24)
	default:
		return plural(h, "hour", "hours")
	}
}

// subscribe makes the user follow an issue.
func (b *Bot) subscribe(ctx context.Context, req Request) (Message, error) {
	is, sugg, ok := b.KB().FindIssue(req.Text)
	if !ok {
		return noIssueMessage(req.Text, sugg), nil
	}
	err := b.store.Subscribe(ctx, Subscription{
		Platform: req.Platform, UserID: req.UserID, ChannelID: req.ChannelID, IssueID: is.ID, Created: b.now(),
	})
	if err != nil {
		return Message{}, fmt.Errorf("subscribe: %w", err)
	}
	text := "You now follow " + is.Name + ". Its news will come to you as it arrives."
	if req.Platform == PlatformConsole {
		// Nothing posts to a terminal: the news waits for /brief.
		text = "You now follow " + is.Name + ", but the terminal chat cannot send you its news as it arrives: " +
			"see what is new with /brief " + is.Name + "."
	}
	return Message{
		Title:    "Following " + is.Name,
		Sections: []Section{{Text: text}},
		Footer:   "Stop with /unsubscribe " + is.Name,
	}, nil
}

// unsubscribe stops the user following an issue.
func (b *Bot) unsubscribe(ctx context.Context, req Request) (Message, error) {
	is, sugg, ok := b.KB().FindIssue(req.Text)
	if !ok {
		return noIssueMessage(req.Text, sugg), nil
	}
	existed, err := b.store.Unsubscribe(ctx, Subscription{
		Platform: req.Platform, UserID: req.UserID, ChannelID: req.ChannelID, IssueID: is.ID,
	})
	if err != nil {
		return Message{}, fmt.Errorf("unsubscribe: %w", err)
	}
	text := "You no longer follow " + is.Name + "."
	if !existed {
		text = "You were not following " + is.Name + "."
	}
	return Message{Title: "Unsubscribed", Sections: []Section{{Text: text}}}, nil
}

// help lists the commands, generated from the registry, with examples
// drawn from the knowledge base.
func (b *Bot) help(ctx context.Context, req Request) (Message, error) {
	kb := b.KB()
	s := Section{}
	for _, c := range b.commands {
		if c.AdminOnly && !b.isAdmin(req.Platform, req.UserID) {
			continue
		}
		s.Items = append(s.Items, Item{Text: c.Usage() + ": " + c.Description})
	}
	m := Message{Title: "What I can do", Sections: []Section{s}}
	var ex []Item
	if faq := kb.FAQ(); len(faq) > 0 {
		ex = append(ex, Item{Text: "/ask " + faq[0].Question})
	}
	if iss := kb.Issues(); len(iss) > 0 {
		ex = append(ex, Item{Text: "/issue " + iss[0].Name})
	}
	if len(ex) > 0 {
		m.Sections = append(m.Sections, Section{Heading: "Try", Items: ex})
	}
	m.Footer = fmt.Sprintf("I know %s, %s and %s.",
		plural(len(kb.Articles()), "article", "articles"),
		plural(len(kb.Issues()), "issue", "issues"),
		plural(len(kb.FAQ()), "FAQ entry", "FAQ entries"))
	return m, nil
}

// quote returns s in curly quotes, shortened.
func quote(s string) string { return "“" + echo(s, 80) + "”" }
