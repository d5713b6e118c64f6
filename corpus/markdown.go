package corpus

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mdParser parses CommonMark with the extensions FAQs and docs use:
// definition lists, tables, strikethrough, task lists, and attributes
// after headings ("## Why? {#why}").
var mdParser = goldmark.New(
	goldmark.WithExtensions(extension.DefinitionList, extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithParserOptions(parser.WithAttribute()),
).Parser()

// readMarkdown reads a Markdown file: its front matter into d's metadata,
// its body parsed once into goldmark's tree, which is walked into units.
func readMarkdown(d *doc, s string) error {
	body, err := readFrontMatter(d, s)
	if err != nil {
		return err
	}
	src := []byte(body)
	root := mdParser.Parse(gtext.NewReader(src))
	w := mdWalker{src: src}
	w.block(root, mdContext{})
	d.units = w.out
	return nil
}

// mdContext is where a block sits: how deep in lists, inside a quote or a
// definition's description.
type mdContext struct {
	depth int
	quote bool
	desc  bool
}

// mdWalker turns a goldmark tree into units.
type mdWalker struct {
	src []byte
	out []unit
}

func (w *mdWalker) block(n gast.Node, ctx mdContext) {
	switch n := n.(type) {
	case *gast.Heading:
		t, links := w.inline(n)
		if t != "" {
			w.out = append(w.out, unit{kind: Heading, hard: true, text: t, links: links, lines: 1, level: n.Level, anchor: attrID(n)})
		}
		return
	case *gast.Paragraph, *gast.TextBlock:
		w.paragraph(n, ctx)
		return
	case *gast.FencedCodeBlock:
		w.code(n.Lines(), string(n.Language(w.src)))
		return
	case *gast.CodeBlock:
		w.code(n.Lines(), "")
		return
	case *gast.HTMLBlock:
		w.htmlBlock(n)
		return
	case *gast.ThematicBreak:
		return
	case *gast.Blockquote:
		ctx.quote = true
	case *gast.List:
		ctx.depth++
		num := n.Start
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.listItem(c, ctx, n.IsOrdered(), num)
			num++
		}
		return
	case *east.DefinitionTerm:
		t, links := w.inline(n)
		if t != "" {
			w.out = append(w.out, unit{kind: Term, hard: true, text: t, links: links, lines: 1})
		}
		return
	case *east.DefinitionDescription:
		ctx.desc = true
	case *east.Table:
		w.table(n)
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c, ctx)
	}
}

// listItem walks one list item: its first paragraph is the item, what
// follows it (more paragraphs, code, nested lists) comes after.
func (w *mdWalker) listItem(n gast.Node, ctx mdContext, ordered bool, num int) {
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *gast.Paragraph, *gast.TextBlock:
			if first {
				first = false
				t, links := w.inline(c)
				if t == "" {
					continue
				}
				u := unit{kind: Item, hard: true, text: t, links: links, lines: c.Lines().Len(), level: ctx.depth, enum: ordered}
				if ordered {
					u.num = itoa(num)
				}
				w.out = append(w.out, u)
				continue
			}
		}
		first = false
		w.block(c, ctx)
	}
}

// containerRe is a line that only opens or closes a container or a
// template tag of a site generator: "::: info", ":::", "{{< note >}}",
// "{% raw %}".
var containerRe = regexp.MustCompile(`^(:{3,}.*|\{\{[<%].*[>%]\}\}|\{%.*%\})$`)

// paragraph adds a paragraph: a Para (a Desc or a Quote where it sits in
// one), or a heading and a paragraph when it opens with a bold question
// ("**Can I pay later?** Yes, ...").
func (w *mdWalker) paragraph(n gast.Node, ctx mdContext) {
	kind := Para
	switch {
	case ctx.desc:
		kind = Desc
	case ctx.quote:
		kind = Quote
	}
	lines := n.Lines().Len()
	if lines > 0 {
		if seg := n.Lines().At(0); containerRe.Match(bytes.TrimSpace(seg.Value(w.src))) && lines == 1 {
			return
		}
	}
	if kind == Para {
		if q, rest := boldLead(n); q != nil {
			qt, ql := w.inline(q)
			if qt != "" && (isQuestion(qt) || rest == nil && words(qt) <= 16 && !endsSentence(qt)) {
				w.out = append(w.out, unit{kind: Heading, hard: true, text: qt, links: ql, lines: 1})
				if rest != nil {
					var b inlineText
					for c := rest; c != nil; c = c.NextSibling() {
						w.inlineNode(c, &b, false)
					}
					if t, links := b.result(); t != "" {
						w.out = append(w.out, unit{kind: Para, text: t, links: links, lines: max(1, lines-1)})
					}
				}
				return
			}
		}
	}
	t, links := w.inline(n)
	if t == "" {
		return
	}
	// The parser says what is a heading: a paragraph stays one, however
	// short (a line ending with a link is not a title), but for a lone
	// question line, which cleaning may take for an unmarked heading.
	hard := kind != Para || lines != 1 || !isQuestion(t)
	w.out = append(w.out, unit{kind: kind, hard: hard, text: t, links: links, lines: lines})
}

// boldLead returns the strong emphasis a paragraph opens with and the
// first inline after it (past a line break), or nil when the paragraph
// does not open with one.
func boldLead(n gast.Node) (gast.Node, gast.Node) {
	e, ok := n.FirstChild().(*gast.Emphasis)
	if !ok || e.Level != 2 {
		return nil, nil
	}
	rest := e.NextSibling()
	for rest != nil {
		if t, ok := rest.(*gast.Text); ok && t.Segment.Len() == 0 {
			rest = rest.NextSibling()
			continue
		}
		break
	}
	return e, rest
}

// code adds a code block, its lines kept as they are.
func (w *mdWalker) code(lines *gtext.Segments, lang string) {
	ls := make([]string, 0, lines.Len())
	for i := range lines.Len() {
		seg := lines.At(i)
		ls = append(ls, strings.TrimRight(string(seg.Value(w.src)), "\n"))
	}
	if t := codeText(ls); t != "" {
		w.out = append(w.out, unit{kind: Code, hard: true, text: t, lines: len(ls), lang: fold(lang)})
	}
}

// htmlBlock reads a block of raw HTML in the Markdown (a <details>
// element, a <dl>) through the HTML reader's walker; comments and
// scripts give nothing.
func (w *mdWalker) htmlBlock(n *gast.HTMLBlock) {
	var b strings.Builder
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		b.Write(seg.Value(w.src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(w.src))
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(b.String()), body)
	if err != nil {
		return
	}
	hw := htmlWalker{}
	for _, c := range nodes {
		hw.walk(c)
	}
	hw.flush(Para)
	for _, u := range hw.out {
		if u.kind == Para {
			u.hard = false
		}
		w.out = append(w.out, u)
	}
}

// table adds each row of a table as one paragraph, its cells joined by
// "; ".
func (w *mdWalker) table(n gast.Node) {
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		var linked float64
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			t, l := w.inline(c)
			cells = append(cells, t)
			linked += l
		}
		if r := fold(strings.Join(cells, "; ")); strings.Trim(r, "; ") != "" {
			w.out = append(w.out, unit{kind: Para, hard: true, text: strings.Trim(r, "; "), links: linked / float64(max(1, len(cells))), lines: 1})
		}
	}
}

// inlineText gathers the text of inline nodes and how much of it sits in
// links.
type inlineText struct {
	b      strings.Builder
	linked int
}

func (t *inlineText) result() (string, float64) {
	s := fold(t.b.String())
	total := len(strings.ReplaceAll(s, " ", ""))
	if total == 0 {
		return s, 0
	}
	return s, min(1, float64(t.linked)/float64(total))
}

// inline returns the text of n's inline content, with the share of it in
// links.
func (w *mdWalker) inline(n gast.Node) (string, float64) {
	var b inlineText
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inlineNode(c, &b, false)
	}
	return b.result()
}

func (w *mdWalker) inlineNode(n gast.Node, b *inlineText, inLink bool) {
	write := func(p []byte) {
		b.b.Write(p)
		if inLink {
			b.linked += len(bytes.ReplaceAll(bytes.TrimSpace(p), []byte(" "), nil))
		}
	}
	switch n := n.(type) {
	case *gast.Text:
		write(n.Value(w.src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.b.WriteByte(' ')
		}
		return
	case *gast.String:
		write(n.Value)
		return
	case *gast.AutoLink:
		write(n.Label(w.src))
		return
	case *gast.Image, *east.TaskCheckBox:
		return
	case *gast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			if tag := bytes.ToLower(seg.Value(w.src)); bytes.HasPrefix(tag, []byte("<br")) {
				b.b.WriteByte(' ')
			}
		}
		return
	case *gast.Link:
		inLink = true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inlineNode(c, b, inLink)
	}
}

// attrID returns the id attribute of a node ("{#id}"), or "".
func attrID(n gast.Node) string {
	if v, ok := n.AttributeString("id"); ok {
		switch v := v.(type) {
		case []byte:
			return string(v)
		case string:
			return v
		}
	}
	return ""
}

// codeText returns the lines of a code block as its text: trailing spaces
// and blank lines at both ends dropped, the indentation all lines share
// removed, the rest kept as written.
func codeText(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return ""
	}
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if ind := indentOf(l); common < 0 || ind < common {
			common = ind
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		l = strings.TrimRight(l, " \t\r")
		if len(l) >= common {
			l = l[common:]
		} else {
			l = strings.TrimLeft(l, " ")
		}
		b.WriteString(l)
	}
	return b.String()
}

// itoa formats a small non-negative number.
func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
