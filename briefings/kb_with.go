package briefings

import (
	"context"
	"maps"
	"slices"

	"github.com/briefbot/briefbot/corpus"
)

// With returns a knowledge base holding kb's articles followed by the
// added ones, without rebuilding what kb holds: the added articles'
// sentences, FAQ entries and passages are indexed on top of kb's. kb is
// not changed and may be read (and extended again) while With runs. Added
// articles whose ID kb already holds, or that an earlier added article
// has, are skipped; when none is left, With returns kb itself. It fails
// only when ctx is cancelled.
//
// With only adds. An article that changed or went away needs a Build,
// and so do new Options. What With gives is close to a Build of all the
// articles, not the same:
//
//   - FAQ entries of the added articles come after kb's, deduplicated as
//     Build does (admin entries still win); an added article asking an
//     existing question becomes one more source of it.
//   - Issues are kb's: no issue is discovered, renamed or dropped. Added
//     sentences are attached to the issues whose phrases they name, as
//     Build attaches them; an issue that gains sentences gets its articles
//     and its summary recomputed (and so does a later issue whose summary
//     used a sentence the recomputed one now uses).
//   - Answers search kb's answer index and small indexes of what was
//     added since the last Build (see ask_live.go), with the statistics
//     of kb's own words as of that Build.
//
// A Build now and then (the live corpus does one when articles change or
// go, or when many were added) brings all of it back to a full build.
func (kb *KB) With(ctx context.Context, added []corpus.Article) (*KB, error) {
	var fresh []corpus.Article
	seen := make(map[string]bool)
	for _, a := range added {
		if _, ok := kb.byID[a.ID]; ok || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		fresh = append(fresh, a)
	}
	if len(fresh) == 0 {
		return kb, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := len(kb.articles)
	nk := &KB{opts: kb.opts, articles: append(kb.articles[:n:n], fresh...), byID: maps.Clone(kb.byID)}
	for i, a := range fresh {
		nk.byID[a.ID] = n + i
	}
	nk.faq = extendFAQ(kb.faq, len(kb.opts.FAQ), fresh)
	nk.index = kb.index.extend(fresh)
	nk.stories = kb.stories.extend(nk.index, nk.articles, kb.opts.Issues, n)
	nk.issues = nk.stories.issues
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if kb.answers == nil {
		nk.answers = newAnswerer(nk.answerBase())
	} else {
		a, err := kb.answers.with(ctx, nk.answerBase(), n)
		if err != nil {
			return nil, err
		}
		nk.answers = a
	}
	kb.opts.Logger.Debug("knowledge extended", "added", len(fresh), "articles", len(nk.articles),
		"sentences", len(nk.index.sents), "faq", len(nk.faq))
	return nk, nil
}

// extend returns an index holding ix's sentences and then those of the
// added articles, numbered after ix's articles. ix is not changed: the
// new sentences are read with a lexicon on top of ix's, and appended past
// the end of ix's slices only by the first extension of ix (later ones,
// and ix's readers, never see that part).
func (ix *index) extend(added []corpus.Article) *index {
	lx := ix.lx.extend()
	add := buildIndex(added, lx, nil)
	n, na := len(ix.sents), ix.nArts
	out := &index{lx: lx, nArts: na + add.nArts}
	sents, first := ix.sents, ix.first
	if !ix.extended.CompareAndSwap(false, true) {
		sents, first = slices.Clip(sents), slices.Clip(first)
	}
	out.sents = append(sents, add.sents...)
	out.first = append(first, add.first[1:]...)
	// Chunk numbers of the added terms move past ix's chunks; the list
	// is copied, the chunks themselves are shared and never written.
	shift := uint32(len(ix.chunks)) << termChunkBits
	out.chunks = append(slices.Clip(ix.chunks), add.chunks...)
	for i := n; i < len(out.sents); i++ {
		out.sents[i].art += int32(na)
		if out.sents[i].nTerms > 0 {
			out.sents[i].termAt += shift
		}
	}
	for i := na + 1; i < len(out.first); i++ {
		out.first[i] += int32(n)
	}
	out.sf = make([]int32, len(lx.words))
	copy(out.sf, ix.sf)
	for t, c := range add.sf {
		out.sf[t] += c
	}
	return out
}

// extend returns a lexicon that reads new text on top of lx without
// writing to it. Extensions do not nest: the result's parent is lx's
// root, and what lx added to its root is copied.
func (lx *lexicon) extend() *lexicon {
	out := &lexicon{
		words:    slices.Clip(lx.words),
		keyNames: slices.Clip(lx.keyNames),
		parent:   lx,
	}
	if lx.parent == nil {
		out.forms, out.vocab, out.keys = make(map[string]*wordInfo), make(map[string]int32), make(map[string]int32)
		return out
	}
	out.parent = lx.parent
	out.forms, out.vocab, out.keys = maps.Clone(lx.forms), maps.Clone(lx.vocab), maps.Clone(lx.keys)
	return out
}

// extendIssues gives nk (kb with the articles from index firstArt on
// added, its index extended) kb's issues with the added sentences that
// name them; see With.
func (s *issueSet) extend(ix *index, arts []corpus.Article, specs []IssueSpec, firstArt int) *issueSet {
	nk := &issueSet{
		issues: slices.Clone(s.issues),
		sents:  slices.Clone(s.sents),
		seqs:   slices.Clone(s.seqs),
		chosen: slices.Clone(s.chosen),
	}
	ds := make([]*draft, len(nk.issues))
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
	matchRange(ix, ds, int(ix.first[firstArt]), len(ix.sents))
	redo := make([]bool, len(ds))
	for i, d := range ds {
		if len(d.sents) == 0 {
			continue
		}
		nk.sents[i] = append(slices.Clip(nk.sents[i]), d.sents...)
		nk.issues[i].ArticleIDs = issueArticles(ix, arts, nk.sents[i])
		redo[i] = true
	}
	// Summaries in issue order, as buildIssues makes them: a sentence an
	// earlier summary uses is left to it.
	used := make(map[int32]bool)
	taken := make(map[int32]bool) // sentences a recomputed summary newly uses
	for i := range nk.issues {
		if !redo[i] {
			for _, id := range nk.chosen[i] {
				if taken[id] {
					redo[i] = true
					break
				}
			}
		}
		if redo[i] {
			pool := withNeighbours(ix, nk.sents[i])
			sum, chosen := issueSummary(ix, arts, pool, sharedCounts(pool, nk.sents), used)
			for _, id := range chosen {
				if !slices.Contains(nk.chosen[i], id) {
					taken[id] = true
				}
			}
			nk.issues[i].Summary = sum
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
func sharedCounts(pool []weighted, issueSents [][]int32) []float64 {
	n := make([]float64, len(pool))
	for _, ss := range issueSents {
		j := 0
		for i := range pool {
			id := pool[i].id
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
