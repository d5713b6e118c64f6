package stories

import (
	"slices"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

// extendIssues gives nk (kb with the articles from index firstArt on
// added, its index extended) kb's issues with the added sentences that
// name them; see With.
func (s *Set) Extend(ix *cite.Index, arts []corpus.Article, specs []Spec, firstArt int) *Set {
	nk := &Set{
		Issues: slices.Clone(s.Issues),
		Sents:  slices.Clone(s.Sents),
		seqs:   slices.Clone(s.seqs),
		chosen: slices.Clone(s.chosen),
	}
	ds := make([]*draft, len(nk.Issues))
	for i := range ds {
		ds[i] = &draft{seqs: nk.seqs[i]}
		if i < len(specs) {
			// A configured issue's phrases may use words only the added
			// articles know.
			d := &draft{spec: &specs[i]}
			spec := d.spec
			for _, p := range append(append([]string{spec.Name}, spec.Aliases...), spec.Keywords...) {
				d.addPhrase(ix, p)
			}
			ds[i] = d
			nk.seqs[i] = d.seqs
		}
	}
	matchRange(ix, ds, int(ix.First[firstArt]), len(ix.Sents))
	redo := make([]bool, len(ds))
	for i, d := range ds {
		if len(d.sents) == 0 {
			continue
		}
		nk.Sents[i] = append(slices.Clip(nk.Sents[i]), d.sents...)
		nk.Issues[i].ArticleIDs = issueArticles(ix, arts, nk.Sents[i])
		redo[i] = true
	}
	// Summaries in issue order, as buildIssues makes them: a sentence an
	// earlier summary uses is left to it.
	used := make(map[int32]bool)
	taken := make(map[int32]bool) // sentences a recomputed summary newly uses
	for i := range nk.Issues {
		if !redo[i] {
			for _, id := range nk.chosen[i] {
				if taken[id] {
					redo[i] = true
					break
				}
			}
		}
		if redo[i] {
			pool := cite.WithNeighbours(ix, nk.Sents[i])
			sum, chosen := issueSummary(ix, arts, pool, sharedCounts(pool, nk.Sents), used)
			for _, id := range chosen {
				if !slices.Contains(nk.chosen[i], id) {
					taken[id] = true
				}
			}
			nk.Issues[i].Summary = sum
			nk.chosen[i] = chosen
		}
		for _, id := range nk.chosen[i] {
			used[id] = true
		}
	}
	return nk
}

// sharedCounts returns, for each sentence of pool (sorted by id), how
// many of the issues' sentence lists hold it.
func sharedCounts(pool []cite.Weighted, issueSents [][]int32) []float64 {
	n := make([]float64, len(pool))
	for _, ss := range issueSents {
		j := 0
		for i := range pool {
			id := pool[i].ID
			for j < len(ss) && ss[j] < id {
				j++
			}
			if j < len(ss) && ss[j] == id {
				n[i]++
			}
		}
	}
	return n
}
