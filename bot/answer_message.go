package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefings"
)

// Limits of list messages, so every platform can show them whole.
const (
	// MaxListItems is the most items a list section shows (/faq, /issues).
	MaxListItems = 20
	// maxNewest is the most articles listed under an issue.
	maxNewest = 5
	// gistChars bounds the one-line gist of an issue in /issues.
	gistChars = 140
)

// AnswerMessage turns an answer into a private message: the matched title,
// the answer text citing its sources and a footer saying where the answer
// comes from and how confident it is. A declined answer carries the
// default answer and the "did you mean" suggestions instead. It has no
// buttons: the /ask handler adds them.
func AnswerMessage(a briefings.Answer) Message {
	if !a.Answered {
		m := Message{
			Title:       "No confident answer",
			Sections:    []Section{{Text: a.Answer}},
			Suggestions: append([]string(nil), a.Suggestions...),
		}
		if len(a.Suggestions) > 0 {
			m.Footer = "Did you mean one of these? Ask again with /ask."
		}
		return m
	}
	title := a.Title
	if title == "" {
		title = echo(a.Question, 200)
	}
	return Message{
		Title:    title,
		Sections: []Section{{Text: a.Answer, Citations: citations(a.Sources)}},
		Footer:   fmt.Sprintf("%s · confidence %d%%", kindLabel(a.Kind), int(a.Confidence*100+0.5)),
	}
}

// kindLabel says where an answer comes from.
func kindLabel(kind string) string {
	switch kind {
	case briefings.KindFAQ:
		return "From the FAQ"
	case briefings.KindIssue:
		return "From the issue summary"
	case briefings.KindPassage:
		return "From the articles"
	default:
		return "Answer"
	}
}

// IssueMessage shows one issue: its cited summary, its newest articles and
// a footer with its aliases and article count.
func IssueMessage(kb *briefings.KB, is briefings.Issue) Message {
	m := Message{Title: is.Name}
	if s := summarySection(is); len(s.Items) > 0 {
		m.Sections = append(m.Sections, s)
	}
	if s := newestSection(kb, is.ArticleIDs, maxNewest); len(s.Items) > 0 {
		m.Sections = append(m.Sections, s)
	}
	if len(m.Sections) == 0 {
		m.Sections = []Section{{Text: "There is no summary of this issue yet."}}
	}
	var foot []string
	if len(is.Aliases) > 0 {
		foot = append(foot, "Also: "+strings.Join(is.Aliases, ", "))
	}
	foot = append(foot, plural(len(is.ArticleIDs), "article", "articles"))
	m.Footer = strings.Join(foot, " · ")
	return m
}

// summarySection lists an issue's summary sentences with their sources.
func summarySection(is briefings.Issue) Section {
	s := Section{Heading: "Summary"}
	for _, c := range is.Summary {
		s.Items = append(s.Items, Item{Text: c.Text, Citations: citations(c.Sources)})
	}
	return s
}

// newestSection lists up to n of the articles ids, newest first (by
// published time; undated ones keep their order after dated ones).
func newestSection(kb *briefings.KB, ids []string, n int) Section {
	s := Section{Heading: "Newest articles"}
	type art struct {
		src  Citation
		date time.Time
	}
	var arts []art
	for _, id := range ids {
		a, ok := kb.Article(id)
		if !ok {
			continue
		}
		arts = append(arts, art{Citation{ID: a.ID, Title: a.Title, URL: a.URL}, a.Published})
	}
	// Stable insertion sort: newest dated first, undated last.
	for i := 1; i < len(arts); i++ {
		for j := i; j > 0 && arts[j].date.After(arts[j-1].date); j-- {
			arts[j], arts[j-1] = arts[j-1], arts[j]
		}
	}
	for i, a := range arts {
		if i == n {
			break
		}
		text := a.src.Title
		if text == "" {
			text = a.src.ID
		}
		if !a.date.IsZero() {
			text += " (" + a.date.Format("2 Jan 2006") + ")"
		}
		s.Items = append(s.Items, Item{Text: text, Citations: []Citation{a.src}})
	}
	return s
}

// citations converts sources into citations; nil for none.
func citations(srcs []briefings.Source) []Citation {
	return digestCitations(srcs)
}

// gist returns the first sentence of an issue's summary, shortened at a
// word boundary to about max characters.
func gist(is briefings.Issue, max int) string {
	if len(is.Summary) == 0 {
		return ""
	}
	return shorten(is.Summary[0].Text, max)
}

// shorten cuts s at the last word boundary before max runes and adds "…".
func shorten(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := max
	for i := max; i > max/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// usageMessage explains how to call c.
func usageMessage(c Command) Message {
	text := "Usage: " + c.Usage()
	if c.ArgDescription != "" {
		text += "\n" + c.Arg + ": " + c.ArgDescription
	}
	m := Message{Title: "/" + c.Name + " needs " + article(c.Arg), Sections: []Section{{Text: text}}}
	if len(c.Examples) > 0 {
		m.Footer = "Example: " + c.Examples[0]
	}
	return m
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

func unknownCommandMessage(name string) Message {
	return Message{
		Title:    "Unknown command",
		Sections: []Section{{Text: fmt.Sprintf("I don't know /%s. Try /help to see what I can do.", echo(name, 40))}},
	}
}

func slowDownMessage(wait time.Duration) Message {
	secs := int(wait.Seconds() + 0.999)
	if secs < 1 {
		secs = 1
	}
	return Message{
		Title:    "Slow down a little",
		Sections: []Section{{Text: fmt.Sprintf("You're sending commands faster than I can take them. Try again in %s.", plural(secs, "second", "seconds"))}},
	}
}

func errorMessage() Message {
	return Message{
		Title:    "Something went wrong",
		Sections: []Section{{Text: "Sorry, I could not do that just now. Please try again in a moment."}},
	}
}
