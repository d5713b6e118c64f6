package answer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/eval"
	"github.com/briefbot/briefbot/briefings/faq"
	"github.com/briefbot/briefbot/briefings/stories"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

// testBase is what the briefings façade hands the answerer, made from the
// same job packages, for tests that look inside the answerer.
func testBase(t testing.TB, arts []corpus.Article, admin []faq.Entry) *Base {
	t.Helper()
	lx := cite.NewLexicon()
	pc := stories.NewPhraseCounter(lx)
	ix := cite.BuildIndex(arts, lx, pc.Visit)
	pc.Index = ix
	set := stories.Build(ix, arts, nil, nil, pc, stories.NewPlan(arts))
	byID := make(map[string]int, len(arts))
	for i, a := range arts {
		byID[a.ID] = i
	}
	return &Base{Articles: arts, ByID: byID, FAQ: faq.Build(admin, arts), Issues: set.Issues,
		MinConfidence: 0.35, DefaultAnswer: "Sorry, I don't know that one."}
}

// loadBase builds the base of the file at path (relative to this
// package). A .gz file is unpacked first (and the test skipped when it is
// missing).
func loadBase(t testing.TB, path string) *Base {
	t.Helper()
	if strings.HasSuffix(path, ".gz") {
		path = corpustest.Gunzip(t, path)
	}
	arts, _, err := corpus.Load(context.Background(), []string{path}, corpus.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	return testBase(t, arts, nil)
}

// baseFor returns the base the questions of an eval file are asked of.
func baseFor(t testing.TB, evalFile string) *Base {
	switch {
	case strings.HasPrefix(evalFile, "debian"):
		return loadBase(t, filepath.Join("..", "..", "corpus", "testdata", "debian-faq.en.txt.gz"))
	case strings.HasPrefix(evalFile, "zlib"):
		return loadBase(t, filepath.Join("..", "testdata", "eval", "zlib-faq.txt"))
	case strings.HasPrefix(evalFile, "sqlite"):
		return loadBase(t, filepath.Join("..", "testdata", "eval", "sqlite-faq.txt"))
	}
	return testBase(t, corpus.Sample(), nil)
}

// readEval reads a labelled question file of ../testdata/eval.
func readEval(t testing.TB, name string) []eval.Item {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "eval", name))
	if err != nil {
		t.Fatal(err)
	}
	items, err := eval.ParseFile(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return items
}
