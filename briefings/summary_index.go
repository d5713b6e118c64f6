package briefings

import (
	"math"
	"strings"
	"sync/atomic"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

// sentence is one sentence of the corpus as issues and summaries see it.
type sentence struct {
	art   int32 // article index
	pos   int32 // position of the sentence in its article
	block int32
	// The content terms (stems) in order, as vocabulary ids, are
	// nTerms ids from termAt in the index's term chunks (index.terms).
	termAt uint32
	nTerms uint32
	kind   uint8 // a corpus.BlockKind
	title  bool  // the article's title
	quote  bool  // inside a quotation that spans sentences, or a fragment of one
	part   bool  // an item of a list its lead-in announces ("including:"): a fragment
	alone  bool  // the only sentence of its paragraph
	text   string
}

// termChunkBits is the width of the offset inside a term chunk in
// sentence.termAt; the chunk's number is above it.
const termChunkBits = 16

// blockKind is the kind of block the sentence is in.
func (s *sentence) blockKind() corpus.BlockKind { return corpus.BlockKind(s.kind) }

// index holds every sentence of the corpus with its terms, and the
// sentence frequency of each term. Build makes it; With extends it
// copy-on-write.
type index struct {
	sents []sentence
	// chunks hold the sentences' terms: a sentence's terms lie in one
	// chunk, from the offset termAt names (index.terms). Chunks are never
	// written once their sentences are added.
	chunks [][]int32
	first  []int32 // first[a] is the index of article a's first sentence; first[n] = len(sents)
	lx     *lexicon
	sf     []int32 // sentences containing the term
	nArts  int
	// extended is set once an extension (index.extend) has appended past
	// the end of sents and first.
	extended atomic.Bool
}

// buildIndex splits every article into sentences and their terms. The
// title counts as the article's first sentence. visit, when not nil, sees
// every sentence with its words as it is added.
func buildIndex(arts []corpus.Article, lx *lexicon, visit func(si int32, s *sentence, ws []word)) *index {
	ix := &index{lx: lx, first: make([]int32, len(arts)+1), nArts: len(arts)}
	total := 0
	for _, a := range arts {
		total++
		for _, b := range a.Blocks {
			total += max(1, len(b.Sentences))
		}
	}
	// Room for a few hundred more articles' sentences: With appends to
	// the index of a Build in place (index.extend).
	ix.sents = make([]sentence, 0, total+total/32)
	var seen []int32 // seen[t] = last sentence counting term t, plus 1
	var buf []word
	for ai, a := range arts {
		ix.first[ai] = int32(len(ix.sents))
		pos := int32(0)
		block := int32(-1)
		quoteOpen, listOpen, part := false, false, false
		add := func(s string, kind corpus.BlockKind, title bool) {
			s = cleanLine(s)
			if s == "" {
				return
			}
			si := int32(len(ix.sents))
			buf = ix.lx.readWords(s, buf)
			st := sentence{art: int32(ai), pos: pos, kind: uint8(kind), title: title, text: s, block: block, part: part}
			ix.addTerms(&st, buf)
			st.quote, quoteOpen = quoteState(s, quoteOpen)
			pos++
			for len(ix.sf) < len(ix.lx.words) {
				ix.sf = append(ix.sf, 0)
				seen = append(seen, 0)
			}
			for _, t := range ix.terms(&st) {
				if seen[t] != si+1 {
					seen[t] = si + 1
					ix.sf[t]++
				}
			}
			ix.sents = append(ix.sents, st)
			if visit != nil {
				visit(si, &ix.sents[si], buf)
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
			n0 := len(ix.sents)
			for _, s := range ss {
				add(s, b.Kind, false)
			}
			if len(ix.sents) == n0+1 {
				ix.sents[n0].alone = true
			}
			if b.Kind != corpus.Item {
				listOpen = strings.HasSuffix(strings.TrimSpace(b.Text), ":")
			}
		}
	}
	ix.first[len(arts)] = int32(len(ix.sents))
	return ix
}

// addTerms stores the terms of the words ws as s's terms: in the last
// chunk if they fit, else in a new one (of their length when longer than
// a chunk).
func (ix *index) addTerms(s *sentence, ws []word) {
	n := 0
	for _, w := range ws {
		n += len(w.info.terms)
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
		c = append(c, w.info.terms...)
	}
	ix.chunks[last] = c
}

// terms returns the content terms (stems) of s in order, as vocabulary
// ids. The slice must not be changed.
func (ix *index) terms(s *sentence) []int32 {
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

// lookup returns the ids of the terms of s that are in the vocabulary;
// ok is false when one is missing (the phrase cannot occur).
func (ix *index) lookup(s string) ([]int32, bool) {
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
func (ix *index) idf(t int32) float64 {
	return math.Log(float64(len(ix.sents)+1)/float64(ix.sf[t]+1)) + 1
}

// articleSents returns the range of sentence ids of article a.
func (ix *index) articleSents(a int) (lo, hi int) {
	return int(ix.first[a]), int(ix.first[a+1])
}

// vector is a sparse tf-idf vector, sorted by term id, unit length.
type vector struct {
	ids []int32
	w   []float64
}

// vec returns the unit tf-idf vector of sentence s.
func (ix *index) vec(s int) vector {
	ts := ix.terms(&ix.sents[s])
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

// containsSeq reports whether seq occurs contiguously in terms.
func containsSeq(terms, seq []int32) bool {
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
