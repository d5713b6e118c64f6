package briefings

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"github.com/briefbot/briefbot/corpus/search"
)

const (
	// searchDepth is how many hits Ask looks at.
	searchDepth = 30
	// correctedCredit is how much of its weight a corrected word covers.
	correctedCredit = 0.8
	// maxSuggestions is the contract's limit of "did you mean" titles.
	maxSuggestions = 3
	// shortInput is the longest question (in words) also matched fuzzily
	// against FAQ questions and issue names for suggestions.
	shortInput = 4
)

// match is a scored hit with what Ask derives from it.
type match struct {
	hit      search.Hit
	cand     *candidate
	coverage float64
	answer   string
}

func (a *answerer) ask(question string) Answer {
	q := strings.TrimSpace(question)
	if q == "" || a == nil {
		return a.decline(question, nil)
	}
	terms := a.ix.Analyze(q)
	res := a.ix.SearchTerms(terms, searchDepth)
	if len(res.Hits) == 0 || res.Weight == 0 {
		return a.decline(question, nil)
	}
	best := a.matchOf(res, 0)
	conf := a.confidence(res, best)
	if conf < a.kb.opts.MinConfidence {
		ans := a.decline(question, &res)
		ans.Confidence = round3(conf)
		return ans
	}
	ans := Answer{
		Question:    question,
		Answered:    true,
		Kind:        best.cand.kind,
		Title:       best.cand.title,
		Answer:      best.answer,
		Confidence:  round3(conf),
		Sources:     a.sourcesOf(res, best),
		Suggestions: []string{},
	}
	return ans
}

// matchOf builds the match for hit i: its coverage (corrected words count
// for part of their weight) and its answer text.
func (a *answerer) matchOf(res search.Result, i int) match {
	h := res.Hits[i]
	m := match{hit: h, cand: &a.cands[h.Payload]}
	covered := 0.0
	for qi, t := range res.Terms {
		if qi < 64 && h.Matched&(1<<uint(qi)) != 0 {
			w := t.Weight
			if t.Corrected != "" {
				w *= correctedCredit
			}
			covered += w
		}
	}
	m.coverage = math.Min(1, covered/res.Weight)
	if m.cand.kind == KindPassage {
		m.answer = a.window(m.cand, res)
	} else {
		m.answer = m.cand.answer
	}
	return m
}

// confidence combines how much of the question the best match covers, how
// strongly it matches, and its margin over the best different answer.
func (a *answerer) confidence(res search.Result, best match) float64 {
	strength := math.Min(1, best.hit.Score/res.Weight)
	margin := 1.0
	bestTerms := a.termSet(best.answer)
	for i := 1; i < len(res.Hits); i++ {
		other := a.matchOf(res, i)
		if other.answer == best.answer || overlap(bestTerms, a.termSet(other.answer)) >= 0.5 {
			continue
		}
		margin = 1 - other.hit.Score/best.hit.Score
		break
	}
	c := best.coverage * best.coverage * (0.75 + 0.25*strength) * (0.8 + 0.2*margin)
	return math.Max(0, math.Min(1, c))
}

// window returns a passage's answer text: its sentence, with the previous
// one when the sentence leans on it (it opens with a pronoun or connective)
// and the next one when that adds query words or the sentence is short.
func (a *answerer) window(c *candidate, res search.Result) string {
	ss := c.sentences
	i := c.center
	out := []string{ss[i]}
	if i > 0 && leansBack(ss[i]) {
		out = append([]string{ss[i-1]}, out...)
	}
	if i+1 < len(ss) && len(out) < 3 {
		if utf8.RuneCountInString(strings.Join(out, " ")) < 80 || a.addsTerms(ss[i+1], ss[i], res) {
			out = append(out, ss[i+1])
		}
	}
	return strings.Join(out, " ")
}

var leaning = map[string]bool{
	"he": true, "she": true, "it": true, "they": true, "this": true, "that": true,
	"these": true, "those": true, "his": true, "her": true, "their": true, "its": true,
	"however": true, "but": true, "yet": true, "also": true, "thus": true, "so": true,
	"instead": true, "still": true, "then": true, "there": true, "such": true,
}

func leansBack(s string) bool {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	return len(f) > 0 && leaning[strings.ToLower(f[0])]
}

// addsTerms reports whether next holds a query term that cur lacks.
func (a *answerer) addsTerms(next, cur string, res search.Result) bool {
	nt, ct := a.termSet(next), a.termSet(cur)
	for _, t := range res.Terms {
		if t.Known && t.Weight > 0 && nt[t.Term] && !ct[t.Term] {
			if _, low := questionWeights[t.Word]; !low {
				return true
			}
		}
	}
	return false
}

// sourcesOf returns the best match's sources; a passage also cites the
// other articles among the hits that say nearly the same.
func (a *answerer) sourcesOf(res search.Result, best match) []Source {
	out := append([]Source{}, best.cand.sources...)
	if best.cand.kind != KindPassage {
		return out
	}
	center := a.termSet(best.cand.sentences[best.cand.center])
	for _, h := range res.Hits[1:] {
		c := &a.cands[h.Payload]
		if c.kind != KindPassage || c.article == best.cand.article {
			continue
		}
		if overlap(center, a.termSet(c.sentences[c.center])) >= 0.7 {
			for _, s := range c.sources {
				if !hasSource(out, s.ID) {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// decline is the "I don't know" answer with up to 3 suggestions: close
// FAQ questions or issue names by fuzzy match for short inputs, then the
// FAQ entries and issues among the search hits.
func (a *answerer) decline(question string, res *search.Result) Answer {
	ans := Answer{Question: question, Kind: KindNone, Sources: []Source{}, Suggestions: []string{}}
	if a == nil {
		return ans
	}
	ans.Answer = a.kb.opts.DefaultAnswer
	add := func(s string) {
		if len(ans.Suggestions) < maxSuggestions && !contains(ans.Suggestions, s) {
			ans.Suggestions = append(ans.Suggestions, s)
		}
	}
	q := strings.TrimSpace(question)
	if q != "" && len(strings.Fields(q)) <= shortInput && len(a.names) > 0 {
		for _, m := range fuzzy.Find(q, a.names) {
			add(m.Str)
		}
	}
	if res != nil {
		for _, h := range res.Hits {
			if c := a.cands[h.Payload]; c.kind != KindPassage {
				add(c.title)
			}
		}
	}
	return ans
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
