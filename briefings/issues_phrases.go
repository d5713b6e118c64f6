package briefings

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

// word is one whitespace-separated word of a sentence, read for phrase
// discovery.
type word struct {
	surface     string // punctuation and possessive trimmed
	lower       string
	key         string // stems of its tokens, space-separated
	capital     bool   // starts with an upper-case letter
	possessive  bool
	brk         bool // cannot be part of a phrase
	number      bool // only numbers
	breakBefore bool
	breakAfter  bool
}

const (
	leadPunct  = "\"“‘'([{«¿¡*•"
	trailPunct = ".,;:!?\"”’')]}»…*"
)

// readWords splits a sentence into words with phrase breaks marked.
func readWords(s string) []word {
	s = strings.NewReplacer("—", " , ", "–", " , ", " - ", " , ", "|", " , ").Replace(s)
	fields := strings.Fields(s)
	out := make([]word, 0, len(fields))
	for _, f := range fields {
		var w word
		t := strings.TrimLeft(f, leadPunct)
		w.breakBefore = len(t) != len(f)
		core := strings.TrimRight(t, trailPunct)
		if isAcronym(t) {
			core = t
		}
		w.breakAfter = len(core) != len(t)
		for _, suf := range []string{"’s", "'s", "’", "'"} {
			if strings.HasSuffix(core, suf) && len(core) > len(suf) {
				w.possessive = suf == "’s" || suf == "'s"
				core = core[:len(core)-len(suf)]
				w.breakAfter = true
				break
			}
		}
		toks := text.Tokens(core)
		if len(toks) == 0 {
			if len(out) > 0 {
				out[len(out)-1].breakAfter = true
			}
			continue
		}
		w.surface = core
		w.lower = strings.ToLower(strings.ReplaceAll(core, "’", "'"))
		r, _ := utf8.DecodeRuneInString(core)
		w.capital = unicode.IsUpper(r)
		allStop, allNum := true, true
		stems := make([]string, 0, len(toks))
		for _, tk := range toks {
			if !text.IsStopword(tk) {
				allStop = false
			}
			if !text.IsNumber(tk) {
				allNum = false
			}
			stems = append(stems, text.Stem(tk))
		}
		w.key = strings.Join(stems, " ")
		w.number = allNum
		w.brk = allStop || phraseBreaks[w.lower] || phraseBreaks[toks[0]] && len(toks) == 1
		out = append(out, w)
	}
	return out
}

// isAcronym reports whether s is a dotted acronym such as "U.S." or "U.K.".
func isAcronym(s string) bool {
	if len(s) < 3 || !strings.HasSuffix(s, ".") {
		return false
	}
	for i, r := range s {
		if i%2 == 0 && !unicode.IsUpper(r) || i%2 == 1 && r != '.' {
			return false
		}
	}
	return true
}

// phraseStat is what discovery knows about one candidate phrase.
type phraseStat struct {
	key      string // word keys joined by " | "
	words    int
	sf, hf   int32 // sentences, of which headings or titles
	df       int32 // articles
	lastArt  int32
	lastSent int32
	capMid   int32 // capitalised occurrences not at the start of a body sentence
	lowMid   int32
	locative int32 // body occurrences after "in" or "at"
	surfaces []surfaceCount
	score    float64
	seedable bool // frequent and spread enough to found an issue
}

type surfaceCount struct {
	s string
	n int32
}

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
	for _, s := range p.surfaces[1:] {
		if s.n > best.n || s.n == best.n && s.s < best.s {
			best = s
		}
	}
	if p.proper() {
		return best.s
	}
	fs := strings.Fields(best.s)
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

// phraseCounter counts candidate phrases over the sentences of an index.
type phraseCounter struct {
	ix    *index
	stats []phraseStat
	byKey map[string]int32
	roles wordRoles
}

const maxPhraseWords = 4

func newPhraseCounter(ix *index) *phraseCounter {
	return &phraseCounter{ix: ix, byKey: make(map[string]int32), roles: wordRoles{person: map[string]bool{}, actor: map[string]bool{}}}
}

// count reads every sentence once.
func (pc *phraseCounter) count() {
	var keyBuf []string
	for si := range pc.ix.sents {
		s := &pc.ix.sents[si]
		heading := s.kind == corpus.Heading || s.title
		ws := readWords(s.text)
		if !heading {
			pc.markRoles(ws)
		}
		for i := range ws {
			if ws[i].brk || ws[i].number {
				continue
			}
			keyBuf = keyBuf[:0]
			for n := 1; n <= maxPhraseWords && i+n <= len(ws); n++ {
				w := ws[i+n-1]
				if w.brk || n > 1 && (ws[i+n-2].breakAfter || w.breakBefore) {
					break
				}
				keyBuf = append(keyBuf, w.key)
				if w.number {
					continue // a phrase does not end with a bare number
				}
				pc.add(strings.Join(keyBuf, " | "), ws, i, n, int32(si), s.art, heading)
			}
		}
	}
}

// markRoles marks the capitalised names of a body sentence that act as
// persons (after a title, before a speech verb) or actors (possessive).
func (pc *phraseCounter) markRoles(ws []word) {
	for i := 0; i < len(ws); i++ {
		if !ws[i].capital || ws[i].brk {
			continue
		}
		j := i
		for j+1 < len(ws) && ws[j+1].capital && !ws[j+1].brk && !ws[j].breakAfter {
			j++
		}
		// Titles inside the run ("Russian President Vladimir Putin") come
		// before the name.
		start := i
		for k := i; k <= j; k++ {
			if titleWords[ws[k].lower] {
				start = k + 1
			}
		}
		person := start > i || i > 0 && titleWords[ws[i-1].lower] ||
			j+1 < len(ws) && speechVerbs[ws[j+1].lower] && !ws[j].breakAfter
		for k := start; k <= j; k++ {
			if person {
				pc.roles.person[ws[k].key] = true
			}
			if ws[k].possessive {
				pc.roles.actor[ws[k].key] = true
			}
		}
		i = j
	}
}

func (pc *phraseCounter) add(key string, sent []word, i, n int, si, art int32, heading bool) {
	ws := sent[i : i+n]
	initial := i == 0
	id, ok := pc.byKey[key]
	if !ok {
		id = int32(len(pc.stats))
		pc.byKey[key] = id
		pc.stats = append(pc.stats, phraseStat{key: key, words: n, lastArt: -1, lastSent: -1})
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
	if !heading && i > 0 && locatives[sent[i-1].lower] {
		p.locative++
	}
	if !heading && !initial {
		if allCapital(ws) {
			p.capMid++
		} else {
			p.lowMid++
		}
	}
	if len(p.surfaces) < 6 || !heading {
		sf := joinSurface(ws)
		for k := range p.surfaces {
			if p.surfaces[k].s == sf {
				p.surfaces[k].n++
				return
			}
		}
		if len(p.surfaces) < 6 {
			p.surfaces = append(p.surfaces, surfaceCount{s: sf, n: 1})
		}
	}
}

func allCapital(ws []word) bool {
	for _, w := range ws {
		if !w.capital {
			return false
		}
	}
	return true
}

func joinSurface(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.surface
	}
	return strings.Join(parts, " ")
}

// wordKeys returns the word keys of a phrase key.
func wordKeys(key string) []string { return strings.Split(key, " | ") }

// candidates scores the phrases that could name an issue and returns them
// best first. A candidate occurs in at least minSF sentences (and in two
// articles when there are several), is not made only of generic words, and
// names no person or actor.
func (pc *phraseCounter) candidates() []*phraseStat {
	ix := pc.ix
	nSents := float64(len(ix.sents))
	minDF := int32(1)
	if ix.nArts > 1 {
		minDF = 2
	}
	var out []*phraseStat
	for i := range pc.stats {
		p := &pc.stats[i]
		if p.sf < 2 || p.words == 1 && p.sf < 3 {
			continue
		}
		p.seedable = p.df >= minDF && p.sf >= 3
		if !pc.acceptable(p) {
			continue
		}
		w := float64(p.sf + 2*p.hf)
		spec := math.Log(1 + nSents/float64(p.sf))
		p.score = w * math.Log(1+float64(p.df)) * spec * lengthBoost(p.words)
		if p.words == 1 && !p.specific() {
			// A lone common word names an issue only when headings use it
			// and it reads as a noun.
			if p.hf == 0 || p.df < min(3, int32(ix.nArts)) || modifierShaped(p.display()) {
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

// acceptable filters phrases that cannot name an issue: persons, actors
// and their demonyms, places where things happen, phrases made only of
// generic words.
func (pc *phraseCounter) acceptable(p *phraseStat) bool {
	keys := wordKeys(p.key)
	generic := 0
	for _, k := range keys {
		if pc.roles.person[k] {
			return false
		}
		if genericKey(k) {
			generic++
		}
	}
	if generic == len(keys) || len(keys) > 1 && titleWords[strings.ToLower(lastField(p.surfaces[0].s))] {
		return false // "U.S. envoy" is a role, not an issue
	}
	if len(keys) == 1 {
		k := keys[0]
		if len(k) < 3 || pc.roles.actor[k] || pc.demonym(k, p.display()) {
			return false
		}
		if p.proper() && 10*p.locative >= 6*(p.capMid+p.lowMid) {
			return false // mostly "in X": where things happen, not what
		}
	}
	return true
}

func lastField(s string) string {
	fs := strings.Fields(s)
	if len(fs) == 0 {
		return ""
	}
	return fs[len(fs)-1]
}

// demonym reports an adjective of a name: a word whose stem extends an
// actor's ("russian" from "russia"), or a capitalised word with a demonym
// ending.
func (pc *phraseCounter) demonym(k, display string) bool {
	for n := 4; n < len(k); n++ {
		if pc.roles.actor[k[:n]] || pc.roles.person[k[:n]] {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(display)
	if !unicode.IsUpper(r) {
		return false
	}
	l := strings.ToLower(display)
	for _, suf := range []string{"ian", "ean", "ese", "ish", "ern"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// modifierShaped reports a lone word shaped like an adjective, adverb or
// verb form, which cannot name an issue by itself.
func modifierShaped(w string) bool {
	w = strings.ToLower(w)
	for _, suf := range []string{"ing", "ed", "al", "ive", "ous", "ic", "ful", "less", "able", "ible", "ary", "ly", "er", "est"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

var locatives = setOf("in", "at")

// genericKey reports whether a word key is a generic news word.
func genericKey(k string) bool { return genericStems[k] }

var genericStems = func() map[string]bool {
	m := make(map[string]bool, len(genericWords))
	for w := range genericWords {
		m[text.Stem(w)] = true
	}
	return m
}()
