package answer

import (
	"context"
	"sort"

	"github.com/briefbot/briefbot/corpus/search"
)

// A KB made by With answers from the answer index of the Build it comes
// from (the base), searched for its passages only: its FAQ entries and
// issues may be stale. What was added since is indexed in segments of the
// base (search.Options.Base), whose scores compare with the base's:
//
//   - the newest segment holds every FAQ entry and issue of the KB (they
//     are few; they are indexed anew by every With) and the passages of
//     the articles just added;
//   - older segments hold the passages of articles added before; their
//     FAQ entries and issues are not searched.
//
// A segment is indexed on top of the one before it (the base, for the
// first), so that term ids and idf run over the whole chain. Segments are
// merged as a binary counter over their articles (a segment swallows the
// ones before it that hold no more articles than it), up to
// maxSegmentArticles articles: a With re-indexes at most that many
// articles, and a question searches at most a few segments plus one per
// maxSegmentArticles articles added.
//
// Approximations, until the next Build: the base's own postings keep
// their idf and the base's statistics of a term are not updated for the
// segments' documents (a query term that a segment holds is weighed by
// the chain's idf, see search.Index.Resolve); the FAQ entries and issues
// each segment and the base hold count in the chain's document counts,
// though only the newest segment's are searched, so the words of FAQ
// entries and issues weigh a little less than after a Build; a base
// passage is not tied to an FAQ entry added later whose answer holds its
// sentence.

// maxSegmentArticles is the most articles segments are merged up to.
const maxSegmentArticles = 32

// addedPassages are the passages of the articles [lo, hi) of a KB, indexed
// in the segment ix.
type addedPassages struct {
	passageStore
	ix     *search.Index
	lo, hi int
	// entries is the number of FAQ and issue documents ix starts with.
	entries int
	// from is the number of the first passage after the base's.
	from int
}

// passageAt returns the store holding passage pi (numbered from the
// base's first passage) and its number there.
func (a *Answerer) passageAt(pi int) (*passageStore, int) {
	if pi < len(a.passages) {
		return &a.passageStore, pi
	}
	k := pi - len(a.passages)
	for j := range a.added {
		ad := &a.added[j]
		if k < ad.from+len(ad.passages) {
			return &ad.passageStore, k - ad.from
		}
	}
	return &a.passageStore, pi
}

// With returns the answerer of kb, which holds a.kb's articles and then
// the ones from index lo on.
func (a *Answerer) With(ctx context.Context, kb *Base, lo int) (*Answerer, error) {
	base, baseEntries := a.ix, a.entries
	var keep []addedPassages
	if l, ok := a.ix.(*liveIndex); ok {
		base, baseEntries, keep = l.base, l.baseEntries, a.added
	}
	baseIx, ok := base.(*search.Index)
	if !ok {
		panic("briefings: an answer index that is neither built nor live")
	}
	hi := len(kb.Articles)
	for len(keep) > 0 {
		last := keep[len(keep)-1]
		n := last.hi - last.lo
		if n > hi-lo || n+hi-lo > maxSegmentArticles {
			break
		}
		lo = last.lo
		keep = keep[:len(keep)-1]
	}
	opts := answerOptions(kb.Synonyms, a.tune)
	opts.Base = baseIx
	from := 0
	if len(keep) > 0 {
		last := &keep[len(keep)-1]
		opts.Base = last.ix
		from = last.from + len(last.passages)
	}
	ib := search.NewBuilder(opts)
	pt, err := readPassages(ctx, ib, kb.Articles[lo:hi])
	if err != nil {
		return nil, err
	}
	seg := newAnswererFrom(kb, a.tune, pt)
	for i := range seg.passages {
		seg.passages[i].article += int32(lo)
	}
	added := append(keep[:len(keep):len(keep)], addedPassages{
		passageStore: seg.passageStore, ix: seg.ix.(*search.Index),
		lo: lo, hi: hi, entries: seg.entries, from: from,
	})
	l := &liveIndex{base: baseIx, baseEntries: baseEntries, basePassages: len(a.passages), added: added, entries: seg.entries}
	out := &Answerer{kb: kb, cands: seg.cands, passageStore: a.passageStore, ix: l, names: seg.names,
		entries: seg.entries, tune: a.tune, added: added}
	for i := range out.cands {
		out.cands[i].terms.ix = l
	}
	return out, nil
}

// liveIndex searches a base index and its segments as one index whose
// documents are numbered as the answerer numbers its candidates: the
// FAQ entries and issues (the newest segment's), the base's passages,
// then each segment's passages.
type liveIndex struct {
	base         *search.Index
	baseEntries  int
	basePassages int
	added        []addedPassages
	entries      int
}

// part is a range of one index's documents, [lo, hi), numbered from
// lo+shift in the live index.
type part struct {
	ix     *search.Index
	lo, hi int
	shift  int
}

// parts returns the searched ranges, in the live index's order.
func (l *liveIndex) parts() []part {
	top := &l.added[len(l.added)-1]
	ps := make([]part, 0, len(l.added)+2)
	ps = append(ps, part{top.ix, 0, l.entries, 0},
		part{l.base, l.baseEntries, l.baseEntries + l.basePassages, l.entries - l.baseEntries})
	for i := range l.added {
		ad := &l.added[i]
		ps = append(ps, part{ad.ix, ad.entries, ad.entries + len(ad.passages), l.entries + l.basePassages + ad.from - ad.entries})
	}
	return ps
}

// Analyze analyses q with the base and resolves its terms against each
// segment in turn (search.Index.Resolve).
func (l *liveIndex) Analyze(q string) []search.QueryTerm {
	terms := l.base.Analyze(q)
	for i := range l.added {
		terms = l.added[i].ix.Resolve(terms)
	}
	return terms
}

// Expand adds the related words the base holds, then those each segment
// holds.
func (l *liveIndex) Expand(terms []search.QueryTerm, share float64) []search.QueryTerm {
	terms = l.base.Expand(terms, share)
	for i := range l.added {
		terms = l.added[i].ix.Expand(terms, share)
	}
	return terms
}

// Terms reads s as every part does: the segments share the base's
// analyzer.
func (l *liveIndex) Terms(s string) []string { return l.base.Terms(s) }

// TermID returns a term's id in the chain of segments.
func (l *liveIndex) TermID(term string) (int32, bool) {
	for i := len(l.added) - 1; i >= 0; i-- {
		if id, ok := l.added[i].ix.TermID(term); ok {
			return id, true
		}
	}
	return l.base.TermID(term)
}

// IDF returns the idf of a term as the newest part holding it counts it.
func (l *liveIndex) IDF(term string) (float64, bool) {
	for i := len(l.added) - 1; i >= 0; i-- {
		if idf, ok := l.added[i].ix.IDF(term); ok {
			return idf, true
		}
	}
	return l.base.IDF(term)
}

// SearchTerms searches every part.
func (l *liveIndex) SearchTerms(terms []search.QueryTerm, k int) search.Result {
	return l.SearchRange(terms, k, 0, l.entries+l.basePassages+l.addedPassages())
}

func (l *liveIndex) addedPassages() int {
	last := &l.added[len(l.added)-1]
	return last.from + len(last.passages)
}

// SearchRange searches the documents [lo, hi) of every part and merges
// their hits by score, then by number.
func (l *liveIndex) SearchRange(terms []search.QueryTerm, k, lo, hi int) search.Result {
	res := search.Result{Terms: terms}
	for _, t := range terms {
		if t.Of == 0 {
			res.Weight += t.Weight
		}
	}
	for _, p := range l.parts() {
		from, to := max(lo, p.lo+p.shift), min(hi, p.hi+p.shift)
		if from >= to {
			continue
		}
		r := p.ix.SearchRange(terms, k, from-p.shift, to-p.shift)
		for _, h := range r.Hits {
			h.Doc += p.shift
			h.Payload += p.shift
			res.Hits = append(res.Hits, h)
		}
	}
	sort.SliceStable(res.Hits, func(i, j int) bool {
		a, b := &res.Hits[i], &res.Hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Doc < b.Doc
	})
	if len(res.Hits) > k {
		res.Hits = res.Hits[:k]
	}
	return res
}
