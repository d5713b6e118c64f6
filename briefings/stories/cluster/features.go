package cluster

import (
	"strings"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

// Reading limits: a story is told in an article's headline and lead, and
// reading only those keeps a 10k-article corpus fast to cluster.
const (
	leadWords     = 150 // words of the body read for features and names
	titleWeight   = 3   // a headline word counts this many times
	leadWeight    = 2   // a word of the first two sentences counts this many times
	leadSentences = 2
)

// A feature of an article is a content word's stem, two adjacent content
// words' stems, or a name (a run of capitalised words), kept as a 64-bit
// hash: features are counted in the millions on a large corpus. The top
// bit marks a name.
const nameBit = 1 << 63

// hashString is FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// pair hashes two hashes in order.
func pair(a, b uint64) uint64 {
	h := a*0x9e3779b97f4a7c15 ^ (b + 0x632be59bd9b4e019 + a<<6 + a>>2)
	return h * 0xff51afd7ed558ccd
}

// doc is what Find knows of one article.
type doc struct {
	idx     int
	english bool
	// feats counts the article's features, weighted by where they stand.
	// Each is a feature's key (see fkey) with its weighted count in the
	// low 16 bits: features are counted in the millions on a large corpus.
	feats []uint64
	// shingles are the hashes of the word triples of the lead, sorted,
	// to tell near-duplicates.
	shingles []uint64
	// phrases are the name candidates the article holds, each once; nil
	// until the article's story is named.
	phrases map[string]phrase
}

// phrase is a name candidate in one article: how it was first written and
// how many times it occurs.
type phrase struct {
	sf string
	n  int
}

// see counts the phrase ws[i:j] under key.
func (d *doc) see(key string, ws []word, i, j int, body bool) {
	p, ok := d.phrases[key]
	if !ok {
		p.sf = surface(ws[i:j], body)
	}
	p.n++
	d.phrases[key] = p
}

// fkey makes a hash a feature key: its low 16 bits clear, for a count to
// be packed beside it.
func fkey(h uint64) uint64 { return h &^ 0xFFFF }

// unpack returns a packed feature's key and count.
func unpack(x uint64) (uint64, float64) { return x &^ 0xFFFF, float64(x & 0xFFFF) }

// featWeight is a feature and its weight in one article.
type featWeight struct {
	f uint64
	w float64
}

// stemmer caches stems: Snowball is slow next to a map look-up and news
// repeats its words.
type stemmer struct {
	stems  map[string]stem
	common map[string]bool
	feats  map[uint64]float64 // the features of the article being read
}

type stem struct {
	s       string
	h       uint64 // the stem's hash, with the name bit clear
	content bool   // the word is a content word (see content)
}

func newStemmer() *stemmer {
	return &stemmer{stems: map[string]stem{}, common: map[string]bool{}, feats: map[uint64]float64{}}
}

func (s *stemmer) stem(k string) string { return s.stemOf(k).s }

func (s *stemmer) stemOf(k string) stem {
	if v, ok := s.stems[k]; ok {
		return v
	}
	v := stem{s: text.Stem(k), content: content(k)}
	v.h = hashString(v.s) &^ nameBit
	s.stems[k] = v
	return v
}

// isCommon is text.Common, remembered.
func (s *stemmer) isCommon(k string) bool {
	v, ok := s.common[k]
	if !ok {
		v = text.Common(k)
		s.common[k] = v
	}
	return v
}

// readDoc extracts an article's features and name candidates.
//
// With phrases set it also gathers the article's name candidates.
func readDoc(a *corpus.Article, st *stemmer, buf []word, phrases bool) (doc, []word) {
	clear(st.feats)
	d := doc{}
	if phrases {
		d.phrases = map[string]phrase{}
	}
	buf = splitWords(a.Title, buf[:0])
	title := len(buf)
	addWords(&d, buf, titleWeight, st, false)
	n, sent := 0, 0
	all := buf
	for _, b := range a.Blocks {
		if n >= leadWords {
			break
		}
		if b.Kind == corpus.Heading {
			continue
		}
		note := tableNote(b.Text)
		for _, s := range b.Sentences {
			if n >= leadWords {
				break
			}
			start := len(all)
			all = splitWords(s, all)
			ws := all[start:]
			if len(ws) > 0 {
				ws[0].brk = true
			}
			n += len(ws)
			w := 1.0
			if sent < leadSentences {
				w = leadWeight
			}
			sent++
			ph := d.phrases
			if note || tableLine(ws) {
				// A line of a table of figures ("Revs 50 mln vs 45
				// mln") names no story: its words are the table's.
				d.phrases = nil
			}
			addWords(&d, ws, w, st, true)
			d.phrases = ph
		}
	}
	// An article is taken for another language when few of its words are
	// English function words and many are those of another language (a
	// table of figures has neither, and stays English).
	body := all[title:]
	if n < 20 {
		body = all
	}
	d.english = englishShare(body) >= 0.12 || share(body, foreignFunction) < 0.1
	d.feats = make([]uint64, 0, len(st.feats))
	for f, w := range st.feats {
		// Of an article in a language this package cannot read (no
		// stems, no function words) only the names count.
		if d.english || f&nameBit != 0 {
			d.feats = append(d.feats, f|uint64(min(w, 0xFFFF)))
		}
	}
	d.shingles = shingles(all[title:min(len(all), title+shingleWords)])
	if !d.english && d.phrases != nil {
		// Words of a language this package cannot read make no names:
		// only runs of capitalised words (names of people and places)
		// are kept, with function words stripped from their edges.
		for k := range d.phrases {
			if !strings.HasPrefix(k, "e") {
				delete(d.phrases, k)
			}
		}
	}
	return d, all
}

// addWords adds the features and name candidates of one sentence (or the
// headline, when body is false: a headline capitalises every word, so its
// capitals say nothing of names).
func addWords(d *doc, ws []word, weight float64, st *stemmer, body bool) {
	prev, prevH := "", uint64(0)
	for i, w := range ws {
		if w.brk {
			prev = ""
		}
		sh := st.stemOf(w.key)
		if !sh.content {
			prev = ""
			continue
		}
		s := sh.s
		st.feats[fkey(sh.h)] += weight
		if prev != "" {
			st.feats[fkey(pair(prevH, sh.h)&^nameBit)] += weight
		}
		if d.phrases != nil {
			// A phrase neither starts nor ends inside a name ("York
			// investment firm" of "New York investment firm").
			endOK := !body || i+1 >= len(ws) || ws[i+1].brk || !ws[i].cap || !ws[i+1].cap
			if prev != "" && endOK {
				if startOK(ws, i-1, body) {
					d.see("p"+prev+" "+s, ws, i-1, i+1, body)
				}
				if i >= 2 && !ws[i-1].brk && content(ws[i-2].key) && startOK(ws, i-2, body) {
					d.see("p"+st.stem(ws[i-2].key)+" "+prev+" "+s, ws, i-2, i+1, body)
				}
			}
			d.see("p"+s, ws, i, i+1, body)
		}
		prev, prevH = s, sh.h
	}
	if !body {
		return
	}
	// Names: runs of capitalised words, "of" allowed inside ("Bank of
	// England"); a capitalised word that opens a sentence counts only if
	// it is not a common English word.
	for i := 0; i < len(ws); {
		if !ws[i].cap || (ws[i].brk && i == 0 && st.isCommon(ws[i].key)) {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) && !ws[j].brk && j-i < 7 {
			if ws[j].cap || (nameParticles[ws[j].raw] && j+1 < len(ws) && ws[j+1].cap && !ws[j+1].brk) {
				j++
				continue
			}
			break
		}
		// Trim function and filler words from both edges.
		a, b := i, j
		for a < b && !content(ws[a].key) {
			a++
		}
		for b > a && !content(ws[b-1].key) {
			b--
		}
		// A person's title goes: "Commerce Secretary Malcolm Baldrige"
		// is Malcolm Baldrige.
		for a < b-2 && st.isCommon(ws[a].key) && uncommon(ws[a+1:b], st) >= 2 {
			a++
		}
		if b-a >= 1 && b-a <= 4 {
			key := ws[a].key
			if b-a > 1 {
				key = joinKeys(ws[a:b])
			}
			st.feats[fkey(hashString(key)|nameBit)] += weight
			if d.phrases != nil {
				d.see("e"+key, ws, a, b, true)
			}
		}
		i = j
	}
}

// nameParticles join the capitalised words of one name: "Bank of
// England", "Rio de Janeiro", "Ludwig van Beethoven".
var nameParticles = setOf("of", "de", "da", "do", "dos", "das", "du", "del", "della", "di", "la", "le",
	"van", "von", "der", "den", "al", "el", "bin", "ibn")

// startOK reports whether a phrase may start at word i: not inside a
// run of capitalised words.
func startOK(ws []word, i int, body bool) bool {
	return !body || i == 0 || ws[i].brk || !ws[i].cap || !ws[i-1].cap
}

// uncommon counts the words that are not common English words.
func uncommon(ws []word, st *stemmer) int {
	n := 0
	for _, w := range ws {
		if !st.isCommon(w.key) && content(w.key) {
			n++
		}
	}
	return n
}

func joinKeys(ws []word) string {
	var sb strings.Builder
	for i, w := range ws {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(w.key)
	}
	return sb.String()
}

// surface is how a phrase is shown: as written when it comes from running
// text (names keep their capitals), lowercased from a headline (Title Case
// comes later).
func surface(ws []word, body bool) string {
	var sb strings.Builder
	for i, w := range ws {
		if i > 0 {
			sb.WriteByte(' ')
		}
		switch {
		case body && (w.upper || w.cap):
			sb.WriteString(w.raw)
		default:
			sb.WriteString(strings.ToLower(w.raw))
		}
	}
	return sb.String()
}

// tableLine reports whether a sentence is a line of a table of figures
// rather than prose: a quarter or more of its words are numbers, or it
// compares figures ("vs").
func tableLine(ws []word) bool {
	nums, vs := 0, false
	for _, w := range ws {
		if isNumeric(w.key) {
			nums++
		}
		vs = vs || w.key == "vs"
	}
	return nums > 0 && (vs || 4*nums >= len(ws))
}

// tableNote reports whether a paragraph is a note to a table of figures
// ("Note: 1986 net excludes extraordinary gain..."), whose words name
// no story either.
func tableNote(p string) bool {
	return len(p) > 5 && strings.EqualFold(p[:4], "note") && (p[4] == ':' || strings.HasPrefix(p[4:], " -"))
}
