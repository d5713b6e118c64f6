package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// frontMatter is the optional YAML block at the top of a Markdown file.
type frontMatter struct {
	Title     string    `yaml:"title"`
	Source    string    `yaml:"source"`
	URL       string    `yaml:"url"`
	Link      string    `yaml:"link"`
	Author    string    `yaml:"author"`
	Byline    string    `yaml:"byline"`
	Published yaml.Node `yaml:"published"`
	Date      yaml.Node `yaml:"date"`
	Tags      yaml.Node `yaml:"tags"`
}

// splitFrontMatter separates a leading "---" YAML block from the body. It
// returns ok false when the text has none.
func splitFrontMatter(s string) (fm, body string, ok bool) {
	if !strings.HasPrefix(s, "---\n") {
		return "", s, false
	}
	rest := s[4:]
	for _, end := range []string{"\n---\n", "\n...\n"} {
		if i := strings.Index(rest, end); i >= 0 {
			return rest[:i], rest[i+len(end):], true
		}
	}
	for _, end := range []string{"\n---", "\n..."} {
		if strings.HasSuffix(rest, end) {
			return rest[:len(rest)-len(end)], "", true
		}
	}
	if strings.HasPrefix(rest, "---\n") || rest == "---" {
		return "", strings.TrimPrefix(rest, "---"), true
	}
	return "", s, false
}

// dateLayouts are the date forms accepted in front matter.
var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	"January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "2 Jan 2006", "2 Jan, 2006", "January 2 2006",
	"1/2/2006", time.RFC1123Z, time.RFC1123}

var ordinalRe = regexp.MustCompile(`(\d)(st|nd|rd|th)\b`)

// parseDate reads a date in one of dateLayouts; the zero time and an error
// when none fits.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	s = ordinalRe.ReplaceAllString(s, "$1")
	s = strings.Replace(s, "Sept.", "Sep.", 1) // Go knows "Sep" only
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("unknown date format %q", s)
}

// markdownDoc parses a Markdown file: front matter into d's metadata, the
// body into units. A front matter that is not valid YAML is an error.
func markdownDoc(d *doc, s string) error {
	fm, body, ok := splitFrontMatter(s)
	if ok && strings.TrimSpace(fm) != "" {
		var m frontMatter
		if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
			return fmt.Errorf("front matter: %w", err)
		}
		d.title = m.Title
		d.byline = firstOf(m.Byline, m.Author)
		if src := strings.TrimSpace(m.Source); src != "" {
			d.site = src
		}
		if u := firstOf(m.URL, m.Link); u != "" {
			d.url = u
		}
		for _, n := range []*yaml.Node{&m.Published, &m.Date} {
			if n.Kind == yaml.ScalarNode && n.Value != "" {
				t, err := parseDate(n.Value)
				if err != nil {
					return fmt.Errorf("front matter: published: %w", err)
				}
				d.published = t
				break
			}
		}
		switch m.Tags.Kind {
		case yaml.ScalarNode:
			for _, t := range strings.Split(m.Tags.Value, ",") {
				if t = strings.TrimSpace(t); t != "" {
					d.tags = append(d.tags, t)
				}
			}
		case yaml.SequenceNode:
			for _, c := range m.Tags.Content {
				if t := strings.TrimSpace(c.Value); c.Kind == yaml.ScalarNode && t != "" {
					d.tags = append(d.tags, t)
				}
			}
		}
	}
	d.units = markdownUnits(body)
	return nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

var (
	mdHeadingRe   = regexp.MustCompile(`^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdFenceRe     = regexp.MustCompile("^ {0,3}(```|~~~)")
	mdImageRe     = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRe      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLinkRe   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdRefDefRe    = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s+\S+`)
	mdAutoRe      = regexp.MustCompile(`<(https?://[^>]+)>`)
	mdEmphRe      = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmph1Re     = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,;:!?]|$)`)
	mdTagRe       = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	mdQuoteRe     = regexp.MustCompile(`^ {0,3}>\s?`)
	mdCommentRe   = regexp.MustCompile(`(?s)<!--.*?-->`)
	mdTableRuleRe = regexp.MustCompile(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$`)
)

// inlineMarkdown strips inline markup from one line: images go (they only
// carry captions), links keep their text, emphasis and code marks go.
func inlineMarkdown(l string) string {
	if !strings.ContainsAny(l, "[]!*_`<") {
		return l
	}
	l = mdImageRe.ReplaceAllString(l, "")
	l = mdLinkRe.ReplaceAllString(l, linkOpen+"$1"+linkClose)
	l = mdRefLinkRe.ReplaceAllString(l, linkOpen+"$1"+linkClose)
	l = mdAutoRe.ReplaceAllString(l, linkOpen+"$1"+linkClose)
	l = mdEmphRe.ReplaceAllString(l, "$2")
	l = mdEmph1Re.ReplaceAllString(l, "$1$2$3")
	l = strings.ReplaceAll(l, "`", "")
	l = mdTagRe.ReplaceAllString(l, "")
	return l
}

// Link text is wrapped in these private-use characters while a Markdown
// body is split into units, so each unit's link density can be measured.
const (
	linkOpen  = "\uE000"
	linkClose = "\uE001"
)

// unmarkLinks removes the link marks from t and returns the share of its
// non-space characters that were link text.
func unmarkLinks(t string) (string, float64) {
	if !strings.Contains(t, linkOpen) {
		return t, 0
	}
	var b strings.Builder
	in, linked, total := false, 0, 0
	for _, r := range t {
		switch {
		case r == '\uE000':
			in = true
			continue
		case r == '\uE001':
			in = false
			continue
		case r != ' ':
			total++
			if in {
				linked++
			}
		}
		b.WriteRune(r)
	}
	if total == 0 {
		return fold(b.String()), 0
	}
	return fold(b.String()), float64(linked) / float64(total)
}

// markdownUnits splits a Markdown body into units: ATX and underlined
// headings are headings, list items are items, fenced code and HTML
// comments are left out, and other lines form paragraphs separated by
// blank lines.
func markdownUnits(body string) []unit {
	if strings.Contains(body, "<!--") {
		body = mdCommentRe.ReplaceAllString(body, "")
	}
	var out []unit
	var seg []string
	flush := func() {
		if len(seg) > 0 {
			out = append(out, textUnits(strings.Join(seg, "\n"), true)...)
			seg = seg[:0]
		}
	}
	fenced := false
	for _, line := range strings.Split(body, "\n") {
		if mdFenceRe.MatchString(line) {
			fenced = !fenced
			flush()
			continue
		}
		if fenced || mdRefDefRe.MatchString(line) {
			continue
		}
		if m := mdHeadingRe.FindStringSubmatch(line); m != nil {
			flush()
			if t := fold(inlineMarkdown(m[2])); t != "" {
				out = append(out, unit{kind: Heading, hard: true, text: t, lines: 1})
			}
			continue
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "|") {
			// A table row: its cells become one paragraph; the rule
			// under the header row goes.
			flush()
			if !mdTableRuleRe.MatchString(t) {
				cells := strings.Split(strings.Trim(t, "|"), "|")
				for i := range cells {
					cells[i] = strings.TrimSpace(inlineMarkdown(cells[i]))
				}
				if row := fold(strings.Join(cells, "; ")); strings.Trim(row, "; ") != "" {
					out = append(out, unit{kind: Para, hard: true, text: row, lines: 1})
				}
			}
			continue
		}
		for mdQuoteRe.MatchString(line) {
			line = mdQuoteRe.ReplaceAllString(line, "")
		}
		seg = append(seg, inlineMarkdown(line))
	}
	flush()
	for i := range out {
		if out[i].kind == Item {
			out[i].hard = true
		}
		out[i].text, out[i].links = unmarkLinks(out[i].text)
	}
	return out
}
