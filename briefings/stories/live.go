package stories

import (
	"slices"
	"strconv"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/stories/cluster"
	"github.com/briefbot/briefbot/corpus"
)

// extendIssues gives nk (kb with the articles from index firstArt on
// added, its index extended) kb's issues with the added sentences that
// name them; see With.
func (s *Set) Extend(ix *cite.Index, arts []corpus.Article, specs []Spec, firstArt int) *Set {
	nk := &Set{
		Issues:  slices.Clone(s.Issues),
		Sents:   slices.Clone(s.Sents),
		seqs:    slices.Clone(s.seqs),
		chosen:  slices.Clone(s.chosen),
		story:   slices.Clone(s.story),
		issueOf: slices.Clone(s.issueOf),
	}
	stories := nk.placeStories(s.model, ix, arts, firstArt)
	ds := make([]*draft, len(nk.Issues))
	for i := range ds {
		if nk.story[i] >= 0 {
			ds[i] = &draft{} // a story's sentences are its members'
			continue
		}
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
	for i := range ds {
		redo[i] = stories[i] != nil
	}
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
		if !redo[i] && nk.story[i] < 0 {
			// (A story's summary is drawn from its own articles: another
			// issue taking a sentence leaves it be.)
			for _, id := range nk.chosen[i] {
				if taken[id] {
					redo[i] = true
					break
				}
			}
		}
		if redo[i] {
			var sum []cite.Cited
			var chosen []int32
			if d := stories[i]; d != nil {
				sum, chosen = storySummary(ix, arts, d, used)
			} else {
				pool := cite.WithNeighbours(ix, nk.Sents[i])
				sum, chosen = issueSummary(ix, arts, pool, sharedCounts(pool, nk.Sents), used)
			}
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

// placeStories places the added articles (from index firstArt on) in the
// stories with a clone of model: an article joins its story's issue, or
// starts a story, and so an issue, with an earlier article of no story. It
// returns, for each issue of nk, the draft of a story issue that changed
// (its members and sentences), nil for the others.
func (nk *Set) placeStories(model *cluster.Model, ix *cite.Index, arts []corpus.Article, firstArt int) []*draft {
	changed := make([]*draft, len(nk.Issues))
	if model == nil {
		return changed
	}
	m := model.Clone()
	nk.model = m
	byID := make(map[string]int32, len(arts))
	for i := range arts {
		byID[arts[i].ID] = int32(i)
	}
	ids := make(map[string]bool, len(nk.Issues))
	for _, is := range nk.Issues {
		ids[is.ID] = true
	}
	for a := firstArt; a < len(arts); a++ {
		p := m.Add(&arts[a])
		switch {
		case p.Story < 0:
			continue
		case p.Started:
			partner, ok := byID[p.Partner]
			if !ok {
				continue
			}
			name := cluster.Name(&arts[partner], &arts[a])
			if name == "" {
				continue
			}
			is := Issue{Name: name, ID: slug(name), Aliases: []string{}, Summary: []cite.Cited{},
				ArticleIDs: []string{arts[a].ID, arts[partner].ID}}
			for n := 2; ids[is.ID]; n++ {
				is.ID = slug(name) + "-" + strconv.Itoa(n)
			}
			ids[is.ID] = true
			var seqs [][]int32
			if seq, ok := ix.Lookup(name); ok && len(seq) > 0 {
				seqs = append(seqs, seq)
			}
			nk.Issues = append(nk.Issues, is)
			nk.Sents = append(nk.Sents, nil)
			nk.seqs = append(nk.seqs, seqs)
			nk.chosen = append(nk.chosen, nil)
			nk.story = append(nk.story, p.Story)
			for len(nk.issueOf) <= p.Story {
				nk.issueOf = append(nk.issueOf, -1)
			}
			nk.issueOf[p.Story] = len(nk.Issues) - 1
			changed = append(changed, &draft{})
		default:
			if p.Story >= len(nk.issueOf) || nk.issueOf[p.Story] < 0 {
				continue
			}
			i := nk.issueOf[p.Story]
			ids := nk.Issues[i].ArticleIDs
			nk.Issues[i].ArticleIDs = append(append(make([]string, 0, len(ids)+1), arts[a].ID), ids...)
			if changed[i] == nil {
				changed[i] = &draft{}
			}
		}
	}
	// The changed stories' members and sentences: those of their members
	// that name the story, and every member's title and lead; only the
	// articles added since the last build need reading.
	for i, d := range changed {
		if d == nil {
			continue
		}
		d.seqs = nk.seqs[i]
		for _, id := range nk.Issues[i].ArticleIDs {
			if a, ok := byID[id]; ok {
				d.arts = append(d.arts, a)
			}
		}
		fresh := &draft{seqs: d.seqs}
		for _, a := range d.arts {
			if int(a) >= firstArt {
				fresh.arts = append(fresh.arts, a)
				matchRange(ix, []*draft{fresh}, int(ix.First[a]), int(ix.First[a+1]))
			}
		}
		d.sents = append(slices.Clone(nk.Sents[i]), storySents(ix, fresh)...)
		slices.Sort(d.sents)
		d.sents = slices.Compact(d.sents)
		nk.Sents[i] = d.sents
	}
	return changed
}
