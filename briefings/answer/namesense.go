package answer

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/entity"
	"github.com/briefbot/briefbot/corpus/search"
	"github.com/briefbot/briefbot/corpus/text"
)

// capWord is a word of a text as written, and whether it continues a run
// of capitalised words (nothing but spaces since the previous word).
type capWord struct {
	text      string
	cap, join bool
}

// appendCapWords appends the words of s, keeping their case, to dst.
func appendCapWords(dst []capWord, s string) []capWord {
	join := false
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		r, _ := utf8.DecodeRuneInString(w)
		dst = append(dst, capWord{text: w, cap: unicode.IsUpper(r) || unicode.IsDigit(r), join: join})
		start = -1
		join = true
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '\'' || r == '’' || r == '-' || r == '&') && start >= 0:
			if start < 0 {
				start = i
			}
		default:
			flush(i)
			if r != ' ' {
				join = false
			}
		}
	}
	flush(len(s))
	return dst
}

// allCapitals reports whether every word of ws is written in capitals
// (digits aside), as a headline is.
func allCapitals(ws []capWord) bool {
	for _, w := range ws {
		if strings.ToUpper(w.text) != w.text || strings.ToLower(w.text) == w.text {
			return false
		}
	}
	return true
}

// lowerFirst is the first byte of w in lower case when it is an ASCII
// letter or digit, else 0.
func lowerFirst(w string) byte {
	if w == "" {
		return 0
	}
	c := w[0]
	switch {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return c
	}
	return 0
}

// stopwordCased is text.IsStopword for a word written in any case,
// without allocating for a short ASCII word.
func stopwordCased(w string) bool {
	var buf [12]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return text.IsStopword(strings.ToLower(w))
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return text.IsStopword(string(buf[:len(w)]))
}

// stemOf is the stem of a word written in any case.
func stemOf(w string) string {
	return text.Stem(strings.ToLower(w))
}

// nameSense returns the share of the question's weight held by common
// words (text.Common) that the answer writes only inside a name of
// several capitalised words, none of whose other words the question
// uses: "what is the capital of australia?" answered from "... said
// County NatWest Capital Markets" asks about another sense of "capital".
// A word the question itself capitalises (past its first) is a name.
func nameSense(q string, res search.Result, answer string) float64 {
	if res.Weight <= 0 {
		return 0
	}
	// The stems of the words the question capitalises past its first:
	// the names it writes as names.
	var qBuf [24]capWord
	var qsBuf [8]string
	qNamed := qsBuf[:0]
	for i, w := range appendCapWords(qBuf[:0], q) {
		if i > 0 && w.cap {
			qNamed = append(qNamed, stemOf(w.text))
		}
	}
	// The question's common words, as stems, with their weights.
	type asked struct {
		stem   string
		weight float64
	}
	var aBuf [16]asked
	words := aBuf[:0]
	for _, t := range res.Terms {
		if contentTerm(t) && !slices.Contains(qNamed, t.Term) && text.Common(t.Word) {
			words = append(words, asked{t.Term, t.Weight})
		}
	}
	if len(words) == 0 {
		return 0
	}
	var wBuf [96]capWord
	ws := appendCapWords(wBuf[:0], answer)
	var nBuf [96]bool
	inName := nameRuns(ws, nBuf[:0])
	// stems of ws, made only for a word that may be one looked for (its
	// first letter, in lower case, starts an asked stem): most answer
	// words are not, and stemming a capitalised word allocates.
	var sBuf [96]string
	stems := sBuf[:0]
	for _, w := range ws {
		st := ""
		if c := lowerFirst(w.text); c != 0 {
			for _, aw := range words {
				if aw.stem != "" && aw.stem[0] == c {
					st = stemOf(w.text)
					break
				}
			}
		}
		stems = append(stems, st)
	}
	// inQuestion reports whether the question uses word k of the answer
	// (or a piece of it: "M3" is read as "m" and "3").
	inQuestion := func(k int) bool {
		var pBuf [4]string
		pieces := append(pBuf[:0], stems[k])
		if pieces[0] == "" {
			pieces[0] = stemOf(ws[k].text)
		}
		if toks := text.Tokens(ws[k].text); len(toks) > 1 {
			for _, p := range toks {
				pieces = append(pieces, text.Stem(p))
			}
		}
		for _, t := range res.Terms {
			if t.Of == 0 && slices.Contains(pieces, t.Term) {
				return true
			}
		}
		return false
	}
	flagged := 0.0
	for _, aw := range words {
		seen, only := false, true
		for i := range ws {
			if stems[i] != aw.stem {
				continue
			}
			seen = true
			if !inName[i] {
				only = false
				break
			}
			// A name the question names more of is the question's own.
			for k := i - 1; only && k >= 0 && inName[k] && ws[k+1].join; k-- {
				only = stopwordCased(ws[k].text) || !inQuestion(k)
			}
			for k := i + 1; only && k < len(ws) && inName[k] && ws[k].join; k++ {
				only = stopwordCased(ws[k].text) || !inQuestion(k)
			}
			if !only {
				break
			}
		}
		if seen && only {
			flagged += aw.weight
		}
	}
	return math.Min(1, flagged/res.Weight)
}

// nameRuns appends to dst, for each word of ws, whether it is part of a
// run of two capitalised words or more that names something. A leading
// stopword is not part of it ("The Army"), nor is a title before a
// person's name ("French President Francois Mitterrand", "Police Chief
// Daryl Gates": the words up to the last title word), and a run in
// capitals is a headline.
func nameRuns(ws []capWord, dst []bool) []bool {
	inName := dst
	for range ws {
		inName = append(inName, false)
	}
	for i := 0; i < len(ws); {
		j := i + 1
		for j < len(ws) && ws[j].cap && ws[j].join && ws[j-1].cap {
			j++
		}
		k0 := i
		for k0 < j && stopwordCased(ws[k0].text) {
			k0++
		}
		for k := j - 2; k >= k0; k-- {
			if entity.IsTitle(ws[k].text) {
				k0 = k + 1
				break
			}
		}
		if ws[i].cap && j-k0 >= 2 && !allCapitals(ws[k0:j]) {
			for k := k0; k < j; k++ {
				inName[k] = true
			}
		}
		i = j
	}
	return inName
}
