package corpus

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// headSpan is how many units from the top count as the head of a page,
// where breadcrumbs, counters, captions and teasers sit.
const headSpan = 8

// clean removes from one document's units what is not the article, in
// this order: furniture units (counters, slugs, captions, share prompts),
// breadcrumbs and promotional teasers in the head, link lists with their
// heading, author boxes with the bio after them, table-of-contents entries
// that repeat later headings, a teaser repeated further down, repeated
// paragraphs, and short non-sentence lines trailing at the end. It then
// guesses which of the remaining units are headings. It returns the byline
// found in an author box or a "By ..." line, if any.
func clean(units []unit) ([]unit, meta) {
	for i := range units {
		t := fold(units[i].text)
		if t != "" && strings.IndexByte(".,;:", t[0]) >= 0 || strings.HasPrefix(t, "·") {
			t = fold(leadPunctRe.ReplaceAllString(t, "$1"))
		}
		units[i].text = t
	}
	var m meta
	drop := make([]bool, len(units))
	for i, u := range units {
		if u.text == "" || isBoilerplate(u) {
			drop[i] = true
			m.note(u.text, i < headSpan)
			continue
		}
		if i < headSpan && (isBreadcrumb(u.text) || words(u.text) <= 40 && ctaRe.MatchString(u.text)) {
			drop[i] = true
		}
	}
	dropNavigation(units, drop)
	dropComments(units, drop)
	dropLinkLists(units, drop)
	if b := dropAuthorBoxes(units, drop); b != "" {
		m.byline = b
	}
	dropTOC(units, drop)
	dropRepeats(units, drop)
	kept := units[:0:0]
	for i, u := range units {
		if !drop[i] {
			kept = append(kept, u)
		}
	}
	kept = trimTail(kept)
	guessKinds(kept)
	return kept, m
}

// meta is what cleaning learns from the lines it drops.
type meta struct {
	byline    string
	published time.Time
}

// note reads a byline ("By Jane Roe") and, in the head of the page, a
// publication date from a dropped line, keeping the first of each.
func (m *meta) note(t string, head bool) {
	if words(t) > 12 {
		return
	}
	if m.byline == "" && strings.HasPrefix(strings.ToLower(t), "by ") {
		name := dateInRe.ReplaceAllString(t[3:], "")
		if i := strings.IndexAny(name, "|·•"); i >= 0 {
			name = name[:i]
		}
		m.byline = strings.Trim(fold(name), " ,;:-–—")
	}
	if m.published.IsZero() && head {
		for _, d := range dateInRe.FindAllString(t, -1) {
			if p, err := parseDate(d); err == nil {
				m.published = p
				break
			}
		}
	}
}

// dropComments drops a comment section: everything from a "Leave a
// Reply" or "12 Comments" line in the second half of the document on.
func dropComments(units []unit, drop []bool) {
	for i := len(units) / 2; i < len(units); i++ {
		if words(units[i].text) <= 5 && commentsRe.MatchString(units[i].text) {
			for j := i; j < len(units); j++ {
				drop[j] = true
			}
			return
		}
	}
}

// dropNavigation drops menus: runs of three or more one- to three-word
// capitalised lines without punctuation near the top or the bottom of the
// page, and a section label (kicker) of one or two words right before the
// headline.
func dropNavigation(units []unit, drop []bool) {
	isMenu := func(u unit) bool {
		return u.kind != Heading && words(u.text) <= 3 && startsLikeHeading(u.text) &&
			!strings.ContainsAny(u.text, ".?!:;,") && !chapterRe.MatchString(u.text)
	}
	// Menus sit at the top or the bottom of a page.
	for i := 0; i < len(units); {
		if i >= headSpan && i < len(units)-headSpan {
			i = len(units) - headSpan
			continue
		}
		j := i
		for j < len(units) && isMenu(units[j]) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				drop[k] = true
			}
		}
		i = max(j, i+1)
	}
	// A kicker: the first kept unit is one or two words and the next is a
	// longer line without final punctuation (the headline).
	first := -1
	for i := range units {
		if !drop[i] {
			first = i
			break
		}
	}
	if first < 0 || first+1 >= len(units) || words(units[first].text) > 2 || endsSentence(units[first].text) {
		return
	}
	next := units[first+1]
	if !drop[first+1] && words(next.text) >= 4 && words(next.text) <= maxTitleWords && (!endsSentence(next.text) || isTitleCase(next.text)) {
		drop[first] = true
	}
}

// dropLinkLists drops a "Read also:"-style heading and the list of links
// after it: the list items, or short lines that are not sentences.
func dropLinkLists(units []unit, drop []bool) {
	for i, u := range units {
		if words(u.text) > 8 || !listHeadRe.MatchString(u.text) {
			continue
		}
		drop[i] = true
		for j := i + 1; j < len(units); j++ {
			v := units[j]
			if v.kind == Item || v.links > 0.5 || words(v.text) <= 15 && !endsSentence(v.text) {
				drop[j] = true
				continue
			}
			break
		}
	}
}

// dropAuthorBoxes drops "About the Author: NAME" and the biography that
// follows it, and a third-person biography near the end on its own. It
// returns the name from the box.
func dropAuthorBoxes(units []unit, drop []bool) string {
	name := ""
	for i, u := range units {
		if drop[i] {
			continue
		}
		m := authorHeadRe.FindStringSubmatch(u.text)
		if m != nil && words(u.text) <= 10 && !endsSentence(u.text) {
			drop[i] = true
			name = strings.TrimSpace(m[len(m)-1])
			for j := i + 1; j < len(units) && j <= i+2; j++ {
				v := units[j]
				first := ""
				if f := strings.Fields(name); len(f) > 0 {
					first = f[0]
				}
				if v.kind == Para && (first != "" && strings.HasPrefix(v.text, first) || bioRe.MatchString(v.text)) {
					drop[j] = true
				}
			}
			continue
		}
		if i >= len(units)-3 && u.kind == Para && bioRe.MatchString(u.text) {
			drop[i] = true
		}
	}
	return name
}

// sectionKey returns a key that a table-of-contents entry shares with the
// section it lists: the section number and the title's key ("8.1.3|
// aptitude" for "8.1.3. aptitude", "Chapter 8.1.3 aptitude" or a list item
// numbered 8.1.3), and false for a unit without a number.
func sectionKey(u unit) (string, bool) {
	if u.enum && u.num != "" {
		return u.num + "|" + SentenceKey(u.text), true
	}
	m := chapterRe.FindString(u.text)
	if m == "" {
		return "", false
	}
	num := m
	if r, _ := utf8.DecodeRuneInString(m); unicode.IsLetter(r) {
		_, num, _ = strings.Cut(m, " ") // "Chapter 8." -> "8."
	}
	num = strings.Trim(sectionNumRe.FindString(num), ".")
	return num + "|" + SentenceKey(u.text[len(m):]), true
}

var sectionNumRe = regexp.MustCompile(`[\dA-Z]+(\.\d+)*`)

// dropTOC drops the entries of a table of contents: numbered lines and
// numbered list items that come back later in the same document, with the
// same number and title, as the sections they list.
func dropTOC(units []unit, drop []bool) {
	last := make(map[string]int)
	for i, u := range units {
		if words(u.text) > 80 || u.enum {
			continue
		}
		if k, ok := sectionKey(u); ok {
			last[k] = i
		}
	}
	if len(last) == 0 {
		return
	}
	for i, u := range units {
		if drop[i] || words(u.text) > 80 {
			continue
		}
		if k, ok := sectionKey(u); ok {
			if j, found := last[k]; found && j > i {
				drop[i] = true
			}
		}
	}
}

// repeatWindow is how many units around a paragraph are searched for a
// near copy of it.
const repeatWindow = 40

// dropRepeats drops a teaser in the head that says again what a later
// paragraph says, and any later exact repeat of a paragraph.
func dropRepeats(units []unit, drop []bool) {
	keys := make([]string, len(units))
	seen := make(map[string]bool, len(units))
	for i, u := range units {
		if drop[i] {
			continue
		}
		k := SentenceKey(u.text)
		keys[i] = k
		if seen[k] && u.kind != Heading {
			drop[i] = true
			continue
		}
		seen[k] = true
	}
	dropNearRepeats(units, keys, drop)
}

// pairStat is how much of a short paragraph another unit shares.
type pairStat struct {
	j      int // the other unit
	shared int // distinct bigrams of the paragraph found in unit j
	total  int // bigrams of unit j
}

// dropNearRepeats drops near repeats: a teaser at the top said again
// further down, a pull quote lifted from a paragraph, a paragraph repeated
// with small edits. Candidates are short paragraphs (6 to 40 words); the
// top of the page is compared with everything, the rest with its
// neighbourhood. Shared bigrams are counted through an index of the
// candidates' bigrams, so the work grows with the document, not its square.
func dropNearRepeats(units []unit, keys []string, drop []bool) {
	var cands []int
	var heads []map[string]bool
	index := make(map[string][]int32)
	for i, u := range units {
		n := words(u.text)
		if drop[i] || u.kind != Para || n < 6 || n > 40 || !endsSentence(u.text) || isQuestion(u.text) || chapterRe.MatchString(u.text) {
			continue
		}
		head := shingles(keys[i])
		for bg := range head {
			index[bg] = append(index[bg], int32(len(cands)))
		}
		cands = append(cands, i)
		heads = append(heads, head)
	}
	if len(cands) == 0 {
		return
	}
	inWindow := func(i, j int) bool { return i < 3 || j >= i-repeatWindow && j <= i+repeatWindow }
	stats := make([][]pairStat, len(cands))
	count := make([]int, len(cands))
	var touched []int32
	var hits []string
	for j, v := range units {
		if drop[j] || v.kind == Heading || keys[j] == "" {
			continue
		}
		total := 0
		hits = hits[:0]
		forBigrams(keys[j], func(bg string) {
			total++
			posting := index[bg]
			if len(posting) == 0 || slices.Contains(hits, bg) {
				return // not a candidate's bigram, or already counted
			}
			hits = append(hits, bg)
			for _, c := range posting {
				if count[c] == 0 {
					touched = append(touched, c)
				}
				count[c]++
			}
		})
		for _, c := range touched {
			if i := cands[c]; i != j && inWindow(i, j) {
				stats[c] = append(stats[c], pairStat{j: j, shared: min(count[c], len(heads[c])), total: total})
			}
			count[c] = 0
		}
		touched = touched[:0]
	}
	for c, i := range cands {
		n, head := words(units[i].text), heads[c]
		for _, p := range stats[c] {
			if drop[i] {
				break
			}
			if drop[p.j] {
				continue
			}
			jaccard := float64(p.shared) / float64(len(head)+p.total-p.shared)
			contained := float64(p.shared) / float64(len(head))
			switch {
			case contained >= 0.9 && words(units[p.j].text) > n+3 && (i < 3 || p.j-i <= 8 && i-p.j <= 8):
				drop[i] = true // said in full elsewhere
			case jaccard >= 0.7 && (i < 3 || p.j < i):
				drop[i] = true // a teaser, or a later near copy
			}
		}
	}
}

// trimTail drops short lines that are not sentences from the end of the
// document (comment prompts, tags, navigation) and a heading left with
// nothing under it.
func trimTail(units []unit) []unit {
	for len(units) > 0 {
		u := units[len(units)-1]
		if u.kind == Heading || u.kind != Item && words(u.text) <= 8 && !endsSentence(u.text) {
			units = units[:len(units)-1]
			continue
		}
		break
	}
	return units
}

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
	case isQuestion(t):
		return len(SplitSentences(t)) == 1
	case isQuoteOnly(t):
		return false
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
	"via", "into", "running", "typing", "entering", "executing", "is", "are", "was", "were", "be", "that", "which", "following", "do", "use", "below", "follows")

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
