package briefings

import (
	"context"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

// TestFAQGeneratedForNews: news that asks no questions still has an FAQ
// while it has issues, every entry generated and cited; added articles
// (With) get theirs too.
func TestFAQGeneratedForNews(t *testing.T) {
	var news []corpus.Article
	for _, a := range otherArticles(t) {
		if len(buildKB(t, []corpus.Article{a}, Options{}).faq) == 0 {
			news = append(news, a)
		}
	}
	if len(news) < 3 {
		t.Fatalf("%d articles without FAQ entries, want 3 or more", len(news))
	}
	kb := buildKB(t, news[:len(news)-1], Options{})
	if len(kb.Issues()) == 0 {
		t.Fatal("no issues")
	}
	faq := kb.FAQ()
	if len(faq) == 0 {
		t.Fatal("empty FAQ for news with issues")
	}
	for _, e := range faq {
		if !e.Generated || len(e.Sources) == 0 || e.Answer == "" {
			t.Errorf("entry %+v: not generated, or without answer or source", e)
		}
	}
	nk, err := kb.With(context.Background(), news[len(news)-1:])
	if err != nil {
		t.Fatal(err)
	}
	if len(nk.FAQ()) == 0 {
		t.Error("empty FAQ after With")
	}
}
