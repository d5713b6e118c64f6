package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// readRST reads a reStructuredText file (.rst), as the Python FAQ and
// Sphinx documentation are written: section titles underlined (or over-
// and underlined) with their level in order of first use, paragraphs,
// bullet and enumerated lists, definition lists, literal blocks ("::")
// and code directives as code, block quotes, admonitions with their text,
// and substitutions. Comments, targets, field lists and other directives
// (contents, toctree, images, index entries) are left out.
func readRST(d *doc, s string) error {
	p := rstParser{subs: map[string]string{}}
	lines := strings.Split(s, "\n")
	p.substitutions(lines)
	p.parse(lines, rstContext{})
	// The first title of a document is its title.
	if len(p.out) > 0 && p.out[0].kind == Heading && p.out[0].level == 1 {
		d.title = p.out[0].text
		n := 0
		for _, u := range p.out {
			if u.kind == Heading && u.level == 1 {
				n++
			}
		}
		if n == 1 {
			// As docutils does, the lone top title is the document's and
			// the sections under it move up a level.
			p.out = p.out[1:]
			for i := range p.out {
				if p.out[i].kind == Heading && p.out[i].level > 1 {
					p.out[i].level--
				}
			}
		}
	}
	d.units = p.out
	return nil
}

// rstParser holds what a reST document's parts share: the title styles in
// order of first use, the substitutions and the units read so far.
type rstParser struct {
	out    []unit
	styles []string
	subs   map[string]string
	anchor string
}

// rstContext is where a block sits.
type rstContext struct {
	depth int
	desc  bool
	quote bool
}

var (
	rstSubDefRe  = regexp.MustCompile(`^\.\.\s+\|([^|]+)\|\s+replace::\s*(.*)$`)
	rstTargetRe  = regexp.MustCompile(`^\.\.\s+_([^:]+):\s*$`)
	rstDirective = regexp.MustCompile(`^\.\.\s+([\w:-]+)::\s*(.*)$`)
	rstItemRe    = regexp.MustCompile(`^([-*+•‣]|#\.|\d{1,3}\.|\(?[a-zA-Z#]\)|\(?\d{1,3}\)|[a-zA-Z]\.)(\s+|$)`)
	rstFieldRe   = regexp.MustCompile(`^:[\w][\w .-]*:(\s|$)`)
	rstOptionRe  = regexp.MustCompile(`^:[\w-]+:(\s|$)`)
)

// admonitions are the directives whose content is text of the document,
// with the label they read as.
var admonitions = map[string]string{"note": "Note", "warning": "Warning", "tip": "Tip", "important": "Important",
	"caution": "Caution", "hint": "Hint", "attention": "Attention", "danger": "Danger", "error": "Error",
	"seealso": "See also", "admonition": "", "only": "", "container": "", "topic": "", "sidebar": "",
	"versionadded": "New in version", "versionchanged": "Changed in version", "deprecated": "Deprecated since version",
	"rst-class": ""}

// substitutions collects the "|name| replace:: text" definitions.
func (p *rstParser) substitutions(lines []string) {
	for _, l := range lines {
		if m := rstSubDefRe.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			p.subs[m[1]] = m[2]
		}
	}
}

// isAdornment reports whether t is a title underline or transition: one
// punctuation character repeated, three times or more.
func isAdornment(t string) bool {
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if !strings.ContainsRune("=-`:'\"~^_*+#<>.", rune(c)) {
		return false
	}
	return strings.Count(t, t[:1]) == len(t)
}

// block returns the lines from i on that are indented or blank, up to the
// first unindented line, with their common indentation removed, and the
// index after them.
func indentedBlock(lines []string, i int) ([]string, int) {
	j := i
	for j < len(lines) && (strings.TrimSpace(lines[j]) == "" || indentOf(lines[j]) > 0) {
		j++
	}
	block := lines[i:j]
	for len(block) > 0 && strings.TrimSpace(block[len(block)-1]) == "" {
		block = block[:len(block)-1]
	}
	return dedent(block), j
}

// dedent removes the indentation all non-blank lines share.
func dedent(lines []string) []string {
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if ind := indentOf(l); common < 0 || ind < common {
			common = ind
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			out[i] = l[common:]
		} else {
			out[i] = strings.TrimLeft(l, " ")
		}
	}
	return out
}

// parse reads the blocks of lines (indentation relative to them).
func (p *rstParser) parse(lines []string, ctx rstContext) {
	for i := 0; i < len(lines); {
		line := lines[i]
		t := strings.TrimSpace(line)
		if t == "" {
			i++
			continue
		}
		if indentOf(line) > 0 {
			// A block quote.
			block, next := indentedBlock(lines, i)
			q := ctx
			q.quote = !ctx.desc
			p.parse(block, q)
			i = next
			continue
		}
		// An overlined and underlined title.
		if isAdornment(t) && i+2 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && strings.TrimSpace(lines[i+2]) == t {
			p.title(strings.TrimSpace(lines[i+1]), "o"+t[:1])
			i += 3
			continue
		}
		// An underlined title.
		if i+1 < len(lines) && !isAdornment(t) {
			u := strings.TrimSpace(lines[i+1])
			if indentOf(lines[i+1]) == 0 && isAdornment(u) && utf8.RuneCountInString(u) >= min(utf8.RuneCountInString(t), 4) {
				p.title(t, "u"+u[:1])
				i += 2
				continue
			}
		}
		if isAdornment(t) {
			i++ // a transition
			continue
		}
		if strings.HasPrefix(t, "..") && (len(t) == 2 || t[2] == ' ') {
			i = p.explicit(lines, i, ctx)
			continue
		}
		if rstFieldRe.MatchString(t) {
			_, i = indentedBlock(lines, i+1)
			continue
		}
		if strings.HasPrefix(t, ">>>") {
			j := i
			for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
				j++
			}
			p.push(unit{kind: Code, hard: true, text: codeText(lines[i:j]), lines: j - i, lang: "python"})
			i = j
			continue
		}
		if strings.HasPrefix(t, "+-") || strings.HasPrefix(t, "+=") {
			i = p.gridTable(lines, i)
			continue
		}
		if m := rstItemRe.FindStringSubmatchIndex(t); m != nil && (m[3] < len(t) || i+1 < len(lines) && indentOf(lines[i+1]) > 0) {
			i = p.item(lines, i, m[3], t[:m[3]], ctx)
			continue
		}
		// A definition list entry: a line with an indented line right under it.
		if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" && indentOf(lines[i+1]) > 0 {
			term := t
			if k := strings.Index(term, " : "); k > 0 {
				term = term[:k] // " : classifier"
			}
			p.push(unit{kind: Term, hard: true, text: p.inline(term), lines: 1})
			block, next := indentedBlock(lines, i+1)
			dc := ctx
			dc.desc, dc.quote = true, false
			p.parse(block, dc)
			i = next
			continue
		}
		i = p.paragraph(lines, i, ctx)
	}
}

// title adds a section title; its level is the rank of its style among
// the styles in order of first use.
func (p *rstParser) title(text, style string) {
	level := 0
	for k, s := range p.styles {
		if s == style {
			level = k + 1
		}
	}
	if level == 0 {
		p.styles = append(p.styles, style)
		level = len(p.styles)
	}
	p.push(unit{kind: Heading, hard: true, text: p.inline(text), lines: 1, level: level})
}

// push adds u, with the anchor waiting for a heading or term.
func (p *rstParser) push(u unit) {
	if u.kind.Titles() && p.anchor != "" {
		u.anchor, p.anchor = p.anchor, ""
	}
	if strings.TrimSpace(u.text) != "" {
		p.out = append(p.out, u)
	}
}

// explicit reads an explicit markup block ("..") at line i: a target
// gives the next title its anchor, a code directive is code, an
// admonition's content is read as text; comments, substitution
// definitions and other directives are skipped. It returns the index
// after the block.
func (p *rstParser) explicit(lines []string, i int, ctx rstContext) int {
	t := strings.TrimSpace(lines[i])
	block, next := indentedBlock(lines, i+1)
	if m := rstTargetRe.FindStringSubmatch(t); m != nil {
		p.anchor = strings.TrimSpace(m[1])
		return next
	}
	m := rstDirective.FindStringSubmatch(t)
	if m == nil {
		return next // a comment, a footnote, a hyperlink target
	}
	name, arg := strings.ToLower(m[1]), strings.TrimSpace(m[2])
	// Options first, then the content after a blank line.
	k := 0
	for k < len(block) && rstOptionRe.MatchString(strings.TrimSpace(block[k])) {
		k++
	}
	content := block[k:]
	switch name {
	case "code-block", "code", "sourcecode", "code:block", "literalinclude":
		if name != "literalinclude" {
			p.push(unit{kind: Code, hard: true, text: codeText(content), lines: len(content), lang: fold(arg)})
		}
	case "rubric":
		p.push(unit{kind: Heading, hard: true, text: p.inline(arg), lines: 1})
	default:
		label, ok := admonitions[name]
		if !ok {
			return next
		}
		n := len(p.out)
		if name == "admonition" || name == "topic" || name == "sidebar" {
			p.push(unit{kind: Heading, hard: true, text: p.inline(arg), lines: 1})
			n = len(p.out)
		} else if arg != "" && name != "only" && name != "rst-class" && name != "container" {
			content = append([]string{arg, ""}, content...)
		}
		p.parse(content, ctx)
		if label != "" && n < len(p.out) && p.out[n].kind != Code {
			sep := ": "
			if strings.HasPrefix(label, "New") || strings.HasPrefix(label, "Changed") || strings.HasPrefix(label, "Deprecated") {
				sep = " "
			}
			p.out[n].text = label + sep + p.out[n].text
		}
	}
	return next
}

// item reads a list item at line i, whose text starts at column col; its
// wrapped lines and the blocks indented under it follow.
func (p *rstParser) item(lines []string, i, col int, marker string, ctx rstContext) int {
	first := strings.TrimSpace(lines[i][col:])
	text := []string{first}
	j := i + 1
	for j < len(lines) && strings.TrimSpace(lines[j]) != "" && indentOf(lines[j]) > 0 {
		text = append(text, strings.TrimSpace(lines[j]))
		j++
	}
	literal := false
	joined := strings.Join(text, " ")
	joined, literal = literalMark(joined)
	marker = strings.TrimSpace(marker)
	enum := !strings.ContainsAny(marker, "-*+•‣")
	u := unit{kind: Item, hard: true, text: p.inline(joined), lines: len(text), level: ctx.depth + 1, enum: enum}
	if enum {
		u.num = strings.Trim(marker, "().")
	}
	p.push(u)
	// Blocks under the item: more paragraphs, nested lists, code.
	if j < len(lines) && strings.TrimSpace(lines[j]) == "" {
		k := j
		for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
			k++
		}
		if k < len(lines) && indentOf(lines[k]) > 0 {
			block, next := indentedBlock(lines, k)
			if literal {
				p.push(unit{kind: Code, hard: true, text: codeText(block), lines: len(block)})
			} else {
				sub := ctx
				sub.depth++
				sub.quote = false
				p.parse(block, sub)
			}
			return next
		}
	}
	return j
}

// literalMark strips the "::" that announces a literal block from the end
// of a paragraph and reports whether it was there.
func literalMark(t string) (string, bool) {
	switch {
	case t == "::":
		return "", true
	case strings.HasSuffix(t, " ::"):
		return strings.TrimSuffix(t, " ::"), true
	case strings.HasSuffix(t, "::"):
		return strings.TrimSuffix(t, ":"), true
	}
	return t, false
}

// paragraph reads a paragraph at line i and, when it ends with "::", the
// literal block after it. It returns the index after them.
func (p *rstParser) paragraph(lines []string, i int, ctx rstContext) int {
	j := i
	var text []string
	for j < len(lines) && strings.TrimSpace(lines[j]) != "" && (j == i || indentOf(lines[j]) == 0) {
		text = append(text, strings.TrimSpace(lines[j]))
		j++
	}
	joined, literal := literalMark(strings.Join(text, " "))
	if strings.HasPrefix(joined, "| ") {
		joined = strings.ReplaceAll(strings.Join(text, " "), "| ", "") // a line block
	}
	kind := Para
	switch {
	case ctx.desc:
		kind = Desc
	case ctx.quote:
		kind = Quote
	}
	p.push(unit{kind: kind, hard: true, text: p.inline(joined), lines: len(text)})
	if !literal {
		return j
	}
	k := j
	for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
		k++
	}
	if k < len(lines) && indentOf(lines[k]) > 0 {
		block, next := indentedBlock(lines, k)
		p.push(unit{kind: Code, hard: true, text: codeText(block), lines: len(block)})
		return next
	}
	return j
}

// gridTable reads a grid table: each row's cells become one paragraph.
func (p *rstParser) gridTable(lines []string, i int) int {
	var cells []string
	flush := func() {
		if r := strings.Trim(fold(strings.Join(cells, "; ")), "; "); r != "" {
			p.push(unit{kind: Para, hard: true, text: p.inline(r), lines: 1})
		}
		cells = cells[:0]
	}
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case strings.HasPrefix(t, "+"):
			flush()
		case strings.HasPrefix(t, "|"):
			for k, c := range strings.Split(strings.Trim(t, "|"), "|") {
				c = strings.TrimSpace(c)
				if k < len(cells) {
					cells[k] = strings.TrimSpace(cells[k] + " " + c)
				} else {
					cells = append(cells, c)
				}
			}
		default:
			flush()
			return i
		}
	}
	flush()
	return i
}
