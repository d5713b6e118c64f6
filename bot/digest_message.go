package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings"
)

// Digest message wording.
const (
	digestTitle        = "Briefing"
	digestArticlesHead = "New articles"
)

// DigestMessage turns a digest into the neutral message posted to channels
// (by schedules) and returned by /brief: a title with the date of the
// digest's Until (in Until's zone; no date when Until is zero), the lead,
// one section per issue with its cited points, and a section listing the
// new articles, each citing itself. An empty digest gives the title and the
// lead only. The message has Channel visibility; callers answering one
// person privately change it.
func DigestMessage(d briefings.Digest) Message {
	m := Message{Title: digestTitle, Visibility: Channel}
	if !d.Until.IsZero() {
		m.Title += " for " + d.Until.Format("Mon 2 Jan 2006")
	}
	if d.Lead != "" {
		m.Sections = append(m.Sections, Section{Text: d.Lead})
	}
	if d.Empty {
		return m
	}
	for _, is := range d.Issues {
		s := Section{Heading: is.Name}
		for _, p := range is.Points {
			s.Items = append(s.Items, Item{Text: p.Text, Citations: digestCitations(p.Sources)})
		}
		if len(s.Items) > 0 {
			m.Sections = append(m.Sections, s)
		}
	}
	if len(d.Articles) > 0 {
		s := Section{Heading: digestArticlesHead}
		for _, a := range d.Articles {
			text := articleLine(a.Title, a.Summary)
			s.Items = append(s.Items, Item{Text: text, Citations: digestCitations([]briefings.Source{a.Source})})
		}
		m.Sections = append(m.Sections, s)
	}
	return m
}

// articleLine is a new article's item: its title as cited (so renderers
// can link it in place), then its summary, after ": " or, when the title
// already ends a sentence ("Talks resume.", "Who pays?"), after a space.
func articleLine(title, summary string) string {
	switch {
	case summary == "":
		return title
	case title == "":
		return summary
	case endsSentence(title):
		return title + " " + summary
	default:
		return title + ": " + summary
	}
}

// endsSentence reports whether s ends with a sentence's final mark,
// possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), `"'”’»)]`)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".?!…", r)
}

// digestCitations converts sources into citations; nil for none.
func digestCitations(srcs []briefings.Source) []Citation {
	if len(srcs) == 0 {
		return nil
	}
	out := make([]Citation, len(srcs))
	for i, s := range srcs {
		out[i] = Citation{ID: s.ID, Title: s.Title, URL: s.URL}
	}
	return out
}
