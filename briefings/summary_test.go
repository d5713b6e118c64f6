package briefings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	if isBoilerplate(c.Text) || strings.HasSuffix(strings.TrimRight(c.Text, "”\""), "?") {
		t.Errorf("%s: boilerplate sentence %q", where, c.Text)
	}
	if StartsWithQuote(c.Text) && !strings.Contains(c.Text, "said") && !strings.Contains(c.Text, "says") {
		t.Errorf("%s: bare quotation %q", where, c.Text)
	}
}

func TestIsBoilerplate(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"The council will vote on the revised budget on March 18.", false},
		{"Security Guarantees for Ukraine: Key Takeaways", true},
		{"What streets will close during construction?", true},
		{"Click to summarize this article.", true},
		{"Photo: Riverton Ledger / Sam Keller", true},
		{"Russia’s President Vladimir Putin shakes hands in Osaka. REUTERS/Kevin Lamarque/File Photo", true},
		{"“We had a terrific meeting.", true},
		{"“We will demand that ironclad security guarantees become part of this agreement.”", true},
		{"Moscow has outlined specific conditions for a peace deal, including:", true},
		{"It works.", true},
		{"For more information see Section 10.2, “What tools does Debian provide to build custom kernels?”.", true},
		{"For more information on the available distributions read Section 6.1, “How many Debian distributions are there?”.", true},
		{"For other possibilities review Debian's archive directory structure at Section 6.7, “What are all those directories?”.", true},
		{"More detailed information on the use of each of these terms can be found in the Debian Policy manual.", true},
		{"See also the chapter on package management for the details of how dependencies work.", true},
		{"(The command upgrade keeps a package at its installed obsolete version if upgrading would need an extra package.", true},
		{"Debian has about 59,000 packages (in the main section) and runs on nine architectures.", false},
		{"The regulator said more information would be published by the bank on Monday.", false},
	} {
		if got := isBoilerplate(tt.s); got != tt.want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestLexRankDeterministicAndCentral(t *testing.T) {
	ix := BuildIndex([]corpus.Article{{ID: "a", Blocks: []corpus.Block{
		{Kind: corpus.Para, Text: "x", Sentences: []string{
			"The tram budget rose to 610 million dollars this year.",
			"The tram budget is now 610 million dollars, officials said.",
			"The tram budget of 610 million dollars worries the council.",
			"Bakers on Canal Street sell bread every morning.",
		}},
	}}}, NewLexicon(), nil)
	ids := []Weighted{{0, 1}, {1, 1}, {2, 1}, {3, 1}}
	a, b := RankSentences(ix, ids), RankSentences(ix, ids)
	for i := range a {
		if a[i].ID != b[i].ID || a[i].score != b[i].score {
			t.Fatal("two rankings of the same sentences differ")
		}
	}
	if a[len(a)-1].ID != 3 {
		t.Errorf("the off-topic sentence ranks %v, want last", a)
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
				if creditMark.MatchString(l) || short && promptWords[strings.ToLower(firstWord(l))] ||
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
					if earlyDemonstrative(c.Text) {
						t.Errorf("issue %q: %q leans on the sentence before it", is.Name, c.Text)
					}
				}
			}
		})
	}
}
