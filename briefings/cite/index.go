package cite

import (
	"maps"
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

// Sentence is one Sentence of the corpus as issues and summaries see it.
type Sentence struct {
	Art   int32 // article index
	pos   int32 // position of the sentence in its article
	block int32
	// The content terms (stems) in order, as vocabulary ids, are
	// nTerms ids from termAt in the index's term chunks (index.terms).
	termAt uint32
	nTerms uint32
	kind   uint8 // a corpus.BlockKind
	Title  bool  // the article's title
	quote  bool  // inside a quotation that spans sentences, or a fragment of one
	part   bool  // an item of a list its lead-in announces ("including:"): a fragment
	alone  bool  // the only sentence of its paragraph
	Text   string
}

// termChunkBits is the width of the offset inside a term chunk in
// sentence.termAt; the chunk's number is above it.
const termChunkBits = 16

// BlockKind is the kind of block the sentence is in.
func (s *Sentence) BlockKind() corpus.BlockKind { return corpus.BlockKind(s.kind) }

// Index holds every sentence of the corpus with its terms, and the
// sentence frequency of each term. Build makes it; With extends it
// copy-on-write.
type Index struct {
	Sents []Sentence
	// chunks hold the sentences' terms: a sentence's terms lie in one
	// chunk, from the offset termAt names (index.terms). Chunks are never
	// written once their sentences are added.
	chunks [][]int32
	First  []int32 // first[a] is the index of article a's first sentence; first[n] = len(sents)
	lx     *Lexicon
	sf     []int32 // sentences containing the term
	NArts  int
	// extended is set once an extension (index.extend) has appended past
	// the end of sents and first.
	extended atomic.Bool
}

// BuildIndex splits every article into sentences and their terms. The
// title counts as the article's first sentence. visit, when not nil, sees
// every sentence with its words as it is added.
func BuildIndex(arts []corpus.Article, lx *Lexicon, visit func(si int32, s *Sentence, ws []Word)) *Index {
	ix := &Index{lx: lx, First: make([]int32, len(arts)+1), NArts: len(arts)}
	total := 0
	for _, a := range arts {
		total++
		for _, b := range a.Blocks {
			total += max(1, len(b.Sentences))
		}
	}
	// Room for a few hundred more articles' sentences: With appends to
	// the index of a Build in place (index.extend).
	ix.Sents = make([]Sentence, 0, total+total/32)
	var seen []int32 // seen[t] = last sentence counting term t, plus 1
	var buf []Word
	for ai, a := range arts {
		ix.First[ai] = int32(len(ix.Sents))
		pos := int32(0)
		block := int32(-1)
		quoteOpen, listOpen, part := false, false, false
		add := func(s string, kind corpus.BlockKind, title bool) {
			s = CleanLine(s)
			if s == "" {
				return
			}
			si := int32(len(ix.Sents))
			buf = ix.lx.ReadWords(s, buf)
			st := Sentence{Art: int32(ai), pos: pos, kind: uint8(kind), Title: title, Text: s, block: block, part: part}
			ix.addTerms(&st, buf)
			st.quote, quoteOpen = quoteState(s, quoteOpen)
			pos++
			for len(ix.sf) < len(ix.lx.words) {
				ix.sf = append(ix.sf, 0)
				seen = append(seen, 0)
			}
			for _, t := range ix.Terms(&st) {
				if seen[t] != si+1 {
					seen[t] = si + 1
					ix.sf[t]++
				}
			}
			ix.Sents = append(ix.Sents, st)
			if visit != nil {
				visit(si, &ix.Sents[si], buf)
			}
		}
		if a.Title != "" {
			add(a.Title, corpus.Heading, true)
		}
		for bi, b := range a.Blocks {
			if bi == 0 && a.Title != "" && sameQuestionKey(b.Text, a.Title) {
				continue // the headline repeated as the first block
			}
			ss := b.Sentences
			if len(ss) == 0 {
				ss = []string{b.Text}
			}
			block, quoteOpen = int32(bi), false
			part = b.Kind == corpus.Item && listOpen
			n0 := len(ix.Sents)
			for _, s := range ss {
				add(s, b.Kind, false)
			}
			if len(ix.Sents) == n0+1 {
				ix.Sents[n0].alone = true
			}
			if b.Kind != corpus.Item {
				listOpen = strings.HasSuffix(strings.TrimSpace(b.Text), ":")
			}
		}
	}
	ix.First[len(arts)] = int32(len(ix.Sents))
	return ix
}

// addTerms stores the terms of the words ws as s's terms: in the last
// chunk if they fit, else in a new one (of their length when longer than
// a chunk).
func (ix *Index) addTerms(s *Sentence, ws []Word) {
	n := 0
	for _, w := range ws {
		n += len(w.Info.terms)
	}
	if n == 0 {
		return
	}
	last := len(ix.chunks) - 1
	if last < 0 || len(ix.chunks[last])+n > cap(ix.chunks[last]) {
		ix.chunks = append(ix.chunks, make([]int32, 0, max(n, 1<<termChunkBits)))
		last++
	}
	c := ix.chunks[last]
	s.termAt = uint32(last)<<termChunkBits | uint32(len(c))
	s.nTerms = uint32(n)
	for _, w := range ws {
		c = append(c, w.Info.terms...)
	}
	ix.chunks[last] = c
}

// Terms returns the content Terms (stems) of s in order, as vocabulary
// ids. The slice must not be changed.
func (ix *Index) Terms(s *Sentence) []int32 {
	if s.nTerms == 0 {
		return nil
	}
	c := ix.chunks[s.termAt>>termChunkBits]
	at := s.termAt & (1<<termChunkBits - 1)
	return c[at : at+s.nTerms : at+s.nTerms]
}

// quoteState tells whether a sentence is part of a quotation running over
// several sentences (open is whether one is open before it), and whether
// one is still open after it.
func quoteState(s string, open bool) (inQuote, openAfter bool) {
	if !hasQuoteMark(s) {
		return open, open
	}
	opens := strings.Count(s, "“")
	closes := strings.Count(s, "”")
	straight := strings.Count(s, "\"")
	after := open
	switch {
	case opens > closes:
		after = true
	case closes > opens:
		after = false
	case straight%2 == 1:
		after = !open
	}
	return open || after || opens != closes || straight%2 == 1, after
}

// hasQuoteMark reports a straight or curly double quote in s.
func hasQuoteMark(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return true
		case 0xE2: // “ and ” are E2 80 9C and E2 80 9D
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x9C || s[i+2] == 0x9D) {
				return true
			}
		}
	}
	return false
}

// Lookup returns the ids of the terms of s that are in the vocabulary;
// ok is false when one is missing (the phrase cannot occur).
func (ix *Index) Lookup(s string) ([]int32, bool) {
	ts := text.Terms(s)
	out := make([]int32, 0, len(ts))
	for _, t := range ts {
		id, ok := ix.lx.vocab[t]
		if !ok && ix.lx.parent != nil {
			id, ok = ix.lx.parent.vocab[t]
		}
		if !ok {
			return nil, false
		}
		out = append(out, id)
	}
	return out, len(out) > 0
}

// idf is the inverse sentence frequency of a term.
func (ix *Index) idf(t int32) float64 {
	return math.Log(float64(len(ix.Sents)+1)/float64(ix.sf[t]+1)) + 1
}

// ArticleSents returns the range of sentence ids of article a.
func (ix *Index) ArticleSents(a int) (lo, hi int) {
	return int(ix.First[a]), int(ix.First[a+1])
}

// vector is a sparse tf-idf vector, sorted by term id, unit length.
type vector struct {
	ids []int32
	w   []float64
}

// vec returns the unit tf-idf vector of sentence s.
func (ix *Index) vec(s int) vector {
	ts := ix.Terms(&ix.Sents[s])
	if len(ts) == 0 {
		return vector{}
	}
	ids := append([]int32(nil), ts...)
	sortInt32(ids)
	v := vector{ids: ids[:0]}
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		v.ids = append(v.ids, ids[i])
		v.w = append(v.w, float64(j-i)*ix.idf(ids[i]))
		i = j
	}
	var n float64
	for _, x := range v.w {
		n += x * x
	}
	n = math.Sqrt(n)
	for i := range v.w {
		v.w[i] /= n
	}
	return v
}

// cosine is the dot product of two unit vectors.
func cosine(a, b vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] == b.ids[j]:
			s += a.w[i] * b.w[j]
			i++
			j++
		case a.ids[i] < b.ids[j]:
			i++
		default:
			j++
		}
	}
	return s
}

// ContainsSeq reports whether seq occurs contiguously in terms.
func ContainsSeq(terms, seq []int32) bool {
	if len(seq) == 0 || len(seq) > len(terms) {
		return false
	}
outer:
	for i := 0; i+len(seq) <= len(terms); i++ {
		for k, t := range seq {
			if terms[i+k] != t {
				continue outer
			}
		}
		return true
	}
	return false
}

func sortInt32(s []int32) {
	// insertion sort: sentences are short
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Extend returns an index holding ix's sentences and then those of the
// added articles, numbered after ix's articles. ix is not changed: the
// new sentences are read with a lexicon on top of ix's, and appended past
// the end of ix's slices only by the first extension of ix (later ones,
// and ix's readers, never see that part).
func (ix *Index) Extend(added []corpus.Article) *Index {
	lx := ix.lx.extend()
	add := BuildIndex(added, lx, nil)
	n, na := len(ix.Sents), ix.NArts
	out := &Index{lx: lx, NArts: na + add.NArts}
	sents, first := ix.Sents, ix.First
	if !ix.extended.CompareAndSwap(false, true) {
		sents, first = slices.Clip(sents), slices.Clip(first)
	}
	out.Sents = append(sents, add.Sents...)
	out.First = append(first, add.First[1:]...)
	// Chunk numbers of the added terms move past ix's chunks; the list
	// is copied, the chunks themselves are shared and never written.
	shift := uint32(len(ix.chunks)) << termChunkBits
	out.chunks = append(slices.Clip(ix.chunks), add.chunks...)
	for i := n; i < len(out.Sents); i++ {
		out.Sents[i].Art += int32(na)
		if out.Sents[i].nTerms > 0 {
			out.Sents[i].termAt += shift
		}
	}
	for i := na + 1; i < len(out.First); i++ {
		out.First[i] += int32(n)
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
func (lx *Lexicon) extend() *Lexicon {
	out := &Lexicon{
		words:    slices.Clip(lx.words),
		KeyNames: slices.Clip(lx.KeyNames),
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
