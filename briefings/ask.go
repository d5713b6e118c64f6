package briefings

import (
	"slices"
	"sort"
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

// candidate is one thing Ask can answer with.
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
	// self is the candidate's position; terms the sorted index terms of
	// its sentence (passage) or answer; facts the kinds of fact (bit
	// answerType) its answer text holds.
	self  int
	terms []string
	facts uint8
}

// answerer holds the answer index. It is immutable after newAnswerer.
type answerer struct {
	kb    *KB
	cands []candidate
	ix    *search.Index
	// names are the suggestion titles: FAQ questions and issue names.
	names []string
	// entries is the number of FAQ and issue candidates; they come first.
	entries int
	tune    tuning
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
		keyTexts = append(keyTexts, append(append([]string{e.Question}, e.Alternates...), subQuestions(e.Question)...))
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
	a.cands = slices.Grow(a.cands, n)
	ib.Grow(n+len(kb.articles), size, n)
	body := make([]search.Text, 0, n) // per passage candidate: its sentence
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
		return textFacts(s, f)
	}
	// Every sentence, heading and title is read once; a passage's fields
	// are made of them.
	for ai, art := range kb.articles {
		src := []Source{{ID: art.ID, Title: art.Title, URL: art.URL}}
		title := field(art.Title)
		headings := map[string][]search.Text{}
		for _, p := range passages(art) {
			heading, ok := headings[p.heading]
			if !ok {
				heading = field(p.heading)
				headings[p.heading] = heading
			}
			ts := make([]search.Text, len(p.sentences))
			for i, s := range p.sentences {
				if s == "" {
					ts[i] = -1
					continue
				}
				ts[i] = ib.Text(s)
			}
			for i, s := range p.sentences {
				// near is the previous and the next sentence, joined by a
				// space (or a space and the next one).
				var nearBuf [2]search.Text
				near := nearBuf[:0]
				if i > 0 && ts[i-1] >= 0 {
					near = append(near, ts[i-1])
				}
				if i+1 < len(p.sentences) && ts[i+1] >= 0 {
					near = append(near, ts[i+1])
				}
				faq := -1
				if len(inFAQ) > 0 {
					if f, ok := inFAQ[corpus.SentenceKey(s)]; ok {
						faq = f
					}
				}
				var bf []search.Text
				if ts[i] >= 0 {
					bf = ts[i : i+1]
				}
				body = append(body, ts[i])
				add(candidate{kind: KindPassage, title: art.Title, sources: src, article: ai, sentences: p.sentences, center: i, faq: faq,
					facts: textFacts(ts[i], s)}, nil, bf, near, heading, title)
			}
		}
	}
	a.ix = ib.Build()
	for i := 0; i < a.entries; i++ {
		c := &a.cands[i]
		c.terms = sortedTerms(a.ix.Terms(c.answer))
		c.facts = factsOf(c.answer)
	}
	// The passages' terms share large slabs.
	var slab []string
	for i, t := range body {
		c := &a.cands[a.entries+i]
		if t < 0 {
			continue
		}
		if cap(slab)-len(slab) < 256 {
			slab = make([]string, 0, 1<<16)
		}
		start := len(slab)
		slab = ib.AppendSortedTerms(slab, t)
		if len(slab) > start {
			c.terms = slab[start:len(slab):len(slab)]
		}
	}
	// A passage's facts include its neighbours', which its answer may show.
	own := make([]uint8, len(a.cands))
	for i := range a.cands {
		own[i] = a.cands[i].facts
	}
	for i := range a.cands {
		c := &a.cands[i]
		if c.kind != KindPassage {
			continue
		}
		if c.center > 0 {
			c.facts |= own[i-1]
		}
		if c.center+1 < len(c.sentences) {
			c.facts |= own[i+1]
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

// passage is a run of sentences that belong together: one paragraph, or
// consecutive list items, under the latest heading.
type passage struct {
	heading   string
	sentences []string
}

func passages(a corpus.Article) []passage {
	var out []passage
	heading := ""
	for i := 0; i < len(a.Blocks); i++ {
		b := a.Blocks[i]
		switch b.Kind {
		case corpus.Heading:
			heading = b.Text
		case corpus.Item:
			p := passage{heading: heading}
			for ; i < len(a.Blocks) && a.Blocks[i].Kind == corpus.Item; i++ {
				p.sentences = append(p.sentences, blockSentences(a.Blocks[i])...)
			}
			i--
			if len(p.sentences) > 0 {
				out = append(out, p)
			}
		default:
			ss := blockSentences(b)
			if len(ss) == 0 {
				continue
			}
			p := passage{heading: heading, sentences: append([]string(nil), ss...)}
			// A paragraph introducing a list ("including:") belongs with it.
			if strings.HasSuffix(strings.TrimSpace(ss[len(ss)-1]), ":") {
				for i+1 < len(a.Blocks) && a.Blocks[i+1].Kind == corpus.Item {
					i++
					p.sentences = append(p.sentences, blockSentences(a.Blocks[i])...)
				}
			}
			out = append(out, p)
		}
	}
	return out
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

// sortedTerms returns the distinct terms, sorted.
func sortedTerms(ts []string) []string {
	sort.Strings(ts)
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || t != ts[i-1] {
			out = append(out, t)
		}
	}
	return out
}

// hasTerm reports whether the sorted terms hold t.
func hasTerm(terms []string, t string) bool {
	i := sort.SearchStrings(terms, t)
	return i < len(terms) && terms[i] == t
}

// overlap is the Jaccard similarity of two sorted term lists.
func overlap(x, y []string) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			n++
			i++
			j++
		case x[i] < y[j]:
			i++
		default:
			j++
		}
	}
	return float64(n) / float64(len(x)+len(y)-n)
}
