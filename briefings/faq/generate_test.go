package faq

import (
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

func TestGenerate(t *testing.T) {
	art := func(id, title string, day int, paras ...string) corpus.Article {
		a := corpus.Article{ID: id, Title: title, Published: time.Date(2026, 3, day, 9, 0, 0, 0, time.UTC)}
		for _, p := range paras {
			a.Blocks = append(a.Blocks, corpus.Block{Kind: corpus.Para, Text: p, Sentences: corpus.SplitSentences(p)})
		}
		return a
	}
	a1 := art("a1", "Strike begins", 3, "Bus drivers walked out on Monday. Maria Delgado said the union wants a 6% raise.", "Mayor Elena Ruiz called the strike unfair.")
	a2 := art("a2", "Talks resume", 5, "Talks resumed on Wednesday with a mediator. Maria Delgado told reporters that both sides were closer.", "Mayor Elena Ruiz said the city could pay more.")
	src := []cite.Source{{ID: "a1", Title: "Strike begins"}}
	es := Generate([]Story{{
		Name:     "Bus Strike",
		Summary:  []cite.Cited{{Text: "Bus drivers walked out on Monday.", Sources: src}, {Text: "The union wants a 6% raise.", Sources: src}},
		Articles: []corpus.Article{a1, a2},
	}})
	want := map[string]string{
		"Bus Strike: what is it about?":   "Bus drivers walked out on Monday. The union wants a 6% raise.",
		"Bus Strike: who is involved?":    "Named most: Maria Delgado and Elena Ruiz.",
		"Bus Strike: what happened last?": "On 5 March 2026, Talks resume: Talks resumed on Wednesday with a mediator.",
	}
	if len(es) != len(want) {
		t.Fatalf("got %d entries %+v, want %d", len(es), es, len(want))
	}
	for _, e := range es {
		w, ok := want[e.Question]
		if !ok || !strings.HasPrefix(e.Answer, w) {
			t.Errorf("entry %q: %q, want it to start %q", e.Question, e.Answer, w)
		}
		if !e.Generated || len(e.Sources) == 0 {
			t.Errorf("entry %q not marked generated or without sources: %+v", e.Question, e)
		}
	}
	if Generate(nil) != nil {
		t.Error("Generate(nil) is not nil")
	}
}
