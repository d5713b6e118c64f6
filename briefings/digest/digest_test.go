package digest

import (
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/stories"
	"github.com/briefbot/briefbot/corpus"
)

func TestLead(t *testing.T) {
	since := time.Date(2026, 3, 9, 7, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		n      int
		issues []string
		since  time.Time
		want   string
	}{
		{"one article, first run", 1, nil, time.Time{}, "1 new article."},
		{"two issues", 3, []string{"Ceasefire", "Donbas"}, since, "3 new articles since Mon 9 Mar 2026 07:00 UTC on Ceasefire and Donbas."},
		{"three issues", 4, []string{"A", "B", "C"}, time.Time{}, "4 new articles on A, B and C."},
		{"many issues", 9, []string{"A", "B", "C", "D", "E"}, time.Time{}, "9 new articles on A, B, C and 2 more issues."},
		{"four issues named", 9, []string{"A", "B", "C", "D"}, time.Time{}, "9 new articles on A, B, C and D."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var is []Issue
			for _, n := range tt.issues {
				is = append(is, Issue{Name: n})
			}
			if got := lead(tt.n, is, tt.since); got != tt.want {
				t.Errorf("lead = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFitBudget: points go before summaries, summaries before articles,
// and the first issue keeps one point.
func TestFitBudget(t *testing.T) {
	point := func(s string) cite.Cited { return cite.Cited{Text: s} }
	d := Digest{
		Lead: "lead",
		Issues: []Issue{
			{Name: "One", Points: []cite.Cited{point(strings.Repeat("a", 50)), point(strings.Repeat("b", 50))}},
			{Name: "Two", Points: []cite.Cited{point(strings.Repeat("c", 50))}},
		},
		Articles: []Article{
			{Source: cite.Source{Title: "T1"}, Summary: strings.Repeat("s", 40)},
			{Source: cite.Source{Title: "T2"}, Summary: strings.Repeat("t", 40)},
		},
	}
	releads := 0
	fitBudget(&d, 120, func() { releads++ })
	if n := Chars(&d); n > 120 {
		t.Fatalf("Chars = %d after fitting 120", n)
	}
	if len(d.Issues) != 1 || len(d.Issues[0].Points) != 1 || d.Issues[0].Points[0].Text[0] != 'a' {
		t.Errorf("issues after fitting = %+v, want the first point of the first issue", d.Issues)
	}
	if len(d.Articles) != 2 || d.Articles[1].Summary != "" {
		t.Errorf("articles after fitting = %+v, want both, the older without its summary", d.Articles)
	}
	if releads == 0 {
		t.Error("the lead was not rewritten after a cut")
	}
}

// TestMake builds a digest from a sentence index and issues made by the
// jobs below this one: new articles only, each with a one-line summary.
func TestMake(t *testing.T) {
	arts := corpus.Sample()
	lx := cite.NewLexicon()
	pc := stories.NewPhraseCounter(lx)
	ix := cite.BuildIndex(arts, lx, pc.Visit)
	pc.Index = ix
	set := stories.Build(ix, arts, nil, nil, pc, stories.NewPlan(arts))
	b := &Base{Articles: arts, Index: ix, Issues: set.Issues, IssueSents: set.Sents}

	all := Make(b, Options{})
	if all.Empty || len(all.Articles) == 0 || len(all.Issues) == 0 {
		t.Fatalf("digest of undated articles on a first run is empty: %+v", all)
	}
	for _, a := range all.Articles {
		if a.Summary == "" || a.ID == "" || a.Title == "" {
			t.Errorf("article %+v lacks a summary or its source", a)
		}
	}
	newest := time.Time{}
	for _, a := range arts {
		if a.Published.After(newest) {
			newest = a.Published
		}
	}
	seen := func(id string) (time.Time, bool) { return newest.Add(-time.Hour), true }
	if d := Make(b, Options{Since: newest, FirstSeen: seen}); !d.Empty || !strings.HasPrefix(d.Lead, "Nothing new") {
		t.Errorf("digest after every article was seen = %+v, want empty", d)
	}
	if d := Make(b, Options{MaxItems: 1}); len(d.Articles) != 1 {
		t.Errorf("MaxItems 1 gave %d articles", len(d.Articles))
	}
}
