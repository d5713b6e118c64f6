package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

// stories turns the final groups into named, ranked stories.
//
// It returns each story's group too, in the same order.
func (c *clusterer) stories(arts []corpus.Article, order []int, docs []doc) ([]Story, []*group) {
	type kept struct {
		g        *group
		distinct []int
	}
	var ks []kept
	for _, g := range c.groups {
		if len(g.members) < c.opts.MinSize {
			continue
		}
		d := c.distinct(g.members, docs)
		if len(d) < c.opts.MinSize {
			continue
		}
		ks = append(ks, kept{g, d})
	}
	// Class-based TF-IDF (BERTopic's): a phrase's weight in a story is
	// tf * log(1 + A/f), tf its occurrences in the story's articles, f its
	// occurrences in all stories' and A the mean occurrences per story.
	stats := make([]map[string]*phraseStat, len(ks))
	total := map[string]int{}
	spread := map[string]int{} // stories whose articles hold the phrase
	all := 0
	st := newStemmer()
	var buf []word
	for k, s := range ks {
		stats[k] = map[string]*phraseStat{}
		for _, m := range sample(s.distinct, nameSample) {
			if docs[m].phrases == nil {
				docs[m], buf = readDoc(&arts[order[m]], st, buf, true)
			}
			for key, p := range docs[m].phrases {
				ps := stats[k][key]
				if ps == nil {
					ps = &phraseStat{surfaces: map[string]int{}}
					stats[k][key] = ps
					spread[key]++
				}
				ps.docs++
				ps.n += p.n
				ps.surfaces[p.sf] += p.n
				total[key] += p.n
				all += p.n
			}
		}
	}
	out := make([]Story, 0, len(ks))
	for k, s := range ks {
		avg := float64(all) / float64(len(ks))
		phrases := rankPhrases(stats[k], total, spread, len(ks), min(len(s.distinct), nameSample), avg)
		st := Story{
			Name:    nameOf(phrases),
			Phrases: phrases,
			Size:    len(s.distinct),
			First:   s.g.first,
			Last:    s.g.last,
		}
		ms := slices.Clone(s.g.members)
		slices.SortFunc(ms, func(a, b int) int {
			ta, tb := c.dates[a], c.dates[b]
			if ta.IsZero() != tb.IsZero() {
				if ta.IsZero() {
					return 1
				}
				return -1
			}
			if r := tb.Compare(ta); r != 0 {
				return r
			}
			return cmp.Compare(arts[order[a]].ID, arts[order[b]].ID)
		})
		for _, m := range ms {
			st.Members = append(st.Members, arts[order[m]].ID)
		}
		out = append(out, st)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int {
		a, b := &out[x], &out[y]
		if r := cmp.Compare(b.Size, a.Size); r != 0 {
			return r
		}
		if r := b.Last.Compare(a.Last); r != 0 {
			return r
		}
		if r := cmp.Compare(a.Name, b.Name); r != 0 {
			return r
		}
		return cmp.Compare(a.Members[0], b.Members[0])
	})
	sorted := make([]Story, len(out))
	groups := make([]*group, len(out))
	for i, k := range idx {
		sorted[i], groups[i] = out[k], ks[k].g
	}
	return sorted, groups
}

// nameSample is how many of a story's articles its name is drawn from.
const nameSample = 40

// sample returns at most n of ms, spread evenly over them.
func sample(ms []int, n int) []int {
	if len(ms) <= n {
		return ms
	}
	out := make([]int, n)
	for i := range out {
		out[i] = ms[i*len(ms)/n]
	}
	return out
}

// distinct returns the members that are not near-duplicates of an earlier
// member (the same wire story run by two outlets counts once): two
// articles are near-duplicates when most of the word triples of their
// leads are the same.
func (c *clusterer) distinct(members []int, docs []doc) []int {
	ms := slices.Clone(members)
	slices.Sort(ms)
	var out []int
	for _, m := range ms {
		dup := false
		// Two outlets run a wire story at about the same time: compare
		// with the latest kept articles only.
		for k := len(out) - 1; k >= 0 && k >= len(out)-8; k-- {
			if jaccard(docs[m].shingles, docs[out[k]].shingles) >= duplicateShare {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}

// shingleWords is how many words of a lead near-duplicates are told by.
const shingleWords = 80

// shingles hashes the word triples of ws, sorted and without repeats.
func shingles(ws []word) []uint64 {
	out := make([]uint64, 0, len(ws))
	var h1, h2 uint64
	for i, w := range ws {
		h := hashString(w.key)
		if i >= 2 {
			out = append(out, pair(pair(h2, h1), h))
		}
		h2, h1 = h1, h
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard is the Jaccard similarity of two sorted sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// phraseStat is what a story's articles say of one phrase.
type phraseStat struct {
	docs, n  int            // articles holding it, occurrences
	surfaces map[string]int // how it was written, with occurrences
}

// rankPhrases orders a story's phrases by class-based TF-IDF and returns
// the surface forms of the best ones.
//
// A phrase the articles of many stories hold is boilerplate ("Securities
// and Exchange Commission" of every stake filing): its weight is scaled
// by its inverse frequency over stories, log(1+K/k)/log(1+K) of K stories
// k of which hold it.
func rankPhrases(stats map[string]*phraseStat, total, spread map[string]int, stories, size int, avg float64) []string {
	type cand struct {
		key, sf string
		s       float64
	}
	var cs []cand
	for key, ps := range stats {
		sf := bestSurface(ps.surfaces)
		if !nameable(key, sf) {
			continue
		}
		words := strings.Count(sf, " ") + 1
		// Occurrences count, but an article that repeats a phrase
		// less than two articles that both hold it.
		s := (float64(ps.docs) + 0.3*float64(ps.n-ps.docs)) * math.Log(1+avg/float64(total[key]))
		if k := spread[key]; k > 1 {
			s *= math.Log(1+float64(stories)/float64(k)) / math.Log(1+float64(stories))
		}
		if ps.docs < 2 && size >= 2 {
			// What one article says is no part of the story's name
			// unless nothing better is there.
			s *= 0.01
		}
		s *= 1 + 0.2*float64(min(words, 3)-1)
		if key[0] == 'e' {
			s *= 1.3
		}
		if words == 1 && text.Common(key[1:]) {
			s *= 0.6
		}
		cs = append(cs, cand{key, sf, s})
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if r := cmp.Compare(b.s, a.s); r != 0 {
			return r
		}
		return cmp.Compare(a.key, b.key)
	})
	// A phrase is shown as a name is written when the story's articles
	// write it so anywhere ("Lindsay Lohan", not the headline's "lindsay
	// lohan").
	written := map[string]string{}
	for _, c := range cs {
		f := strings.ToLower(c.sf)
		if w, ok := written[f]; !ok || capitals(c.sf) > capitals(w) {
			written[f] = c.sf
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		f := strings.ToLower(c.sf)
		if seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, written[f])
		if len(out) == 12 {
			break
		}
	}
	return out
}

// nameable reports whether a phrase may be (part of) a name: no
// abbreviation of a table ("Shr", "Div"), and a phrase of common words
// neither opens nor ends on a verb form ("money market given", "rejected
// Waste Management").
func nameable(key, sf string) bool {
	ws := strings.Fields(sf)
	for _, w := range ws {
		if utf8.RuneCountInString(w) <= 3 && strings.ToUpper(w) != w && !text.Common(strings.ToLower(w)) {
			return false
		}
		if abbreviation(w) || ticker(w) {
			return false
		}
		if questionWords[strings.ToLower(w)] {
			return false
		}
	}
	if key[0] == 'e' {
		return true
	}
	if len(ws) < 2 {
		return !verbForms[ws[0]]
	}
	for _, w := range ws[1 : len(ws)-1] {
		if verbForms[w] {
			return false // "obama overturns bush"
		}
	}
	return !verbLike(ws[0]) && !verbLike(ws[len(ws)-1])
}

// abbreviation reports whether a word is a newswire abbreviation ("Dlrs",
// "Mths", "Revs"): a word not written in capitals with no vowel, or one
// of the wire's abbreviations that have one.
func abbreviation(w string) bool {
	if strings.ToUpper(w) == w {
		return false // an acronym: "GNP", "ICO"
	}
	k := strings.ToLower(w)
	return !strings.ContainsAny(k, "aeiouy") || wireAbbreviations[k]
}

var wireAbbreviations = setOf("oper", "revs", "avg", "prev", "excl", "incl", "ops", "dlr", "shr", "div", "qtr", "qtly", "extraord")

// ticker reports whether a word is a stock exchange code ("GUIN.L",
// "MONI.MI"): letters, a dot and one or two letters.
func ticker(w string) bool {
	i := strings.IndexByte(w, '.')
	if i < 2 || len(w)-i-1 < 1 || len(w)-i-1 > 2 {
		return false
	}
	for k, r := range w {
		if k != i && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// verbLike reports whether a lowercase word looks like an inflected verb.
func verbLike(w string) bool {
	if strings.ToLower(w) != w {
		return false
	}
	return strings.HasSuffix(w, "ed") || verbForms[w]
}

var verbForms = setOf("given", "rises", "rise", "rose", "fell", "falls", "fall", "shows", "says",
	"made", "makes", "takes", "took", "gets", "got", "sees", "seen", "sets", "cuts", "wins", "won",
	"puts", "gives", "goes", "went", "comes", "came", "plans", "seeks", "buys", "sells", "sold",
	"include", "includes", "exclude", "excludes", "checks", "enters", "overturns", "hits", "kills",
	"dies", "quits", "signs", "joins", "leaves", "returns", "strikes", "arrests", "names", "fires")

func bestSurface(m map[string]int) string {
	best, bn := "", -1
	for s, n := range m {
		// Prefer the most frequent form, then the one with capitals
		// (a name as written in running text), then the first in order.
		if n > bn || (n == bn && capitals(s) > capitals(best)) || (n == bn && capitals(s) == capitals(best) && s < best) {
			best, bn = s, n
		}
	}
	return best
}

func capitals(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// nameOf makes a story's name from its ranked phrases: the best phrase,
// completed by the next best that shares no word with it while the name is
// shorter than three words, so that a lone word is never a name when the
// story has more to say.
func nameOf(phrases []string) string {
	if len(phrases) == 0 {
		return ""
	}
	var name []string
	for _, p := range phrases {
		if len(name) >= 3 || (len(name) == 2 && !loneCommon(name)) {
			break
		}
		ws := expand(strings.Fields(p), phrases)
		if len(name) > 0 && len(name)+len(ws) > 4 {
			continue
		}
		if sameAs(ws, name, phrases) {
			continue
		}
		name = append(name, ws...)
	}
	return titleCase(name)
}

// sameAs reports whether the words ws say again what the name says: a
// word of one form with a word of the name ("Prices Price", "Ecuador
// Ecuadorean"), or an acronym and its expansion ("GDP Gross Domestic
// Product"), either way round.
func sameAs(ws, name, phrases []string) bool {
	for _, w := range ws {
		for _, n := range name {
			if sameWord(w, n) {
				return true
			}
		}
	}
	// The words an acronym stands for are those of the story's phrases
	// whose initials it starts with ("AMC": "American Motors").
	expands := func(acr string, ws []string) bool {
		in := initials(ws)
		return len(in) >= 2 && len(in) <= len(acr) && strings.HasPrefix(acr, in)
	}
	for _, a := range append(slices.Clone(ws), name...) {
		if !acronym(a) {
			continue
		}
		inWs := slices.Contains(ws, a)
		if expands(a, ws) && !inWs || expands(a, name) && inWs {
			return true
		}
		for _, p := range phrases {
			pw := strings.Fields(p)
			if !expands(a, pw) {
				continue
			}
			// The acronym's expansion shares a word with the others.
			other := name
			if !inWs {
				other = ws
			}
			for _, w := range pw {
				for _, o := range other {
					if sameWord(w, o) {
						return true
					}
				}
			}
		}
	}
	return false
}

// sameWord reports whether two words are forms of one: equal but for
// case and a plural "s", or one a prefix of the other but for its last
// letter ("Ivory", "Ivorian"), four letters or more.
func sameWord(a, b string) bool {
	a, b = plain(a), plain(b)
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	k := 0
	for k < len(a) && a[k] == b[k] {
		k++
	}
	return k >= 4 && k >= len(a)-1
}

// acronym reports whether a word is an acronym: two to five capitals.
func acronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// initials are the upper-cased first letters of a phrase's words other
// than small words ("Bank of England": "BE").
func initials(ws []string) string {
	var sb strings.Builder
	for _, w := range ws {
		if smallWords[strings.ToLower(w)] || nameParticles[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		sb.WriteRune(unicode.ToUpper(r))
	}
	return sb.String()
}

// plain is a word lowercased without a plural "s", so that a name does
// not say "Prices Price".
func plain(w string) string {
	w = strings.ToLower(w)
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	return w
}

// expand returns the whole name a part of a name belongs to ("Reid" of
// "Tara Reid"), when the story's phrases hold it; else the part itself.
func expand(part []string, phrases []string) []string {
	for _, p := range phrases {
		ws := strings.Fields(p)
		if len(ws) <= len(part) || len(ws) > 3 {
			continue
		}
		all := true
		for k, w := range ws {
			r, _ := utf8.DecodeRuneInString(w)
			all = all && (unicode.IsUpper(r) || k > 0 && nameParticles[w])
		}
		if all && containsRun(ws, part) {
			return ws
		}
	}
	return part
}

// containsRun reports whether part occurs in ws as consecutive words.
func containsRun(ws, part []string) bool {
	for i := 0; i+len(part) <= len(ws); i++ {
		ok := true
		for j, w := range part {
			ok = ok && strings.EqualFold(ws[i+j], w)
		}
		if ok {
			return true
		}
	}
	return false
}

// loneCommon reports whether a name of two words is still too plain: both
// are common English words.
func loneCommon(ws []string) bool {
	for _, w := range ws {
		if !text.Common(strings.ToLower(w)) {
			return false
		}
	}
	return true
}

var smallWords = setOf("of", "the", "and", "in", "on", "at", "for", "to", "a", "an", "by", "with")

// titleCase capitalises each word, keeping names and acronyms as written
// and small words lowercase inside the name.
func titleCase(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if i > 0 && (smallWords[w] || nameParticles[w]) {
			out[i] = w
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		if strings.IndexFunc(w[n:], unicode.IsUpper) >= 0 {
			out[i] = w // iPhone, McDonald
			continue
		}
		out[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(out, " ")
}
