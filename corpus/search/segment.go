package search

import (
	"math"

	"github.com/briefbot/briefbot/corpus/text"
)

// An index built with Options.Base is a segment of its base: documents
// added after the base was built, searched beside it, whose scores compare
// with the base's. It
//
//   - analyses text with the base's analyzer (its name variants, roles and
//     synonyms), so that a word becomes the same term in both;
//   - normalises field lengths by the base's average lengths;
//   - weighs its terms by the idf of the base and the segment together:
//     the base's documents and its own, the base's document frequency of
//     a term plus its own;
//   - numbers its terms in the base's id space (TermID, AppendTermIDs): a
//     term the base holds keeps the base's id, a new one gets an id past
//     the base's.
//
// A segment may itself be the base of another: a chain of segments on a
// base is one id space, and each counts the documents of those under it.
// What a segment does not change is the base: the idf of a term in the
// base's own postings and query weights (Index.Analyze on the base) stay
// as the base was built; Resolve re-weighs a query's terms that the
// segment holds. Search, SearchRange, Knows and Len cover the segment's
// own documents and words only, and Correct the words it adds to the
// chain.

// segment is what an index built as a segment knows of its base.
type segment struct {
	base *Index
	// global maps the segment's own term ids to ids of the chain.
	global []int32
	// terms is the number of term ids of the chain up to this segment;
	// docs its number of documents.
	terms int32
	docs  int
}

// segmentAnalyzer returns an analyzer that reads text as ix does: the
// same name folds and synonym phrases, shared (they are read-only), and a
// stem cache of its own.
func (ix *Index) segmentAnalyzer() *analyzer {
	return &analyzer{fold: ix.an.fold, phrases: ix.an.phrases, phraseKey: ix.an.phraseKey, stems: map[string]string{}}
}

// segmentAvg sets avg to the average field lengths of ix, where it has
// them.
func (ix *Index) segmentAvg(avg []float64) {
	copy(avg, ix.avgLen)
}

// chainTerms is the number of term ids of ix and the segments under it.
func (ix *Index) chainTerms() int32 {
	if ix.seg != nil {
		return ix.seg.terms
	}
	return int32(len(ix.idf))
}

// chainDocs is the number of documents of ix and the segments under it.
func (ix *Index) chainDocs() int {
	if ix.seg != nil {
		return ix.seg.docs
	}
	return ix.docs.len()
}

// chainID returns the id of a term in the chain under and including ix.
func (ix *Index) chainID(term string) (int32, bool) {
	if id, ok := ix.TermID(term); ok {
		return id, true
	}
	if ix.seg != nil {
		return ix.seg.base.chainID(term)
	}
	return 0, false
}

// chainDF returns the number of documents of the chain under and
// including ix that hold a term.
func (ix *Index) chainDF(term string) int {
	n := 0
	if id, ok := ix.terms[term]; ok {
		n = ix.df(id)
	}
	if ix.seg != nil {
		n += ix.seg.base.chainDF(term)
	}
	return n
}

// df is the number of documents holding term id (own documents).
func (ix *Index) df(id int32) int { return len(ix.post[id]) }

// joinBase makes the freshly built ix a segment of opts.Base: it numbers
// its terms in the chain's id space (in the Builder too, for
// AppendTermIDs) and weighs them by the chain's idf.
func (ix *Index) joinBase(b *Builder, opts Options) {
	base := opts.Base
	seg := &segment{base: base, global: make([]int32, len(ix.idf)), docs: base.chainDocs() + ix.docs.len()}
	keys := make([]string, len(ix.idf))
	for k, id := range ix.terms {
		keys[id] = k
	}
	next := base.chainTerms()
	n := float64(seg.docs)
	for id, k := range keys {
		if g, ok := base.chainID(k); ok {
			seg.global[id] = g
		} else {
			seg.global[id] = next
			next++
		}
		df := float64(ix.df(int32(id)) + base.chainDF(k))
		ix.idf[id] = float32(math.Log(1+(n-df+0.5)/(df+0.5)) + opts.IDFSmoothing)
	}
	seg.terms = next
	ix.maxIDF = math.Log(1+(n+0.5)/0.5) + opts.IDFSmoothing
	ix.unknownIDF = ix.maxIDF
	if opts.UnknownWeight > 0 {
		ix.unknownIDF = opts.UnknownWeight * ix.maxIDF
	}
	for k, id := range b.terms {
		if id >= 0 {
			b.terms[k] = seg.global[id]
		}
	}
	// Correct serves Resolve, for words the chain under ix does not know:
	// only those are worth correcting to.
	own := make(map[string]int)
	for w, n := range ix.vocab {
		if !base.chainKnows(w) {
			own[w] = n
		}
	}
	ix.spell = newSpeller(own)
	ix.seg = seg
}

// chainKnows reports whether ix or a segment under it knows a word.
func (ix *Index) chainKnows(word string) bool {
	if ix.Knows(word) {
		return true
	}
	return ix.seg != nil && ix.seg.base.chainKnows(word)
}

// Resolve re-reads query terms that an index under ix in its chain (its
// base, usually) analysed, for the documents ix adds: a word ix holds is
// known, weighed by the chain's idf as ix counts it; a word the base had
// to correct but ix holds as typed is taken as typed; a word nobody knew
// is corrected against ix's words. Terms added by Expand are left as they
// are. On an index that is not a segment, terms are returned unchanged.
// terms is modified in place and returned.
func (ix *Index) Resolve(terms []QueryTerm) []QueryTerm {
	if ix.seg == nil {
		return terms
	}
	for i := range terms {
		t := &terms[i]
		if t.Of != 0 {
			continue
		}
		key := t.Term
		if t.Corrected != "" {
			ws := ix.an.words(t.Word)
			if len(ws) != 1 || ws[0].stop {
				continue
			}
			key = ws[0].key
		}
		qw := ix.queryWeight(t.Word, key)
		if id, ok := ix.terms[key]; ok {
			// Held as typed (the base may have corrected it to another word).
			t.Term, t.Corrected, t.Slip, t.Known = key, "", false, true
			t.Weight = qw * float64(ix.idf[id])
			continue
		}
		if t.Known || t.Corrected != "" || text.IsNumber(t.Word) {
			continue
		}
		c, fixed := ix.Correct(t.Word)
		if !fixed {
			continue
		}
		if cw := ix.an.words(c); len(cw) == 1 && !cw[0].stop {
			if id, ok := ix.terms[cw[0].key]; ok {
				t.Corrected, t.Term, t.Known, t.Slip = c, cw[0].key, true, TypoLike(t.Word, c)
				t.Weight = qw * float64(ix.idf[id])
			}
		}
	}
	return terms
}

// queryWeight is the Options.QueryWeights weight of a query word, by the
// word and then by its term; 1 when it has none.
func (ix *Index) queryWeight(word, key string) float64 {
	if v, has := ix.qw[word]; has {
		return v
	}
	if v, has := ix.qw[key]; has {
		return v
	}
	return 1
}
