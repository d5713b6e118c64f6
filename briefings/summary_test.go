package briefings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

// TestSummariesCitedNoBoilerplate checks every summary sentence of every
// issue: cited by articles that say it, whole, not boilerplate, not a
// near-duplicate of another, 3-6 per issue.
func TestSummariesCitedNoBoilerplate(t *testing.T) {
	for name, arts := range map[string][]corpus.Article{"sample": corpus.Sample(), "other": otherArticles(t)} {
		t.Run(name, func(t *testing.T) {
			kb := buildKB(t, arts, Options{})
			said := sentencesByArticle(kb)
			for _, is := range kb.Issues() {
				if n := len(is.Summary); n < 3 || n > 6 {
					t.Errorf("issue %q: %d summary sentences, want 3-6", is.ID, n)
				}
				for i, c := range is.Summary {
					checkCited(t, is.ID, c, said)
					for _, d := range is.Summary[:i] {
						if corpus.NearDuplicate(c.Text, d.Text) {
							t.Errorf("issue %q repeats itself: %q / %q", is.ID, c.Text, d.Text)
						}
					}
				}
			}
		})
	}
}

// sentencesByArticle maps article id to the set of its sentences.
func sentencesByArticle(kb *KB) map[string]map[string]bool {
	out := make(map[string]map[string]bool)
	for i := range kb.index.Sents {
		s := &kb.index.Sents[i]
		id := kb.articles[s.Art].ID
		if out[id] == nil {
			out[id] = make(map[string]bool)
		}
		out[id][s.Text] = true
	}
	return out
}

// checkCited fails unless c cites at least one article, its first source
// says exactly c.Text, and c.Text is no boilerplate.
func checkCited(t *testing.T, where string, c Cited, said map[string]map[string]bool) {
	t.Helper()
	if len(c.Sources) == 0 {
		t.Errorf("%s: uncited sentence %q", where, c.Text)
		return
	}
	if !said[c.Sources[0].ID][c.Text] {
		t.Errorf("%s: %q is not a sentence of its source %s", where, c.Text, c.Sources[0].ID)
	}
	for _, s := range c.Sources {
		if s.Title == "" || said[s.ID] == nil {
			t.Errorf("%s: source %+v of %q is not an article", where, s, c.Text)
		}
	}
	if cite.IsBoilerplate(c.Text) || strings.HasSuffix(strings.TrimRight(c.Text, "”\""), "?") {
		t.Errorf("%s: boilerplate sentence %q", where, c.Text)
	}
	if cite.StartsWithQuote(c.Text) && !strings.Contains(c.Text, "said") && !strings.Contains(c.Text, "says") {
		t.Errorf("%s: bare quotation %q", where, c.Text)
	}
}

// TestNoBoilerplateAnywhere looks through every FAQ answer, summary and
// digest line of both corpora for page furniture: prompts, captions and
// credits, bylines.
func TestNoBoilerplateAnywhere(t *testing.T) {
	for name, arts := range map[string][]corpus.Article{"sample": corpus.Sample(), "other": otherArticles(t)} {
		t.Run(name, func(t *testing.T) {
			kb := buildKB(t, arts, Options{})
			var lines []string
			for _, e := range kb.FAQ() {
				lines = append(lines, e.Question)
				lines = append(lines, strings.Split(e.Answer, "\n")...)
			}
			for _, is := range kb.Issues() {
				for _, c := range is.Summary {
					lines = append(lines, c.Text)
				}
			}
			d := kb.Digest(DigestOptions{})
			lines = append(lines, d.Lead)
			for _, a := range d.Articles {
				lines = append(lines, a.Summary)
			}
			for _, l := range lines {
				l = strings.TrimPrefix(strings.TrimSpace(l), "- ")
				short := len(strings.Fields(l)) < 6
				if cite.IsCredit(l) || short && cite.IsPrompt(l) ||
					strings.HasPrefix(l, "About the Author") || strings.HasPrefix(l, "Image:") {
					t.Errorf("boilerplate in the output: %q", l)
				}
			}
		})
	}
}

// TestFAQIssuesHaveSummaries builds issues from FAQ documents, where the
// issue's words are often only in the questions: the answers under them
// summarise the issue, so no issue comes out empty.
func TestFAQIssuesHaveSummaries(t *testing.T) {
	var arts []corpus.Article
	for _, name := range []string{"hr-leave-faq.md", "hr-remote-work.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", "faqdocs", name))
		if err != nil {
			t.Fatal(err)
		}
		a, err := corpus.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	kb := buildKB(t, arts, Options{})
	if len(kb.Issues()) == 0 {
		t.Fatal("no issues")
	}
	said := sentencesByArticle(kb)
	for _, is := range kb.Issues() {
		if len(is.Summary) == 0 {
			t.Errorf("issue %q has no summary", is.Name)
		}
		for _, c := range is.Summary {
			checkCited(t, is.ID, c, said)
		}
	}
}

// TestSummariesStandAlone: a summary sentence that points back at what
// came before it ("Ukraine rejects this ultimatum", "Under these
// agreements, …") reads as a non sequitur once lifted out; where the
// corpus has better sentences, summaries use them.
func TestSummariesStandAlone(t *testing.T) {
	for name, arts := range map[string][]corpus.Article{"sample": corpus.Sample(), "other": otherArticles(t)} {
		t.Run(name, func(t *testing.T) {
			kb := buildKB(t, arts, Options{})
			for _, is := range kb.Issues() {
				for _, c := range is.Summary {
					if cite.EarlyDemonstrative(c.Text) {
						t.Errorf("issue %q: %q leans on the sentence before it", is.Name, c.Text)
					}
				}
			}
		})
	}
}
