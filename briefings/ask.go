package briefings

import (
	"strings"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/search"
)

// Field weights of the answer index, by position: the key text (an FAQ
// question and its alternates, an issue's name and aliases), the body (an
// FAQ answer, an issue summary, a passage's sentence), the neighbouring
// sentences of a passage (or an issue's keywords) and the context (an
// article title and section heading).
const (
	fieldKey = iota
	fieldBody
	fieldNear
	fieldContext
)

var fieldWeights = []float64{2.0, 1.0, 0.35, 0.25}

// questionWeights make the words that frame a question count less than the
// words that say what it is about.
var questionWeights = map[string]float64{}

func init() {
	for _, w := range []string{"who", "what", "when", "where", "why", "how", "which",
		"tell", "explain", "know", "describe", "mean", "means", "meant", "happen",
		"happens", "happened", "happening", "going", "say", "says", "said", "thing",
		"things", "anything", "something", "latest", "current", "currently", "now",
		"new", "news", "update", "status", "exactly", "kind", "sort", "give", "like"} {
		questionWeights[w] = 0.3
	}
}

// candidate is one thing Ask can answer with.
type candidate struct {
	kind    string
	title   string
	answer  string // for passages: filled at answer time from the window
	sources []Source
	// passage only: the article and the sentence window.
	article   int
	sentences []string // the block's sentences (or consecutive list items)
	center    int
}

// answerer holds the answer index. It is immutable after newAnswerer.
type answerer struct {
	kb    *KB
	cands []candidate
	ix    *search.Index
	// names are the suggestion titles: FAQ questions and issue names.
	names []string
}

// newAnswerer indexes the FAQ, the issues and every article passage.
func newAnswerer(kb *KB) *answerer {
	a := &answerer{kb: kb}
	var docs []search.Doc
	add := func(c candidate, fields []string) {
		docs = append(docs, search.Doc{ID: c.kind + ":" + c.title, Fields: fields, Payload: len(a.cands)})
		a.cands = append(a.cands, c)
	}
	for _, e := range kb.faq {
		if strings.TrimSpace(e.Answer) == "" {
			continue
		}
		key := strings.Join(append([]string{e.Question}, e.Alternates...), "\n")
		add(candidate{kind: KindFAQ, title: e.Question, answer: e.Answer, sources: nonNilSources(e.Sources)},
			[]string{key, e.Answer, "", ""})
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
		add(candidate{kind: KindIssue, title: is.Name, answer: strings.Join(sum, " "), sources: nonNilSources(srcs)},
			[]string{key, strings.Join(sum, " "), strings.Join(is.Keywords, " "), ""})
		a.names = append(a.names, is.Name)
	}
	for ai, art := range kb.articles {
		src := []Source{{ID: art.ID, Title: art.Title, URL: art.URL}}
		for _, p := range passages(art) {
			for i, s := range p.sentences {
				near := ""
				if i > 0 {
					near = p.sentences[i-1]
				}
				if i+1 < len(p.sentences) {
					near += " " + p.sentences[i+1]
				}
				add(candidate{kind: KindPassage, title: art.Title, sources: src, article: ai, sentences: p.sentences, center: i},
					[]string{"", s, near, art.Title + "\n" + p.heading})
			}
		}
	}
	a.ix = search.New(docs, search.Options{
		FieldWeights: fieldWeights,
		Synonyms:     kb.opts.Synonyms,
		QueryWeights: questionWeights,
	})
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
			if ss := blockSentences(b); len(ss) > 0 {
				out = append(out, passage{heading: heading, sentences: ss})
			}
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

// termSet returns the index terms of s.
func (a *answerer) termSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range a.ix.Terms(s) {
		m[t] = true
	}
	return m
}

// overlap is the Jaccard similarity of the terms of two texts.
func overlap(x, y map[string]bool) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	n := 0
	for t := range x {
		if y[t] {
			n++
		}
	}
	return float64(n) / float64(len(x)+len(y)-n)
}
