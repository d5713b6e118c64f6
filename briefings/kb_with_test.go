package briefings

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// ferryText is an article about something the sample corpus never
// mentions, with an FAQ of its own.
const ferryText = `Island ferry service suspended after engine fire

The island ferry service was suspended on Tuesday after an engine fire on the morning crossing, the harbour authority said.

All 212 passengers were brought back to port safely. Repairs to the ferry are expected to take three weeks, and a replacement boat will run from Friday.

Will I get a refund for my ferry ticket? The operator said tickets already bought for the suspended crossings will be refunded in full within ten days.

How long will the ferry repairs take?

The shipyard estimates three weeks of work on the damaged engine room before inspections.
`

func ferryArticle(t testing.TB) corpus.Article {
	t.Helper()
	a, err := corpus.Parse("news/ferry.txt", []byte(ferryText))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func withKB(t testing.TB, kb *KB, arts ...corpus.Article) *KB {
	t.Helper()
	nk, err := kb.With(context.Background(), arts)
	if err != nil {
		t.Fatalf("with: %v", err)
	}
	return nk
}

// askAll returns the JSON of the answers to every question.
func askAll(kb *KB, qs []string) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		b, _ := json.Marshal(kb.Ask(q))
		out[i] = string(b)
	}
	return out
}

func evalQuestions(t testing.TB, files ...string) []string {
	var qs []string
	for _, f := range files {
		for _, it := range readEval(t, f) {
			qs = append(qs, it.Question)
		}
	}
	return qs
}

var sampleEvalFiles = []string{"sample.tsv", "sample_heldout.tsv", "sample_heldout2.tsv", "sample_heldout3.tsv"}

func TestWithAnswersFromTheAddedArticle(t *testing.T) {
	base := sampleKB(t, Options{})
	ferry := ferryArticle(t)
	kb := withKB(t, base, ferry)
	if n := len(kb.Articles()); n != len(base.Articles())+1 {
		t.Fatalf("want %d articles, got %d", len(base.Articles())+1, n)
	}
	if a, ok := kb.Article(ferry.ID); !ok || a.Title != ferry.Title {
		t.Fatalf("the added article is not held: %+v", a)
	}
	tests := []struct{ q, want string }{
		{"how many passengers were on the ferry", "212 passengers"},
		{"why was the island ferry suspended", "engine fire"},
		{"will I get my ferry ticket refunded", "refunded in full"},
		{"how long will the ferry repairs take", "three weeks"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			if ans := base.Ask(tt.q); ans.Answered {
				t.Fatalf("the base answers before the article arrived: %+v", ans)
			}
			ans := kb.Ask(tt.q)
			if !ans.Answered || !strings.Contains(ans.Answer, tt.want) {
				t.Fatalf("want an answer holding %q, got %+v", tt.want, ans)
			}
			if len(ans.Sources) == 0 || ans.Sources[0].ID != ferry.ID {
				t.Fatalf("want the ferry article as the source, got %+v", ans.Sources)
			}
		})
	}
}

func TestWithAddsFAQEntries(t *testing.T) {
	base := sampleKB(t, Options{FAQ: []FAQEntry{{Question: "How long will the ferry repairs take?", Answer: "Ask the harbour office."}}})
	kb := withKB(t, base, ferryArticle(t))
	faq := kb.FAQ()
	if len(faq) <= len(base.FAQ()) {
		t.Fatalf("no FAQ entry added: %d before, %d after", len(base.FAQ()), len(faq))
	}
	for i, e := range base.FAQ() {
		if faq[i].Question != e.Question {
			t.Fatalf("entry %d changed: %q, was %q", i, faq[i].Question, e.Question)
		}
	}
	var refund *FAQEntry
	n := 0
	for i := range faq {
		if strings.Contains(faq[i].Question, "repairs take") {
			n++
		}
		if strings.Contains(faq[i].Question, "refund") {
			refund = &faq[i]
		}
	}
	if n != 1 {
		t.Errorf("the admin entry must win over the extracted one: %d entries ask about the repairs", n)
	}
	if refund == nil || len(refund.Sources) != 1 || refund.Sources[0].ID != ferryArticle(t).ID {
		t.Fatalf("no refund entry from the ferry article: %+v", faq[len(base.FAQ()):])
	}
	ans := kb.Ask(refund.Question)
	if !ans.Answered || ans.Kind != KindFAQ || ans.Title != refund.Question {
		t.Fatalf("the added FAQ entry does not answer its question: %+v", ans)
	}
	if ans := kb.Ask("How long will the ferry repairs take?"); ans.Answer != "Ask the harbour office." {
		t.Fatalf("the admin entry should answer: %+v", ans)
	}
}

func TestWithIsNewInTheDigestWithItsIssue(t *testing.T) {
	arts := corpus.Sample()
	base := buildKB(t, arts[:len(arts)-1], Options{})
	last := arts[len(arts)-1]
	kb := withKB(t, base, last)
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	seen := func(id string) (time.Time, bool) {
		if id == last.ID {
			return at, true
		}
		return at.Add(-48 * time.Hour), true
	}
	d := kb.Digest(DigestOptions{Since: at.Add(-time.Hour), Until: at.Add(time.Hour), FirstSeen: seen})
	if d.Empty || len(d.Articles) != 1 || d.Articles[0].ID != last.ID {
		t.Fatalf("the digest should hold exactly the added article: %+v", d)
	}
	if len(d.Issues) == 0 {
		t.Fatalf("the added article is attributed to no issue: %+v", d)
	}
	for _, di := range d.Issues {
		found := false
		for _, is := range kb.Issues() {
			if is.ID == di.IssueID {
				found = slices.Contains(is.ArticleIDs, last.ID)
			}
		}
		if !found {
			t.Errorf("issue %s of the digest does not list the added article", di.IssueID)
		}
		for _, p := range di.Points {
			if p.Sources[0].ID != last.ID {
				t.Errorf("a point of issue %s is not from the added article: %+v", di.IssueID, p)
			}
		}
	}
}

func TestWithLeavesTheOldKBAsItWas(t *testing.T) {
	base := sampleKB(t, Options{})
	qs := append(evalQuestions(t, "sample.tsv"), "how many passengers were on the ferry", "will I get my ferry ticket refunded")
	before := askAll(base, qs)
	faqBefore, _ := json.Marshal(base.FAQ())
	issuesBefore, _ := json.Marshal(base.Issues())
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
					base.Ask(qs[0])
					base.Ask("how many passengers were on the ferry")
				}
			}
		})
	}
	kb := withKB(t, base, ferryArticle(t))
	kb2 := withKB(t, base, otherArticles(t)...) // a second extension of the same KB
	withKB(t, kb, otherArticles(t)...)
	close(stop)
	wg.Wait()
	if after := askAll(base, qs); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("the old KB answers differently after With")
	}
	if b, _ := json.Marshal(base.FAQ()); string(b) != string(faqBefore) {
		t.Errorf("the old KB's FAQ changed")
	}
	if b, _ := json.Marshal(base.Issues()); string(b) != string(issuesBefore) {
		t.Errorf("the old KB's issues changed")
	}
	if ans := kb2.Ask("how many passengers were on the ferry"); ans.Answered && strings.Contains(ans.Answer, "212") {
		t.Errorf("an extension sees another extension's article: %+v", ans)
	}
	if ans := kb.Ask("how many passengers were on the ferry"); !strings.Contains(ans.Answer, "212") {
		t.Errorf("the first extension lost its article: %+v", ans)
	}
}

func TestWithKnownArticlesIsANoOp(t *testing.T) {
	base := sampleKB(t, Options{})
	if kb := withKB(t, base, corpus.Sample()...); kb != base {
		t.Fatal("With of articles the KB holds made a new KB")
	}
	ferry := ferryArticle(t)
	kb := withKB(t, base, ferry, ferry)
	if n := len(kb.Articles()); n != len(base.Articles())+1 {
		t.Fatalf("an article added twice: %d articles", n)
	}
	if again := withKB(t, kb, ferry); again != kb {
		t.Fatal("With of an article the KB holds made a new KB")
	}
}

func TestWithIsDeterministic(t *testing.T) {
	qs := append(evalQuestions(t, sampleEvalFiles...), "how many passengers were on the ferry")
	var runs [2]string
	for i := range runs {
		base := sampleKB(t, Options{})
		kb := withKB(t, withKB(t, base, ferryArticle(t)), otherArticles(t)...)
		faq, _ := json.Marshal(kb.FAQ())
		issues, _ := json.Marshal(kb.Issues())
		runs[i] = strings.Join(askAll(kb, qs), "\n") + string(faq) + string(issues)
	}
	if runs[0] != runs[1] {
		t.Fatal("two runs of the same With differ")
	}
}

// TestWithAgreesWithBuild compares kb.With(x) with Build(all + x) on the
// sample's labelled questions, and logs the share of identical answers
// (the same kind, title, text and sources; the confidence may differ a
// little, as the statistics of the base's words are the base's, and a
// decline's suggestions with the issues), with the same suggestions too,
// and identical to the byte. Adding an article on
// another topic must change nearly nothing; adding one of the sample's own
// articles (a fifth of that corpus) to the other four changes more, as no
// issue is discovered for it.
func TestWithAgreesWithBuild(t *testing.T) {
	qs := evalQuestions(t, sampleEvalFiles...)
	var items []EvalItem
	for _, f := range sampleEvalFiles {
		items = append(items, readEval(t, f)...)
	}
	sample := corpus.Sample()
	tests := []struct {
		name     string
		base     []corpus.Article
		added    []corpus.Article
		min      float64
		minRight float64
	}{
		{"an article on another topic", sample, []corpus.Article{ferryArticle(t)}, 0.95, 0.97},
		{"a tram corpus of five articles", sample, otherArticles(t), 0.90, 0.95},
		{"the sample's last article", sample[:len(sample)-1], sample[len(sample)-1:], 0.90, 0.95},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb := withKB(t, buildKB(t, tt.base, Options{}), tt.added...)
			full := buildKB(t, append(append([]corpus.Article(nil), tt.base...), tt.added...), Options{})
			same, withSugg, exact, maxConf := 0, 0, 0, 0.0
			pct := func(n int) float64 { return 100 * float64(n) / float64(len(qs)) }
			js := func(a Answer) string { b, _ := json.Marshal(a); return string(b) }
			for _, q := range qs {
				got, want := kb.Ask(q), full.Ask(q)
				maxConf = max(maxConf, math.Abs(got.Confidence-want.Confidence))
				if js(got) == js(want) {
					exact++
				}
				got.Confidence, want.Confidence = 0, 0
				if js(got) == js(want) {
					withSugg++
				}
				got.Suggestions, want.Suggestions = nil, nil
				if js(got) == js(want) {
					same++
				} else if testing.Verbose() {
					t.Logf("differs: %q\n  with:  %s\n  build: %s", q, js(got), js(want))
				}
			}
			share := float64(same) / float64(len(qs))
			accWith, accBuild := kb.Eval(items).Accuracy(), full.Eval(items).Accuracy()
			t.Logf("%s: of %d answers %d identical (%.1f%%), %d with the same suggestions (%.1f%%), %d to the byte (%.1f%%); confidence within %.3f; eval accuracy %.1f%% with, %.1f%% build",
				tt.name, len(qs), same, 100*share, withSugg, pct(withSugg), exact, pct(exact), maxConf, 100*accWith, 100*accBuild)
			if share < tt.min {
				t.Errorf("only %.1f%% of the answers agree with a full build (want %.0f%%)", 100*share, 100*tt.min)
			}
			if accWith < tt.minRight*accBuild {
				t.Errorf("eval accuracy %.1f%% with, %.1f%% after a full build", 100*accWith, 100*accBuild)
			}
		})
	}
}

// TestWithChains adds articles one by one, past a segment merge, and
// checks each stays answerable.
func TestWithChains(t *testing.T) {
	kb := sampleKB(t, Options{})
	var arts []corpus.Article
	for i := range 9 {
		text := fmt.Sprintf("Harbour crane %d repaired\n\nThe harbour crane number %d, known as Gantry%dx, was repaired by the port engineers after %d days of work.\n", i, i, i, 10+i)
		a, err := corpus.Parse(fmt.Sprintf("news/crane%d.txt", i), []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
		kb = withKB(t, kb, a)
	}
	for i, a := range arts {
		ans := kb.Ask(fmt.Sprintf("what was repaired after %d days", 10+i))
		if !ans.Answered || len(ans.Sources) == 0 || ans.Sources[0].ID != a.ID {
			t.Errorf("article %d is not answered from: %+v", i, ans)
		}
		ans = kb.Ask(fmt.Sprintf("what is gantry%dx", i))
		if !ans.Answered || len(ans.Sources) == 0 || ans.Sources[0].ID != a.ID {
			t.Errorf("article %d's own word is not found: %+v", i, ans)
		}
	}
}
