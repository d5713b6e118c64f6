package briefings

import (
	"slices"
	"strings"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/search"
	"github.com/briefbot/briefbot/corpus/text"
)

// Field weights of the answer index, by position: the key text (an FAQ
// question and its alternates, an issue's name and aliases), the body (an
// FAQ answer, an issue summary, a passage's sentence), the neighbouring
// sentences of a passage (or an issue's keywords), the section heading a
// passage is under and its article's title.
const (
	fieldKey = iota
	fieldBody
	fieldNear
	fieldHeading
	fieldTitle
	numFields
)

var fieldWeights = []float64{2.0, 1.0, 0.35, 0.5, 0.25}

// questionWeights make the words that frame a question (and the chat words
// that only greet or acknowledge), and the commonest general English verbs,
// adjectives and adverbs, count less than the words that say what a
// question is about. Keys are tokens and their stems.
var questionWeights = map[string]float64{}

func init() {
	set := func(w float64, words string) {
		for _, t := range strings.Fields(words) {
			questionWeights[t] = w
			questionWeights[text.Stem(t)] = w
		}
	}
	set(0.3, `who what when where why how which tell explain know describe mean means
		meant happen happens happened happening thing things anything something
		exactly kind sort give like say says said
		hello hi hey thanks thank yes okay ok please bye goodbye`)
	set(0.6, `able add allow already appear ask become begin believe big bring build
		call change come consider continue current currently different do done
		early end far feel few find first follow get go going good great grow have
		help high hold important keep large last lead learn leave let little live
		long look lose made main make many meet move much need new news next now
		offer old open own part pass pay pick play provide pull put reach read
		really recent recently remain right run see seem send set show small stand
		start still stop take talk think try turn update use used want way well
		work write wrote latest status`)
}

// keyTerms are the terms of one FAQ question or issue name with their
// weights, and the weights' sum (added in term order, so the same on
// every run).
type keyTerms struct {
	weight map[string]float64
	total  float64
}

// maxLinkedAnswer is the longest FAQ answer (in bytes) that answers for
// the passages it holds.
const maxLinkedAnswer = 2000

// candidate is one thing Ask can answer with. FAQ entries and issues are
// kept as candidates; a passage's candidate is made when a search finds
// it (answerer.cand), from its passageRef.
type candidate struct {
	kind   string
	title  string
	answer string // FAQ answer or issue summary; passages build theirs

	sources []Source
	// passage only: the article and the sentence window.
	article   int
	sentences []string // the block's sentences (or consecutive list items)
	center    int
	// faq is the FAQ candidate whose answer holds this passage's sentence,
	// or -1: such a passage is answered with the whole FAQ answer.
	faq int
	// keys are the index terms of each of an FAQ entry's questions or an
	// issue's names, with their idf.
	keys []keyTerms
	// self is the candidate's position; terms the index terms of its
	// sentence (passage) or answer; facts the kinds of fact (bit
	// answerType) its answer text holds.
	self  int
	terms termSet
	facts uint8
}

// passageRef is a passage candidate as the answerer keeps it.
type passageRef struct {
	article int32
	center  int32 // the sentence's position in its passage
	n       int32 // the passage's sentences
	faq     int32 // as candidate.faq
	facts   uint8
}

// answerer holds the answer index. It is immutable after newAnswerer.
type answerer struct {
	kb *KB
	// cands are the FAQ and issue candidates; they come first, then the
	// passages: candidate entries+i is passages[i].
	cands    []candidate
	passages []passageRef
	// sents[i] is passage i's sentence; a passage's sentences are
	// consecutive. Its terms are termIDs[termEnd[i-1]:termEnd[i]].
	sents   []string
	termEnd []int32
	termIDs []int32
	ix      *search.Index
	// names are the suggestion titles: FAQ questions and issue names.
	names []string
	// entries is the number of FAQ and issue candidates.
	entries int
	tune    tuning
}

// cand returns candidate i (a hit's Payload). A passage's is made anew on
// every call.
func (a *answerer) cand(i int) *candidate {
	if i < a.entries {
		return &a.cands[i]
	}
	pi := i - a.entries
	p := a.passages[pi]
	art := &a.kb.articles[p.article]
	start := pi - int(p.center)
	from := int32(0)
	if pi > 0 {
		from = a.termEnd[pi-1]
	}
	return &candidate{
		kind:      KindPassage,
		title:     art.Title,
		sources:   []Source{{ID: art.ID, Title: art.Title, URL: art.URL}},
		article:   int(p.article),
		sentences: a.sents[start : start+int(p.n) : start+int(p.n)],
		center:    int(p.center),
		faq:       int(p.faq),
		self:      i,
		terms:     termSet{ids: a.termIDs[from:a.termEnd[pi]:a.termEnd[pi]], ix: a.ix},
		facts:     p.facts,
	}
}

// newAnswerer indexes the FAQ, the issues and every article passage.
func newAnswerer(kb *KB) *answerer { return newAnswererTuned(kb, defaultTuning) }

func newAnswererTuned(kb *KB, tune tuning) *answerer {
	a := &answerer{kb: kb, tune: tune}
	ib := search.NewBuilder(search.Options{
		FieldWeights:  fieldWeights,
		Synonyms:      kb.opts.Synonyms,
		QueryWeights:  questionWeights,
		UnknownWeight: a.tune.unknownWeight,
		IDFSmoothing:  a.tune.idfSmoothing,
	})
	// field returns a field made of one text (none when empty).
	field := func(s string) []search.Text {
		if s == "" {
			return nil
		}
		return []search.Text{ib.Text(s)}
	}
	add := func(c candidate, fields ...[]search.Text) {
		c.self = len(a.cands)
		ib.Add(search.Doc{ID: c.kind, Payload: len(a.cands)}, fields...)
		a.cands = append(a.cands, c)
	}
	var keyTexts [][]string
	// inFAQ maps a sentence of an FAQ answer to its candidate.
	inFAQ := map[string]int{}
	for _, e := range kb.faq {
		if strings.TrimSpace(e.Answer) == "" {
			continue
		}
		// A passage inside a short FAQ answer is answered with the whole
		// answer; a long answer is a section, better cited by its passage.
		for _, para := range strings.Split(e.Answer, "\n") {
			if len(e.Answer) > maxLinkedAnswer {
				break
			}
			for _, s := range corpus.SplitSentences(para) {
				if k := corpus.SentenceKey(s); k != "" {
					if _, dup := inFAQ[k]; !dup {
						inFAQ[k] = len(a.cands)
					}
				}
			}
		}
		key := strings.Join(append([]string{e.Question}, e.Alternates...), "\n")
		keyTexts = append(keyTexts, append([]string{e.Question}, e.Alternates...))
		add(candidate{kind: KindFAQ, title: e.Question, answer: e.Answer, sources: nonNilSources(e.Sources)},
			field(key), field(e.Answer), nil, nil, nil)
		a.names = append(a.names, e.Question)
	}
	for _, is := range kb.issues {
		var sum []string
		var srcs []Source
		for _, c := range is.Summary {
			sum = append(sum, c.Text)
			for _, s := range c.Sources {
				if !hasSource(srcs, s.ID) {
					srcs = append(srcs, s)
				}
			}
		}
		if len(sum) == 0 {
			continue
		}
		key := strings.Join(append([]string{is.Name}, is.Aliases...), "\n")
		keyTexts = append(keyTexts, append([]string{is.Name}, is.Aliases...))
		add(candidate{kind: KindIssue, title: is.Name, answer: strings.Join(sum, " "), sources: nonNilSources(srcs)},
			field(key), field(strings.Join(sum, " ")), field(strings.Join(is.Keywords, " ")), nil, nil)
		a.names = append(a.names, is.Name)
	}
	a.entries = len(a.cands)
	n, size := 0, 0
	for _, art := range kb.articles {
		for _, b := range art.Blocks {
			if b.Kind != corpus.Heading {
				for _, s := range blockSentences(b) {
					n++
					size += len(s)
				}
			}
		}
	}
	a.passages = make([]passageRef, 0, n)
	a.sents = make([]string, 0, n)
	ib.Grow(n+len(kb.articles), size, n)
	body := make([]search.Text, 0, n) // per passage: its sentence
	// textFacts is factsOf(s) for the text t of s, from its tokens, each
	// distinct token looked at once.
	var tokFacts []uint8 // per raw token: 1 + its facts, 0 if not seen
	textFacts := func(t search.Text, s string) uint8 {
		if t < 0 {
			return 0
		}
		var f uint8
		for _, id := range ib.Tokens(t) {
			for int(id) >= len(tokFacts) {
				tokFacts = append(tokFacts, 0)
			}
			if tokFacts[id] == 0 {
				tokFacts[id] = 1 + tokenFacts(ib.Token(id))
			}
			f |= tokFacts[id] - 1
		}
		return f | innerCapitalFact(s)
	}
	// Every sentence, heading and title is read once; a passage's fields
	// are made of them.
	type headingText struct {
		heading string
		field   []search.Text
	}
	var headings []headingText
	var keyBuf []byte
	for ai, art := range kb.articles {
		title := field(art.Title)
		headings = headings[:0]
		a.sents = appendPassages(a.sents, art, func(heading string, ss []string) {
			var hf []search.Text
			found := false
			for _, h := range headings {
				if h.heading == heading {
					hf, found = h.field, true
					break
				}
			}
			if !found {
				hf = field(heading)
				headings = append(headings, headingText{heading, hf})
			}
			start := len(body)
			for _, s := range ss {
				t := search.Text(-1)
				if s != "" {
					t = ib.Text(s)
				}
				body = append(body, t)
			}
			ts := body[start:]
			for i, s := range ss {
				// near is the previous and the next sentence, joined by a
				// space (or a space and the next one).
				var nearBuf [2]search.Text
				near := nearBuf[:0]
				if i > 0 && ts[i-1] >= 0 {
					near = append(near, ts[i-1])
				}
				if i+1 < len(ss) && ts[i+1] >= 0 {
					near = append(near, ts[i+1])
				}
				faq := -1
				if len(inFAQ) > 0 {
					keyBuf = corpus.AppendSentenceKey(keyBuf[:0], s)
					if f, ok := inFAQ[string(keyBuf)]; ok {
						faq = f
					}
				}
				var bf []search.Text
				if ts[i] >= 0 {
					bf = ts[i : i+1]
				}
				ib.Add(search.Doc{ID: KindPassage, Payload: a.entries + len(a.passages)}, nil, bf, near, hf, title)
				a.passages = append(a.passages, passageRef{article: int32(ai), center: int32(i), n: int32(len(ss)), faq: int32(faq),
					facts: textFacts(ts[i], s)})
			}
		})
	}
	a.ix = ib.Build()
	// Ids for the terms of entries the index does not hold (none, as
	// they are indexed; but a set must hold all its terms).
	extra := map[string]int32{}
	for i := range a.cands {
		c := &a.cands[i]
		terms := sortedTerms(a.ix.Terms(c.answer))
		ids := make([]int32, len(terms))
		for j, t := range terms {
			id, ok := a.ix.TermID(t)
			if !ok {
				if id, ok = extra[t]; !ok {
					id = -1 - int32(len(extra))
					extra[t] = id
				}
			}
			ids[j] = id
		}
		slices.Sort(ids)
		c.terms = termSet{ids: ids, ix: a.ix}
		c.facts = factsOf(c.answer)
	}
	// The passages' terms, in one slab.
	a.termEnd = make([]int32, len(body))
	a.termIDs = make([]int32, 0, 12*len(body))
	for i, t := range body {
		if t >= 0 {
			a.termIDs = ib.AppendTermIDs(a.termIDs, t)
		}
		a.termEnd[i] = int32(len(a.termIDs))
	}
	a.termIDs = slices.Clip(a.termIDs)
	// A passage's facts include its neighbours', which its answer may show.
	own := make([]uint8, len(a.passages))
	for i := range a.passages {
		own[i] = a.passages[i].facts
	}
	for i := range a.passages {
		p := &a.passages[i]
		if p.center > 0 {
			p.facts |= own[i-1]
		}
		if p.center+1 < p.n {
			p.facts |= own[i+1]
		}
	}
	for i, texts := range keyTexts {
		for _, t := range texts {
			k := keyTerms{weight: map[string]float64{}}
			for _, term := range sortedTerms(a.ix.Terms(t)) {
				if w, ok := a.ix.IDF(term); ok {
					if v, low := questionWeights[term]; low {
						w *= v
					}
					k.weight[term] = w
					k.total += w
				}
			}
			if k.total > 0 {
				a.cands[i].keys = append(a.cands[i].keys, k)
			}
		}
	}
	return a
}

// appendPassages appends the sentences of article a's passages to sents
// and calls f with each passage's heading (the latest one) and sentences,
// as they lie in the returned slice. A passage is a run of sentences that
// belong together: one paragraph, or consecutive list items.
func appendPassages(sents []string, a corpus.Article, f func(heading string, sentences []string)) []string {
	heading := ""
	for i := 0; i < len(a.Blocks); i++ {
		b := a.Blocks[i]
		start := len(sents)
		switch b.Kind {
		case corpus.Heading:
			heading = b.Text
			continue
		case corpus.Item:
			for ; i < len(a.Blocks) && a.Blocks[i].Kind == corpus.Item; i++ {
				sents = append(sents, blockSentences(a.Blocks[i])...)
			}
			i--
		default:
			ss := blockSentences(b)
			if len(ss) == 0 {
				continue
			}
			sents = append(sents, ss...)
			// A paragraph introducing a list ("including:") belongs with it.
			if strings.HasSuffix(strings.TrimSpace(ss[len(ss)-1]), ":") {
				for i+1 < len(a.Blocks) && a.Blocks[i+1].Kind == corpus.Item {
					i++
					sents = append(sents, blockSentences(a.Blocks[i])...)
				}
			}
		}
		if len(sents) > start {
			f(heading, sents[start:len(sents):len(sents)])
		}
	}
	return sents
}

func blockSentences(b corpus.Block) []string {
	if len(b.Sentences) > 0 {
		return b.Sentences
	}
	if t := strings.TrimSpace(b.Text); t != "" {
		return []string{t}
	}
	return nil
}

func nonNilSources(s []Source) []Source {
	if s == nil {
		return []Source{}
	}
	return s
}

// Ask answers a free-text question with the best FAQ answer, issue summary
// or article passage, with its sources. When nothing matches well enough
// (confidence below Options.MinConfidence) it declines: Kind is KindNone,
// Answer is Options.DefaultAnswer and Suggestions holds up to 3 FAQ
// questions or issue names. Sources and Suggestions are never nil.
func (kb *KB) Ask(question string) Answer {
	return kb.answers.ask(question)
}
