package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
)

// The filters that keep candidate phrases from naming an issue: persons
// and actors, places, organisations, fragments of longer names, and the
// corpus's own subject.

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
	if generic == len(keys) || len(keys) > 1 && cite.TitleWords[strings.ToLower(lastField(p.surfaces[0].String()))] {
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
	if p.proper() && 10*max(p.afterCap, p.beforeCap) >= 6*(p.capMid+p.lowMid) {
		return false // part of longer names: "Street", "Harbor" (Line)

	}
	if len(keys) > 1 && p.proper() {
		last := strings.ToLower(lastField(p.surfaces[0].String()))
		if pc.roles.actor[keys[0]] || cite.OrgWords[last] {
			return false // an organisation: "Riverton Transit Authority"
		}
		if 2*p.locative >= p.capMid+p.lowMid {
			return false // a place: "on Canal Street"
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

// findTopic finds the corpus's subject: lone words in every article and in
// most titles ("tram" in a corpus about a tram line). The subject is what
// every issue is about, not an issue itself.
func (pc *phraseCounter) findTopic() {
	pc.topic = make(map[int32]bool)
	n := int32(pc.Index.NArts)
	if n < 3 {
		return
	}
	for i := range pc.stats {
		p := &pc.stats[i]
		if p.words == 1 && p.df == n && 10*p.tf >= 6*n && !genericKey(pc.lx.KeyNames[p.ids[0]-1]) {
			pc.topic[p.ids[0]-1] = true
		}
	}
}

// isTopic reports a phrase that names the subject: a subject word, a
// phrase made of subject words and names ("Harbor Line tram"), or a name
// mostly followed by a subject word ("Harbor Line").
func (pc *phraseCounter) isTopic(p *phraseStat) bool {
	if len(pc.topic) == 0 {
		return false
	}
	hasTopic, rest := false, true
	words := p.surfaces[0].words
	for k := 0; k < p.words; k++ {
		id := p.ids[k] - 1
		if pc.topic[id] {
			hasTopic = true
			continue
		}
		r, _ := utf8.DecodeRuneInString(words[k])
		if !unicode.IsUpper(r) && !genericKey(pc.lx.KeyNames[id]) {
			rest = false
		}
	}
	if hasTopic {
		return rest
	}
	if p.words < maxPhraseWords && p.proper() {
		for t := range pc.topic {
			k := p.ids
			k[p.words] = t + 1
			if j, ok := pc.byKey[k]; ok && 2*pc.stats[j].sf >= p.sf {
				return true
			}
		}
	}
	return false
}
