package corpus

import (
	"bytes"
	"fmt"
	nurl "net/url"
	"strings"
	"unicode/utf8"

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
	// Valid UTF-8 is read as UTF-8: the encoding guess readability makes
	// for a page that does not declare one turns "£" and curly quotes
	// into "Â£" and "â€™" on pages that are mostly ASCII.
	text := data
	if !utf8.Valid(data) {
		text = []byte(decodeText(data))
	}
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return fmt.Errorf("parse html: %w", err)
	}
	h1s := headings1(root)
	faq := structuredFAQ(root)
	asked := questionTitles(root)
	d.published = pageDate(root)
	var art readability.Article
	if utf8.Valid(data) {
		parser := readability.NewParser()
		art, err = parser.ParseAndMutate(root, page)
	} else {
		art, err = readability.FromReader(bytes.NewReader(data), page)
	}
	if err != nil {
		return fmt.Errorf("extract article: %w", err)
	}
	if d.title == "" {
		d.title = headline(stripSiteName(fold(art.Title()), art.SiteName(), d.url), h1s)
	}
	if d.byline == "" {
		d.byline = fold(art.Byline())
	}
	if d.site == "" {
		d.site = fold(art.SiteName())
	}
	if t, err := art.PublishedTime(); err == nil && d.published.IsZero() {
		d.published = t.UTC()
	}
	if art.Node == nil {
		if len(faq) > 0 {
			d.units = mergeStructuredFAQ(nil, faq)
		}
		return nil
	}
	w := htmlWalker{}
	w.walk(art.Node)
	w.flush(Para)
	d.units = w.out
	if lost(asked, d.units) {
		d.units = wholeBody(text, d.units)
	}
	if len(faq) > 0 {
		d.units = mergeStructuredFAQ(d.units, faq)
	}
	return nil
}

// htmlWalker turns a DOM tree into units, gathering inline content into
// the current block and counting how much of it is link text.
type htmlWalker struct {
	out     []unit
	buf     strings.Builder
	linked  int
	inLink  int
	inItem  int
	inTable int
	inDesc  int // inside a <dd> or the body of a <details>
	inQuote int
	inTitle int // inside a heading, <dt> or <summary>
	lists   int // how deep in <ul>/<ol>
	// level and anchor go with the next heading or term flushed.
	level  int
	anchor string
}

func (w *htmlWalker) flush(kind BlockKind) {
	if kind == Para {
		switch {
		case w.inItem > 0:
			kind = Item
		case w.inDesc > 0:
			kind = Desc
		case w.inQuote > 0:
			kind = Quote
		}
	}
	level, anchor := w.level, w.anchor
	w.level, w.anchor = 0, ""
	if kind == Item {
		level = w.lists
	}
	t := fold(normalize(w.buf.String()))
	if t != "" {
		total := len(strings.ReplaceAll(t, " ", ""))
		u := unit{kind: kind, hard: kind != Para || w.inTable > 0, text: strings.Trim(t, "; "), lines: 1, level: level, anchor: anchor}
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
	if skipped[a] && !(a == atom.Button && w.inTitle > 0) {
		return
	}
	switch a {
	case atom.Br:
		w.buf.WriteByte(' ')
		return
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Dt, atom.Summary:
		kind, level := Heading, int(n.Data[1]-'0')
		if a == atom.Dt || a == atom.Summary {
			kind, level = Term, 0
		}
		w.flush(Para)
		w.inTitle++
		w.children(n)
		w.inTitle--
		w.level, w.anchor = level, firstNonEmpty(attr(n, "id"), attr(n.Parent, "id"))
		w.flush(kind)
		return
	case atom.Li:
		w.flush(Para)
		w.inItem++
		w.children(n)
		w.flush(Item)
		w.inItem--
		return
	case atom.Ul, atom.Ol:
		w.flush(Para)
		w.lists++
		w.children(n)
		w.flush(Para)
		w.lists--
		return
	case atom.Dd, atom.Details:
		w.flush(Para)
		w.inDesc++
		w.children(n)
		w.flush(Para)
		w.inDesc--
		return
	case atom.Blockquote:
		w.flush(Para)
		w.inQuote++
		w.children(n)
		w.flush(Para)
		w.inQuote--
		return
	case atom.Pre:
		w.flush(Para)
		if t := codeText(strings.Split(normalize(rawText(n)), "\n")); t != "" {
			w.out = append(w.out, unit{kind: Code, hard: true, text: t, lines: strings.Count(t, "\n") + 1, lang: codeLang(n)})
		}
		return
	case atom.A:
		if attr(n, "href") == "" {
			break // a named anchor, not a link
		}
		w.inLink++
		w.children(n)
		w.inLink--
		return
	case atom.Td, atom.Th:
		if w.buf.Len() > 0 {
			w.buf.WriteString("; ")
		}
		w.children(n)
		return
	case atom.Table:
		// Rows of a table are paragraphs as they are, never headings.
		w.flush(Para)
		w.inTable++
		w.children(n)
		w.flush(Para)
		w.inTable--
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

// stripSiteName removes the name of the site that pages append to their
// <title>: "Headline | Site", "Headline - Site" when Site is the site's
// name or host, "Headline [Site]".
func stripSiteName(title, site, pageURL string) string {
	host := ""
	if u, err := nurl.Parse(pageURL); err == nil {
		host = strings.ToLower(u.Hostname())
	}
	siteKey := strings.ReplaceAll(SentenceKey(site), " ", "")
	if strings.HasSuffix(title, "]") {
		if i := strings.LastIndex(title, " ["); i > 0 && words(title[:i]) >= 3 {
			return strings.TrimSpace(title[:i])
		}
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if words(tail) > 4 || words(head) < 3 {
			continue
		}
		key := strings.ReplaceAll(SentenceKey(tail), " ", "")
		known := key != "" && (siteKey != "" && (strings.Contains(siteKey, key) || strings.Contains(key, siteKey)) ||
			host != "" && strings.Contains(strings.ReplaceAll(host, ".", ""), key))
		if known || sep == " | " {
			return head
		}
	}
	return title
}

// headline prefers the page's <h1> to its <title> when the title only
// wraps the h1 in more words: a section ("Business - Headline"), a label
// ("Transfer news: Headline") or a site name left after stripSiteName. A
// title that differs from every h1, and a page without one, keep title;
// an empty title takes the first h1 of three words or more.
func headline(title string, h1s []string) string {
	key := SentenceKey(title)
	for _, h := range h1s {
		hk := SentenceKey(h)
		if words(h) < 3 || hk == "" {
			continue
		}
		if title == "" || len(hk) < len(key) && 2*len(hk) >= len(key) && strings.Contains(key, hk) {
			return h
		}
	}
	return title
}

// headings1 returns the text of the page's h1 elements outside navigation,
// links (a site's logo) and other skipped elements, in document order.
// When the page marks its article (<article> or <main>), only the h1s
// inside it count: one outside is the site's masthead.
func headings1(root *html.Node) []string {
	var in, out []string
	var find func(n *html.Node, inArticle bool)
	find = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.H1 {
				if h := fold(normalize(textOf(n))); h != "" {
					if inArticle {
						in = append(in, h)
					}
					out = append(out, h)
				}
				return
			}
			if skipped[n.DataAtom] || n.DataAtom == atom.A {
				return
			}
			if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
				inArticle = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c, inArticle)
		}
	}
	find(root, false)
	if hasArticle(root) {
		return in
	}
	return out
}

// hasArticle reports whether the page has an <article> or <main> element.
func hasArticle(n *html.Node) bool {
	if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasArticle(c) {
			return true
		}
	}
	return false
}

// textOf returns the text inside n, with spaces where block elements meet.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && (blocks[n.DataAtom] || n.DataAtom == atom.Br) {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	if n == nil || n.Type != html.ElementNode {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// rawText returns the text inside n as written, line breaks and all.
func rawText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// codeLang returns the language a <pre> or its <code> is marked with
// (class "language-go", "lang-sh", "highlight-python"), or "".
func codeLang(pre *html.Node) string {
	for _, n := range []*html.Node{pre, pre.FirstChild} {
		for _, c := range strings.Fields(attr(n, "class")) {
			for _, p := range []string{"language-", "lang-", "highlight-"} {
				if l, ok := strings.CutPrefix(c, p); ok && l != "" {
					return l
				}
			}
		}
	}
	return ""
}
