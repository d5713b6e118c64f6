package search

import (
	"sync"
)

// Doc is one document: an id, text fields weighted by Options.FieldWeights
// (by position) and a payload the caller uses to find what it indexed.
type Doc struct {
	ID      string
	Fields  []string
	Payload int
}

// Options configure an Index. The zero value is usable.
type Options struct {
	// FieldWeights weight the fields of every Doc by position; missing
	// weights are 1.
	FieldWeights []float64
	// Synonyms are groups of words or phrases that match each other, on top
	// of BuiltinSynonyms.
	Synonyms [][]string
	// QueryWeights scale the weight of query words, looked up by the
	// lowercased token and then by its index term (stem), e.g. to make
	// question words count less than content words. Missing: 1.
	QueryWeights map[string]float64
	// UnknownWeight is the idf a query word the index does not know counts
	// for, as a fraction of the largest idf (0: 1). It lowers the coverage
	// of every hit of a question about things the index never mentions.
	UnknownWeight float64
	// IDFSmoothing is added to every idf when weighting query terms, so
	// that a word found in nearly every document (the corpus's own topic)
	// still counts in a query. 0: none.
	IDFSmoothing float64
	// K1 and B are the BM25 parameters (0: 1.2 and 0.75).
	K1, B float64
	// Base, when not nil, builds the index as a segment of Base (see
	// segment.go): analysed, normalised and weighted like it.
	Base *Index
}

// Index is an immutable BM25F index. Build it with New.
type Index struct {
	docs   docList
	an     *analyzer
	terms  map[string]int32 // term key -> term id
	idf    []float32
	post   [][]int32 // term id -> sorted doc numbers
	scores scores    // per posting: its BM25 saturation and the fields holding the term
	// champ holds, for a term in more than championSize documents, the
	// positions in post of its championSize highest-impact postings, in
	// document order.
	champ  [][]int32
	vocab  map[string]int
	spell  *speller
	qw     map[string]float64
	maxIDF float64
	// unknownIDF is the weight of a query word the index does not know.
	unknownIDF float64
	// avgLen is the average length of each field, for BM25F.
	avgLen []float64
	// seg is set on an index built as a segment of another.
	seg  *segment
	pool sync.Pool
}

// championSize is how many best documents a common term keeps apart: a
// query made only of common words is answered from them.
const championSize = 2000

// New builds an index over docs. Docs keep their position: Hit.Doc is the
// position in docs.
func New(docs []Doc, opts Options) *Index {
	b := NewBuilder(opts)
	var fields [][]Text
	for _, d := range docs {
		fields = fields[:0]
		for _, f := range d.Fields {
			var ts []Text
			if f != "" {
				ts = []Text{b.Text(f)}
			}
			fields = append(fields, ts)
		}
		b.Add(d, fields...)
	}
	ix := b.Build()
	ix.docs.full = docs
	return ix
}

// Len returns the number of documents.
func (ix *Index) Len() int { return ix.docs.len() }

// Doc returns the document at position i. A document added with a
// Builder has no Fields.
func (ix *Index) Doc(i int) Doc { return ix.docs.doc(i) }

// Knows reports whether a lowercased word occurs in the indexed text.
func (ix *Index) Knows(word string) bool {
	_, ok := ix.vocab[word]
	return ok
}

// Correct returns the closest indexed word to a lowercased word within
// MaxEdits edits; ok is false when the word is known, a number, too short,
// or nothing is close enough.
func (ix *Index) Correct(word string) (string, bool) {
	if ix.Knows(word) {
		return "", false
	}
	w, _, ok := ix.spell.correct(word)
	return w, ok
}

// IDF returns the idf of an index term (as Terms returns them), including
// Options.IDFSmoothing; ok is false for a term the index does not hold.
func (ix *Index) IDF(term string) (float64, bool) {
	id, ok := ix.terms[term]
	if !ok {
		return 0, false
	}
	return float64(ix.idf[id]), true
}

// TermID returns the id of an index term (as Terms returns them): ids
// number the terms the index holds from 0, or, for a segment, continue
// the ids of its base; ok is false for a term it does not hold.
func (ix *Index) TermID(term string) (int32, bool) {
	id, ok := ix.terms[term]
	if ok && ix.seg != nil {
		id = ix.seg.global[id]
	}
	return id, ok
}

// Terms returns the index terms of s as the index analyses it (name
// variants, synonyms, numbers folded; stopwords dropped; stemmed).
func (ix *Index) Terms(s string) []string {
	var out []string
	for _, w := range ix.an.words(s) {
		if !w.stop {
			out = append(out, w.key)
		}
	}
	return out
}
