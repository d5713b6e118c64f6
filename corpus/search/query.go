package search

import (
	"container/heap"
	"math"
	"math/bits"
	"sort"

	"github.com/briefbot/briefbot/corpus/text"
)

// QueryTerm is one content word of a query as the index understood it.
type QueryTerm struct {
	// Word is the word as typed, lowercased and normalised.
	Word string
	// Spelt is true when Word is a number the query wrote as a word
	// ("two" for "2").
	Spelt bool
	// Corrected is the indexed word Word was corrected to; empty if none.
	Corrected string
	// Slip is true when the correction looks like a slip of the keyboard
	// (see TypoLike) rather than possibly another word.
	Slip bool
	// Term is the index term searched for.
	Term string
	// Weight is the term's share of the query: its query weight times its
	// idf (Options.UnknownWeight for a word the index does not know).
	Weight float64
	// Known is true when the term occurs in the index.
	Known bool
	// NoScore makes a search skip the term's postings: it neither finds
	// nor scores documents, but Hit.TermFields still tells where it is.
	// For words too common to rank by, such as question words.
	NoScore bool
	// Of is, for a term Expand added, 1 + the position of the query word
	// it is related to; 0 for a word of the query itself.
	Of int
	// Share is, for a term Expand added, how much it counts relative to
	// the query word it is related to.
	Share float64
	// Particle is the particle that follows Word in the query when the two
	// make a phrasal verb ("turned down"); Expand adds the phrase's
	// related words first.
	Particle string
}

// Hit is one matching document.
type Hit struct {
	Doc     int // position in the indexed docs
	ID      string
	Payload int
	Score   float64
	// Coverage is the share of the query's total weight that the document
	// matches, in [0,1].
	Coverage float64
	// Matched is a bit set of the query terms the document contains
	// (bit i = Result.Terms[i]; terms past 64 are not tracked).
	Matched uint64
	// TermFields holds, for each query term, the bit set of the fields
	// (bit f = Doc.Fields[f], first 8 fields) in which the document has
	// it; 0 when it does not.
	TermFields []uint8
}

// Result is what Search returns.
type Result struct {
	Terms []QueryTerm
	// Weight is the total weight of Terms.
	Weight float64
	// Hits are the best documents, best first; empty when none matched.
	Hits []Hit
}

const maxQueryTerms = 64

type scratch struct {
	score   []float32
	mask    []uint64
	touched []int32
}

// Analyze returns the query terms of q: content words, corrected when the
// index does not know them and a close indexed word exists, duplicates
// dropped, at most 64.
func (ix *Index) Analyze(q string) []QueryTerm {
	var out []QueryTerm
	seen := map[string]bool{}
	words := ix.an.words(q)
	for wi, w := range words {
		if w.stop {
			continue
		}
		qt := QueryTerm{Word: w.raw, Term: w.key, Spelt: w.spelt}
		if wi+1 < len(words) && len(text.RelatedPhrasal(w.raw, words[wi+1].raw)) > 0 {
			qt.Particle = words[wi+1].raw
		}
		id, ok := ix.terms[w.key]
		if !ok && !text.IsNumber(w.raw) {
			if c, fixed := ix.Correct(w.raw); fixed {
				if cw := ix.an.words(c); len(cw) == 1 && !cw[0].stop {
					if cid, cok := ix.terms[cw[0].key]; cok {
						qt.Corrected, qt.Term, id, ok = c, cw[0].key, cid, true
						qt.Slip = TypoLike(w.raw, c)
					}
				}
			}
		}
		if seen[qt.Term] {
			continue
		}
		seen[qt.Term] = true
		qw := 1.0
		if v, has := ix.qw[w.raw]; has {
			qw = v
		} else if v, has := ix.qw[w.key]; has {
			qw = v
		}
		qt.Known = ok
		if ok {
			qt.Weight = qw * float64(ix.idf[id])
		} else {
			qt.Weight = qw * ix.unknownIDF
		}
		out = append(out, qt)
		if len(out) == maxQueryTerms {
			break
		}
	}
	return out
}

// maxRelated is how many related indexed words Expand adds per query word.
const maxRelated = 5

// Expand appends to terms, for each scored query word, up to five indexed
// words related to it in general English (text.Related: synonyms and
// derived forms), each with Of set and Share = share: it weighs share of
// the word (or of its own idf, if less). Words the index does not hold are
// not added, so expansion only finds documents, never widens what a
// question is about: a result's Weight leaves expansions out and its
// Coverage counts one as share of the word it stands for. Numbers,
// unweighted and NoScore terms are not expanded.
func (ix *Index) Expand(terms []QueryTerm, share float64) []QueryTerm {
	n := len(terms)
	seen := make(map[string]bool, n)
	for _, t := range terms {
		seen[t.Term] = true
	}
	for i := 0; i < n && len(terms) < maxQueryTerms; i++ {
		t := terms[i]
		if t.NoScore || t.Weight <= 0 || t.Of != 0 || text.IsNumber(t.Word) {
			continue
		}
		// A corrected word may have been a right word the corpus does not
		// use ("length", corrected to "lengthy"): both have related words.
		related := text.Related(t.Word)
		if t.Particle != "" {
			ph := text.RelatedPhrasal(t.Word, t.Particle)
			related = append(ph[:len(ph):len(ph)], related...)
		}
		if t.Corrected != "" {
			related = append(related[:len(related):len(related)], text.Related(t.Corrected)...)
		}
		added := 0
		for _, r := range related {
			if added == maxRelated || len(terms) == maxQueryTerms {
				break
			}
			ws := ix.an.words(r)
			if len(ws) != 1 || ws[0].stop || seen[ws[0].key] {
				continue
			}
			id, ok := ix.terms[ws[0].key]
			if !ok {
				continue
			}
			seen[ws[0].key] = true
			added++
			w := share * math.Min(t.Weight, float64(ix.idf[id]))
			terms = append(terms, QueryTerm{Word: r, Term: ws[0].key, Weight: w, Known: true, Of: i + 1, Share: share})
		}
	}
	return terms
}

// Search returns the k best documents for q (BM25F over the weighted
// fields, query terms weighted by Options.QueryWeights). Equal scores are
// ordered by document position. A query without known terms has no hits.
func (ix *Index) Search(q string, k int) Result {
	return ix.SearchTerms(ix.Analyze(q), k)
}

// SearchTerms is Search over terms returned by Analyze (possibly edited,
// e.g. reweighted).
func (ix *Index) SearchTerms(terms []QueryTerm, k int) Result {
	return ix.SearchRange(terms, k, 0, ix.docs.len())
}

// commonShare: a query word found in more than this share of the searched
// documents (and at least commonMin of them) only adds to the scores of
// documents that hold a rarer query word.
const (
	commonShare = 0.02
	commonMin   = 2000
)

// SearchRange is SearchTerms over the documents at positions [lo, hi).
//
// To stay fast on large indexes, when a query holds rarer words, a word
// found in very many documents (more than 2% of them and more than 2,000)
// only adds to the score of documents that hold a rarer word; documents
// holding nothing but such common words are not returned then. When every
// word is that common, the search starts from the 2,000 documents where
// the rarest of them weighs most (its champion list).
func (ix *Index) SearchRange(terms []QueryTerm, k, lo, hi int) Result {
	res := Result{Terms: terms}
	for _, t := range terms {
		if t.Of == 0 {
			res.Weight += t.Weight
		}
	}
	lo, hi = max(lo, 0), min(hi, ix.docs.len())
	if k <= 0 || lo >= hi {
		return res
	}
	s, _ := ix.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{score: make([]float32, ix.docs.len()), mask: make([]uint64, ix.docs.len())}
	}
	defer ix.pool.Put(s)
	s.touched = s.touched[:0]

	// Posting ranges within [lo, hi), rarest first.
	type span struct {
		qi, id, from, to int
	}
	var spans []span
	for qi, t := range terms {
		if !t.Known || t.NoScore {
			continue
		}
		// A term known elsewhere in a chain of segments may not be here.
		tid, ok := ix.terms[t.Term]
		if !ok {
			continue
		}
		id := int(tid)
		post := ix.post[id]
		from, to := 0, len(post)
		if lo > 0 {
			from = sort.Search(len(post), func(j int) bool { return int(post[j]) >= lo })
		}
		if hi < ix.docs.len() {
			to = sort.Search(len(post), func(j int) bool { return int(post[j]) >= hi })
		}
		if from < to {
			spans = append(spans, span{qi, id, from, to})
		}
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].to-spans[i].from < spans[j].to-spans[j].from })
	limit := max(commonMin, int(commonShare*float64(hi-lo)))
	for n, sp := range spans {
		w := float32(terms[sp.qi].Weight)
		bit := uint64(1) << uint(sp.qi)
		post, imp := ix.post[sp.id][sp.from:sp.to], ix.scores.of(sp.id, sp.from, sp.to)
		if n == 0 && len(post) > limit && ix.champ[sp.id] != nil && 10*len(post) >= 9*len(ix.post[sp.id]) {
			// Only common words: start from the best documents of the
			// rarest one (those within the range, when it leaves out a
			// few of its documents).
			for _, j := range ix.champ[sp.id] {
				if int(j) < sp.from || int(j) >= sp.to {
					continue
				}
				d := post[int(j)-sp.from]
				s.touched = append(s.touched, d)
				s.score[d] += w * imp.impactAt(int(j)-sp.from)
				s.mask[d] |= bit
			}
			continue
		}
		if n == 0 || len(post) <= limit {
			for j, d := range post {
				if s.mask[d] == 0 {
					s.touched = append(s.touched, d)
				}
				s.score[d] += w * imp.impactAt(j)
				s.mask[d] |= bit
			}
			continue
		}
		// A common word: only add to documents already found.
		if len(s.touched)*bits.Len(uint(len(post))) < len(post) {
			for _, d := range s.touched {
				j := sort.Search(len(post), func(j int) bool { return post[j] >= d })
				if j < len(post) && post[j] == d {
					s.score[d] += w * imp.impactAt(j)
					s.mask[d] |= bit
				}
			}
			continue
		}
		for j, d := range post {
			if s.mask[d] != 0 {
				s.score[d] += w * imp.impactAt(j)
				s.mask[d] |= bit
			}
		}
	}
	h := make(hitHeap, 0, k)
	for _, d := range s.touched {
		sc := s.score[d]
		if len(h) < k {
			heap.Push(&h, scored{d, sc})
		} else if better(scored{d, sc}, h[0]) {
			h[0] = scored{d, sc}
			heap.Fix(&h, 0)
		}
	}
	res.Hits = make([]Hit, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		top := heap.Pop(&h).(scored)
		doc := ix.docs.doc(int(top.doc))
		m := s.mask[top.doc]
		cov := coverage(terms, m)
		if res.Weight > 0 {
			cov = math.Min(1, cov/res.Weight)
		}
		res.Hits[i] = Hit{Doc: int(top.doc), ID: doc.ID, Payload: doc.Payload, Score: float64(top.score), Coverage: cov, Matched: m,
			TermFields: ix.termFields(terms, top.doc)}
	}
	for _, d := range s.touched {
		s.score[d], s.mask[d] = 0, 0
	}
	return res
}

// coverage is the weight of the query words matched (bit set m), a word
// matched only through a related word counting that word's Share of it.
func coverage(terms []QueryTerm, m uint64) float64 {
	cov := 0.0
	for qi, t := range terms {
		if qi >= 64 || t.Of != 0 {
			continue
		}
		if m&(1<<uint(qi)) != 0 {
			cov += t.Weight
			continue
		}
		for j := len(terms) - 1; j > qi && terms[j].Of != 0; j-- {
			if terms[j].Of == qi+1 && j < 64 && m&(1<<uint(j)) != 0 {
				cov += terms[j].Share * t.Weight
				break
			}
		}
	}
	return cov
}

type scored struct {
	doc   int32
	score float32
}

// better orders by score, then by earlier position.
func better(a, b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.doc < b.doc
}

// hitHeap is a min-heap: the worst kept hit on top.
type hitHeap []scored

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// termFields looks up, for each known query term, the fields of doc that
// hold it.
func (ix *Index) termFields(terms []QueryTerm, doc int32) []uint8 {
	out := make([]uint8, len(terms))
	for qi, t := range terms {
		if !t.Known {
			continue
		}
		id, ok := ix.terms[t.Term]
		if !ok {
			continue
		}
		post := ix.post[id]
		j := sort.Search(len(post), func(k int) bool { return post[k] >= doc })
		if j < len(post) && post[j] == doc {
			out[qi] = ix.scores.of(int(id), j, j+1).fieldsAt(0)
		}
	}
	return out
}
