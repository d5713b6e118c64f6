package answer

import (
	"strings"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/faq"
	"github.com/briefbot/briefbot/briefings/stories"
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

	sources []cite.Source
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
	// src holds a passage's one source (its article), which sources
	// points at: a passage's candidate is then one allocation.
	src [1]cite.Source
}

// passageRef is a passage candidate as the answerer keeps it.
type passageRef struct {
	article int32
	center  int32 // the sentence's position in its passage
	n       int32 // the passage's sentences
	faq     int32 // as candidate.faq
	facts   uint8
}

// Base is what an answerer answers from: the articles (byID maps
// an id to its position), the FAQ, the issues, and the options of Ask.
type Base struct {
	Articles      []corpus.Article
	ByID          map[string]int
	FAQ           []faq.Entry
	Issues        []stories.Issue
	Synonyms      [][]string
	MinConfidence float64
	DefaultAnswer string
}

// source returns the Source of the article with the given id.
func (b *Base) source(id string) cite.Source {
	i, ok := b.ByID[id]
	if !ok {
		return cite.Source{ID: id}
	}
	return cite.SourceOf(&b.Articles[i])
}

// Answerer holds the answer index. It is immutable after newAnswerer.
type Answerer struct {
	kb *Base
	// cands are the FAQ and issue candidates; they come first, then the
	// passages: candidate entries+i is passages[i].
	cands []candidate
	passageStore
	ix answerIndex
	// names are the suggestion titles: FAQ questions and issue names.
	names []string
	// entries is the number of FAQ and issue candidates.
	entries int
	tune    tuning
	// added holds the passages of the articles a KB made by With added
	// (see ask_live.go), numbered after passageStore's; nil after Build.
	added []addedPassages
}

// passageStore holds passages: passages[i] is passage i; sents[i] is its
// sentence, a passage's sentences being consecutive. Its terms are
// termIDs[termEnd[i-1]:termEnd[i]].
type passageStore struct {
	passages []passageRef
	sents    []string
	termEnd  []int32
	termIDs  []int32
}

// answerIndex is the search an answerer runs: the index of a Build, or
// the base index and segments of a KB made by With (liveIndex).
type answerIndex interface {
	Analyze(q string) []search.QueryTerm
	Expand(terms []search.QueryTerm, share float64) []search.QueryTerm
	Terms(s string) []string
	TermID(term string) (int32, bool)
	IDF(term string) (float64, bool)
	SearchTerms(terms []search.QueryTerm, k int) search.Result
	SearchRange(terms []search.QueryTerm, k, lo, hi int) search.Result
}

// cand returns candidate i (a hit's Payload). A passage's is made anew on
// every call.
func (a *Answerer) cand(i int) *candidate {
	if i < a.entries {
		return &a.cands[i]
	}
	return a.candInto(i, new(candidate))
}

// candInto is cand writing a passage's candidate into c (an FAQ entry's
// or issue's is returned as kept): rank makes the candidates of all its
// hits in one allocation.
func (a *Answerer) candInto(i int, c *candidate) *candidate {
	if i < a.entries {
		return &a.cands[i]
	}
	ps, pi := a.passageAt(i - a.entries)
	p := ps.passages[pi]
	art := &a.kb.Articles[p.article]
	start := pi - int(p.center)
	from := int32(0)
	if pi > 0 {
		from = ps.termEnd[pi-1]
	}
	*c = candidate{
		kind:      KindPassage,
		title:     art.Title,
		src:       [1]cite.Source{{ID: art.ID, Title: art.Title, URL: art.URL}},
		article:   int(p.article),
		sentences: ps.sents[start : start+int(p.n) : start+int(p.n)],
		center:    int(p.center),
		faq:       int(p.faq),
		self:      i,
		terms:     termSet{ids: ps.termIDs[from:ps.termEnd[pi]:ps.termEnd[pi]], ix: a.ix},
		facts:     p.facts,
	}
	c.sources = c.src[:]
	return c
}

// isEntry reports whether candidate i is an FAQ entry or an issue (not
// a passage), without making a passage's candidate.
func (a *Answerer) isEntry(i int) bool { return i < a.entries }

func blockSentences(b corpus.Block) []string {
	if b.Kind == corpus.Code {
		return nil // code is not prose to rank or quote
	}
	if len(b.Sentences) > 0 {
		return b.Sentences
	}
	if t := strings.TrimSpace(b.Text); t != "" {
		return []string{t}
	}
	return nil
}

func nonNilSources(s []cite.Source) []cite.Source {
	if s == nil {
		return []cite.Source{}
	}
	return s
}
