package briefings

import (
	"context"
	"log/slog"
	"runtime"
	"sync"
	"time"

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

// IssueSpec is an issue named in the config.
type IssueSpec struct {
	Name     string
	Aliases  []string
	Keywords []string
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
	issues   []Issue
	index    *index
	// issueSents[i] holds the sentence ids about issues[i], sorted;
	// issueSeqs[i] the term sequences that mark them, issueChosen[i] the
	// ids of its summary's sentences (With extends them).
	issueSents  [][]int32
	issueSeqs   [][][]int32
	issueChosen [][]int32
	answers     *answerer
	// issueTermSets[i] holds the terms FindIssue matches against issues[i]
	// beyond its names; built once, on first use.
	issueTermsOnce sync.Once
	issueTermSets  []map[string]struct{}
}

// Build builds the knowledge base from articles. It fails only when ctx is
// cancelled; an empty corpus gives an empty KB.
//
// With more than one CPU (GOMAXPROCS), the articles' passages are read
// into the answer index while the knowledge is built; the KB is the same.
func Build(ctx context.Context, articles []corpus.Article, opts Options) (*KB, error) {
	ib := newAnswerBuilder(opts, defaultTuning)
	var kb *KB
	var pt *passageTexts
	var err, perr error
	if runtime.GOMAXPROCS(0) > 1 {
		done := make(chan struct{})
		go func() {
			defer close(done)
			pt, perr = readPassages(ctx, ib, articles)
		}()
		kb, err = buildKnowledge(ctx, articles, opts)
		<-done
	} else {
		if kb, err = buildKnowledge(ctx, articles, opts); err == nil {
			pt, perr = readPassages(ctx, ib, articles)
		}
	}
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, perr
	}
	kb.answers = newAnswererFrom(kb, defaultTuning, pt)
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
	kb.faq = buildFAQ(kb)
	lx := newLexicon()
	phrases := newPhraseCounter(lx)
	kb.index = buildIndex(articles, lx, phrases.visit)
	phrases.ix = kb.index
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	kb.issues = buildIssues(kb, phrases)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts.Logger.Debug("knowledge built", "articles", len(articles), "sentences", len(kb.index.sents),
		"faq", len(kb.faq), "issues", len(kb.issues))
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

// FAQ returns every FAQ entry: admin entries first, then extracted ones.
func (kb *KB) FAQ() []FAQEntry { return kb.faq }

// Issues returns every issue, most prominent first.
func (kb *KB) Issues() []Issue { return kb.issues }

// source returns the Source for an article id.
func (kb *KB) source(id string) Source {
	a, _ := kb.Article(id)
	return Source{ID: id, Title: a.Title, URL: a.URL}
}

// DigestOptions select what a digest covers.
type DigestOptions struct {
	Since, Until time.Time
	// FirstSeen tells when an article first arrived; nil means its
	// Published time (articles with neither count as new).
	FirstSeen func(id string) (time.Time, bool)
	// IssueIDs limits the digest to these issues; empty means all.
	IssueIDs []string
	// MaxItems caps the new articles listed (0: a default).
	MaxItems int
	// MaxChars is the length budget of the whole digest text (0: a default).
	MaxChars int
}
