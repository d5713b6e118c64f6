package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// guessKinds marks as headings the paragraphs shaped like one: a
// numbered section title ("2.1. What is Debian?"), a single question, a
// short line without final punctuation, or a short title-cased line; each
// followed by more text. Units whose kind came from markup keep it.
func guessKinds(units []unit) {
	for i := range units {
		u := &units[i]
		if u.hard || i == len(units)-1 {
			continue
		}
		if u.kind == Item {
			// A question in a list, answered by the paragraph after it
			// (or, when numbered, by anything but another question), is
			// the heading of a question-and-answer section.
			next := units[i+1]
			if isQuestion(u.text) && words(u.text) <= 40 && (next.kind == Para || u.enum && !isQuestion(next.text)) {
				u.kind = Heading
			}
			continue
		}
		if units[i+1].kind == Code {
			continue // a lead-in to code: "write functions of the form"
		}
		if isHeadingShape(u.text, u.lines) {
			u.kind = Heading
		}
	}
}

// isHeadingShape reports whether a paragraph looks like a heading.
func isHeadingShape(t string, lines int) bool {
	n := words(t)
	if n > 70 {
		return false
	}
	final := strings.TrimRight(t, " ")
	last := final[len(final)-1]
	switch {
	case isDigit(t[0]) && multiLevelRe.MatchString(t) || strings.IndexByte("CcPpSsAa", t[0]) >= 0 && chapterWordRe.MatchString(t):
		return !endsSentence(t) || isQuestion(t) || strings.HasSuffix(t, "!")
	case n > 30 || lines > 2 || !startsLikeHeading(t) || last == ':' || codeLike(t) || numericShare(t) > 0.3:
		return false
	case danglingWords[strings.ToLower(lastWord(t))]:
		return false // a lead-in: "To update the system, run"
	case isQuoteOnly(t):
		return false // a line of dialogue or a pull quote
	case isQuestion(t):
		return len(SplitSentences(t)) == 1
	case !endsSentence(t) && last != ',' && last != ';' && last != '-':
		return n <= 16 && len(t) <= 140
	default:
		return n <= 14 && isTitleCase(t) && len(SplitSentences(t)) == 1
	}
}

// numericShare returns the share of the words of t that hold a digit.
func numericShare(t string) float64 {
	n, num := 0, 0
	for w := range strings.FieldsSeq(t) {
		n++
		if strings.ContainsAny(w, "0123456789") {
			num++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(num) / float64(n)
}

// startsLikeHeading reports whether t starts with an upper-case letter, a
// digit or an opening quote.
func startsLikeHeading(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isOpenQuote(r)
}

// codeLike reports whether t looks like a command or code, not prose: it
// has shell or markup characters, an option flag ("-v", "--all"), a path
// ("./x/", "/usr/"), starts with "#" or holds a smiley.
func codeLike(t string) bool {
	if strings.ContainsAny(t, "\\|=<>{}$`") || strings.HasPrefix(t, "#") || strings.Contains(t, ":)") {
		return true
	}
	for w := range strings.FieldsSeq(t) {
		switch {
		case len(w) > 1 && w[0] == '-' && (w[1] == '-' || 'a' <= w[1] && w[1] <= 'z'):
			return true
		case strings.IndexByte("./~", w[0]) >= 0 && strings.Contains(w[1:], "/"):
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// danglingWords end a lead-in line that introduces what follows.
var danglingWords = set("a", "an", "the", "and", "or", "but", "with", "by", "to", "of", "for", "from",
	"in", "on", "at", "as", "like", "using", "run", "execute", "type", "enter", "command", "then",
	"via", "see", "into", "running", "typing", "entering", "executing", "is", "are", "was", "were", "be", "that", "which", "following", "do", "use", "below", "follows")

func lastWord(t string) string {
	f := strings.Fields(t)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimFunc(f[len(f)-1], func(r rune) bool { return !unicode.IsLetter(r) })
}

// isQuestion reports whether t ends with a question mark (before any
// closing quotes or brackets).
func isQuestion(t string) bool {
	return strings.HasSuffix(strings.TrimRightFunc(t, isCloseQuoteOrParen), "?")
}

func isCloseQuoteOrParen(r rune) bool {
	return isCloseQuote(r) || r == ')' || r == ']'
}

// numberedEntries finds the entries of an FAQ written as one numbered
// list in plain text ("1. Is zlib thread-safe?", "Q4. compress() returns
// Z_BUF_ERROR."): the numbered items, least indented, whose numbers run
// 1, 2, 3 ... through the document (lists inside the answers start again,
// or sit deeper). When there are three or more and a third of them ask,
// each becomes a heading; one whose answer runs on in the same paragraph
// ("3) Can I pay later? Yes, ...") is split into heading and paragraph.
// Units whose kind came from markup are left alone.
func numberedEntries(units []unit) []unit {
	minIndent := -1
	for _, u := range units {
		if u.kind == Item && u.enum && !u.hard && (minIndent < 0 || u.indent < minIndent) {
			minIndent = u.indent
		}
	}
	if minIndent < 0 {
		return units
	}
	var entries []int
	next := -1
	for i, u := range units {
		if u.kind != Item || !u.enum || u.hard || u.indent > minIndent+2 {
			continue
		}
		n, ok := atoiSmall(u.num)
		if !ok || next >= 0 && n != next {
			continue
		}
		entries = append(entries, i)
		next = n + 1
	}
	asks := 0
	for _, i := range entries {
		if isQuestion(firstSentence(units[i].text)) {
			asks++
		}
	}
	if len(entries) < 3 || asks*3 < len(entries) {
		return units
	}
	isEntry := make(map[int]bool, len(entries))
	for _, i := range entries {
		isEntry[i] = true
	}
	out := make([]unit, 0, len(units)+len(entries))
	for i, u := range units {
		if !isEntry[i] {
			out = append(out, u)
			continue
		}
		ss := SplitSentences(u.text)
		if k := askedUpTo(ss); k > 0 && k < len(ss) && words(strings.Join(ss[k:], " ")) >= 3 {
			q, a := u, u
			q.text, q.kind, q.hard = strings.Join(ss[:k], " "), Heading, true
			a.text, a.kind, a.enum, a.num = strings.Join(ss[k:], " "), Para, false, ""
			out = append(out, q, a)
			continue
		}
		if i+1 < len(units) && (units[i+1].kind != Item || isEntry[i+1]) || i+1 == len(units) {
			u.kind, u.hard = Heading, true
		}
		out = append(out, u)
	}
	return out
}

// askedUpTo returns how many of the leading sentences belong to the
// question: up to and including the last question among the first three.
func askedUpTo(ss []string) int {
	k := 0
	for i, s := range ss {
		if i >= 3 {
			break
		}
		if isQuestion(s) {
			k = i + 1
		}
	}
	return k
}

// atoiSmall reads a number of one to four digits.
func atoiSmall(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = 10*n + int(c-'0')
	}
	return n, true
}
