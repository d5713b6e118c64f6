package faq

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

// Build returns the admin entries followed by entries extracted from the
// articles, in article order then document order. An extracted entry whose
// question (or an admin alternate) matches an admin entry is dropped; the
// same question found in several articles is one entry with several sources.
func Build(admin []Entry, articles []corpus.Article) []Entry {
	f := &faqBuilder{out: make([]Entry, 0, len(admin)), seen: make(map[string]int)}
	for _, e := range admin {
		e.Alternates = cite.NonNilStrings(e.Alternates)
		if e.Sources == nil {
			e.Sources = []cite.Source{}
		}
		f.out = append(f.out, e)
		f.admin(e)
	}
	for _, a := range articles {
		f.article(a)
	}
	return f.out
}

// faqBuilder gathers FAQ entries: seen maps a question key to its entry
// in out, or to -1 for an admin entry's question or alternate. The first
// shared entries of out have Sources another FAQ holds too: they are
// copied (and listed in copied) before a source is added.
type faqBuilder struct {
	out    []Entry
	seen   map[string]int
	shared int
	copied map[int]bool
}

// admin records the questions of an admin entry, which extracted entries
// never repeat.
func (f *faqBuilder) admin(e Entry) {
	f.seen[cite.QuestionKey(e.Question)] = -1
	for _, alt := range e.Alternates {
		f.seen[cite.QuestionKey(alt)] = -1
	}
}

// article adds the entries extracted from a: a new question is a new
// entry, a known one gains a as a source.
func (f *faqBuilder) article(a corpus.Article) {
	src := cite.Source{ID: a.ID, Title: a.Title, URL: a.URL}
	for _, qa := range extractFAQ(a) {
		key := cite.QuestionKey(qa.question)
		if i, ok := f.seen[key]; ok {
			if i >= 0 && !cite.HasSource(f.out[i].Sources, a.ID) {
				if i < f.shared && !f.copied[i] {
					f.out[i].Sources = slices.Clip(f.out[i].Sources)
					f.copied[i] = true
				}
				f.out[i].Sources = append(f.out[i].Sources, src)
			}
			continue
		}
		f.seen[key] = len(f.out)
		f.out = append(f.out, Entry{Question: qa.question, Answer: qa.answer, Alternates: []string{}, Sources: []cite.Source{src}})
	}
}

// qaPair is one extracted question with its answer.
type qaPair struct{ question, answer string }

// extractFAQ finds the question/answer pairs of one article: a question
// line or heading (possibly numbered, possibly wrapped) followed by its
// answer blocks up to the next question or heading. In a document whose
// numbered sections are mostly questions (a numbered FAQ), every numbered
// section with text under it is an entry, titled by its heading.
func extractFAQ(a corpus.Article) []qaPair {
	blocks := joinWrappedQuestions(a.Blocks)
	lines := make([]questionLine, len(blocks))
	dottedQ, dottedAll := 0, 0
	for i, b := range blocks {
		lines[i] = readQuestion(b)
		if lines[i].dotted && utf8.RuneCountInString(lines[i].text) <= maxQuestionChars {
			dottedAll++
			if lines[i].question {
				dottedQ++
			}
		}
	}
	numberedFAQ := dottedQ >= 5 && 2*dottedQ >= dottedAll
	section := func(i int) bool {
		l := lines[i]
		if !numberedFAQ || !l.dotted || l.text == "" {
			return false
		}
		return l.question || (utf8.RuneCountInString(l.text) <= 160 && !strings.HasSuffix(l.text, "."))
	}
	starts := func(i int) bool {
		if !lines[i].question {
			return section(i)
		}
		if blocks[i].Kind != corpus.Item || lines[i].numbered {
			return true
		}
		// A question as a list of one item ("1. What …?" whose number the
		// cleaner kept as a list mark), followed by its answer paragraph.
		return (i == 0 || blocks[i-1].Kind != corpus.Item) && i+1 < len(blocks) && blocks[i+1].Kind == corpus.Para
	}
	ends := func(i int) bool {
		if starts(i) {
			return true
		}
		if _, _, ok := readerQA(blocks[i]); ok {
			return true // the next question, answered in its own paragraph
		}
		if numberedFAQ {
			return false // only numbered sections end an answer; short lines may be commands
		}
		return looksLikeHeading(blocks[i])
	}
	var out []qaPair
	for i := 0; i < len(blocks); i++ {
		if t := blocks[i].Text; t != "" && (t[0] == 'Q' || t[0] == 'q') {
			if m := inlineQA.FindStringSubmatch(cite.CleanLine(t)); m != nil {
				out = append(out, qaPair{question: m[1], answer: m[2]})
				continue
			}
		}
		if q, ans, ok := readerQA(blocks[i]); ok && !starts(i) {
			out = append(out, qaPair{question: q, answer: ans})
			continue
		}
		if !starts(i) {
			continue
		}
		j := i + 1
		for j < len(blocks) && !ends(j) {
			j++
		}
		paras := maxAnswerParas
		if numberedFAQ {
			paras = 0 // a numbered FAQ's sections are answers to the end
		}
		if ans := answerText(blocks[i+1:j], paras); ans != "" {
			out = append(out, qaPair{question: lines[i].text, answer: ans})
		}
		i = j - 1
	}
	return out
}

// answerText joins answer blocks into plain text: paragraphs apart by a
// blank line, list items as "- " bullets on their own lines. It stops at a
// block boundary once the answer is long enough (maxParas paragraphs when
// not 0, list items not counted), and returns "" when the blocks hold no
// real answer.
func answerText(blocks []corpus.Block, maxParas int) string {
	var b strings.Builder
	prevItem := false
	words, paras := 0, 0
	for k, blk := range blocks {
		if blk.Kind != corpus.Item {
			if paras == maxParas && maxParas > 0 {
				break
			}
			paras++
		}
		t := cite.CleanLine(blk.Text)
		if k == 0 {
			t = answerPrefix.ReplaceAllString(t, "")
		}
		if t == "" {
			continue
		}
		if b.Len() > 0 && b.Len()+len(t) > maxAnswerChars {
			break
		}
		isItem := blk.Kind == corpus.Item
		switch {
		case b.Len() == 0:
		case isItem && prevItem:
			b.WriteByte('\n')
		default:
			b.WriteString("\n\n")
		}
		if isItem {
			b.WriteString("- ")
		}
		b.WriteString(t)
		prevItem = isItem
		words += len(strings.Fields(t))
	}
	s := b.String()
	if words < 3 && !strings.ContainsAny(s, ".!") {
		return ""
	}
	return s
}

// readerQuestion is a question in a reader's own voice, the way explainers
// put them: "How do I know if I was affected?", "Will I get compensation?",
// "What should customers do?".
var readerQuestion = regexp.MustCompile(`^(?i:(how|what|when|where|which|who|why|will|can|could|should|do|does|did|is|are|am|must|may)\b[^?]{0,120}\b(i|my|me|we|our|us|customers?|users?|employees?|readers?|passengers?|residents?)\b[^?]{0,80}\?)$`)

// readerQA finds a question and its answer in one paragraph of an
// explainer ("Will I get compensation? The bank said it would refund…"):
// the first sentence is a question in the reader's voice and at least one
// sentence that answers it follows. A rhetorical question ("Is this the
// end of the tram?") is not in the reader's voice and stays text.
func readerQA(b corpus.Block) (question, answer string, ok bool) {
	if b.Kind != corpus.Para || !strings.Contains(b.Text, "? ") {
		return "", "", false
	}
	sents := b.Sentences
	if sents == nil {
		sents = corpus.SplitSentences(b.Text)
	}
	if len(sents) < 2 {
		return "", "", false
	}
	q := cite.CleanLine(sents[0])
	if utf8.RuneCountInString(q) < minQuestionChars || !readerQuestion.MatchString(q) {
		return "", "", false
	}
	rest := sents[1:]
	if strings.HasSuffix(strings.TrimRight(rest[0], "”\"’)"), "?") {
		return "", "", false // a run of questions, not a question and its answer
	}
	return q, cite.CleanLine(strings.Join(rest, " ")), true
}

// Extend returns faq (whose first nAdmin entries are the admin ones)
// followed by the entries of the added articles, deduplicated as buildFAQ does.
func Extend(faq []Entry, nAdmin int, added []corpus.Article) []Entry {
	f := &faqBuilder{out: slices.Clone(faq), seen: make(map[string]int, len(faq)), shared: len(faq), copied: make(map[int]bool)}
	for i, e := range f.out {
		if i < nAdmin {
			f.admin(e)
			continue
		}
		f.seen[cite.QuestionKey(e.Question)] = i
	}
	for _, a := range added {
		f.article(a)
	}
	return f.out
}
