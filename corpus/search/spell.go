package search

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// MaxEdits is how many edits typo correction allows for a word of n
// letters: none below 5, 1 from 5, 2 from 9.
func MaxEdits(n int) int {
	switch {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// speller corrects words against a vocabulary with a symmetric-delete index.
type speller struct {
	words   []string
	freq    []int
	deletes map[uint64][]int32
}

func newSpeller(freq map[string]int) *speller {
	sp := &speller{deletes: map[uint64][]int32{}}
	for w := range freq {
		sp.words = append(sp.words, w)
	}
	sort.Strings(sp.words)
	sp.freq = make([]int, len(sp.words))
	for i, w := range sp.words {
		sp.freq[i] = freq[w]
		rs := []rune(w)
		// A vocabulary word can be 2 edits from a query word of 9+
		// letters only if it has 7+ letters itself.
		d := 1
		if len(rs) >= 7 {
			d = 2
		}
		seen := map[uint64]bool{}
		sp.addDeletes(rs, d, int32(i), seen)
	}
	return sp
}

// hash is FNV-1a over the runes; collisions only add candidates, which
// the distance check drops.
func (sp *speller) hash(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

func (sp *speller) addDeletes(rs []rune, d int, id int32, seen map[uint64]bool) {
	k := sp.hash(rs)
	if !seen[k] {
		seen[k] = true
		sp.deletes[k] = append(sp.deletes[k], id)
	}
	if d == 0 || len(rs) <= 3 {
		return
	}
	buf := make([]rune, len(rs)-1)
	for i := range rs {
		copy(buf, rs[:i])
		copy(buf[i:], rs[i+1:])
		sp.addDeletes(append([]rune(nil), buf...), d-1, id, seen)
	}
}

// correct returns the closest vocabulary word to w within MaxEdits and
// starting alike (see sameStart), the
// most frequent on ties, then the first alphabetically; ok is false when
// none is close enough, w is a number or too short.
func (sp *speller) correct(w string) (string, int, bool) {
	n := utf8.RuneCountInString(w)
	maxD := MaxEdits(n)
	if maxD == 0 || hasDigit(w) {
		return "", 0, false
	}
	rs := []rune(w)
	cands := map[int32]bool{}
	var walk func(rs []rune, d int)
	walk = func(rs []rune, d int) {
		for _, id := range sp.deletes[sp.hash(rs)] {
			cands[id] = true
		}
		if d == 0 || len(rs) <= 3 {
			return
		}
		buf := make([]rune, len(rs)-1)
		for i := range rs {
			copy(buf, rs[:i])
			copy(buf[i:], rs[i+1:])
			walk(buf, d-1)
		}
	}
	walk(rs, maxD)
	best, bestD := int32(-1), maxD+1
	for id := range cands {
		cand := sp.words[id]
		if cand == w {
			continue
		}
		cr := []rune(cand)
		if !sameStart(rs, cr) {
			continue
		}
		d := damerau(rs, cr, maxD)
		if d > maxD {
			continue
		}
		if d < bestD || d == bestD && (sp.freq[id] > sp.freq[best] || sp.freq[id] == sp.freq[best] && cand < sp.words[best]) {
			best, bestD = id, d
		}
	}
	if best < 0 {
		return "", 0, false
	}
	return sp.words[best], bestD, true
}

// sameStart reports whether a and b begin alike: people seldom mistype
// the first letter of a word, so "light" is not corrected to "right".
// Swapping the first two letters is a typo.
func sameStart(a, b []rune) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if a[0] == b[0] {
		return true
	}
	return len(a) > 1 && len(b) > 1 && a[0] == b[1] && a[1] == b[0]
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Distance is the Damerau–Levenshtein distance (optimal string alignment)
// between a and b.
func Distance(a, b string) int { return damerau([]rune(a), []rune(b), 1<<30) }

// damerau returns the optimal-string-alignment distance, or max+1 as soon
// as it is known to exceed max.
func damerau(a, b []rune, max int) int {
	la, lb := len(a), len(b)
	if d := la - lb; d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, lb+1)
	prev := make([]int, lb+1)
	cur := make([]int, lb+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}

// TypoLike reports whether the one-edit difference between a typed word
// and a known one is a common slip of the keyboard rather than another
// word: two letters swapped, a doubled letter typed once or twice, or a
// vowel left out, added or mistaken ("piont", "atacks", "refinary",
// "propsal"). "flight" for "fight" or "price" for "prime" are not.
// Words more than one edit apart are not compared and return true.
func TypoLike(typed, known string) bool {
	a, b := []rune(typed), []rune(known)
	if damerau(a, b, 1) != 1 {
		return true
	}
	p := commonPrefix(a, b)
	switch {
	case len(a) == len(b):
		if p+1 < len(a) && a[p] == b[p+1] && a[p+1] == b[p] {
			return true // transposition
		}
		return isVowel(a[p]) && isVowel(b[p])
	case len(a)+1 == len(b):
		return typoGap(b, p)
	default:
		return typoGap(a, p)
	}
}

// typoGap reports whether the letter at i of the longer word is one a
// typist drops or adds: a vowel or one of a doubled pair.
func typoGap(long []rune, i int) bool {
	c := long[i]
	return isVowel(c) || i > 0 && long[i-1] == c || i+1 < len(long) && long[i+1] == c
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}
