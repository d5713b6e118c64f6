package corpus

import (
	"bytes"
	"fmt"
	nurl "net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlDoc extracts the readable article of an HTML page into d: title,
// byline, publication date and the body as units with their kinds taken
// from the markup (h1-h6 headings, li items, p and other blocks paragraphs).
// Figures, captions, scripts, forms and navigation are left out.
func htmlDoc(d *doc, data []byte) error {
	var page *nurl.URL
	if d.url != "" {
		page, _ = nurl.Parse(d.url)
	}
	art, err := readability.FromReader(bytes.NewReader(data), page)
	if err != nil {
		return fmt.Errorf("extract article: %w", err)
	}
	if d.title == "" {
		d.title = art.Title()
	}
	if d.byline == "" {
		d.byline = fold(art.Byline())
	}
	if d.site == "" {
		d.site = fold(art.SiteName())
	}
	if t, err := art.PublishedTime(); err == nil {
		d.published = t.UTC()
	}
	if art.Node == nil {
		return nil
	}
	w := htmlWalker{}
	w.walk(art.Node)
	w.flush(Para)
	d.units = w.out
	return nil
}

// htmlWalker turns a DOM tree into units, gathering inline content into
// the current block and counting how much of it is link text.
type htmlWalker struct {
	out    []unit
	buf    strings.Builder
	linked int
	inLink int
	inItem int
}

func (w *htmlWalker) flush(kind BlockKind) {
	if kind == Para && w.inItem > 0 {
		kind = Item
	}
	t := fold(normalize(w.buf.String()))
	if t != "" {
		total := len(strings.ReplaceAll(t, " ", ""))
		u := unit{kind: kind, hard: kind != Para, text: t, lines: 1}
		if total > 0 {
			u.links = float64(w.linked) / float64(total)
			if u.links > 1 {
				u.links = 1
			}
		}
		w.out = append(w.out, u)
	}
	w.buf.Reset()
	w.linked = 0
}

// skipped elements carry no article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Figure: true,
	atom.Figcaption: true, atom.Img: true, atom.Picture: true, atom.Svg: true,
	atom.Nav: true, atom.Form: true, atom.Button: true, atom.Input: true,
	atom.Select: true, atom.Textarea: true, atom.Iframe: true, atom.Video: true,
	atom.Audio: true, atom.Aside: true, atom.Footer: true, atom.Template: true,
	atom.Head: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
}

// blocks are elements that end the current paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Header: true, atom.Blockquote: true, atom.Pre: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tr: true, atom.Hr: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Center: true, atom.Body: true,
	atom.Html: true, atom.Tbody: true, atom.Thead: true,
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		if w.inLink > 0 {
			w.linked += len(strings.Join(strings.Fields(n.Data), ""))
		}
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		return
	}
	a := n.DataAtom
	if skipped[a] {
		return
	}
	switch a {
	case atom.Br:
		w.buf.WriteByte(' ')
		return
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Dt:
		kind := Heading
		if a == atom.Li {
			kind = Item
		}
		w.flush(Para)
		if kind == Item {
			w.inItem++
		}
		w.children(n)
		w.flush(kind)
		if kind == Item {
			w.inItem--
		}
		return
	case atom.A:
		w.inLink++
		w.children(n)
		w.inLink--
		return
	case atom.Td, atom.Th:
		w.children(n)
		w.buf.WriteString(" ")
		return
	}
	if blocks[a] {
		w.flush(Para)
		w.children(n)
		w.flush(Para)
		return
	}
	w.children(n)
}

func (w *htmlWalker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}
