package console

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
)

// DefaultWidth is the line width when none is given.
const DefaultWidth = 80

// RenderText renders a message as plain text wrapped to width columns
// (DefaultWidth when width < 20): the title, each section's heading, text
// and bulleted items, with numbered source markers ("[1]") after the text
// they support, then "Sources:" listing each cited article once, "Did you
// mean:" with the suggestions numbered from 1, and the footer. Buttons are not rendered.
// The result ends with a newline unless the message is empty.
func RenderText(msg bot.Message, width int) string {
	if width < 20 {
		width = DefaultWidth
	}
	r := renderer{width: width, index: map[string]int{}}
	if msg.Title != "" {
		r.para(msg.Title, "", "")
	}
	for _, s := range msg.Sections {
		r.gap()
		if s.Heading != "" {
			r.para(s.Heading, "", "")
		}
		if s.Text != "" {
			r.para(s.Text+r.marks(s.Citations), "", "")
		}
		for _, it := range s.Items {
			r.para(it.Text+r.marks(it.Citations), "  • ", "    ")
		}
	}
	if len(r.sources) > 0 {
		r.gap()
		r.para("Sources:", "", "")
		for i, c := range r.sources {
			label := c.Title
			if label == "" {
				label = c.ID
			}
			if c.URL != "" {
				label += " <" + c.URL + ">"
			}
			mark := "  [" + strconv.Itoa(i+1) + "] "
			r.para(label, mark, strings.Repeat(" ", utf8.RuneCountInString(mark)))
		}
	}
	if len(msg.Suggestions) > 0 {
		r.gap()
		r.para("Did you mean:", "", "")
		for i, s := range msg.Suggestions {
			r.para(s, "  "+strconv.Itoa(i+1)+". ", "     ")
		}
	}
	if msg.Footer != "" {
		r.gap()
		r.para(msg.Footer, "", "")
	}
	return r.b.String()
}

type renderer struct {
	b       strings.Builder
	width   int
	index   map[string]int // citation key -> number
	sources []bot.Citation
	pending bool // a blank line is due before the next paragraph
}

// gap asks for a blank line before the next paragraph (none at the top).
func (r *renderer) gap() {
	if r.b.Len() > 0 {
		r.pending = true
	}
}

// marks numbers the citations, first use first, and returns " [1][2]".
func (r *renderer) marks(cs []bot.Citation) string {
	var sb strings.Builder
	seen := map[int]bool{}
	for _, c := range cs {
		key := c.ID
		if key == "" {
			key = c.Title + "\x00" + c.URL
		}
		n, ok := r.index[key]
		if !ok {
			r.sources = append(r.sources, c)
			n = len(r.sources)
			r.index[key] = n
		}
		if seen[n] {
			continue
		}
		seen[n] = true
		sb.WriteString("[" + strconv.Itoa(n) + "]")
	}
	if sb.Len() == 0 {
		return ""
	}
	return nbsp + sb.String()
}

// nbsp glues source markers to the word before them when wrapping.
const nbsp = "\u00a0"

// para writes text wrapped to the width: first is the prefix of the first
// line, rest of the others. Newlines in text start new lines; a line that
// is a "- " list item wraps under its text, not under its dash.
func (r *renderer) para(text, first, rest string) {
	if r.pending {
		r.b.WriteByte('\n')
		r.pending = false
	}
	prefix := first
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			prefix = rest
		}
		more := rest
		if strings.HasPrefix(line, "- ") {
			more = rest + "  "
		}
		for _, l := range wrap(line, r.width-utf8.RuneCountInString(more)) {
			r.b.WriteString(prefix)
			r.b.WriteString(strings.ReplaceAll(l, nbsp, " "))
			r.b.WriteByte('\n')
			prefix = more
		}
	}
}

// wrap splits text into lines of at most width runes at spaces and tabs
// (not at no-break spaces); a word longer than width gets a line of its
// own, unbroken.
func wrap(text string, width int) []string {
	words := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' })
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	var cur strings.Builder
	n := 0
	for _, w := range words {
		wl := utf8.RuneCountInString(w)
		if n > 0 && n+1+wl > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wl
	}
	return append(lines, cur.String())
}
