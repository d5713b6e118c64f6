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

// readFrontMatter reads the front matter at the top of s into d's
// metadata and returns the body after it: a YAML block between "---"
// lines (an error when it is not valid YAML), or a TOML block between
// "+++" lines (Hugo's), of which the title, date and tags are read.
func readFrontMatter(d *doc, s string) (string, error) {
	if fm, body, ok := splitTOMLFrontMatter(s); ok {
		readTOMLFrontMatter(d, fm)
		return body, nil
	}
	fm, body, ok := splitFrontMatter(s)
	if ok && strings.TrimSpace(fm) != "" {
		var m frontMatter
		if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
			return "", fmt.Errorf("front matter: %w", err)
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
					return "", fmt.Errorf("front matter: published: %w", err)
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
	return body, nil
}

// tomlLineRe is one "key = value" line of a TOML front matter.
var tomlLineRe = regexp.MustCompile(`^\s*(title|date|publishdate|author|tags)\s*=\s*(.+?)\s*$`)

// splitTOMLFrontMatter separates a leading "+++" TOML block from the body.
func splitTOMLFrontMatter(s string) (fm, body string, ok bool) {
	if !strings.HasPrefix(s, "+++\n") {
		return "", s, false
	}
	rest := s[4:]
	if i := strings.Index(rest, "\n+++"); i >= 0 {
		body = rest[i+4:]
		if j := strings.IndexByte(body, '\n'); j >= 0 {
			body = body[j+1:]
		} else {
			body = ""
		}
		return rest[:i], body, true
	}
	return "", s, false
}

// readTOMLFrontMatter reads the title, date, author and tags of a TOML
// front matter's top table; a value it cannot read is left out.
func readTOMLFrontMatter(d *doc, fm string) {
	for _, line := range strings.Split(fm, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "[") {
			break // a sub-table: its keys are not the page's
		}
		m := tomlLineRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v := m[2]
		switch m[1] {
		case "tags":
			for _, t := range strings.Split(strings.Trim(v, "[]"), ",") {
				if t = strings.Trim(strings.TrimSpace(t), `"'`); t != "" {
					d.tags = append(d.tags, t)
				}
			}
			continue
		}
		v = strings.Trim(v, `"'`)
		switch m[1] {
		case "title":
			d.title = v
		case "author":
			d.byline = v
		default:
			if t, err := parseDate(v); err == nil && d.published.IsZero() {
				d.published = t
			}
		}
	}
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
