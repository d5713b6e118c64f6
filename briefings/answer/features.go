package answer

import (
	"math"
	"strings"

	"github.com/briefbot/briefbot/corpus/entity"
	"github.com/briefbot/briefbot/corpus/search"
	"github.com/briefbot/briefbot/corpus/text"
)

// The features of an answer that confidenceModel weighs, by position.
const (
	featRaw          = iota // logit of the rule-based confidence (coverage, margin, unknown words, misses)
	featCoverage            // share of the question the best match covers, field-weighted
	featKeyCover            // share covered by an FAQ question or issue name
	featMargin              // lead over the next different candidate, in [0, 1]
	featUnknown             // share of the question's words the corpus does not use
	featTypeAbsent          // the question asks for a kind of fact the answer does not hold
	featTypePresent         // it asks for one and the answer holds it
	featNegation            // the question says not/never/no and the answer does not
	featAntonym             // the question says first/before/most... and the answer its opposite
	featNameMiss            // share of the names in the question the answer lacks
	featHeaviestMiss        // weight of the weightiest question word no field of the match holds, as a share of the question
	featEntry               // the answer is an FAQ entry or an issue, not a passage
	featCorpusSize          // log10 of the passages the answer competed with, above sizeKnee (fitted to 0 since featSizeTie)
	featBodyMiss            // share of the question's weight the match's own text (not its neighbours, heading or title) lacks
	featSure                // how far above even odds the rule-based confidence is (its logit, when positive)
	featNameUnknown         // share of the question's names of two words or more that no text of the corpus holds
	featSizeTie             // corpus size times how close the next different answer ranks (1 - margin)
	featNameSense           // share of the question's weight in common words the answer writes only inside a name the question does not name
	numFeatures
)

// featureNames name the features for the fitting test's report and the
// generated weights.
var featureNames = [numFeatures]string{"raw", "coverage", "key cover", "margin", "unknown",
	"type absent", "type present", "negation", "antonym", "name miss", "heaviest miss", "entry", "corpus size", "body miss", "sure", "name unknown", "size tie", "name sense"}

// negations are the words whose absence from an answer flips a question.
var negations = map[string]bool{"not": true, "never": true, "no": true, "without": true, "nor": true, "none": true}

// opposites pair words (as stem prefixes) a question and an answer can
// swap: "first" asked, "last" answered.
var opposites = [][2]string{{"first", "last"}, {"befor", "after"}, {"most", "least"}, {"largest", "smallest"},
	{"earliest", "latest"}, {"highest", "lowest"}, {"increas", "decreas"}, {"maximum", "minimum"},
	{"begin", "end"}, {"earli", "later"}, {"more", "less"}, {"win", "lose"}, {"won", "lost"},
	{"best", "worst"}, {"rise", "fall"}, {"rose", "fell"}, {"gain", "loss"}, {"buy", "sell"},
	{"bought", "sold"}, {"import", "export"}, {"north", "south"}, {"east", "west"}}

// features computes what confidenceModel weighs for the best match of a
// question, given the rule-based confidence raw and the answer text.
func (a *Answerer) features(q string, res search.Result, ms []match, raw, margin float64, answer string) []float64 {
	best := &ms[0]
	x := make([]float64, numFeatures)
	c := math.Min(math.Max(raw, 0.01), 0.99)
	x[featRaw] = math.Log(c / (1 - c))
	x[featSure] = math.Max(0, x[featRaw])
	x[featCoverage] = best.coverage
	x[featKeyCover] = best.keyCov
	x[featMargin] = margin
	x[featUnknown] = 1 - knownShare(res.Terms)
	shown := best.show.title + ". " + answer
	if want := best.want; !want.Empty() {
		if holdsKind(shown, q, want) {
			x[featTypePresent] = 1
		} else {
			x[featTypeAbsent] = 1
		}
	}
	var qBuf [32]string
	var aBuf [256]string
	qTok := text.AppendTokens(qBuf[:0], q)
	aToks := text.AppendTokens(aBuf[:0], shown)
	aTok := answerHas(qTok, aToks)
	for _, t := range qTok {
		if negations[t] && !aTok[t] {
			x[featNegation] = 1
		}
	}
	x[featAntonym] = antonymSwap(qTok, aTok, aToks)
	names, missing, long, unknown := 0.0, 0.0, 0.0, 0.0
	lower := "" // shown, lowercased when a name is first looked for
	for _, sp := range entity.Find(q) {
		switch sp.Kind {
		case entity.Person, entity.Place, entity.Organisation, entity.Name:
			names++
			if names == 1 {
				lower = strings.ToLower(shown)
			}
			if strings.Contains(lower, strings.ToLower(sp.Text)) {
				continue
			}
			missing++
			if strings.Contains(sp.Text, " ") {
				long++
				if !a.holdsPhrase(sp.Text) {
					unknown++
				}
			}
		}
	}
	if names > 0 {
		x[featNameMiss] = missing / names
	}
	if long > 0 {
		x[featNameUnknown] = unknown / long
	}
	x[featHeaviestMiss] = heaviestMiss(res, best)
	if best.show.kind != KindPassage {
		x[featEntry] = 1
	}
	// Many passages compete: a match is likelier by chance, all the more
	// when another answer ranks as high. Below sizeKnee (a handful of
	// long articles, an FAQ) the rules were tuned.
	x[featCorpusSize] = math.Max(0, math.Log10(1+float64(a.passageCount()))-sizeKnee)
	x[featBodyMiss] = bodyMiss(res, best)
	x[featSizeTie] = x[featCorpusSize] * (1 - margin)
	if best.show.kind == KindPassage {
		x[featNameSense] = nameSense(q, res, answer)
	}
	return x
}

// sizeKnee is the log10 of the passages above which the corpus size
// counts: about three thousand. The Debian FAQ (1,400 passages) and five
// long Wikipedia articles (1,300) sit under it; at a thousand, a close
// runner-up cost Debian answers.
const sizeKnee = 3.5

// holdsKind reports whether s holds a fact of a kind in want that the
// question q does not already name ("who founded Apple" is not answered
// by "Apple"). A name of unknown kind answers who, where and which.
func holdsKind(s, q string, want entity.Set) bool {
	names := want.Has(entity.Person) || want.Has(entity.Organisation) || want.Has(entity.Place)
	lq := ""
	return entity.Any(s, func(sp entity.Span) bool {
		if !want.Has(sp.Kind) && (sp.Kind != entity.Name || !names) {
			return false
		}
		if lq == "" {
			lq = strings.ToLower(q)
		}
		return !strings.Contains(lq, strings.ToLower(sp.Text))
	})
}

// contentTerm reports whether a term of the question is one of its own
// words (not a related word) that weighs and does not frame the question
// ("what", "how").
func contentTerm(t search.QueryTerm) bool {
	if t.Of > 0 || t.Weight <= 0 {
		return false
	}
	w, low := questionWeights[t.Word]
	return !low || w > 0.3
}

// bodyMiss returns the share of the question's weight (question words
// aside) whose words the best match's own text does not hold.
func bodyMiss(res search.Result, best *match) float64 {
	total, missing := 0.0, 0.0
	inBody := make([]bool, len(res.Terms))
	for qi, t := range res.Terms {
		if best.hit.TermFields[qi]&(1<<fieldBody|1<<fieldKey) == 0 {
			continue
		}
		to := qi
		if t.Of > 0 {
			to = t.Of - 1
		}
		inBody[to] = true
	}
	for qi, t := range res.Terms {
		if !contentTerm(t) {
			continue
		}
		total += t.Weight
		if !inBody[qi] {
			missing += t.Weight
		}
	}
	if total == 0 {
		return 0
	}
	return missing / total
}

// answerHas returns which of the question's tokens qTok the answer's
// tokens aToks hold: a set of question tokens only, however long the
// answer.
func answerHas(qTok, aToks []string) map[string]bool {
	has := make(map[string]bool, len(qTok))
	for _, t := range qTok {
		has[t] = false
	}
	for _, t := range aToks {
		if v, ok := has[t]; ok && !v {
			has[t] = true
		}
	}
	return has
}

// antonymSwap is 1 when the question uses a word of an opposite pair the
// answer does not use while the answer uses its opposite. aTok tells
// which question tokens the answer holds; the answer's tokens aToks are
// stemmed only when a question word is one of a pair.
func antonymSwap(qTok []string, aTok map[string]bool, aToks []string) float64 {
	var aStem map[string]bool
	for _, t := range qTok {
		if aTok[t] {
			continue
		}
		st := text.Stem(t)
		for _, p := range opposites {
			for k := 0; k < 2; k++ {
				if !strings.HasPrefix(st, p[k]) || len(st) > len(p[k])+3 {
					continue
				}
				if aStem == nil {
					aStem = make(map[string]bool, len(aToks))
					for _, a := range aToks {
						aStem[text.Stem(a)] = true
					}
				}
				for s := range aStem {
					if strings.HasPrefix(s, p[1-k]) && len(s) <= len(p[1-k])+3 {
						return 1
					}
				}
			}
		}
	}
	return 0
}

// heaviestMiss returns the weight of the weightiest content word of the
// question that no field of the best match holds (nor a related word of
// it), as a share of the question's weight.
func heaviestMiss(res search.Result, best *match) float64 {
	if res.Weight <= 0 {
		return 0
	}
	found := make([]bool, len(res.Terms))
	for qi, t := range res.Terms {
		if best.hit.TermFields[qi] == 0 {
			continue
		}
		to := qi
		if t.Of > 0 {
			to = t.Of - 1
		}
		found[to] = true
	}
	most := 0.0
	for qi, t := range res.Terms {
		if found[qi] || !contentTerm(t) {
			continue
		}
		most = math.Max(most, t.Weight)
	}
	return math.Min(1, most/res.Weight)
}

// passageCount is how many passages the answerer searches.
func (a *Answerer) passageCount() int {
	n := len(a.passages)
	for _, ad := range a.added {
		n += len(ad.passages)
	}
	return n + a.entries
}

// holdsPhrase reports whether a text the answerer searches (a passage's
// sentence, an FAQ entry, an issue) holds phrase, case aside: a name of
// several words the corpus never writes ("Epona Princess" where it writes
// "Twilight Princess") is likely about something it does not know.
func (a *Answerer) holdsPhrase(phrase string) bool {
	terms := a.ix.Analyze(phrase)
	if len(terms) == 0 {
		return false
	}
	res := a.ix.SearchTerms(terms, 20)
	p := strings.ToLower(phrase)
	for _, h := range res.Hits {
		c := a.cand(h.Payload)
		texts := []string{c.title, c.answer}
		if c.kind == KindPassage && c.center < len(c.sentences) {
			texts = append(texts, c.sentences[c.center])
		}
		for _, t := range texts {
			if strings.Contains(strings.ToLower(t), p) {
				return true
			}
		}
	}
	return false
}
