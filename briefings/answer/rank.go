package answer

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/sahilm/fuzzy"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus/entity"
	"github.com/briefbot/briefbot/corpus/search"
	"github.com/briefbot/briefbot/corpus/text"
)

const (
	// searchDepth is how many hits Ask looks at.
	searchDepth = 30
	// entryDepth is how many FAQ entries and issues Ask adds to the hits.
	entryDepth = 10
	// maxSuggestions is the contract's limit of "did you mean" titles.
	maxSuggestions = 3
	// shortInput is the longest question (in words) also matched fuzzily
	// against FAQ questions and issue names for suggestions.
	shortInput = 4
)

// tuning holds the constants of matching and confidence.
type tuning struct {
	// unknownWeight: idf of a word the corpus never uses, as a share of
	// the largest idf.
	unknownWeight float64
	// corrected: share of its weight a typo-corrected word covers; the
	// square of it when the correction does not look like a slip.
	corrected float64
	// passageCredit, entryCredit: share of its weight a word covers by
	// the field it is in, for passages (sentence, neighbours, heading,
	// title) and for FAQ entries and issues (question or name, answer or
	// summary, keywords).
	passageCredit, entryCredit [numFields]float64
	// idfSmoothing is added to every idf in query weights.
	idfSmoothing float64
	// keyBonus: rank bonus of an FAQ entry or issue per unit of question
	// covered by its question or name.
	keyBonus float64
	// scoreBonus: rank bonus per unit of BM25 score relative to the best.
	scoreBonus float64
	// cut is the coverage that maps to confidence 0.35 (the default
	// threshold); slope how fast confidence grows above it.
	cut, slope float64
	// marginShare: how much of the confidence depends on the margin to
	// the runner-up.
	marginShare float64
	// related: search also for words related to the question's words in
	// general English (search.Index.Expand).
	related bool
	// relatedShare is how much a related word counts for the question's
	// word, in search scores and coverage.
	relatedShare float64
	// relatedAllKnown expands only questions whose every content word the
	// corpus uses: one with a word foreign to the corpus is more likely
	// about something else, which related words would only help match.
	relatedAllKnown bool
	// knownMin: the share of a question's content words the corpus must
	// use for full confidence.
	knownMin float64
	// unknownCommon multiplies the weight of a common English word the
	// corpus never uses (text.Common).
	unknownCommon float64
	// numberMiss scales the confidence of a best match that lacks a
	// number typed in digits in the question.
	numberMiss float64
	// factMiss scales the confidence of a best match that holds no fact
	// of the kind asked for: no date for "when", no amount for "how much".
	factMiss float64
	// leadBonus is the rank bonus of an article's lead that holds a fact
	// of the kind asked for.
	leadBonus float64
	// pairReach: how far below the best passage its neighbour sentence may
	// rank, among the pairDepth next matches, and be shown with it.
	pairReach float64
	pairDepth int
	// typeOwn is the rank bonus of a passage whose own sentence holds a
	// fact of the kind the question asks for (corpus/entity) that the
	// question does not name. It is small: it orders the passages that
	// cover the question about as well as the best (within typeOwn).
	typeOwn float64
}

var defaultTuning = tuning{
	unknownWeight:   0.7,
	corrected:       0.8,
	passageCredit:   [numFields]float64{1, 1, 0.5, 0.8, 0.5},
	entryCredit:     [numFields]float64{1, 0.5, 0.6, 0, 0},
	idfSmoothing:    1,
	keyBonus:        0.2,
	scoreBonus:      0.15,
	cut:             0.45,
	slope:           1.4,
	marginShare:     0.15,
	related:         true,
	relatedShare:    0.5,
	relatedAllKnown: true,
	knownMin:        0.6,
	unknownCommon:   1.2,
	numberMiss:      0.5,
	factMiss:        0.75,
	leadBonus:       0.05,
	pairReach:       0.15,
	pairDepth:       3,
	typeOwn:         0.01,
}

// match is a scored hit with what Ask derives from it.
type match struct {
	hit      search.Hit
	cand     *candidate
	show     *candidate // what answers: cand, or the FAQ entry holding it
	coverage float64    // share of the question covered, field-weighted
	keyCov   float64    // share covered by an FAQ question or issue name
	rank     float64
	answer   string
	// missNum: the candidate lacks a number the question types in digits.
	missNum bool
	// typ is the kind of fact the question asks for; factMiss is true
	// when it is a date, a number or a duration the candidate lacks.
	typ      answerType
	factMiss bool
	// want are the kinds of fact (corpus/entity) the question asks for,
	// and question the question, for the answer window.
	want     entity.Set
	question string
	// with is the offset (-1 or 1) of a neighbour sentence the answer
	// shows with the passage's own, 0 for none (pairNeighbour).
	with int
}

// Ask answers a question, or declines when its confidence, the
// probability that the answer is right, is under Base.MinConfidence.
func (a *Answerer) Ask(question string) Answer {
	ans, _ := a.ask(question)
	return ans
}

// ask is Ask that also returns the features the confidence was computed
// from (nil when there was no match to weigh).
func (a *Answerer) ask(question string) (Answer, []float64) {
	q := strings.TrimSpace(question)
	if q == "" || a == nil {
		return a.decline(question, nil), nil
	}
	if rest, ok := aboutAuthor(q); ok {
		return a.askAuthor(question, rest), nil
	}
	res, ms, ok := a.matches(q)
	if !ok {
		return a.decline(question, nil), nil
	}
	best := &ms[0]
	a.pairNeighbour(ms)
	best.answer = a.answerOf(best, res)
	raw, margin := a.confidence(res, ms)
	x := a.features(q, res, ms, raw, margin, best.answer)
	conf := round3(a.probability(raw, x))
	if conf < a.kb.MinConfidence {
		ans := a.decline(question, &res)
		ans.Confidence = conf
		return ans, x
	}
	return Answer{
		Question:    question,
		Answered:    true,
		Kind:        best.show.kind,
		Title:       best.show.title,
		Answer:      best.answer,
		Confidence:  conf,
		Sources:     a.sourcesOf(res, *best),
		Suggestions: []string{},
	}, x
}

// fillerWeight is the most a filler word of a question weighs.
const fillerWeight = 1.0

// matches searches a question and ranks what it finds, best first; ok
// is false when it names nothing or nothing matches.
func (a *Answerer) matches(q string) (search.Result, []match, bool) {
	terms, typ, frameIdx, ok := a.queryTerms(q)
	if !ok {
		return search.Result{}, nil, false
	}
	res := a.search(terms)
	if len(res.Hits) == 0 || res.Weight == 0 {
		return res, nil, false
	}
	want := entity.Expect(q)
	ms := a.rank(res, typ, frameIdx, want, q)
	preferEntry(ms)
	return res, ms, true
}

// queryTerms reads a question as Ask searches it: its terms (question
// words kept for coverage but not searched by; related words added when
// the corpus uses all its words), the kind of answer it asks for and the
// positions of the words that frame it. ok is false for a question that
// names nothing.
func (a *Answerer) queryTerms(q string) (terms []search.QueryTerm, typ answerType, frameIdx []int, ok bool) {
	q = reframe(q)
	terms = a.ix.Analyze(q)
	// Question words count for coverage but are too common to search by;
	// one the corpus never uses says nothing against it.
	for i, t := range terms {
		if qw, ok := misspeltQuestionWord(t); ok {
			terms[i].Word, t.Word = qw, qw
		}
		if w, ok := questionWeights[t.Word]; ok && w <= 0.3 {
			terms[i].NoScore = true
			switch {
			case !t.Known:
				terms[i].Weight = 0
			case !contains(questionWords, t.Word) && t.Weight > fillerWeight:
				// A filler ("exactly", "tell", "kind") the corpus
				// rarely uses weighs no more than a question word.
				terms[i].Weight = fillerWeight
			}
		}
	}
	// A common English word the corpus never uses names something it
	// has nothing on ("budget", "flight"): it weighs more than an
	// unknown name or typo, which may still be about the corpus.
	for i, t := range terms {
		if !t.Known && t.Weight > 0 && text.Common(t.Word) {
			if _, low := questionWeights[t.Word]; !low {
				terms[i].Weight *= a.tune.unknownCommon
			}
		}
	}
	// The words that frame the question count as question words.
	typ, frameIdx = frame(q, terms)
	if len(frameIdx) == 2 {
		terms[frameIdx[1]].Weight = terms[frameIdx[0]].Weight
	}
	if !hasContent(terms) {
		return nil, anyType, nil, false
	}
	if a.tune.related && (!a.tune.relatedAllKnown || knownShare(terms) == 1) {
		terms = expand(a.ix, terms, frameIdx, a.tune.relatedShare)
	}
	return terms, typ, frameIdx, true
}

// search returns the best hits overall plus the best FAQ entries and
// issues, which long answers would otherwise push below short passages.
func (a *Answerer) search(terms []search.QueryTerm) search.Result {
	res := a.ix.SearchTerms(terms, searchDepth)
	if a.entries == 0 {
		return res
	}
	more := a.ix.SearchRange(terms, entryDepth, 0, a.entries)
	found := len(res.Hits) // at most searchDepth: a scan is cheaper than a set
	for _, h := range more.Hits {
		if !slices.ContainsFunc(res.Hits[:found], func(o search.Hit) bool { return o.Doc == h.Doc }) {
			res.Hits = append(res.Hits, h)
		}
	}
	return res
}

// rank scores every hit: the share of the question it covers (a word in
// a passage's neighbours or title counts for less than one in the passage
// itself; a corrected word for less than one typed right), a bonus for an
// FAQ question or issue name that covers the question, and a little of its
// BM25 score. Best first; ties keep the index order.
//
// A news article's lead (its first sentence) that holds a fact of the
// kind asked for ranks a little higher: it is where news says the most.
func (a *Answerer) rank(res search.Result, typ answerType, frameIdx []int, want entity.Set, q string) []match {
	t := &a.tune
	ms := make([]match, len(res.Hits))
	top := res.Hits[0].Score
	asked := a.askedWord(res.Terms)
	// credit and inKey per question word, for one hit at a time.
	credit := make([]float64, len(res.Terms))
	inKey := make([]float64, len(res.Terms))
	passages := 0
	for _, h := range res.Hits {
		if !a.isEntry(h.Payload) {
			passages++
		}
	}
	store := make([]candidate, passages)
	for i, h := range res.Hits {
		m := match{hit: h, typ: typ, want: want, question: q}
		if a.isEntry(h.Payload) {
			m.cand = a.cand(h.Payload)
		} else {
			m.cand = a.candInto(h.Payload, &store[0])
			store = store[1:]
		}
		m.show = m.cand
		credits := &t.entryCredit
		if m.cand.kind == KindPassage {
			credits = &t.passageCredit
			if m.cand.faq >= 0 {
				m.show = a.cand(m.cand.faq)
			}
		}
		covered, key := 0.0, 0.0
		typed := typ != anyType && (m.cand.facts|m.show.facts)&(1<<uint(typ)) != 0
		if typed && typ == nameType {
			typed = a.namesBeyond(m.cand, asked) || m.show != m.cand && a.namesBeyond(m.show, asked)
		}
		m.factMiss = !typed && typ != anyType && typ != nameType
		// credit and inKey per question word; a related word (Of > 0)
		// credits the word it stands for, at its Share.
		clear(credit)
		clear(inKey)
		for qi, term := range res.Terms {
			f := h.TermFields[qi]
			if typed && contains(frameIdx, qi) {
				// The candidate holds the kind of fact asked for.
				f |= 1 << fieldBody
			}
			if f == 0 {
				continue
			}
			c := 0.0
			for fi, fc := range credits {
				if f&(1<<uint(fi)) != 0 {
					c = math.Max(c, fc)
				}
			}
			k := 0.0
			if f&(1<<fieldKey) != 0 {
				k = 1
			}
			to := qi
			if term.Of > 0 {
				to = term.Of - 1
				c *= term.Share
				k *= term.Share
			}
			credit[to] = math.Max(credit[to], c)
			inKey[to] = math.Max(inKey[to], k)
		}
		for qi, term := range res.Terms {
			if term.Of == 0 && credit[qi] == 0 && term.Weight > 0 && !term.Spelt && typedNumber(term.Word) {
				m.missNum = true
			}
			if term.Of > 0 || credit[qi] == 0 {
				continue
			}
			w := term.Weight
			if term.Corrected != "" {
				w *= t.corrected
				if !term.Slip {
					w *= t.corrected
				}
			}
			covered += w * credit[qi]
			key += w * inKey[qi]
		}
		m.coverage = math.Min(1, covered/res.Weight)
		m.keyCov = math.Min(1, key/res.Weight)
		m.keyCov = keyMatch(m.cand, res.Terms, m.keyCov)
		bonus := t.keyBonus * m.keyCov
		if m.cand.kind == KindIssue {
			// An issue name is a topic, not a question: a question about
			// something said on it wants the passage that says it.
			bonus /= 2
		}
		m.rank = m.coverage + bonus
		if a.isLead(m.cand) && (typed && typ != nameType || !want.Empty() && holdsKind(m.cand.sentences[0], q, want)) {
			m.rank += t.leadBonus
		}
		if top > 0 {
			m.rank += t.scoreBonus * h.Score / top
		}
		ms[i] = m
	}
	sortByRank(ms)
	a.preferTyped(ms, want, q)
	return ms
}

// sortByRank sorts matches best first, ties in their order. It sorts
// their positions and then moves each match once, in place: a match is
// large to swap.
func sortByRank(ms []match) {
	var buf [64]int32
	order := buf[:0]
	for i := range ms {
		order = append(order, int32(i))
	}
	slices.SortStableFunc(order, func(i, j int32) int { return cmp.Compare(ms[j].rank, ms[i].rank) })
	// Position k takes the match at order[k]; follow each cycle once.
	for start := range order {
		if order[start] < 0 || int(order[start]) == start {
			continue
		}
		tmp := ms[start]
		k := start
		for {
			i := int(order[k])
			order[k] = -1
			if i == start {
				ms[k] = tmp
				break
			}
			ms[k] = ms[i]
			k = i
		}
	}
}

// maxTyped is the most near-tied passages preferTyped looks at: finding
// the kinds of fact in a sentence is the costliest step of ranking.
const maxTyped = 4

// preferTyped raises by typeOwn the passages ranked within typeOwn of the
// best whose own sentence holds a fact of the kind asked for, and sorts
// them again: among matches that cover the question alike, the sentence
// that holds the answer's kind is likelier to answer. No match further
// down can pass them (at most maxTyped are looked at).
func (a *Answerer) preferTyped(ms []match, want entity.Set, q string) {
	bonus := a.tune.typeOwn
	if bonus <= 0 || want.Empty() || len(ms) < 2 {
		return
	}
	n := 0
	for n < len(ms) && n < maxTyped && ms[0].rank-ms[n].rank <= bonus {
		n++
	}
	if n < 2 {
		return
	}
	for i := 0; i < n; i++ {
		c := ms[i].cand
		if c.kind == KindPassage && holdsKind(c.sentences[c.center], q, want) {
			ms[i].rank += bonus
		}
	}
	sortByRank(ms[:n])
}

// sourcesOf returns the best match's sources; a passage also cites the
// other articles among the hits that say nearly the same.
func (a *Answerer) sourcesOf(res search.Result, best match) []cite.Source {
	out := append([]cite.Source{}, best.show.sources...)
	if best.show.kind != KindPassage {
		return out
	}
	for _, h := range res.Hits[1:] {
		c := a.cand(h.Payload)
		if c.kind != KindPassage || c.article == best.cand.article {
			continue
		}
		if overlap(best.cand.terms, c.terms) >= 0.7 {
			for _, s := range c.sources {
				if !cite.HasSource(out, s.ID) {
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
func (a *Answerer) decline(question string, res *search.Result) Answer {
	ans := Answer{Question: question, Kind: KindNone, Sources: []cite.Source{}, Suggestions: []string{}}
	if a == nil {
		return ans
	}
	ans.Answer = a.kb.DefaultAnswer
	add := func(s string) {
		if len(ans.Suggestions) < maxSuggestions && !contains(ans.Suggestions, s) {
			ans.Suggestions = append(ans.Suggestions, s)
		}
	}
	q := strings.TrimSpace(question)
	if len(strings.Fields(q)) <= shortInput && letters(q) >= minFuzzyLetters && len(a.names) > 0 {
		for _, m := range fuzzy.Find(q, a.names) {
			if compact(m, q) {
				add(m.Str)
			}
		}
	}
	if res != nil {
		for _, h := range res.Hits {
			if !a.isEntry(h.Payload) {
				continue
			}
			if c := a.cand(h.Payload); nearMiss(c, res.Terms) {
				add(c.title)
			}
		}
	}
	return ans
}

// minFuzzyLetters is the fewest letters a short input needs before it is
// matched fuzzily against FAQ questions and issue names: "1" or "ok"
// would match nearly any title.
const minFuzzyLetters = 3

// compact reports whether a fuzzy match of q lies within a stretch of the
// title at most twice as long as q: "donbs" in "Donbas" is a near miss,
// the letters of "hello" spread over "How do these talks affect NATO" are
// not.
func compact(m fuzzy.Match, q string) bool {
	if len(m.MatchedIndexes) == 0 {
		return false
	}
	span := m.MatchedIndexes[len(m.MatchedIndexes)-1] - m.MatchedIndexes[0] + 1
	return span <= 2*len(q)
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// nearMiss reports whether the FAQ entry or issue c is a near miss of the
// question: most of the question's informative words are words the corpus
// knows (a question mostly about something else has no near miss), and
// c's question or name shares one of them (not a word Expand added, nor
// one that frames questions). A search hit that matched on its answer
// alone is no suggestion.
func nearMiss(c *candidate, terms []search.QueryTerm) bool {
	if knownShare(terms) <= nearMissKnown {
		return false
	}
	for _, t := range terms {
		if t.Of > 0 || !t.Known || !informative(t) {
			continue
		}
		for _, k := range c.keys {
			if _, ok := k.weight[t.Term]; ok {
				return true
			}
		}
	}
	return false
}

// nearMissKnown is the share of a question's informative words the corpus
// must know, above which a declined question gets suggestions from its
// search hits.
const nearMissKnown = 0.5

// informative reports a question word that says what the question is
// about: not a word that frames questions or a general verb or adjective
// (questionWeights), nor a bare number.
func informative(t search.QueryTerm) bool {
	if _, low := questionWeights[t.Word]; low {
		return false
	}
	return !text.IsNumber(t.Word)
}

func contains[T comparable](ss []T, s T) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// entryReach is how far below the best passage an FAQ entry may rank and
// still answer instead of it, when its question covers at least
// entryKeyMin of the question (keyMatch).
const entryReach, entryKeyMin = 0.2, 0.5

// preferEntry moves to the front an FAQ entry whose question matches the
// question well and that ranks close to a better passage (an article's,
// or one of another entry's answer): an FAQ question is written for the
// question it answers, a passage may only repeat its words.
func preferEntry(ms []match) {
	if len(ms) < 2 || ms[0].cand.kind != KindPassage {
		return
	}
	for i := 1; i < len(ms); i++ {
		m := &ms[i]
		if ms[0].rank-m.rank > entryReach {
			return
		}
		if m.show == ms[0].show {
			return // the passage already answers with this entry
		}
		if m.cand.kind == KindFAQ && m.keyCov >= entryKeyMin {
			ms[0], ms[i] = ms[i], ms[0]
			return
		}
	}
}
