package faq

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

// rank is the place of a title in a document's outline: its block kind
// (heading or definition term) and level.
type rank struct {
	kind  corpus.BlockKind
	level int
}

// faqTitleRe is a title or address that announces an FAQ.
var faqTitleRe = regexp.MustCompile(`(?i)faq|frequently[ -]asked|\bq ?& ?a\b|questions (and|&) answers`)

// entryRank decides whether a is an FAQ document, from its blocks alone,
// and at which rank its entries' titles sit: the rank whose titles ask
// the most questions, when they ask three or more and two thirds of the
// titles of that rank are questions; two and half, when the titles are
// definition terms or the document's title or address says FAQ (which
// makes titles of the commonest rank entries, three or more, when none
// asks). A news
// story whose FAQ section ends it is not an FAQ document: its question
// headings are found as in any article. ok is false for any other document: news, with a
// question heading or two.
func entryRank(a corpus.Article) (r rank, ok bool) {
	titles := make(map[rank]int)
	asks := make(map[rank]int)
	var order []rank
	for _, b := range a.Blocks {
		if !b.Kind.Titles() {
			continue
		}
		k := rank{b.Kind, b.Level}
		if titles[k] == 0 {
			order = append(order, k)
		}
		titles[k]++
		if isQuestionTitle(b.Text) {
			asks[k]++
		}
	}
	best := -1
	for _, k := range order {
		if asks[k] > best || asks[k] == best && titles[k] > titles[r] {
			r, best = k, asks[k]
		}
	}
	announced := faqTitleRe.MatchString(a.Title) || faqTitleRe.MatchString(a.URL) || faqTitleRe.MatchString(a.Source)
	need := 3
	if r.kind == corpus.Term || announced {
		need = 2
	}
	if announced && best == 0 {
		// An FAQ whose titles are all statements ("I Want To Move My Sync
		// Folder"): its entries are the titles of its commonest rank.
		for _, k := range order {
			if titles[k] > titles[r] {
				r = k
			}
		}
		return r, titles[r] >= 3
	}
	if announced {
		return r, best >= need && 2*best >= titles[r]
	}
	return r, best >= need && 3*best >= 2*titles[r]
}

// isQuestionTitle reports whether a heading or term asks: it ends with a
// question mark, or its first sentence does ("Can I use a proxy? Which
// ones?"), once numbering is stripped.
func isQuestionTitle(t string) bool {
	body, _, _ := splitNumber(cite.CleanLine(t))
	return strings.HasSuffix(trimClosers(body), "?") || firstSentenceIsQuestion(body)
}

// extractDocument finds the entries of an FAQ document: every title at
// the entry rank with an answer under it, whatever it says (a question, a
// statement such as "compress() returns Z_BUF_ERROR.", two sentences),
// a question title of another rank with an answer right under it, and a
// question standing alone as a list item with paragraphs under it.
// An answer runs from its title to the next title that ends its section
// (corpus.Block.EndedBy) or is another entry; titles of a lower rank
// inside it are part of it. Answers keep their lists and code blocks.
func extractDocument(a corpus.Article, entry rank) []qaPair {
	blocks := a.Blocks
	// Statements are entries from the first question of the entry rank
	// on: before it come the abstract, the introduction, the licence.
	asked := len(blocks)
	if !slices.ContainsFunc(blocks, func(b corpus.Block) bool { return (rank{b.Kind, b.Level}) == entry && isQuestionTitle(b.Text) }) {
		asked = 0 // an FAQ of statements
	}
	for i, b := range blocks {
		if (rank{b.Kind, b.Level}) == entry && isQuestionTitle(b.Text) {
			asked = i
			break
		}
	}
	isEntry := func(i int) bool {
		b := blocks[i]
		if b.Kind == corpus.Item {
			// A question as a list of one item ("1. What …?"), its
			// answer in the paragraphs under it.
			return isQuestionTitle(b.Text) && (i == 0 || blocks[i-1].Kind != corpus.Item) && i+1 < len(blocks) &&
				(blocks[i+1].Kind == corpus.Para || blocks[i+1].Kind == corpus.Code)
		}
		if !b.Kind.Titles() || i+1 >= len(blocks) || b.EndedBy(blocks[i+1]) || blocks[i+1].Kind.Titles() && !outranks(b, blocks[i+1]) {
			return false
		}
		if (rank{b.Kind, b.Level}) == entry && (i >= asked || isQuestionTitle(b.Text)) {
			return true
		}
		// A question titled at another rank, answered right under it.
		return isQuestionTitle(b.Text) && !blocks[i+1].Kind.Titles()
	}
	var out []qaPair
	for i := 0; i < len(blocks); i++ {
		if !isEntry(i) {
			continue
		}
		j := i + 1
		for j < len(blocks) && !blocks[i].EndedBy(blocks[j]) && !isEntry(j) && !(blocks[i].Kind == corpus.Item && blocks[j].Kind.Titles()) {
			j++
		}
		q, _, _ := splitNumber(cite.CleanLine(blocks[i].Text))
		q = strings.TrimSpace(answerPrefix.ReplaceAllString(qPrefix.ReplaceAllString(q, ""), ""))
		if utf8.RuneCountInString(q) < 2 {
			continue
		}
		if ans := answerText(blocks[i+1:j], 0); ans != "" {
			out = append(out, qaPair{question: q, answer: ans})
		}
		i = j - 1
	}
	return out
}

// qPrefix is the "Q:" some FAQs put before their questions.
var qPrefix = regexp.MustCompile(`^(?i:q|question)\s?\d*[.:)]\s+`)

// outranks reports whether title t ranks above title b, so that b sits
// inside t's section (a term under a heading, a level-3 heading under a
// level-2 one).
func outranks(t, b corpus.Block) bool {
	return !t.EndedBy(b) && (b.Kind == corpus.Term || b.Kind == corpus.Heading && (b.Level == 0 || t.Level > 0 && b.Level > t.Level))
}
