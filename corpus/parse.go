package corpus

import (
	"bytes"
	nurl "net/url"
	"path"
	"strings"
	"time"
)

// doc is one document between reading and cleaning.
type doc struct {
	source    string
	url       string
	site      string
	title     string
	byline    string
	published time.Time
	tags      []string
	units     []unit
}

// format is the kind of a document's markup.
type format int

const (
	formatUnknown format = iota
	formatText
	formatMarkdown
	formatHTML
)

// formatOf decides a document's format from its name's extension, and
// from its content when the name has none (a URL, a bare name).
func formatOf(name string, data []byte) format {
	p := name
	if u, err := nurl.Parse(name); err == nil && u.Scheme != "" && u.Host != "" {
		p = u.Path
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".txt", ".text":
		return formatText
	case ".md", ".markdown", ".mdown", ".mkd":
		return formatMarkdown
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case "", ".php", ".asp", ".aspx", ".jsp", ".cgi":
		if looksLikeHTML(data) {
			return formatHTML
		}
		if strings.HasPrefix(p, "/") || strings.Contains(name, "://") || path.Ext(p) == "" {
			return formatText
		}
	}
	return formatUnknown
}

// looksLikeHTML sniffs the first kilobyte for HTML tags.
func looksLikeHTML(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<div"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return false
}

// Parse cleans one document into an article. The name picks the format by
// its extension (.txt, .md, .html; a name without one, such as the URL of
// a fetched page, is sniffed for HTML and otherwise read as text). When
// name is an http(s) URL, it becomes the article's URL and Source and is
// used to resolve the page's relative links.
//
// Parse applies every cleaning rule that needs only this document; Load
// adds the rule that needs several (lines repeated across files are
// boilerplate). It returns ErrUnsupported for an unknown extension,
// ErrEmpty when nothing is left after cleaning, and an error for a
// Markdown front matter that is not valid YAML.
func Parse(name string, data []byte) (Article, error) {
	d, err := readDoc(name, data)
	if err != nil {
		return Article{}, err
	}
	return finish(d)
}

// readDoc reads a document's metadata and raw units.
func readDoc(name string, data []byte) (*doc, error) {
	d := &doc{source: name}
	if u, err := nurl.Parse(name); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		d.url = name
	}
	f := formatOf(name, data)
	switch f {
	case formatUnknown:
		return nil, ErrUnsupported
	case formatHTML:
		if err := htmlDoc(d, data); err != nil {
			return nil, err
		}
	case formatMarkdown:
		if err := markdownDoc(d, normalize(string(data))); err != nil {
			return nil, err
		}
	default:
		d.units = textUnits(normalize(string(data)), false)
	}
	return d, nil
}

// finish cleans a document's units and builds the article.
func finish(d *doc) (Article, error) {
	units, byline := clean(d.units)
	title, units := takeTitle(units, d.title)
	if len(units) == 0 {
		return Article{}, ErrEmpty
	}
	a := Article{
		Title:     title,
		URL:       d.url,
		Source:    d.source,
		Byline:    firstOf(d.byline, byline),
		Published: d.published,
		Tags:      d.tags,
		Blocks:    make([]Block, 0, len(units)),
	}
	if a.URL == "" && strings.HasPrefix(d.site, "http") && strings.Contains(d.site, "://") {
		a.URL = d.site
	} else {
		a.Site = d.site
	}
	for _, u := range units {
		b := Block{Kind: u.kind, Text: u.text}
		if u.kind == Heading {
			b.Sentences = []string{u.text}
		} else {
			b.Sentences = SplitSentences(u.text)
		}
		a.Blocks = append(a.Blocks, b)
	}
	a.ID = contentID(&a)
	return a, nil
}
