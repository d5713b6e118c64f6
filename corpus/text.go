package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unit is one paragraph, heading or list item on its way through cleaning.
type unit struct {
	kind   BlockKind
	hard   bool    // kind given by markup (Markdown, HTML), not guessed
	text   string  // one line, whitespace folded
	links  float64 // share of the text inside links (HTML only)
	lines  int     // how many source lines were joined into it
	enum   bool    // a numbered list item ("1.", "b)")
	num    string  // the number of a numbered item, without its marks
	level  int     // a heading's level or an item's depth, 0 when unknown
	indent int     // the indentation of its first line (plain text)
	// anchor is the id the markup gives a heading or term.
	anchor string
	// lang is a code block's language, when marked.
	lang string
}

// verbatim reports whether u's text is kept as written (a code block):
// not folded, never boilerplate, never a repeat.
func (u *unit) verbatim() bool { return u.kind == Code }

// normalize makes text uniform: valid UTF-8, "\n" line ends, no-break and
// other odd spaces turned into spaces, invisible format characters and
// control characters removed, tabs expanded.
func normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		// Copy a run of plain ASCII at once.
		j := i
		for j < len(s) && (s[j] >= 0x20 && s[j] < 0x7f || s[j] == '\n') {
			j++
		}
		b.WriteString(s[i:j])
		if j == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		i = j + size
		switch {
		case r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString("    ")
		case r == '\n':
			b.WriteByte('\n')
		case r == '\uFEFF' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\u00AD':
			// zero-width and soft hyphen: drop
		case r == '\uFFFD':
			// undecodable byte: drop
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// drop
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold collapses runs of whitespace into one space and trims the ends.
func fold(s string) string {
	if isFolded(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isFolded reports whether s is already folded: single ASCII spaces
// between words and none at the ends.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && s[i+1] == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

var (
	// bulletRe matches a bullet glyph or an ASCII bullet followed by a space.
	bulletRe = regexp.MustCompile(`^([•·●▪◦‣∙○■□➢➤►▶✓✔-]|[*+–—])\s+`)
	// enumRe matches "1." "2)" "(3)" "a)" at the start of a list item. A
	// multi-level number ("1.2.") is a section number, handled as a heading.
	// "Q1." "Q 12:" "Question 3)" number the questions of an FAQ.
	enumRe = regexp.MustCompile(`^(\(?\d{1,3}\)|\d{1,3}\.|\(?[a-z]\)|(?i:q(?:uestion)?\s?\d{1,3}[.:)]))\s+`)
	// multiLevelRe matches a multi-level section number before a title.
	multiLevelRe = regexp.MustCompile(`^\d{1,3}(\.\d{1,3})+(\.\s+["“'‘(\p{L}]|\s+["“'‘(\p{Lu}])`)
	// ruleRe matches a horizontal rule or heading underline.
	ruleRe = regexp.MustCompile(`^([-=_*~#+]\s*){3,}$`)
)

// itemMarker returns the length of the list marker at the start of t, or 0.
func itemMarker(t string) int {
	if m := bulletRe.FindStringIndex(t); m != nil {
		// "-- " and "—" alone used as a dash opening a quote attribution
		// are still items here; the caller checks there is text after.
		if len(t) > m[1] {
			return m[1]
		}
	}
	if m := enumRe.FindStringIndex(t); m != nil && len(t) > m[1] {
		return m[1]
	}
	return 0
}

func indentOf(line string) int {
	return len(line) - len(strings.TrimLeft(line, " "))
}

// isWrapped reports whether a plain text was hard-wrapped at a fixed width
// (FAQs, mail), as opposed to one paragraph per line (text copied from web
// pages). Wrapped text has almost no long lines, and many of its lines
// break mid-sentence: the line does not end a sentence and the next one
// goes on in lower case.
func isWrapped(lines []string) bool {
	n, long, pairs, cont := 0, 0, 0, 0
	prev := ""
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			prev = ""
			continue
		}
		n++
		if utf8.RuneCountInString(l) > 100 {
			long++
		}
		if prev != "" && itemMarker(t) == 0 {
			pairs++
			r, _ := utf8.DecodeRuneInString(t)
			last, _ := utf8.DecodeLastRuneInString(prev)
			if len(prev) >= 40 && (unicode.IsLower(r) || unicode.IsDigit(r) || r == '(') && !strings.ContainsRune(".!?:;\"”’", last) {
				cont++
			}
		}
		prev = t
	}
	if n < 2 || long*20 > n {
		return false
	}
	return cont >= 1 && cont*4 >= pairs || cont >= 5 && cont*10 >= pairs
}

// textUnits splits a plain text (or the body of a Markdown file, with md
// set) into units. Paragraphs are separated by blank lines; in wrapped
// text (always in Markdown) consecutive lines are joined, otherwise every
// line is its own paragraph. Bullet and numbered lines start list items,
// which may wrap over more deeply indented lines (in Markdown, over any
// line up to the next blank one). In wrapped text, a numbered question
// ends at its question mark when the next line starts anew (the answer
// run straight under it), and a block indented deeper than the paragraph
// before it that introduces it (":") or looks like code is a code block.
func textUnits(s string, md bool) []unit {
	lines := strings.Split(s, "\n")
	wrapped := md || isWrapped(lines)
	glued := !md && answersGlued(lines)
	var out []unit
	var cur *unit
	curIndent := 0
	flush := func() {
		if cur != nil {
			cur.text = fold(cur.text)
			if cur.text != "" {
				out = append(out, *cur)
			}
			cur = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "-- " || line == "--" {
			break // a mail signature follows
		}
		t := strings.TrimSpace(line)
		if t == "" {
			flush()
			continue
		}
		if ruleRe.MatchString(t) {
			// An underline turns the single line above it into a heading.
			if cur != nil && cur.lines == 1 && cur.kind == Para && len(t) >= 3 {
				cur.kind, cur.hard = Heading, true
			}
			flush()
			continue
		}
		ind := indentOf(line)
		if cur == nil && wrapped && !md && len(out) > 0 {
			if n := codeBlockAt(lines, i, out[len(out)-1]); n > 0 {
				code := codeText(lines[i : i+n])
				out = append(out, unit{kind: Code, hard: true, text: code, lines: n, indent: ind})
				i += n - 1
				continue
			}
		}
		if m := itemMarker(t); m > 0 && !multiLevelRe.MatchString(t) {
			flush()
			cur = &unit{kind: Item, text: t[m:], lines: 1, enum: enumRe.MatchString(t), indent: ind}
			if cur.enum {
				cur.num = strings.Trim(t[:m], "(). :QqUuESTIONestion")
			}
			curIndent = ind
			continue
		}
		if cur != nil && wrapped {
			if cur.kind == Item && ind <= curIndent && !md {
				// Back at or left of the bullet: the list item ended.
				flush()
			} else if multiLevelRe.MatchString(t) {
				// A section number ("2.1. What is ...") starts anew.
				flush()
			} else if glued && runsIntoAnswer(cur, t) {
				// A numbered question, and its answer on the next line.
				flush()
			} else {
				cur.text = joinLines(cur.text, t)
				cur.lines++
				continue
			}
		} else if cur != nil && cur.kind == Item && ind > curIndent {
			// Even in unwrapped text, an indented line under a bullet
			// goes on with the item.
			cur.text = joinLines(cur.text, t)
			cur.lines++
			continue
		}
		flush()
		cur = &unit{kind: Para, text: t, lines: 1, indent: ind}
		curIndent = ind
	}
	flush()
	return out
}

// answersGlued reports whether the numbered questions of a text run
// straight into their answers: more of the lines that start with a number
// and end with a question mark are followed by a line of text (not
// another numbered line) than by a blank line.
func answersGlued(lines []string) bool {
	glued, apart := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if !isQuestion(t) || !enumRe.MatchString(t) && !multiLevelRe.MatchString(t) {
			continue
		}
		next := strings.TrimSpace(lines[i+1])
		switch {
		case next == "":
			apart++
		case itemMarker(next) == 0 && !multiLevelRe.MatchString(next):
			glued++
		}
	}
	return glued > apart
}

// runsIntoAnswer reports whether line t, under the numbered question cur,
// starts its answer: cur is numbered ("3.", "Q3:", "1.2.") and ends with a
// question mark, and t starts like a sentence.
func runsIntoAnswer(cur *unit, t string) bool {
	if !(cur.kind == Item && cur.enum || cur.kind == Para && multiLevelRe.MatchString(cur.text)) || !isQuestion(cur.text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isOpenQuote(r)
}

// codeBlockAt returns how many lines from i on form a code block in
// wrapped text, or 0: lines indented at least four columns deeper than
// the paragraph before them, which introduces them (ends with ":") or
// whose first line looks like code (and is short), or command-shaped
// lines under a paragraph that introduces them. Blank lines inside the
// block are kept when the block goes on after them; wrapped prose is
// never code.
func codeBlockAt(lines []string, i int, prev unit) int {
	ind := indentOf(lines[i])
	t := strings.TrimSpace(lines[i])
	if prev.kind != Para || itemMarker(t) > 0 || isQuestion(prev.text) || multiLevelRe.MatchString(prev.text) {
		return 0
	}
	intro := strings.HasSuffix(prev.text, ":") || danglingWords[strings.ToLower(lastWord(prev.text))]
	deeper := ind >= prev.indent+4 && (intro || codeLike(t) && words(fold(t)) < 8)
	if !deeper && !(intro && ind >= prev.indent) {
		return 0
	}
	n := 0
	for j := i; j < len(lines); j++ {
		l := lines[j]
		if strings.TrimSpace(l) == "" {
			if !deeper {
				break // at the text's own depth, a blank line ends it
			}
			// The block goes on only when the next text line is as deep.
			k := j
			for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
				k++
			}
			if k == len(lines) || indentOf(lines[k]) < ind {
				break
			}
			continue
		}
		if indentOf(l) < ind {
			break
		}
		n = j - i + 1
	}
	if isProse(lines[i:i+n]) || !deeper && !codeShaped(lines[i:i+n]) {
		return 0
	}
	// A line with text indented under it is a term, not code.
	for k := i + n; k < len(lines); k++ {
		if strings.TrimSpace(lines[k]) != "" {
			if indentOf(lines[k]) > ind {
				return 0
			}
			break
		}
	}
	return n
}

// codeShaped reports whether lines read as commands, not text: short
// lines that end no sentence, and that look like code or all start in
// lower case ("make install").
func codeShaped(lines []string) bool {
	code, lower, n := 0, 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		n++
		if len(strings.Fields(t)) > 8 || endsSentence(t) {
			return false
		}
		if codeLike(t) {
			code++
		}
		if r, _ := utf8.DecodeRuneInString(t); unicode.IsLower(r) {
			lower++
		}
	}
	return n > 0 && (code > 0 || lower == n)
}

// isProse reports whether indented lines are wrapped prose (a quotation,
// the description under a "Term:" line) rather than code: few of them
// look like code, they carry six words or more on average, and they end
// a sentence.
func isProse(lines []string) bool {
	n, code, ws := 0, 0, 0
	last := ""
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		n++
		ws += len(strings.Fields(t))
		if codeLike(t) {
			code++
		}
		last = t
	}
	return n > 0 && code*2 < n && ws >= 6*n && (endsSentence(last) || n >= 3)
}

// endsSentence reports whether s ends like a sentence: a final period,
// question or exclamation mark, possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || isCloseQuote(r) || r == ')' || r == ']'
	})
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '?' || r == '!' || r == '…' || r == '。' || r == '！' || r == '？'
}

func isCloseQuote(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', '」', '』':
		return true
	}
	return false
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '„', '「', '『':
		return true
	}
	return false
}

// joinLines joins a wrapped line to the text before it: with a space, or
// with none when the break fell inside a path or URL ("GNU/" + "Linux",
// "https:" + "//host").
func joinLines(prev, next string) string {
	if strings.HasSuffix(prev, "/") || strings.HasSuffix(prev, "#") || strings.HasPrefix(next, "/") {
		return prev + next
	}
	return prev + " " + next
}
