package corpus

import (
	"encoding/json"
	"os"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageDate returns the publication date an HTML page's metadata gives, or
// the zero time. It reads, first found first:
//
//   - JSON-LD datePublished, in a script of type application/ld+json,
//     also inside @graph and lists;
//   - <meta property="article:published_time"> (Open Graph) and its kin:
//     og:published_time, name="pubdate", "publishdate", "publish-date",
//     "date", "dc.date.issued", "dcterms.issued", "sailthru.date",
//     "parsely-pub-date";
//   - itemprop="datePublished" on a meta (content) or a time (datetime or
//     its text);
//   - <time pubdate datetime="...">.
//
// It must run before readability, which mutates the tree.
func pageDate(root *html.Node) time.Time {
	var ld, meta, item, pub string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script:
				if ld == "" && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ld = jsonLDDate(n.FirstChild.Data)
				}
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(firstOf(attr(n, "property"), attr(n, "name"))))
				if meta == "" && metaDateKeys[key] {
					meta = attr(n, "content")
				}
				if item == "" && attr(n, "itemprop") == "datePublished" {
					item = attr(n, "content")
				}
			case atom.Time:
				if item == "" && attr(n, "itemprop") == "datePublished" {
					item = firstOf(attr(n, "datetime"), textOf(n))
				}
				if pub == "" && hasAttr(n, "pubdate") {
					pub = firstOf(attr(n, "datetime"), textOf(n))
				}
			default:
				if item == "" && attr(n, "itemprop") == "datePublished" {
					item = firstOf(attr(n, "content"), attr(n, "datetime"), textOf(n))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, s := range []string{ld, meta, item, pub} {
		if t := metaDate(s); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// metaDateKeys are the meta names and properties that carry the date an
// article was published.
var metaDateKeys = map[string]bool{
	"article:published_time": true, "og:published_time": true, "og:article:published_time": true,
	"pubdate": true, "publishdate": true, "publish-date": true, "publish_date": true, "date": true,
	"dc.date.issued": true, "dc.date": true, "dcterms.issued": true, "dcterms.created": true,
	"sailthru.date": true, "parsely-pub-date": true, "article.published": true,
}

// jsonLDDate finds datePublished in a JSON-LD document: an object, a list
// of objects or an object with @graph.
func jsonLDDate(s string) string {
	s = strings.TrimSpace(s)
	// Some pages wrap the JSON in CDATA or an HTML comment.
	for _, w := range [][2]string{{"<![CDATA[", "]]>"}, {"<!--", "-->"}} {
		if strings.HasPrefix(s, w[0]) {
			s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, w[0]), w[1]))
			s = strings.TrimSpace(strings.TrimSuffix(s, w[1]))
		}
	}
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 4 {
			return ""
		}
		switch x := v.(type) {
		case map[string]any:
			if d, ok := x["datePublished"].(string); ok && d != "" {
				return d
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if d := find(x[k], depth+1); d != "" {
					return d
				}
			}
		case []any:
			for _, e := range x {
				if d := find(e, depth+1); d != "" {
					return d
				}
			}
		}
		return ""
	}
	return find(v, 0)
}

// pageDateLayouts are the forms pages write dates in that front matter
// does not use: ISO 8601 with a compact or no zone, mail dates.
var pageDateLayouts = []string{"2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04Z0700", "2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "2006/01/02"}

// metaDate reads a date as pages write it, in UTC; the zero time when it
// cannot, or when the year is implausible for a news article.
func metaDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	t, err := parseDate(s)
	for _, l := range pageDateLayouts {
		if err == nil {
			break
		}
		t, err = time.Parse(l, s)
	}
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}
	}
	return t.UTC()
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// fileDates gives each undated article read from a file the file's
// modification time, the best guess left of when it was written, when on
// is set.
func fileDates(arts []Article, on bool) {
	if !on {
		return
	}
	for i := range arts {
		a := &arts[i]
		if !a.Published.IsZero() || strings.Contains(a.Source, "://") || strings.HasPrefix(a.Source, "sample:") {
			continue
		}
		if st, err := os.Stat(a.Source); err == nil && st.Mode().IsRegular() {
			a.Published = st.ModTime().UTC()
		}
	}
}
