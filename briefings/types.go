package briefings

import (
	"io"

	"github.com/briefbot/briefbot/briefings/answer"
	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/digest"
	"github.com/briefbot/briefbot/briefings/eval"
	"github.com/briefbot/briefbot/briefings/faq"
	"github.com/briefbot/briefbot/briefings/stories"
)

// The public types are the job packages' own, named here so that bot/
// and cmd/ need no other package of the engine.
type (
	// Source is an article an answer or a sentence is drawn from.
	Source = cite.Source
	// Cited is a sentence with the articles that say it.
	Cited = cite.Cited
	// FAQEntry is one question with its answer.
	FAQEntry = faq.Entry
	// Issue is one of the main issues the articles discuss.
	Issue = stories.Issue
	// IssueSpec is an issue named in the config.
	IssueSpec = stories.Spec
	// Answer is the reply to one question (the contract's `ask -json`).
	Answer = answer.Answer
	// Digest is a briefing of what is new since a point in time.
	Digest = digest.Digest
	// DigestIssue is what the new articles add to one issue.
	DigestIssue = digest.Issue
	// DigestArticle is one new article with a one-line summary.
	DigestArticle = digest.Article
	// DigestOptions select what a digest covers.
	DigestOptions = digest.Options
	// EvalItem is one labelled question (see eval.ParseFile).
	EvalItem = eval.Item
	// EvalReport is the score of a set of labelled questions.
	EvalReport = eval.Report
	// EvalMiss is a question answered wrongly, with what came back.
	EvalMiss = eval.Miss
)

// Answer kinds.
const (
	KindFAQ     = answer.KindFAQ
	KindIssue   = answer.KindIssue
	KindPassage = answer.KindPassage
	KindNone    = answer.KindNone
)

// Digest defaults.
const (
	DefaultDigestItems = digest.DefaultItems
	DefaultDigestChars = digest.DefaultChars
)

// ErrEvalFormat is the error of a malformed labelled question line.
var ErrEvalFormat = eval.ErrFormat

// ParseEvalFile reads a labelled question file; see eval.ParseFile.
func ParseEvalFile(r io.Reader) ([]EvalItem, error) { return eval.ParseFile(r) }

// Correct reports whether got is a right answer to it.
func Correct(it EvalItem, got Answer) bool { return eval.Correct(it, got) }

// Eval asks every item and scores the answers; see eval.Run.
func (kb *KB) Eval(items []EvalItem) EvalReport { return eval.Run(kb, items) }
