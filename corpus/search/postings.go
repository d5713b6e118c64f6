package search

import "math"

// score is what a posting holds beside its document: the BM25F saturation
// of the term in the document and the bit set of the fields holding it.
type score struct {
	impact float32
	fields uint8
}

// maxScoreCodes is how many distinct scores postings can be coded with 2
// bytes; a corpus with more stores every posting's score in full.
const maxScoreCodes = 1 << 16

// scores are the postings' scores, aligned with Index.post. A corpus has
// few distinct scores (tens of thousands for millions of postings), so
// each posting holds the 2-byte code of its score in table; past
// maxScoreCodes distinct scores, impact and fields hold them in full.
type scores struct {
	code  [][]uint16 // term id -> code per posting, when table != nil
	table []score
	// Without codes: term id -> score per posting.
	impact [][]float32
	fields [][]uint8
}

// termScores are the scores of one term's postings (or of a range of
// them); position j is the term's posting j.
type termScores struct {
	code   []uint16
	table  []score
	impact []float32
	fields []uint8
}

// of returns the scores of term id's postings [from, to).
func (s *scores) of(id, from, to int) termScores {
	if s.table != nil {
		return termScores{code: s.code[id][from:to], table: s.table}
	}
	return termScores{impact: s.impact[id][from:to], fields: s.fields[id][from:to]}
}

// impactAt returns the impact of posting j.
func (t termScores) impactAt(j int) float32 {
	if t.table != nil {
		return t.table[t.code[j]].impact
	}
	return t.impact[j]
}

// fieldsAt returns the field bits of posting j.
func (t termScores) fieldsAt(j int) uint8 {
	if t.table != nil {
		return t.table[t.code[j]].fields
	}
	return t.fields[j]
}

// appendImpacts appends the impacts of the postings to dst.
func (t termScores) appendImpacts(dst []float32) []float32 {
	if t.table == nil {
		return append(dst, t.impact...)
	}
	for _, c := range t.code {
		dst = append(dst, t.table[c].impact)
	}
	return dst
}

// scoreWriter fills scores for postings counted beforehand: sizes[id]
// postings for term id, each set once with set.
type scoreWriter struct {
	s      *scores
	limit  int
	sizes  []int32
	filled []int32 // per term: postings set so far, in order
	slots  []int32 // open addressing over table: code+1, 0 when empty
}

// newScoreWriter makes room for sizes[id] postings of term id (total in
// all) and returns a writer into s. Past limit distinct scores it stores
// them in full.
func newScoreWriter(s *scores, sizes []int32, total, limit int) *scoreWriter {
	w := &scoreWriter{s: s, limit: limit, sizes: sizes, filled: make([]int32, len(sizes)), slots: make([]int32, 1<<10)}
	flat := make([]uint16, total)
	s.code = make([][]uint16, len(sizes))
	s.table = make([]score, 0, 256)
	off := 0
	for id, n := range sizes {
		end := off + int(n)
		s.code[id] = flat[off:end:end]
		off = end
	}
	return w
}

// set sets the score of term id's posting p; a term's postings are set in
// order.
func (w *scoreWriter) set(id int32, p int32, sc score) {
	if w.s.table != nil {
		if c, ok := w.code(sc); ok {
			w.s.code[id][p] = c
			w.filled[id] = p + 1
			return
		}
		w.uncode()
	}
	w.s.impact[id][p], w.s.fields[id][p] = sc.impact, sc.fields
	w.filled[id] = p + 1
}

// done ends the writing.
func (w *scoreWriter) done() {
	w.slots, w.filled = nil, nil
	if w.s.table != nil {
		t := make([]score, len(w.s.table))
		copy(t, w.s.table)
		w.s.table = t
	}
}

// code returns the code of sc, adding it to the table; ok is false when
// the table is full.
func (w *scoreWriter) code(sc score) (uint16, bool) {
	key := uint64(math.Float32bits(sc.impact))<<8 | uint64(sc.fields)
	mask := uint64(len(w.slots) - 1)
	for i := (key * 0x9E3779B97F4A7C15) >> 32 & mask; ; i = (i + 1) & mask {
		v := w.slots[i]
		if v == 0 {
			if len(w.s.table) == w.limit {
				return 0, false
			}
			w.s.table = append(w.s.table, sc)
			w.slots[i] = int32(len(w.s.table))
			if 2*len(w.s.table) > len(w.slots) {
				w.grow()
			}
			return uint16(len(w.s.table) - 1), true
		}
		if t := w.s.table[v-1]; t == sc {
			return uint16(v - 1), true
		}
	}
}

// grow doubles the slots.
func (w *scoreWriter) grow() {
	w.slots = make([]int32, 2*len(w.slots))
	mask := uint64(len(w.slots) - 1)
	for c, sc := range w.s.table {
		key := uint64(math.Float32bits(sc.impact))<<8 | uint64(sc.fields)
		i := (key * 0x9E3779B97F4A7C15) >> 32 & mask
		for w.slots[i] != 0 {
			i = (i + 1) & mask
		}
		w.slots[i] = int32(c + 1)
	}
}

// uncode switches to full scores: the postings set so far are decoded.
func (w *scoreWriter) uncode() {
	s := w.s
	total := 0
	for _, n := range w.sizes {
		total += int(n)
	}
	impact, fields := make([]float32, total), make([]uint8, total)
	s.impact, s.fields = make([][]float32, len(w.sizes)), make([][]uint8, len(w.sizes))
	off := 0
	for id, n := range w.sizes {
		end := off + int(n)
		s.impact[id], s.fields[id] = impact[off:end:end], fields[off:end:end]
		for p, c := range s.code[id][:w.filled[id]] {
			s.impact[id][p], s.fields[id][p] = s.table[c].impact, s.table[c].fields
		}
		off = end
	}
	s.code, s.table, w.slots = nil, nil, nil
}
