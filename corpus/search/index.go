package search

import (
	"math"
	"sort"
	"sync"

	"github.com/briefbot/briefbot/corpus/text"
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
}

// Index is an immutable BM25F index. Build it with New.
type Index struct {
	docs   []Doc
	an     *analyzer
	terms  map[string]int32 // term key -> term id
	idf    []float32
	post   [][]int32   // term id -> sorted doc numbers
	impact [][]float32 // term id -> BM25 saturation per posting, aligned with post
	fields [][]uint8   // term id -> bit set of the fields holding it, aligned with post
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
	pool       sync.Pool
}

// championSize is how many best documents a common term keeps apart: a
// query made only of common words is answered from them.
const championSize = 2000

// New builds an index over docs. Docs keep their position: Hit.Doc is the
// position in docs.
func New(docs []Doc, opts Options) *Index {
	k1, b := opts.K1, opts.B
	if k1 == 0 {
		k1 = 1.2
	}
	if b == 0 {
		b = 0.75
	}
	nf := 0
	for _, d := range docs {
		nf = max(nf, len(d.Fields))
	}
	weights := make([]float64, nf)
	for i := range weights {
		weights[i] = 1
		if i < len(opts.FieldWeights) {
			weights[i] = opts.FieldWeights[i]
		}
	}

	ns := newNameStats()
	for _, d := range docs {
		for _, f := range d.Fields {
			ns.add(f)
		}
	}
	an := &analyzer{fold: ns.variants(), stems: map[string]string{}}
	// Roles first: their words are matched before "US" folds into a group.
	an.addSynonyms(ns.roles(an.fold))
	an.addSynonyms(BuiltinSynonyms)
	an.addSynonyms(opts.Synonyms)

	ix := &Index{docs: docs, an: an, terms: map[string]int32{}, vocab: map[string]int{}, qw: opts.QueryWeights}
	// Analyse every field once.
	type fieldTerms struct {
		ids []int32
	}
	analysed := make([][]fieldTerms, len(docs))
	sumLen := make([]float64, nf)
	for di, d := range docs {
		analysed[di] = make([]fieldTerms, nf)
		for fi, f := range d.Fields {
			raw := tokensOf(f)
			for _, r := range raw {
				if n, ok := an.normalize(r); ok {
					if _, seen := an.stems[n]; !seen && !text.IsStopword(n) {
						an.stems[n] = rootOf(text.Stem(n))
					}
					if !text.IsStopword(n) && !text.IsNumber(n) {
						ix.vocab[n]++
					}
				}
			}
			ws := an.wordsOf(raw)
			ids := make([]int32, 0, len(ws))
			for _, w := range ws {
				if w.stop {
					continue
				}
				id, ok := ix.terms[w.key]
				if !ok {
					id = int32(len(ix.terms))
					ix.terms[w.key] = id
				}
				ids = append(ids, id)
			}
			analysed[di][fi].ids = ids
			sumLen[fi] += float64(len(ids))
		}
	}
	avg := make([]float64, nf)
	for i := range avg {
		avg[i] = max(sumLen[i]/math.Max(1, float64(len(docs))), 1)
	}
	nt := len(ix.terms)
	ix.post = make([][]int32, nt)
	ix.impact = make([][]float32, nt)
	ix.fields = make([][]uint8, nt)
	tf := make([]float64, nt)
	fbits := make([]uint8, nt)
	var touched []int32
	for di := range docs {
		touched = touched[:0]
		for fi, ft := range analysed[di] {
			norm := 1 - b + b*float64(len(ft.ids))/avg[fi]
			for _, id := range ft.ids {
				if tf[id] == 0 {
					touched = append(touched, id)
				}
				tf[id] += weights[fi] / norm
				if fi < 8 {
					fbits[id] |= 1 << uint(fi)
				}
			}
		}
		sort.Slice(touched, func(i, j int) bool { return touched[i] < touched[j] })
		for _, id := range touched {
			t := tf[id]
			ix.post[id] = append(ix.post[id], int32(di))
			ix.impact[id] = append(ix.impact[id], float32(t*(k1+1)/(t+k1)))
			ix.fields[id] = append(ix.fields[id], fbits[id])
			tf[id], fbits[id] = 0, 0
		}
	}
	n := float64(len(docs))
	ix.idf = make([]float32, nt)
	for id, p := range ix.post {
		df := float64(len(p))
		ix.idf[id] = float32(math.Log(1+(n-df+0.5)/(df+0.5)) + opts.IDFSmoothing)
	}
	ix.maxIDF = math.Log(1+(n+0.5)/0.5) + opts.IDFSmoothing
	ix.champ = make([][]int32, nt)
	for id, p := range ix.post {
		if len(p) <= championSize {
			continue
		}
		pos := make([]int32, len(p))
		for j := range pos {
			pos[j] = int32(j)
		}
		imp := ix.impact[id]
		sort.SliceStable(pos, func(a, b int) bool { return imp[pos[a]] > imp[pos[b]] })
		pos = pos[:championSize]
		sort.Slice(pos, func(a, b int) bool { return pos[a] < pos[b] })
		ix.champ[id] = pos
	}
	if opts.UnknownWeight > 0 {
		ix.unknownIDF = opts.UnknownWeight * ix.maxIDF
	} else {
		ix.unknownIDF = ix.maxIDF
	}
	ix.spell = newSpeller(ix.vocab)
	return ix
}

// Len returns the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

// Doc returns the document at position i.
func (ix *Index) Doc(i int) Doc { return ix.docs[i] }

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
