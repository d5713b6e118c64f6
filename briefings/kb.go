package briefings

import (
	"context"
	"log/slog"
	"runtime"

	"github.com/briefbot/briefbot/briefings/answer"
	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/digest"
	"github.com/briefbot/briefbot/briefings/faq"
	"github.com/briefbot/briefbot/briefings/stories"
	"github.com/briefbot/briefbot/corpus"
)

// Options configure how a KB is built.
type Options struct {
	// FAQ entries added by admins; they come before extracted ones and win
	// over an extracted entry with the same question.
	FAQ []FAQEntry
	// Issues named by admins; merged with discovered issues, and they win.
	Issues []IssueSpec
	// Synonyms are groups of words or phrases that mean the same, on top of
	// the built-in set.
	Synonyms [][]string
	// MinConfidence is the confidence below which Ask declines.
	MinConfidence float64
	// DefaultAnswer is the text of a declined answer.
	DefaultAnswer string
	Logger        *slog.Logger
}

// DefaultMinConfidence and DefaultAnswer are used when Options leave them zero.
const (
	DefaultMinConfidence = 0.35
	DefaultAnswerText    = "Sorry, I don't know that one. Try /issues or /faq to see what I can answer."
)

// KB is the knowledge built from a corpus. It is immutable and safe for
// concurrent use.
type KB struct {
	opts     Options
	articles []corpus.Article
	byID     map[string]int
	faq      []FAQEntry
	faqAll   []FAQEntry // faq, then the entries generated from the issues
	index    *cite.Index
	stories  *stories.Set
	answers  *answer.Answerer
}

// Build builds the knowledge base from articles. It fails only when ctx is
// cancelled; an empty corpus gives an empty KB.
//
// With more than one CPU (GOMAXPROCS), the articles' passages are read
// into the answer index while the knowledge is built; the KB is the same.
func Build(ctx context.Context, articles []corpus.Article, opts Options) (*KB, error) {
	var kb *KB
	var pt *answer.Passages
	var err, perr error
	if runtime.GOMAXPROCS(0) > 1 {
		done := make(chan struct{})
		go func() {
			defer close(done)
			pt, perr = answer.ReadPassages(ctx, opts.Synonyms, articles)
		}()
		kb, err = buildKnowledge(ctx, articles, opts)
		<-done
	} else {
		if kb, err = buildKnowledge(ctx, articles, opts); err == nil {
			pt, perr = answer.ReadPassages(ctx, opts.Synonyms, articles)
		}
	}
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, perr
	}
	kb.answers = answer.New(kb.answerBase(), pt)
	return kb, nil
}

// buildKnowledge builds everything but the answerer: the FAQ, the sentence
// index, the issues with their summaries.
func buildKnowledge(ctx context.Context, articles []corpus.Article, opts Options) (*KB, error) {
	if opts.MinConfidence == 0 {
		opts.MinConfidence = DefaultMinConfidence
	}
	if opts.DefaultAnswer == "" {
		opts.DefaultAnswer = DefaultAnswerText
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	kb := &KB{opts: opts, articles: articles, byID: make(map[string]int, len(articles))}
	for i, a := range articles {
		kb.byID[a.ID] = i
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	kb.faq = faq.Build(opts.FAQ, articles)
	lx := cite.NewLexicon()
	plan := stories.NewPlan(articles)
	// The phrase counter finds the facets of a one-story corpus; it needs
	// to see the index built only then.
	phrases := stories.NewPhraseCounter(lx)
	var visit func(int32, *cite.Sentence, []cite.Word)
	if plan.Facets {
		visit = phrases.Visit
	}
	kb.index = cite.BuildIndex(articles, lx, visit)
	phrases.Index = kb.index
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	kb.stories = stories.Build(kb.index, articles, opts.Issues, opts.Synonyms, phrases, plan)
	kb.faqAll = withGenerated(kb.faq, kb.stories.Issues, kb.Article)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts.Logger.Debug("knowledge built", "articles", len(articles), "sentences", len(kb.index.Sents),
		"faq", len(kb.faq), "issues", len(kb.stories.Issues))
	return kb, nil
}

// Articles returns every article, in load order.
func (kb *KB) Articles() []corpus.Article { return kb.articles }

// Article returns the article with the given id.
func (kb *KB) Article(id string) (corpus.Article, bool) {
	i, ok := kb.byID[id]
	if !ok {
		return corpus.Article{}, false
	}
	return kb.articles[i], true
}

// FAQ returns every FAQ entry: admin entries first, then extracted ones,
// then those generated for the issues no extracted entry comes from
// (marked Generated), so that news without questions has an FAQ too.
func (kb *KB) FAQ() []FAQEntry { return kb.faqAll }

// Issues returns every issue, most prominent first.
func (kb *KB) Issues() []Issue { return kb.stories.Issues }

// FindIssue matches query fuzzily against issue ids, names, aliases and
// configured keywords: an exact or substring match first, then a compact
// in-order subsequence (sahilm/fuzzy: "donbs" finds "Donbas"), then words
// within a small edit distance ("secuirty"). On no match it returns ok false and up to 3
// suggestions, the closest issue names first, then the issues whose summary
// or article titles mention the query's words ("rivera" suggests the
// transfer issue that names him), then the first issues; it never returns
// more suggestions than there are issues.
func (kb *KB) FindIssue(query string) (issue Issue, suggestions []string, ok bool) {
	return kb.stories.Find(query, kb.Article)
}

// Digest returns the briefing of what is new in the window (Since, Until]
// of opts: a lead, then per issue the 1-3 most central sentences the new
// articles add, then the new articles with a one-line summary each, all
// cited. An article counts from FirstSeen, else its Published time; one
// with neither counts as new. At most MaxItems articles (newest first) are
// covered, also on a first run with a zero Since. The text stays within
// MaxChars: the lowest-ranked points go first, sentences are never cut.
// Empty is true, with a short lead, when nothing is new.
func (kb *KB) Digest(opts DigestOptions) Digest {
	return digest.Make(&digest.Base{Articles: kb.articles, Index: kb.index, Issues: kb.stories.Issues, IssueSents: kb.stories.Sents}, opts)
}

// answerBase is what the answerer of kb answers from.
func (kb *KB) answerBase() *answer.Base {
	return &answer.Base{Articles: kb.articles, ByID: kb.byID, FAQ: kb.faq, Issues: kb.stories.Issues,
		Synonyms: kb.opts.Synonyms, MinConfidence: kb.opts.MinConfidence, DefaultAnswer: kb.opts.DefaultAnswer}
}

// Ask answers a free-text question with the best FAQ answer, issue summary
// or article passage, with its sources. When nothing matches well enough
// (confidence below Options.MinConfidence) it declines: Kind is KindNone,
// Answer is Options.DefaultAnswer and Suggestions holds up to 3 FAQ
// questions or issue names. Sources and Suggestions are never nil.
func (kb *KB) Ask(question string) Answer {
	return kb.answers.Ask(question)
}
