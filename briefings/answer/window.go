package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/entity"
	"github.com/briefbot/briefbot/corpus/search"
)

// answerOf is the text a match answers with: a passage's window, or an FAQ
// answer or issue summary cut for a chat.
func (a *Answerer) answerOf(m *match, res search.Result) string {
	if m.show.kind == KindPassage {
		return a.window(m.show, res, m.typ, m.want, m.question, m.with)
	}
	return trimAnswer(m.show.answer, maxShownChars)
}

// maxShownChars is the length past which a long FAQ answer or issue
// summary is cut, at a sentence end, for reading in a chat.
const maxShownChars = 1200

// trimAnswer cuts s after the last sentence or line that ends within n
// bytes; s is returned whole when it is short enough or has no such end.
func trimAnswer(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := -1
	for i := n / 2; i < n && i < len(s); i++ {
		switch s[i] {
		case '\n':
			cut = i
		case '.', '?', '!':
			if i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\n') {
				cut = i + 1
			}
		}
	}
	if cut < 0 {
		return s
	}
	return strings.TrimSpace(s[:cut])
}

// window returns a passage's answer text: its sentence, with the previous
// one when the sentence leans on it (it opens with a pronoun or connective)
// and the next one when that adds query words or the sentence is short.
// When the question asks for a kind of fact (a date, a duration) that
// only a neighbour holds, the neighbour is shown too: the passage ranked
// on it.
//
// The same holds for the kinds of fact corpus/entity tells apart (a
// person for "who", a place for "where", a religion for "what
// religion"): when the window holds none the question does not name
// itself and the next (or else the previous) sentence does, it is shown
// too.
//
// with (-1 or 1) adds that neighbour sentence first: the runner-up match
// was that sentence, nearly as good (pairNeighbour).
func (a *Answerer) window(c *candidate, res search.Result, typ answerType, want entity.Set, q string, with int) string {
	ss := c.sentences
	i := c.center
	lo, hi := i, i+1 // the window is ss[lo:hi]
	if i > 0 && leansBack(ss[i]) {
		lo--
	}
	switch {
	case with < 0 && i > 0:
		lo = i - 1
	case with > 0 && i+1 < len(ss):
		hi = i + 2
	}
	// A sentence introducing a list is answered with the list's start.
	if strings.HasSuffix(strings.TrimSpace(ss[i]), ":") {
		return strings.Join(ss[i:min(len(ss), i+3)], " ")
	}
	if hi < len(ss) && hi-lo < 3 {
		if joinedRunes(ss[lo:hi]) < 80 || a.addsTerms(a.cand(c.self+1), c, res) {
			hi++
		}
	}
	if typ != anyType && typ != nameType && !holdsFact(ss[lo:hi], typ) {
		switch {
		case hi < len(ss) && hi-lo < 3 && holdsFact(ss[hi:hi+1], typ):
			hi++
		case lo > 0 && hi-lo < 3 && holdsFact(ss[lo-1:lo], typ):
			lo--
		}
	}
	if !want.Empty() && hi-lo < 3 && !holdsKind(strings.Join(ss[lo:hi], " "), q, want) {
		switch {
		case hi < len(ss) && holdsKind(ss[hi], q, want):
			hi++
		case lo > 0 && holdsKind(ss[lo-1], q, want):
			lo--
		}
	}
	return strings.Join(ss[lo:hi], " ")
}

// joinedRunes is utf8.RuneCountInString(strings.Join(ss, " ")) without
// joining.
func joinedRunes(ss []string) int {
	n := max(0, len(ss)-1)
	for _, s := range ss {
		n += utf8.RuneCountInString(s)
	}
	return n
}

// pairNeighbour marks the best match to be answered with its neighbour
// sentence when the runner-up is that sentence and ranks within pairReach
// of it: the question's words are spread over the two, and the fact
// asked for may be in either.
func (a *Answerer) pairNeighbour(ms []match) {
	t := &a.tune
	best := &ms[0]
	if t.pairReach <= 0 || best.cand.kind != KindPassage || best.show != best.cand {
		return
	}
	for i := 1; i < len(ms) && i <= t.pairDepth; i++ {
		m := &ms[i]
		if best.rank-m.rank > t.pairReach {
			return
		}
		if m.cand.kind != KindPassage || m.show != m.cand || m.cand.article != best.cand.article {
			continue
		}
		d := m.cand.self - best.cand.self
		if (d == 1 || d == -1) && m.cand.center-best.cand.center == d {
			best.with = d
			return
		}
	}
}

// holdsFact reports whether one of the sentences holds a fact of the type.
func holdsFact(ss []string, typ answerType) bool {
	for _, s := range ss {
		if factsOf(s)&(1<<uint(typ)) != 0 {
			return true
		}
	}
	return false
}

var leaning = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "their": true, "its": true,
	"however": true, "but": true, "yet": true, "also": true, "thus": true, "so": true,
	"instead": true, "still": true, "then": true, "there": true, "such": true,
}

func leansBack(s string) bool {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	return len(f) > 0 && leaning[strings.ToLower(f[0])]
}

// addsTerms reports whether the next sentence holds a query term that
// the current one lacks.
func (a *Answerer) addsTerms(next, cur *candidate, res search.Result) bool {
	for _, t := range res.Terms {
		if t.Known && t.Weight > 0 && hasTerm(next.terms, t.Term) && !hasTerm(cur.terms, t.Term) {
			if _, low := questionWeights[t.Word]; !low {
				return true
			}
		}
	}
	return false
}
