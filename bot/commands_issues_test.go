package bot

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
)

// TestIssuesListGistsDiffer: issues found in the same articles share
// summary sentences, but the /issues list never shows one gist twice.
func TestIssuesListGistsDiffer(t *testing.T) {
	arts, _, err := corpus.Load(t.Context(), []string{filepath.Join("..", "briefings", "testdata", "news")}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	news, err := briefings.Build(t.Context(), arts, briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sample, _ := testKBs(t)
	for name, kb := range map[string]*briefings.KB{"news": news, "sample": sample} {
		t.Run(name, func(t *testing.T) {
			m := newTestBot(t, Options{KB: kb}).Handle(t.Context(), req("issues", ""))
			if len(m.Sections) == 0 || len(m.Sections[0].Items) < 2 {
				t.Fatalf("issues = %+v", m)
			}
			seen := make(map[string]string)
			for _, it := range m.Sections[0].Items {
				name, g, _ := strings.Cut(it.Text, ": ")
				if g == "" {
					continue
				}
				if other, dup := seen[g]; dup {
					t.Errorf("%q and %q show the same gist %q", other, name, g)
				}
				seen[g] = name
			}
		})
	}
}

// TestFAQMarksGenerated: on news that asks no questions of its own, /faq
// lists the questions written from the issues, marked, with a note that
// says what the mark means; found questions are not marked.
func TestFAQMarksGenerated(t *testing.T) {
	arts, _, err := corpus.Load(t.Context(), []string{filepath.Join("..", "briefings", "testdata", "news")}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	news, err := briefings.Build(t.Context(), arts, briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := newTestBot(t, Options{KB: news}).Handle(t.Context(), req("faq", ""))
	if len(m.Sections) == 0 {
		t.Fatalf("faq = %+v", m)
	}
	marked := 0
	for i, it := range m.Sections[0].Items {
		e := news.FAQ()[i]
		if got := strings.HasSuffix(it.Text, generatedMark); got != e.Generated {
			t.Errorf("item %q marked %v, entry generated %v", it.Text, got, e.Generated)
		}
		if e.Generated {
			marked++
		}
	}
	if marked == 0 {
		t.Fatalf("no generated entry on news without questions: %+v", m.Sections[0].Items)
	}
	if !strings.Contains(m.Footer, generatedNote) {
		t.Errorf("footer %q does not say what the mark means", m.Footer)
	}
}
