package answer

import (
	"slices"
	"sort"

	"github.com/briefbot/briefbot/corpus/text"
)

// termSet is a set of index terms as sorted term ids of ix (a term the
// index does not hold has a negative id).
type termSet struct {
	ids []int32
	ix  answerIndex
}

// sortedTerms returns the distinct terms, sorted.
func sortedTerms(ts []string) []string {
	sort.Strings(ts)
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// hasTerm reports whether the set holds the index term t.
func hasTerm(terms termSet, t string) bool {
	if terms.ix == nil {
		return false
	}
	id, ok := terms.ix.TermID(t)
	if !ok {
		return false
	}
	_, found := slices.BinarySearch(terms.ids, id)
	return found
}

// overlap is the Jaccard similarity of two term sets of the same index.
func overlap(x, y termSet) float64 {
	if len(x.ids) == 0 || len(y.ids) == 0 {
		return 0
	}
	n := text.IntersectCount(x.ids, y.ids)
	return float64(n) / float64(len(x.ids)+len(y.ids)-n)
}
