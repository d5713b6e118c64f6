package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/text"
)

// nameStats counts how often each word is written capitalised.
type nameStats struct {
	capital, total map[string]int
}

func newNameStats() *nameStats {
	return &nameStats{capital: map[string]int{}, total: map[string]int{}}
}

// add counts the words of s. A word is a run of letters; apostrophes end it.
func (ns *nameStats) add(s string) {
	start := -1
	for i, r := range s + " " {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := s[start:i]
			start = -1
			if utf8.RuneCountInString(w) < 5 {
				continue
			}
			first, _ := utf8.DecodeRuneInString(w)
			low := text.Fold(w)
			ns.total[low]++
			if unicode.IsUpper(first) && w != strings.ToUpper(w) {
				ns.capital[low]++
			}
		}
	}
}

// variants returns a map from each spelling variant of a name to its
// canonical form. Two words are variants when both are names (written
// capitalised at least 90% of the time), are within 2 edits, and share a
// prefix of at least 5 letters and at most 2 letters shorter than the
// longer one: Zelensky, Zelenskyy and Zelenskiy fold together, Austria and
// Australia do not. The canonical form is the most frequent (then the first
// alphabetically).
func (ns *nameStats) variants() map[string]string {
	var names []string
	for w, c := range ns.capital {
		if c*10 >= ns.total[w]*9 {
			names = append(names, w)
		}
	}
	sort.Strings(names)
	parent := make([]int, len(names))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Names sharing the first five letters are adjacent once sorted.
	for i := 0; i < len(names); i++ {
		ri := []rune(names[i])
		for j := i + 1; j < len(names); j++ {
			rj := []rune(names[j])
			if string(rj[:5]) != string(ri[:5]) {
				break
			}
			p := commonPrefix(ri, rj)
			if p < max(len(ri), len(rj))-2 {
				continue
			}
			if damerau(ri, rj, 2) <= 2 {
				a, b := find(i), find(j)
				if a != b {
					parent[b] = a
				}
			}
		}
	}
	groups := map[int][]string{}
	for i, w := range names {
		r := find(i)
		groups[r] = append(groups[r], w)
	}
	fold := map[string]string{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		canon := g[0]
		for _, w := range g[1:] {
			if ns.total[w] > ns.total[canon] || ns.total[w] == ns.total[canon] && w < canon {
				canon = w
			}
		}
		for _, w := range g {
			if w != canon {
				fold[w] = canon
			}
		}
	}
	return fold
}

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
