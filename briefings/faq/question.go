package faq

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

// Limits on what can be a question line.
const (
	maxQuestionChars    = 320
	minQuestionChars    = 8
	maxQuestionSentence = 4
	maxAnswerChars      = 4000
	maxAnswerParas      = 3 // outside numbered FAQs, where a heading's section may run long
)

var (
	// sectionNumber matches the numbering of a section or question:
	// "2.1. ", "3.1.10 ", "4) ", "Chapter 7. ", "Q3: ", "Q. ".
	sectionNumber = regexp.MustCompile(`^(?:(?:(?i:chapter|section|part|question)\s+\d+(?:\.\d+)*[.:)]?|\d+(?:\.\d+)+\.?|\d+[.)]|(?i:q)\d*[.:)])\s+)`)
	// dottedNumber is numbering with at least two levels or a chapter word:
	// the mark of a document's section structure, not of a list.
	dottedNumber = regexp.MustCompile(`^(?:(?i:chapter|section|part)\s+\d+|\d+(?:\.\d+)+)`)
	// inlineQA is a question and its answer run together in one paragraph.
	inlineQA = regexp.MustCompile(`^(?i:q(?:uestion)?)[.:)]\s*(.+?\?)\s+(?i:a(?:nswer)?)[.:)]\s*(.+)$`)
	// answerPrefix is the "A:" that some FAQs put before answers.
	answerPrefix = regexp.MustCompile(`^(?i:a|answer)[.:)]\s+`)
	// sentenceBreak is a sentence end followed by the start of another.
	sentenceBreak = regexp.MustCompile(`[^.][.!?]["”’)]*\s+["“‘(]?[\p{Lu}\d]`)
)

// splitNumber splits leading section numbering from s. dotted reports
// numbering that marks document structure ("2.1.", "Chapter 3").
func splitNumber(s string) (body string, numbered, dotted bool) {
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || strings.IndexByte("CcSsPpQq", s[0]) >= 0) {
		return s, false, false
	}
	loc := sectionNumber.FindStringIndex(s)
	if loc == nil {
		return s, false, false
	}
	body = strings.TrimSpace(s[loc[1]:])
	mark := strings.TrimSpace(s[:loc[1]])
	if r, _ := utf8.DecodeRuneInString(body); unicode.IsLower(r) && !strings.ContainsAny(mark[len(mark)-1:], ".):") {
		return s, false, false // "3.5 million …" is a number, not numbering
	}
	return body, true, dottedNumber.MatchString(s)
}

// joinWrappedQuestions rejoins a question whose line was split into a
// heading and a short lower-case paragraph ("Can I change my" +
// "username?"). It returns blocks itself when there is nothing to join.
func joinWrappedQuestions(blocks []corpus.Block) []corpus.Block {
	var out []corpus.Block
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if i+1 < len(blocks) && wrapsInto(b, blocks[i+1]) {
			if out == nil {
				out = append(make([]corpus.Block, 0, len(blocks)), blocks[:i]...)
			}
			b.Text = cite.CleanLine(b.Text) + " " + cite.CleanLine(blocks[i+1].Text)
			b.Sentences = []string{b.Text}
			out = append(out, b)
			i++
			continue
		}
		if out != nil {
			out = append(out, b)
		}
	}
	if out == nil {
		return blocks
	}
	return out
}

// wrapsInto reports whether next finishes the question line b started.
func wrapsInto(b, next corpus.Block) bool {
	if b.Kind == corpus.Item || next.Kind != corpus.Para || !looksLikeHeading(b) || strings.HasSuffix(trimClosers(cite.CleanLine(b.Text)), "?") {
		return false
	}
	t := cite.CleanLine(next.Text)
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r) && utf8.RuneCountInString(t) <= 80 && strings.HasSuffix(trimClosers(t), "?") && countSentences(t) == 1
}

// trimClosers drops closing quotes, brackets and exclamation marks at the
// end, so "what is Linux?!" and "…completion?”" end with the question mark.
func trimClosers(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return r == '!' || r == '"' || r == '”' || r == '’' || r == '\'' || r == ')' || r == ']' || unicode.IsSpace(r)
	})
}

// countSentences counts the sentences of s by its sentence breaks.
func countSentences(s string) int {
	return len(sentenceBreak.FindAllStringIndex(s, -1)) + 1
}

// firstSentenceIsQuestion reports whether the first sentence of s ends
// with a question mark.
func firstSentenceIsQuestion(s string) bool {
	q := strings.IndexByte(s, '?')
	if q < 0 {
		return false
	}
	loc := sentenceBreak.FindStringIndex(s)
	return loc == nil || loc[0]+1 >= q
}

// questionLine is what a block says when read as a possible question.
type questionLine struct {
	text     string // the question without numbering
	question bool   // shaped as a question
	numbered bool
	dotted   bool
}

// readQuestion reads block b as a possible question line.
func readQuestion(b corpus.Block) questionLine {
	if len(b.Text) > 4*maxQuestionChars {
		return questionLine{text: b.Text} // prose, not a question or heading
	}
	raw := cite.CleanLine(b.Text)
	body, numbered, dotted := splitNumber(raw)
	q := questionLine{text: body, numbered: numbered, dotted: dotted}
	if !numbered && !strings.HasSuffix(trimClosers(body), "?") {
		return q
	}
	n := utf8.RuneCountInString(body)
	if n < minQuestionChars || n > maxQuestionChars || cite.StartsWithQuote(body) {
		return q
	}
	sentences := countSentences(body)
	endsQ := strings.HasSuffix(trimClosers(body), "?")
	switch {
	case numbered:
		q.question = sentences <= maxQuestionSentence && (endsQ || firstSentenceIsQuestion(body))
	case b.Kind == corpus.Heading:
		q.question = endsQ
	case b.Kind == corpus.Para:
		// A single question, or a paragraph made only of questions; a
		// rhetorical question inside prose is neither.
		q.question = endsQ && (sentences == 1 || allQuestions(b, body))
	case b.Kind == corpus.Item:
		q.question = endsQ && sentences == 1 // whether it heads an answer depends on its neighbours
	}
	return q
}

// allQuestions reports whether every sentence of the block is a question.
func allQuestions(b corpus.Block, body string) bool {
	ss := b.Sentences
	if len(ss) == 0 {
		ss = []string{body}
	}
	for _, s := range ss {
		if !strings.HasSuffix(trimClosers(cite.CleanLine(s)), "?") {
			return false
		}
	}
	return countSentences(body) <= maxQuestionSentence
}

// looksLikeHeading reports whether a paragraph reads as a heading or a
// label rather than text: short, and without sentence punctuation.
func looksLikeHeading(b corpus.Block) bool {
	if b.Kind == corpus.Heading {
		return true
	}
	if b.Kind != corpus.Para {
		return false
	}
	t := cite.CleanLine(b.Text)
	if utf8.RuneCountInString(t) > 80 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(trimClosers(t))
	return !strings.ContainsRune(".?:;,", last) && !strings.HasSuffix(t, "!")
}
