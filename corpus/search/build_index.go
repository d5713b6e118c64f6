package search

import (
	"math"
	"strings"

	"github.com/briefbot/briefbot/corpus/text"
)

// phrase is a synonym phrase over key ids.
type phrase struct {
	keys []int32
	to   int32
}

// reader reads fields with the built analyzer, over key ids.
type reader struct {
	b       *Builder
	phrases [][]phrase // key id -> phrases starting with it
	stream  []ktok
	out     []int32
}

type ktok struct {
	key  int32
	stop bool
}

// Build returns the index over the added documents. The Builder must not
// be added to afterwards, nor Tokens called; AppendTermIDs works from
// then on.
func (b *Builder) Build() *Index {
	opts := b.opts
	k1, bp := opts.K1, opts.B
	if k1 == 0 {
		k1 = 1.2
	}
	if bp == 0 {
		bp = 0.75
	}
	nf := b.nf
	weights := make([]float64, nf)
	for i := range weights {
		weights[i] = 1
		if i < len(opts.FieldWeights) {
			weights[i] = opts.FieldWeights[i]
		}
	}

	ns := b.nameStats()
	// What only Text needed.
	b.wordIDs, b.words, b.rawIDs = nil, nil, nil
	b.pieceIDs, b.pwords, b.pbuf = nil, nil, nil
	an := &analyzer{fold: ns.variants(), stems: map[string]string{}}
	// Roles first: their words are matched before "US" folds into a group.
	an.addSynonyms(ns.roles(an.fold))
	an.addSynonyms(BuiltinSynonyms)
	an.addSynonyms(opts.Synonyms)
	if opts.Base != nil {
		an = opts.Base.segmentAnalyzer()
	}
	b.an = an

	b.docs.numbers = nil
	ix := &Index{docs: b.docs, an: an, terms: map[string]int32{}, vocab: map[string]int{}, qw: opts.QueryWeights}

	// Read every distinct token once.
	// A piece's tokens occur as often as the piece, and a text's pieces
	// as often as the text.
	occ := make([]int32, len(b.raw))
	pieceOcc := make([]int32, len(b.pieces))
	pieceUses := make([]int32, len(b.pieces)) // in texts, used or not
	for t, ti := range b.texts {
		u := b.uses[t]
		for _, id := range b.tpieces[ti.piece : ti.piece+ti.npiece] {
			if id >= 0 {
				pieceOcc[id] += u
				pieceUses[id]++
			}
		}
		if u > 0 {
			for _, r := range b.compounds(Text(t)) {
				occ[r] += u
			}
		}
	}
	for id, p := range b.pieces {
		if u := pieceOcc[id]; u > 0 {
			for _, r := range b.ptoks[p.tok : p.tok+p.ntok] {
				occ[r] += u
			}
		}
	}
	keyIDs := map[string]int32{}
	keyID := func(k string) int32 {
		id, ok := keyIDs[k]
		if !ok {
			id = int32(len(b.keys))
			keyIDs[k] = id
			b.keys = append(b.keys, k)
		}
		return id
	}
	b.rinfo = make([]rawInfo, len(b.raw))
	for r, tok := range b.raw {
		n, ok := an.normalize(tok)
		if !ok {
			b.rinfo[r].skip = true
			continue
		}
		stop := text.IsStopword(n)
		key := n
		if !stop {
			if _, seen := an.stems[n]; !seen {
				an.stems[n] = rootOf(text.Stem(n))
			}
			key = an.stems[n]
			if occ[r] > 0 && !text.IsNumber(n) {
				ix.vocab[n] += int(occ[r])
			}
		}
		b.rinfo[r] = rawInfo{stop: stop, key: keyID(key)}
	}
	rd := &reader{b: b}
	for k, ps := range an.phrases {
		for _, p := range ps {
			ph := phrase{keys: make([]int32, len(p)), to: keyID(an.phraseKey[strings.Join(p, " ")])}
			for i, w := range p {
				ph.keys[i] = keyID(w)
			}
			kid := keyID(k)
			for len(rd.phrases) <= int(kid) {
				rd.phrases = append(rd.phrases, nil)
			}
			rd.phrases[kid] = append(rd.phrases[kid], ph)
		}
	}
	for len(rd.phrases) < len(b.keys) {
		rd.phrases = append(rd.phrases, nil)
	}

	// Each text alone, once. A key read is a token that is no stopword or
	// that starts a phrase: the cache holds at most as many.
	keys := func(rs []int32) int {
		n := 0
		for _, r := range rs {
			if inf := b.rinfo[r]; !inf.skip && (!inf.stop || len(rd.phrases[inf.key]) > 0) {
				n++
			}
		}
		return n
	}
	maxKeys := keys(b.comps)
	for id, p := range b.pieces {
		if n := pieceUses[id]; n > 0 {
			maxKeys += int(n) * keys(b.ptoks[p.tok:p.tok+p.ntok])
		}
	}
	b.cache = make([]int32, 0, maxKeys)
	one := make([]Text, 1)
	for t := range b.texts {
		one[0] = Text(t)
		ids := rd.read(one)
		b.texts[t].cache, b.texts[t].ncache = int32(len(b.cache)), int32(len(ids))
		b.cache = append(b.cache, ids...)
	}

	// First pass: field lengths, term ids and document frequencies.
	b.terms = make([]int32, len(b.keys))
	for i := range b.terms {
		b.terms[i] = -1
	}
	var termKeys []string
	var df, lastDoc []int32
	sumLen := make([]float64, nf)
	nd := b.docs.len()
	for di := range nd {
		for fi := range nf {
			ids := b.fieldKeys(rd, di, fi)
			sumLen[fi] += float64(len(ids))
			for _, k := range ids {
				id := b.terms[k]
				if id < 0 {
					id = int32(len(termKeys))
					b.terms[k] = id
					termKeys = append(termKeys, b.keys[k])
					df = append(df, 0)
					lastDoc = append(lastDoc, -1)
				}
				if lastDoc[id] != int32(di) {
					lastDoc[id] = int32(di)
					df[id]++
				}
			}
		}
	}
	avg := make([]float64, nf)
	for i := range avg {
		avg[i] = max(sumLen[i]/math.Max(1, float64(nd)), 1)
	}
	if opts.Base != nil {
		opts.Base.segmentAvg(avg)
	}
	ix.avgLen = avg
	nt := len(termKeys)
	for id, k := range termKeys {
		ix.terms[k] = int32(id)
	}
	total := 0
	for _, n := range df {
		total += int(n)
	}
	post := make([]int32, total)
	ix.post = make([][]int32, nt)
	off := 0
	for id, n := range df {
		end := off + int(n)
		ix.post[id] = post[off:end:end]
		off = end
	}
	sw := newScoreWriter(&ix.scores, df, total, maxScoreCodes)
	cursor := make([]int32, nt)
	// Second pass: BM25F saturation per posting. A document holds a term
	// once, whatever the weights of its fields.
	clear(lastDoc)
	tf := make([]float64, nt)
	fbits := make([]uint8, nt)
	var touched []int32
	for di := range nd {
		touched = touched[:0]
		for fi := range nf {
			ids := b.fieldKeys(rd, di, fi)
			norm := 1 - bp + bp*float64(len(ids))/avg[fi]
			for _, k := range ids {
				id := b.terms[k]
				if lastDoc[id] != int32(di)+1 {
					lastDoc[id] = int32(di) + 1
					touched = append(touched, id)
				}
				tf[id] += weights[fi] / norm
				if fi < 8 {
					fbits[id] |= 1 << uint(fi)
				}
			}
		}
		for _, id := range touched {
			t := tf[id]
			p := cursor[id]
			cursor[id]++
			ix.post[id][p] = int32(di)
			sw.set(id, p, score{float32(t * (k1 + 1) / (t + k1)), fbits[id]})
			tf[id], fbits[id] = 0, 0
		}
	}
	sw.done()
	// What only Build needed; AppendTermIDs needs texts, cache and terms.
	b.tpieces, b.comps, b.pieces, b.ptoks = nil, nil, nil, nil
	b.rinfo, b.raw, b.keys = nil, nil, nil
	b.fieldText, b.fieldEnd, b.docField, b.uses = nil, nil, nil, nil
	ix.finish(opts)
	if opts.Base != nil {
		ix.joinBase(b, opts)
	}
	return ix
}

// fieldKeys returns the key ids of the words of field fi of document di
// (the cached reading of a single text, else read now).
func (b *Builder) fieldKeys(rd *reader, di, fi int) []int32 {
	ts := b.field(di, fi)
	switch len(ts) {
	case 0:
		return nil
	case 1:
		ti := b.texts[ts[0]]
		return b.cache[ti.cache : ti.cache+ti.ncache]
	}
	return rd.read(ts)
}

// read returns the key ids of the content words of the texts joined by
// spaces, as wordsOf(tokensOf(joined)) finds them: every text's tokens,
// then every text's compounds, synonym phrases folded, stopwords dropped.
// The result is valid until the next call.
func (rd *reader) read(ts []Text) []int32 {
	b := rd.b
	rd.stream = rd.stream[:0]
	add := func(rs []int32) {
		for _, r := range rs {
			if inf := b.rinfo[r]; !inf.skip {
				rd.stream = append(rd.stream, ktok{inf.key, inf.stop})
			}
		}
	}
	for _, t := range ts {
		ti := b.texts[t]
		for _, id := range b.tpieces[ti.piece : ti.piece+ti.npiece] {
			if id >= 0 {
				p := b.pieces[id]
				add(b.ptoks[p.tok : p.tok+p.ntok])
			}
		}
	}
	for _, t := range ts {
		add(b.compounds(t))
	}
	rd.out = rd.out[:0]
	toks := rd.stream
	for i := 0; i < len(toks); {
		best, bestKey := 0, int32(0)
		for _, p := range rd.phrases[toks[i].key] {
			if len(p.keys) > best && i+len(p.keys) <= len(toks) && matchKeys(toks[i:], p.keys) {
				best, bestKey = len(p.keys), p.to
			}
		}
		if best == 0 {
			if !toks[i].stop {
				rd.out = append(rd.out, toks[i].key)
			}
			i++
			continue
		}
		rd.out = append(rd.out, bestKey)
		i += best
	}
	return rd.out
}

func matchKeys(toks []ktok, p []int32) bool {
	for j, k := range p {
		if toks[j].key != k {
			return false
		}
	}
	return true
}

// finish computes idf, the champion lists and the speller.
func (ix *Index) finish(opts Options) {
	n := float64(ix.docs.len())
	nt := len(ix.post)
	ix.idf = make([]float32, nt)
	for id, p := range ix.post {
		df := float64(len(p))
		ix.idf[id] = float32(math.Log(1+(n-df+0.5)/(df+0.5)) + opts.IDFSmoothing)
	}
	ix.maxIDF = math.Log(1+(n+0.5)/0.5) + opts.IDFSmoothing
	ix.champ = make([][]int32, nt)
	// Scratch for the longest list, so that it is allocated once.
	longest := 0
	for _, p := range ix.post {
		longest = max(longest, len(p))
	}
	var imp, buf []float32
	if longest > championSize {
		imp, buf = make([]float32, 0, longest), make([]float32, 0, longest)
	}
	for id, p := range ix.post {
		if len(p) > championSize {
			imp = ix.scores.of(id, 0, len(p)).appendImpacts(imp[:0])
			ix.champ[id], buf = champions(imp, buf)
		}
	}
	if opts.UnknownWeight > 0 {
		ix.unknownIDF = opts.UnknownWeight * ix.maxIDF
	} else {
		ix.unknownIDF = ix.maxIDF
	}
	if opts.Base == nil {
		ix.spell = newSpeller(ix.vocab) // a segment's: joinBase
	}
}

// champions returns the positions of the championSize highest impacts, the
// earlier first among equals, in position order. buf is scratch space.
func champions(imp []float32, buf []float32) ([]int32, []float32) {
	buf = append(buf[:0], imp...)
	// The championSize-th highest impact.
	k := len(buf) - championSize
	th := quickSelect(buf, k)
	above := 0
	for _, v := range imp {
		if v > th {
			above++
		}
	}
	ties := championSize - above
	pos := make([]int32, 0, championSize)
	for j, v := range imp {
		switch {
		case v > th:
			pos = append(pos, int32(j))
		case v == th && ties > 0:
			pos = append(pos, int32(j))
			ties--
		}
	}
	return pos, buf
}

// quickSelect returns the k-th smallest value of a (0-based), reordering a.
func quickSelect(a []float32, k int) float32 {
	lo, hi := 0, len(a)-1
	for lo < hi {
		// Median of three as pivot.
		mid := lo + (hi-lo)/2
		x, y, z := a[lo], a[mid], a[hi]
		p := max(min(x, y), min(max(x, y), z))
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	return a[k]
}

// nameStats counts the letter words and capitalised runs of every field,
// as nameStats.add would over the fields written out.
func (b *Builder) nameStats() *nameStats {
	ns := newNameStats()
	total := make([]int, len(b.words))
	capital := make([]int, len(b.words))
	single := make([]int, len(b.texts))
	var run []int32
	var ws []nameWord
	var key []byte
	// Runs are counted by id, their keys made once.
	runIDs := map[string]int{}
	var runKeys []string
	var runN []int
	emit := func(ts []Text, mult int) {
		run = run[:0]
		flush := func() {
			if len(run) >= 2 {
				key = key[:0]
				for i, w := range run {
					if i > 0 {
						key = append(key, ' ')
					}
					key = append(key, b.words[w]...)
				}
				id, ok := runIDs[string(key)]
				if !ok {
					id = len(runKeys)
					runIDs[string(key)] = id
					runKeys = append(runKeys, string(key))
					runN = append(runN, 0)
				}
				runN[id] += mult
			}
			run = run[:0]
		}
		pending := false
		for pi, t := range ts {
			ws = b.appendWords(ws[:0], t)
			for wi, w := range ws {
				if w.flags()&nwCounted != 0 {
					total[w.id()] += mult
					if w.flags()&nwCapCounted != 0 {
						capital[w.id()] += mult
					}
				}
				adj := w.flags()&nwJoined != 0
				if wi == 0 {
					adj = pi > 0 && pending && w.flags()&nwFirst != 0
				}
				switch {
				case w.flags()&nwCapital != 0 && len(run) > 0 && adj:
					run = append(run, w.id())
				case w.flags()&nwCapital != 0:
					flush()
					run = append(run, w.id())
				default:
					flush()
				}
			}
			pending = len(ws) > 0 && ws[len(ws)-1].flags()&nwLast != 0
		}
		flush()
	}
	for i := 0; i+1 < len(b.docField); i++ {
		for f := b.docField[i]; f < b.docField[i+1]; f++ {
			start := int32(0)
			if f > 0 {
				start = b.fieldEnd[f-1]
			}
			ts := b.fieldText[start:b.fieldEnd[f]]
			switch len(ts) {
			case 0:
			case 1:
				single[ts[0]]++
			default:
				emit(ts, 1)
			}
		}
	}
	one := make([]Text, 1)
	for t, n := range single {
		if n > 0 {
			one[0] = Text(t)
			emit(one, n)
		}
	}
	for id, k := range runKeys {
		ns.runs[k] = runN[id]
	}
	for id, w := range b.words {
		if total[id] > 0 {
			ns.total[w] = total[id]
		}
		if capital[id] > 0 {
			ns.capital[w] = capital[id]
		}
	}
	return ns
}
