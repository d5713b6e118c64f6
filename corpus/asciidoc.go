package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// readAsciiDoc reads an AsciiDoc file (.adoc, .asciidoc): the document
// title ("= Title") and attributes of its header, section titles with
// their level, "term::" definition lists (the form FAQs such as Git's
// take: "Question?::" then the answer), "[[anchors]]", list items, "+"
// list continuations, listing and literal blocks kept as code, quote
// blocks, admonitions and tables. Comments, block attributes, block
// titles and macros such as images and includes are left out.
func readAsciiDoc(d *doc, s string) error {
	p := adocParser{attrs: map[string]string{}}
	p.lines = strings.Split(s, "\n")
	p.header(d)
	p.blocks(len(p.lines), false)
	d.units = p.out
	return nil
}

// adocParser walks the lines of an AsciiDoc document.
type adocParser struct {
	lines  []string
	i      int
	out    []unit
	attrs  map[string]string
	anchor string // an anchor waiting for the next block
	style  string // a block attribute line waiting ("source", "NOTE", "quote")
	lang   string // the language of a waiting "[source,go]"
	inDesc bool   // blocks attached with "+" go to a definition's description
}

var (
	adocTitleRe    = regexp.MustCompile(`^(={1,6}|#{1,6})\s+(\S.*?)\s*(?:=*|#*)$`)
	adocAttrRe     = regexp.MustCompile(`^:(!?[\w-]+!?):\s*(.*)$`)
	adocAnchorRe   = regexp.MustCompile(`^\[\[([\w:.-]+)(?:,[^\]]*)?\]\]$`)
	adocIDRe       = regexp.MustCompile(`^\[#([\w:.-]+)[^\]]*\]$`)
	adocBlockAttr  = regexp.MustCompile(`^\[[^\[\]]*\]$`)
	adocDlistRe    = regexp.MustCompile(`^(\S.*?)(:{2,4}|;;)(?:\s+(.*))?$`)
	adocItemRe     = regexp.MustCompile(`^\s*(\*{1,5}|-|\.{1,5}|\d{1,3}\.|[a-z]\.)\s+(\S.*)$`)
	adocMacroRe    = regexp.MustCompile(`^(image|include|toc|video|audio|ifdef|ifndef|ifeval|endif)::.*\]$`)
	adocAdmonRe    = regexp.MustCompile(`^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+(.*)$`)
	adocInlineAnch = regexp.MustCompile(`^\[\[([\w:.-]+)(?:,[^\]]*)?\]\]\s*`)
)

// header reads the document title, author and revision lines and the
// attribute entries that follow the title.
func (p *adocParser) header(d *doc) {
	for p.i < len(p.lines) {
		t := strings.TrimSpace(p.lines[p.i])
		if t == "" || strings.HasPrefix(t, "//") && !strings.HasPrefix(t, "////") {
			p.i++
			continue
		}
		break
	}
	setext := p.i+1 < len(p.lines) && setextLevel(p.lines[p.i], p.lines[p.i+1]) == 0
	if p.i < len(p.lines) && (strings.HasPrefix(p.lines[p.i], "= ") || setext) {
		if setext {
			d.title = p.inline(strings.TrimSpace(p.lines[p.i]))
			p.i += 2
		} else {
			d.title = p.inline(strings.TrimSpace(p.lines[p.i][2:]))
			p.i++
		}
		// Author and revision lines, then attribute entries, up to a blank line.
		for n := 0; p.i < len(p.lines) && strings.TrimSpace(p.lines[p.i]) != ""; p.i++ {
			if m := adocAttrRe.FindStringSubmatch(p.lines[p.i]); m != nil {
				p.attrs[m[1]] = m[2]
				continue
			}
			if n++; n == 1 && !strings.HasPrefix(p.lines[p.i], "//") {
				d.byline = strings.TrimSpace(strings.Split(p.lines[p.i], "<")[0])
			}
		}
	}
}

// delimiter returns the kind of delimited block a line opens ("----",
// "....", "____", "====", "****", "++++", "|===", "--", "////"), or "".
func adocDelimiter(t string) string {
	if t == "--" || strings.HasPrefix(t, "|===") && strings.Trim(t, "|=") == "" {
		return t
	}
	if len(t) >= 4 && strings.Count(t, t[:1]) == len(t) && strings.Contains("-._=*+/", t[:1]) {
		return t
	}
	return ""
}

// blocks reads blocks up to line end (exclusive); quote marks them as
// quotation.
func (p *adocParser) blocks(end int, quote bool) {
	for p.i < end {
		line := p.lines[p.i]
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			p.i++
			continue
		case t == "+":
			// A list continuation: the next block belongs to the item above.
			p.i++
			continue
		case strings.HasPrefix(t, "//") && adocDelimiter(t) == "":
			p.i++
			continue
		case adocAnchorRe.MatchString(t):
			p.anchor = adocAnchorRe.FindStringSubmatch(t)[1]
			p.i++
			continue
		case adocIDRe.MatchString(t):
			p.anchor = adocIDRe.FindStringSubmatch(t)[1]
			p.i++
			continue
		case adocBlockAttr.MatchString(t) && !strings.HasPrefix(t, "[["):
			p.setStyle(t)
			p.i++
			continue
		case adocAttrRe.MatchString(line):
			m := adocAttrRe.FindStringSubmatch(line)
			p.attrs[m[1]] = m[2]
			p.i++
			continue
		case adocMacroRe.MatchString(t):
			p.i++
			continue
		case len(t) > 1 && t[0] == '.' && t[1] != '.' && t[1] != ' ':
			p.i++ // a block title
			continue
		}
		if n, text, level := p.twoLineTitle(end); n > 0 {
			p.push(unit{kind: Heading, hard: true, text: p.inline(text), lines: n - 1, level: max(1, level)})
			p.inDesc = false
			p.i += n
			continue
		}
		if delim := adocDelimiter(t); delim != "" {
			p.delimited(delim, end)
			continue
		}
		if m := adocTitleRe.FindStringSubmatch(line); m != nil && !p.attached() {
			p.push(unit{kind: Heading, hard: true, text: p.inline(m[2]), lines: 1, level: max(1, len(m[1])-1)})
			p.inDesc = false
			p.i++
			continue
		}
		if m := adocItemRe.FindStringSubmatch(line); m != nil {
			p.item(m, end)
			continue
		}
		if m := adocDlistRe.FindStringSubmatch(line); m != nil && !strings.HasPrefix(t, ":") && !strings.Contains(m[1], "://") {
			p.term(m, end)
			continue
		}
		p.paragraph(end, quote)
	}
}

// attached reports whether the block at the current line was attached to
// a list item or description with "+".
func (p *adocParser) attached() bool {
	for j := p.i - 1; j >= 0; j-- {
		t := strings.TrimSpace(p.lines[j])
		if t == "" {
			return false
		}
		if t == "+" {
			return true
		}
		if !adocBlockAttr.MatchString(t) {
			return false
		}
	}
	return false
}

// push adds u, with the anchor waiting for it.
func (p *adocParser) push(u unit) {
	if u.kind.Titles() && p.anchor != "" {
		u.anchor = p.anchor
	}
	p.anchor, p.style, p.lang = "", "", ""
	if u.text != "" {
		p.out = append(p.out, u)
	}
}

// delimited reads a delimited block: listing and literal blocks are code,
// quote blocks quotation, comment and passthrough blocks nothing, tables
// rows; the content of the others is read as blocks.
func (p *adocParser) delimited(delim string, end int) {
	start := p.i + 1
	stop := start
	for stop < end && strings.TrimSpace(p.lines[stop]) != delim {
		stop++
	}
	inner := p.lines[start:stop]
	style, lang := p.style, p.lang
	p.style = ""
	switch {
	case delim[0] == '-' && delim != "--" || delim[0] == '.':
		p.push(unit{kind: Code, hard: true, text: codeText(inner), lines: len(inner), lang: lang})
	case delim[0] == '/':
	case delim[0] == '+':
		for _, u := range htmlFragmentUnits(strings.Join(inner, "\n")) {
			p.push(u)
		}
	case delim[0] == '|':
		for _, row := range inner {
			if r := strings.Trim(fold(strings.ReplaceAll(row, "|", "; ")), "; "); r != "" {
				p.push(unit{kind: Para, hard: true, text: p.inline(r), lines: 1})
			}
		}
	default:
		if style == "source" || style == "listing" || style == "literal" {
			p.push(unit{kind: Code, hard: true, text: codeText(inner), lines: len(inner), lang: lang})
			break
		}
		quote := delim[0] == '_' || style == "quote" || style == "verse"
		save := p.i
		p.i = start
		p.blocks(stop, quote)
		p.i = save
	}
	p.i = min(stop+1, end)
}

// setStyle reads a block attribute line: "[source,go]" sets the style
// "source" and the language "go", "[NOTE]" the style "note".
func (p *adocParser) setStyle(t string) {
	parts := strings.Split(strings.Trim(t, "[]"), ",")
	p.style = strings.ToLower(strings.Trim(parts[0], " #.%"))
	p.lang = ""
	if (p.style == "source" || p.style == "listing") && len(parts) > 1 && !strings.Contains(parts[1], "=") {
		p.lang = strings.TrimSpace(parts[1])
	}
}

// item reads a list item and the lines that wrap it.
func (p *adocParser) item(m []string, end int) {
	marker := m[1]
	level := len(marker)
	enum := marker[0] == '.' || marker[len(marker)-1] == '.'
	if marker == "-" {
		level = 1
	}
	text := []string{m[2]}
	p.i++
	for p.i < end {
		t := strings.TrimSpace(p.lines[p.i])
		if t == "" || t == "+" || adocItemRe.MatchString(p.lines[p.i]) || adocDelimiter(t) != "" || adocDlistRe.MatchString(t) && !strings.Contains(t, "://") {
			break
		}
		text = append(text, t)
		p.i++
	}
	u := unit{kind: Item, hard: true, text: p.inline(strings.Join(text, " ")), lines: len(text), level: level, enum: enum}
	if enum && marker[0] != '.' {
		u.num = strings.TrimSuffix(marker, ".")
	}
	p.push(u)
}

// term reads a definition list entry: the term, then its description:
// the text after "::" or the paragraph under it (indented or not), and
// the blocks attached to it with "+".
func (p *adocParser) term(m []string, end int) {
	term := m[1]
	if a := adocInlineAnch.FindStringSubmatch(term); a != nil {
		p.anchor = a[1]
		term = term[len(a[0]):]
	}
	level := len(m[2]) - 1
	p.push(unit{kind: Term, hard: true, text: p.inline(term), lines: 1, level: level})
	p.inDesc = true
	p.i++
	var text []string
	if strings.TrimSpace(m[3]) != "" {
		text = append(text, strings.TrimSpace(m[3]))
	} else {
		// The description may start after blank lines.
		for p.i < end && strings.TrimSpace(p.lines[p.i]) == "" {
			p.i++
		}
	}
	for p.i < end {
		t := strings.TrimSpace(p.lines[p.i])
		if t == "" || t == "+" || adocDelimiter(t) != "" || adocItemRe.MatchString(p.lines[p.i]) || adocDlistRe.MatchString(t) && !strings.HasPrefix(t, ":") {
			break
		}
		text = append(text, t)
		p.i++
	}
	if len(text) > 0 {
		p.push(unit{kind: Desc, hard: true, text: p.inline(strings.Join(text, " ")), lines: len(text)})
	}
	// Blocks attached with "+" continue the description.
	for p.i < end && strings.TrimSpace(p.lines[p.i]) == "+" {
		p.i++
		p.attachedBlock(end)
	}
	p.inDesc = false
}

// attachedBlock reads one block attached to a description with "+".
func (p *adocParser) attachedBlock(end int) {
	for p.i < end && adocBlockAttr.MatchString(strings.TrimSpace(p.lines[p.i])) {
		p.setStyle(strings.TrimSpace(p.lines[p.i]))
		p.i++
	}
	if p.i >= end {
		return
	}
	t := strings.TrimSpace(p.lines[p.i])
	if delim := adocDelimiter(t); delim != "" {
		n := len(p.out)
		p.delimited(delim, end)
		for j := n; j < len(p.out); j++ {
			if p.out[j].kind == Para {
				p.out[j].kind = Desc
			}
		}
		return
	}
	if m := adocItemRe.FindStringSubmatch(p.lines[p.i]); m != nil {
		p.item(m, end)
		return
	}
	p.paragraph(end, false)
}

// paragraph reads lines up to a blank line or a block delimiter. An
// indented paragraph is a literal block (code); an admonition ("NOTE:
// ...") keeps its label as the first word.
func (p *adocParser) paragraph(end int, quote bool) {
	first := p.lines[p.i]
	literal := indentOf(first) > 0 && !p.inDesc
	var text []string
	for p.i < end {
		line := p.lines[p.i]
		t := strings.TrimSpace(line)
		if t == "" || t == "+" || len(text) > 0 && (adocDelimiter(t) != "" || adocBlockAttr.MatchString(t) || adocItemRe.MatchString(line) && !literal) {
			break
		}
		if literal {
			text = append(text, line)
		} else {
			text = append(text, t)
		}
		p.i++
	}
	if len(text) == 0 {
		p.i++
		return
	}
	if literal || p.style == "source" || p.style == "listing" || p.style == "literal" {
		p.push(unit{kind: Code, hard: true, text: codeText(text), lines: len(text), lang: p.lang})
		return
	}
	kind := Para
	switch {
	case p.inDesc:
		kind = Desc
	case quote || p.style == "quote" || p.style == "verse":
		kind = Quote
	}
	joined := strings.Join(text, " ")
	if m := adocAdmonRe.FindStringSubmatch(joined); m != nil {
		joined = strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:]) + ": " + m[2]
	} else if label := strings.ToUpper(p.style); label == "NOTE" || label == "TIP" || label == "IMPORTANT" || label == "WARNING" || label == "CAUTION" {
		joined = label[:1] + strings.ToLower(label[1:]) + ": " + joined
	}
	p.push(unit{kind: kind, hard: true, text: p.inline(joined), lines: len(text)})
}

// setextChars are the underline characters of AsciiDoc's two-line
// section titles, by level.
const setextChars = "=-~^+"

// setextLevel returns the level of the two-line title that line and its
// underline make ("Title" over "-----", the underline as long as the
// title give or take two characters), or -1 when they make none.
func setextLevel(line, under string) int {
	t, u := strings.TrimSpace(line), strings.TrimRight(under, " ")
	if t == "" || len(u) < 2 || indentOf(line) > 0 || adocDelimiter(t) != "" || strings.HasPrefix(t, "//") {
		return -1
	}
	level := strings.IndexByte(setextChars, u[0])
	if level < 0 || strings.Count(u, u[:1]) != len(u) {
		return -1
	}
	if n, m := utf8.RuneCountInString(t), len(u); m < n-2 || m > n+2 {
		return -1
	}
	return level
}

// twoLineTitle reads a two-line section title at the current line: a
// title over its underline, or a title wrapped over two lines whose
// underline is as long as both (as converters write long titles). It
// returns how many lines it takes (0 for none), its text and level.
func (p *adocParser) twoLineTitle(end int) (int, string, int) {
	i := p.i
	if i+1 < end {
		if l := setextLevel(p.lines[i], p.lines[i+1]); l >= 0 {
			return 2, strings.TrimSpace(p.lines[i]), l
		}
	}
	if i+2 < end && strings.TrimSpace(p.lines[i+1]) != "" && indentOf(p.lines[i+1]) == 0 {
		joined := strings.TrimSpace(p.lines[i]) + " " + strings.TrimSpace(p.lines[i+1])
		if l := setextLevel(joined, p.lines[i+2]); l >= 0 && len(strings.TrimSpace(p.lines[i+2])) >= 4 {
			return 3, joined, l
		}
	}
	return 0, "", 0
}
