package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/text"
)

// Text is a piece of text added to a Builder. A field is made of texts
// joined by single spaces; each text is read once however many fields
// hold it.
type Text int32

// Builder builds an Index from documents whose fields are made of texts
// (a passage's sentence and its neighbours, an article's title). The
// index is the one New builds over the same fields written out.
type Builder struct {
	opts Options
	nf   int
	docs docList
	// fieldText holds every field's texts in turn; field i is
	// fieldText[fieldEnd[i-1]:fieldEnd[i]] and document d's fields are
	// docField[d] to docField[d+1].
	fieldText []Text
	fieldEnd  []int32
	docField  []int32

	texts []textInfo
	uses  []int32 // per text: how many fields hold it

	rawIDs map[string]int32 // token -> raw id
	raw    []string
	// tpieces is a slab of each text's pieces in turn (-1: an empty one,
	// between two spaces); comps, of each text's compounds' raw ids.
	tpieces []int32
	comps   []int32

	// expect is how many bytes of text Grow announced; seen, how many
	// Text read: the slabs grow by what the texts read hold per byte.
	expect, seen int

	wordIDs map[string]int32 // folded letter word -> id
	words   []string

	// A text is read a piece at a time, its pieces split at single
	// spaces, and each distinct piece is read once: neither tokens nor
	// letter words span a space, and a token reads the same in a piece as
	// in the text (see Text). pieceIDs maps a piece to its id;
	// pieces[id] finds its raw ids in ptoks and its letter words, with
	// the flags they have in the piece alone, in pwords; a text's tokens
	// and letter words are its pieces' in turn (see appendWords).
	pieceIDs map[string]int32
	pieces   []pieceInfo
	ptoks    []int32
	pwords   []nameWord
	pbuf     []int32 // the pieces of the text Text reads

	// Filled by Build.
	an    *analyzer
	rinfo []rawInfo
	keys  []string // key id -> key
	terms []int32  // key id -> term id, or -1
	cache []int32  // slab of key ids of single texts
}

// pieceInfo locates one piece's tokens and letter words in the piece slabs.
type pieceInfo struct {
	tok, ntok, word, nword int32
}

type textInfo struct {
	piece, npiece int32 // tpieces[piece : piece+npiece]
	comp, ncomp   int32 // comps[comp : comp+ncomp]
	cache, ncache int32 // key ids of the text alone, once Build ran
}

// nameWord is one run of letters of a text, as nameStats.add reads it:
// the folded word's id, shifted, and its nw flags.
type nameWord uint32

// maxWords is how many distinct letter words a Builder holds.
const maxWords = 1 << 26

func (w nameWord) id() int32    { return int32(w >> 6) }
func (w nameWord) flags() uint8 { return uint8(w & 63) }

const (
	nwCapital    = 1 << iota // starts with an upper-case letter
	nwCounted                // two letters or more
	nwCapCounted             // counted, capital and not all upper case
	nwJoined                 // a single space after the previous word
	nwFirst                  // starts the text
	nwLast                   // ends the text
)

// rawInfo is how the analyzer reads one raw token.
type rawInfo struct {
	skip bool // ignored token
	stop bool
	key  int32 // key id
	occ  int32 // occurrences over all fields
}

// NewBuilder returns an empty Builder.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, rawIDs: map[string]int32{}, wordIDs: map[string]int32{}, pieceIDs: map[string]int32{},
		docField: []int32{0}}
}

// Text adds s and returns its id for Add. It panics past 1<<26 distinct
// words.
//
// s is read as the pieces between its spaces, each distinct piece once:
// its tokens are text.Tokens of the piece (text.Tokens never joins
// across a space nor looks past one to end a token, so the text's tokens
// are its pieces' in turn), and its letter words are the piece's with
// the flags that depend on the rest of the text (first, last, joined)
// set here.
func (b *Builder) Text(s string) Text {
	b.seen += len(s)
	ps := b.pbuf[:0]
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], ' ')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		id := int32(-1) // an empty piece: two spaces in a row
		if end > start {
			id = b.piece(s[start:end])
		}
		ps = append(ps, id)
		start = end + 1
	}
	b.pbuf = ps
	ti := textInfo{piece: int32(len(b.tpieces)), npiece: int32(len(ps)), comp: int32(len(b.comps))}
	b.tpieces = growSlab(b.tpieces, len(ps), b.seen, b.expect)
	b.tpieces = append(b.tpieces, ps...)
	if hasHyphen(s) {
		for _, t := range compounds(s) {
			b.comps = append(b.comps, b.rawID(t))
			ti.ncomp++
		}
	}
	b.texts = append(b.texts, ti)
	b.uses = append(b.uses, 0)
	return Text(len(b.texts) - 1)
}

// appendTokens appends the raw ids of t's tokens (without its compounds)
// to dst.
func (b *Builder) appendTokens(dst []int32, t Text) []int32 {
	ti := b.texts[t]
	for _, id := range b.tpieces[ti.piece : ti.piece+ti.npiece] {
		if id >= 0 {
			p := b.pieces[id]
			dst = append(dst, b.ptoks[p.tok:p.tok+p.ntok]...)
		}
	}
	return dst
}

// compounds returns the raw ids of t's joined hyphenated compounds.
func (b *Builder) compounds(t Text) []int32 {
	ti := b.texts[t]
	return b.comps[ti.comp : ti.comp+ti.ncomp]
}

// appendWords appends t's letter words to dst: its pieces' in turn, with
// the flags that depend on the rest of the text (first, last, joined)
// set.
func (b *Builder) appendWords(dst []nameWord, t Text) []nameWord {
	ti := b.texts[t]
	ps := b.tpieces[ti.piece : ti.piece+ti.npiece]
	lastAtEnd := false // the previous piece ends with a letter word
	for i, id := range ps {
		if id < 0 {
			lastAtEnd = false
			continue
		}
		p := b.pieces[id]
		if p.nword == 0 {
			lastAtEnd = false
			continue
		}
		w := len(dst)
		dst = append(dst, b.pwords[p.word:p.word+p.nword]...)
		first, last := &dst[w], &dst[len(dst)-1]
		if *first&nwFirst != 0 {
			if i > 0 {
				*first &^= nwFirst
			}
			if lastAtEnd {
				*first |= nwJoined
			}
		}
		lastAtEnd = *last&nwLast != 0
		if i < len(ps)-1 {
			*last &^= nwLast
		}
	}
	return dst
}

// piece returns the id of the piece p (a part of a text without spaces),
// reading it the first time.
func (b *Builder) piece(p string) int32 {
	if id, ok := b.pieceIDs[p]; ok {
		return id
	}
	pi := pieceInfo{tok: int32(len(b.ptoks)), word: int32(len(b.pwords))}
	var stack [64]string
	for _, t := range text.AppendTokens(stack[:0], p) {
		b.ptoks = append(b.ptoks, b.rawID(t))
	}
	b.pwords = b.letterWords(b.pwords, p)
	pi.ntok = int32(len(b.ptoks)) - pi.tok
	pi.nword = int32(len(b.pwords)) - pi.word
	id := int32(len(b.pieces))
	b.pieces = append(b.pieces, pi)
	b.pieceIDs[strings.Clone(p)] = id
	return id
}

func (b *Builder) rawID(t string) int32 {
	id, ok := b.rawIDs[t]
	if !ok {
		t = strings.Clone(t)
		id = int32(len(b.raw))
		b.rawIDs[t] = id
		b.raw = append(b.raw, t)
	}
	return id
}

// letterWords appends the letter words of s as nameStats.add reads them
// to dst.
func (b *Builder) letterWords(dst []nameWord, s string) []nameWord {
	prevEnd := -1
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); !unicode.IsLetter(r) {
			i += size
			continue
		}
		start, ascii := i, true
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if !isASCIILetter(c) {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				break
			}
			ascii = false
			i += size
		}
		dst = append(dst, b.letterWord(s, start, i, prevEnd, ascii))
		prevEnd = i
	}
	return dst
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// letterWord returns the word s[start:end]; prevEnd is where the previous
// word ended (-1: none).
func (b *Builder) letterWord(s string, start, end, prevEnd int, ascii bool) nameWord {
	w := s[start:end]
	var stack [64]byte
	low := stack[:0]
	var f uint8
	n, lower := 0, false
	if ascii {
		n = len(w)
		if c := w[0]; 'A' <= c && c <= 'Z' {
			f |= nwCapital
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'a' <= c && c <= 'z' {
				lower = true
			} else {
				c += 'a' - 'A'
			}
			low = append(low, c)
		}
	} else {
		first, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(first) {
			f |= nwCapital
		}
		low = append(low, text.Fold(w)...)
		for _, c := range w {
			n++
			if unicode.ToUpper(c) != c {
				lower = true
			}
		}
	}
	if n >= 2 {
		f |= nwCounted
		if f&nwCapital != 0 && lower {
			f |= nwCapCounted
		}
	}
	if prevEnd >= 0 && start == prevEnd+1 && s[prevEnd] == ' ' {
		f |= nwJoined
	}
	if start == 0 {
		f |= nwFirst
	}
	if end == len(s) {
		f |= nwLast
	}
	id, ok := b.wordIDs[string(low)]
	if !ok {
		if len(b.words) == maxWords {
			panic("search: more distinct words than a Builder holds")
		}
		id = int32(len(b.words))
		b.words = append(b.words, string(low))
		b.wordIDs[b.words[id]] = id
	}
	return nameWord(uint32(id)<<6 | uint32(f))
}

// Grow makes room for about n more texts of the given total length and d
// more documents, so that adding them does not copy what is held.
func (b *Builder) Grow(n, bytes, d int) {
	b.texts = slices.Grow(b.texts, n)
	b.uses = slices.Grow(b.uses, n)
	// The piece slab grows once some text is read (see growSlab).
	b.expect += bytes
	b.tpieces = slices.Grow(b.tpieces, bytes/16)
	b.docs.grow(d)
	b.fieldEnd = slices.Grow(b.fieldEnd, 5*d)
	b.fieldText = slices.Grow(b.fieldText, 6*d)
	b.docField = slices.Grow(b.docField, d)
}

// growSlab returns s with room for n more. Out of room, it estimates what
// the expect-seen bytes still to be read will take from what the seen ones
// took, and grows to that at once, so that a slab is copied about once.
func growSlab[E any](s []E, n, seen, expect int) []E {
	if len(s)+n <= cap(s) {
		return s
	}
	more := n + len(s)/8
	if seen > 0 && expect > seen {
		more = max(more, n+int(float64(len(s))/float64(seen)*float64(expect-seen)*1.05))
	}
	t := make([]E, len(s), len(s)+more)
	copy(t, s)
	return t
}

// Add adds a document whose fields are texts joined by spaces (a nil
// field is empty). Doc.Fields is ignored. Docs keep their order: Hit.Doc
// is the number of Add calls before.
func (b *Builder) Add(d Doc, fields ...[]Text) {
	b.docs.add(d)
	b.nf = max(b.nf, len(fields))
	for _, f := range fields {
		b.fieldText = append(b.fieldText, f...)
		b.fieldEnd = append(b.fieldEnd, int32(len(b.fieldText)))
		for _, t := range f {
			b.uses[t]++
		}
	}
	b.docField = append(b.docField, int32(len(b.fieldEnd)))
}

// field returns the texts of field fi of document d (nil past its last).
func (b *Builder) field(d, fi int) []Text {
	i := int(b.docField[d]) + fi
	if i >= int(b.docField[d+1]) {
		return nil
	}
	start := int32(0)
	if i > 0 {
		start = b.fieldEnd[i-1]
	}
	return b.fieldText[start:b.fieldEnd[i]]
}

// Tokens returns the raw token ids of t as text.Tokens reads it (without
// the joined hyphenated compounds); Token returns a token's text. Both
// work until Build. AppendTokens appends them to dst instead.
func (b *Builder) Tokens(t Text) []int32 { return b.appendTokens(nil, t) }

// AppendTokens appends the raw token ids Tokens returns to dst.
func (b *Builder) AppendTokens(dst []int32, t Text) []int32 { return b.appendTokens(dst, t) }

// Token returns the text of a raw token id returned by Tokens.
func (b *Builder) Token(id int32) string { return b.raw[id] }

// AppendTermIDs appends the distinct term ids (see Index.TermID) of t
// read alone, sorted, to dst. It is valid once Build has run, for a text
// that is a whole field of some document: the index holds all its terms.
func (b *Builder) AppendTermIDs(dst []int32, t Text) []int32 {
	ti := b.texts[t]
	start := len(dst)
	for _, k := range b.cache[ti.cache : ti.cache+ti.ncache] {
		if id := b.terms[k]; id >= 0 {
			dst = append(dst, id)
		}
	}
	ids := dst[start:]
	slices.Sort(ids)
	return dst[:start+len(slices.Compact(ids))]
}

// TakeTermIDs returns the distinct term ids of every text of ts read
// alone, as AppendTermIDs appends them, in one slab: those of ts[i] are
// ids[end[i-1]:end[i]] (none for a text -1). The texts must be whole
// fields and in increasing order. The slab reuses the Builder's store of
// them, so afterwards AppendTermIDs and TakeTermIDs must not be called.
func (b *Builder) TakeTermIDs(ts []Text) (ids, end []int32) {
	end = make([]int32, len(ts))
	w := int32(0)
	prev := Text(-1)
	for i, t := range ts {
		if t >= 0 {
			if t <= prev {
				panic("search: TakeTermIDs texts out of order")
			}
			prev = t
			ti := b.texts[t]
			// Texts hold their keys in text order, so w never passes
			// the keys still to read.
			start := w
			for _, k := range b.cache[ti.cache : ti.cache+ti.ncache] {
				if id := b.terms[k]; id >= 0 {
					b.cache[w] = id
					w++
				}
			}
			got := b.cache[start:w]
			slices.Sort(got)
			w = start + int32(len(slices.Compact(got)))
		}
		end[i] = w
	}
	ids = b.cache[:w:w]
	b.cache = nil
	return ids, end
}

// runeAt decodes the rune at byte i of s.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// hasHyphen reports whether s holds a hyphen tokensOf joins compounds at.
func hasHyphen(s string) bool {
	if strings.IndexByte(s, '-') >= 0 {
		return true
	}
	return strings.IndexByte(s, 0xe2) >= 0 && (strings.Contains(s, "‐") || strings.Contains(s, "‑"))
}
