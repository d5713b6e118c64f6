package stories

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

// phraseStat is what discovery knows about one candidate phrase.
type phraseStat struct {
	ids       phraseKey
	key       string // word keys joined by " | " (set for candidates)
	words     int
	sf, hf    int32 // sentences, of which headings or titles
	df        int32 // articles
	lastArt   int32
	lastSent  int32
	capMid    int32 // capitalised occurrences not at the start of a body sentence
	lowMid    int32
	locative  int32 // body occurrences after "in", "at", "on"...
	afterCap  int32 // body occurrences right after a capitalised word
	beforeCap int32 // body occurrences right before one
	tf        int32 // titles
	surfaces  []surfaceCount
	score     float64
	seedable  bool // frequent and spread enough to found an issue
	synonym   int  // 1 + the configured synonym group it belongs to, or 0
}

// phraseKey is the word key ids of a phrase, plus one (0: no word).
type phraseKey [maxPhraseWords]int32

type surfaceCount struct {
	words   []string
	n       int32
	natural int32 // inside body sentences, not at their start
}

func (c surfaceCount) String() string { return strings.Join(c.words, " ") }

// proper reports whether the phrase is mostly written capitalised.
func (p *phraseStat) proper() bool { return p.capMid >= 2 && p.capMid >= 2*p.lowMid }

// specific reports a phrase that names something particular: a proper
// name, or a word carrying a figure ("20-point").
func (p *phraseStat) specific() bool {
	return p.proper() || strings.ContainsFunc(p.key, unicode.IsDigit)
}

// display is the phrase as a reader would write it: the most frequent
// surface form, lower-cased unless it is a proper name.
func (p *phraseStat) display() string {
	best := p.surfaces[0]
	bs := best.String()
	for _, s := range p.surfaces[1:] {
		str := s.String()
		if s.natural > best.natural || s.natural == best.natural && (s.n > best.n || s.n == best.n && str < bs) {
			best, bs = s, str
		}
	}
	if p.proper() || best.natural > 0 {
		return bs // as written inside body sentences
	}
	fs := strings.Fields(bs)
	for i, f := range fs {
		if !isShout(f) {
			fs[i] = strings.ToLower(f)
		}
	}
	return strings.Join(fs, " ")
}

// isShout reports an all-capitals word such as NATO or EU.
func isShout(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// wordRoles records, per word key, the contexts that make a word an actor
// (a person, or a capitalised name used as one: "Russia's position").
type wordRoles struct {
	person map[string]bool
	actor  map[string]bool
}

// phraseCounter counts candidate phrases as the index reads sentences.
type phraseCounter struct {
	Index *cite.Index
	lx    *cite.Lexicon
	stats []phraseStat
	byKey map[phraseKey]int32 // phrases of two words or more
	uni   []int32             // word key id -> stat index of the single word, or -1
	roles wordRoles
	topic map[int32]bool // word keys naming the corpus's subject
}

const maxPhraseWords = 4

func NewPhraseCounter(lx *cite.Lexicon) *phraseCounter {
	return &phraseCounter{lx: lx, byKey: make(map[phraseKey]int32), roles: wordRoles{person: map[string]bool{}, actor: map[string]bool{}}}
}

// Visit counts the phrases of one sentence: runs of up to maxPhraseWords
// words between breaks, not starting or ending with a bare number.
func (pc *phraseCounter) Visit(si int32, s *cite.Sentence, ws []cite.Word) {
	if si%pruneEvery == pruneEvery-1 && len(pc.stats) > pruneAbove {
		pc.prune()
	}
	heading := s.BlockKind() == corpus.Heading || s.Title
	if !heading {
		pc.markRoles(ws)
	}
	for i := range ws {
		if ws[i].Info.Brk || ws[i].Info.Number {
			continue
		}
		var key phraseKey
		for n := 1; n <= maxPhraseWords && i+n <= len(ws); n++ {
			w := ws[i+n-1]
			if w.Info.Brk || n > 1 && (ws[i+n-2].BreakAfter || w.BreakBefore) {
				break
			}
			key[n-1] = w.Info.Key + 1
			if w.Info.Number {
				continue // a phrase does not end with a bare number
			}
			pc.add(key, ws, i, n, si, s.Art, heading, s.Title)
		}
	}
}

// markRoles marks the capitalised names of a body sentence that act as
// persons (after a title, before a speech verb) or actors (possessive).
func (pc *phraseCounter) markRoles(ws []cite.Word) {
	for i := 0; i < len(ws); i++ {
		if !ws[i].Capital || ws[i].Info.Brk {
			continue
		}
		j := i
		for j+1 < len(ws) && ws[j+1].Capital && !ws[j+1].Info.Brk && !ws[j].BreakAfter {
			j++
		}
		// Titles inside the run ("Russian President Vladimir Putin") come
		// before the name.
		start := i
		for k := i; k <= j; k++ {
			if ws[k].Info.Role&cite.IsTitle != 0 {
				start = k + 1
			}
		}
		person := start > i || i > 0 && ws[i-1].Info.Role&cite.IsTitle != 0 ||
			j+1 < len(ws) && ws[j+1].Info.Role&cite.IsSpeech != 0 && !ws[j].BreakAfter
		if ws[j].Info.Role&cite.IsOrg != 0 {
			person = false // "the Residents Association says": an organisation
		}
		for k := start; k <= j; k++ {
			if person {
				pc.roles.person[pc.lx.KeyNames[ws[k].Info.Key]] = true
			}
			if ws[k].Possessive {
				pc.roles.actor[pc.lx.KeyNames[ws[k].Info.Key]] = true
			}
		}
		i = j
	}
}

func (pc *phraseCounter) add(key phraseKey, sent []cite.Word, i, n int, si, art int32, heading, title bool) {
	ws := sent[i : i+n]
	var id int32
	ok := false
	if n == 1 {
		// Single words are most lookups: a slice by word key, not the map.
		k := int(key[0] - 1)
		for len(pc.uni) <= k {
			pc.uni = append(pc.uni, -1)
		}
		id = pc.uni[k]
		ok = id >= 0
	} else {
		id, ok = pc.byKey[key]
	}
	if !ok {
		id = int32(len(pc.stats))
		if n == 1 {
			pc.uni[key[0]-1] = id
		} else {
			pc.byKey[key] = id
		}
		pc.stats = append(pc.stats, phraseStat{ids: key, words: n, lastArt: -1, lastSent: -1})
	}
	p := &pc.stats[id]
	if p.lastSent == si {
		return
	}
	p.lastSent = si
	p.sf++
	if heading {
		p.hf++
	}
	if p.lastArt != art {
		p.lastArt = art
		p.df++
	}
	if title {
		p.tf++
	}
	if !heading && i > 0 && sent[i-1].Info.Role&cite.IsLocative != 0 {
		p.locative++
	}
	if !heading && i > 0 && sent[i-1].Capital && !sent[i-1].BreakAfter && !sent[i-1].Info.Brk {
		p.afterCap++
	}
	if end := i + n; !heading && end < len(sent) && sent[end].Capital && !sent[end-1].BreakAfter && !sent[end].Info.Brk {
		p.beforeCap++
	}
	if !heading && i > 0 {
		if allCapital(ws) {
			p.capMid++
		} else {
			p.lowMid++
		}
	}
	if len(p.surfaces) >= maxSurfaces && heading || p.sf > maxSurfaceCount {
		return // enough seen to know how it is written
	}
	natural := int32(0)
	if !heading && i > 0 {
		natural = 1
	}
	for k := range p.surfaces {
		if sameSurface(p.surfaces[k].words, ws) {
			p.surfaces[k].n++
			p.surfaces[k].natural += natural
			return
		}
	}
	if len(p.surfaces) < maxSurfaces {
		sf := make([]string, n)
		for k, w := range ws {
			sf[k] = strings.Clone(w.Surface)
		}
		p.surfaces = append(p.surfaces, surfaceCount{words: sf, n: 1, natural: natural})
	}
}

const (
	maxSurfaces     = 4
	maxSurfaceCount = 24
)

func sameSurface(a []string, ws []cite.Word) bool {
	for k, w := range ws {
		if a[k] != w.Surface {
			return false
		}
	}
	return true
}

func allCapital(ws []cite.Word) bool {
	for _, w := range ws {
		if !w.Capital {
			return false
		}
	}
	return true
}

// Memory bounds for phrase counting on big corpora.
const (
	pruneEvery = 4096    // sentences between checks
	pruneAbove = 150_000 // phrases counted before the once-seen ones are dropped
)

// prune forgets the phrases of two words or more seen in one sentence only
// (lossy counting): on a big corpus most n-grams are one-offs, and a
// phrase that returns later is counted from then on, short by one.
func (pc *phraseCounter) prune() {
	kept := pc.stats[:0]
	for _, p := range pc.stats {
		if p.words == 1 || p.sf > 1 {
			kept = append(kept, p)
		}
	}
	clear(pc.stats[len(kept):])
	pc.stats = kept
	pc.byKey = make(map[phraseKey]int32, len(kept))
	for i := range pc.uni {
		pc.uni[i] = -1
	}
	for i := range pc.stats {
		p := &pc.stats[i]
		if p.words == 1 {
			pc.uni[p.ids[0]-1] = int32(i)
		} else {
			pc.byKey[p.ids] = int32(i)
		}
	}
}

// keyOf returns the word keys of a phrase joined by " | ".
func (pc *phraseCounter) keyOf(k phraseKey) string {
	var parts []string
	for _, id := range k {
		if id == 0 {
			break
		}
		parts = append(parts, pc.lx.KeyNames[id-1])
	}
	return strings.Join(parts, " | ")
}

// candidates scores the phrases that could name an issue and returns them
// best first. A candidate occurs in at least two sentences (a single word
// in three; three to found an issue), is not made only of generic words,
// names no person, actor, place or organisation and is not the corpus's
// subject. The score is tf-idf-like: mentions (headings and titles count
// three times) by article spread by sentence rarity, longer phrases
// preferred; on corpora of ten articles or more, article rarity too.
func (pc *phraseCounter) candidates() []*phraseStat {
	ix := pc.Index
	nSents := float64(len(ix.Sents))
	pc.findTopic()
	var out []*phraseStat
	for i := range pc.stats {
		p := &pc.stats[i]
		if p.sf < 2 || p.words == 1 && p.sf < 3 {
			continue
		}
		p.seedable = p.sf >= 3
		p.key = pc.keyOf(p.ids)
		if !pc.acceptable(p) || pc.isTopic(p) {
			continue
		}
		w := float64(p.sf + 2*p.hf)
		spec := math.Log(1 + nSents/float64(p.sf))
		p.score = w * math.Log(1+float64(p.df)) * spec * lengthBoost(p.words)
		if n := int32(ix.NArts); n >= 10 {
			// Many articles: what most of them say is the site's template or
			// the general subject, and an issue stands out where it is told.
			if 10*p.df > 4*n {
				continue
			}
			p.score *= math.Log(1 + float64(n)/float64(p.df))
		}
		if p.words > 1 && strings.HasSuffix(lastField(p.surfaces[0].String()), "ly") {
			continue // ends with an adverb: "change quickly"
		}
		if p.words == 1 && !p.specific() {
			// A lone common word names an issue only when headings use it
			// and it reads as a noun.
			if p.hf == 0 || p.df < min(3, int32(ix.NArts)) || modifierShaped(p.display()) {
				continue
			}
			p.score *= 0.7
		}
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].score != out[b].score {
			return out[a].score > out[b].score
		}
		return out[a].key < out[b].key
	})
	return out
}

func lengthBoost(n int) float64 {
	switch n {
	case 1:
		return 1
	case 2:
		return 1.6
	case 3:
		return 1.8
	default:
		return 1.9
	}
}

// genericKey reports whether a word key is a generic news word.
func genericKey(k string) bool { return genericStems[k] }

var genericStems = func() map[string]bool {
	m := make(map[string]bool, len(cite.GenericWords))
	for w := range cite.GenericWords {
		m[text.Stem(w)] = true
	}
	return m
}()

// wordKeys returns the word keys of a phrase key.
func wordKeys(key string) []string { return strings.Split(key, " | ") }
