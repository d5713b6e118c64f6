package briefings

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

var evalVerbose = flag.Bool("eval.v", false, "print every eval miss")

// sampleKB builds the KB of the built-in sample corpus.
func sampleKB(t testing.TB, opts Options) *KB {
	t.Helper()
	kb, err := Build(context.Background(), corpus.Sample(), opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return kb
}

// debianKB builds the KB of the Debian FAQ fixture; it skips when the
// fixture is missing.
func debianKB(t testing.TB) *KB {
	t.Helper()
	path := corpustest.Gunzip(t, filepath.Join("..", "corpus", "testdata", "debian-faq.en.txt.gz"))
	arts, _, err := corpus.Load(context.Background(), []string{path}, corpus.Options{})
	if err != nil {
		t.Fatalf("load debian faq: %v", err)
	}
	kb, err := Build(context.Background(), arts, Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return kb
}

// zlibKB builds the KB of the zlib FAQ, a document never tuned on.
func zlibKB(t testing.TB) *KB {
	t.Helper()
	arts, _, err := corpus.Load(context.Background(), []string{filepath.Join("testdata", "eval", "zlib-faq.txt")}, corpus.Options{})
	if err != nil {
		t.Fatalf("load zlib faq: %v", err)
	}
	kb, err := Build(context.Background(), arts, Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return kb
}

// sqliteKB builds the KB of the SQLite FAQ, a document never tuned on.
func sqliteKB(t testing.TB) *KB {
	t.Helper()
	arts, _, err := corpus.Load(context.Background(), []string{filepath.Join("testdata", "eval", "sqlite-faq.txt")}, corpus.Options{})
	if err != nil {
		t.Fatalf("load sqlite faq: %v", err)
	}
	kb, err := Build(context.Background(), arts, Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return kb
}

func readEval(t testing.TB, name string) []EvalItem {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "eval", name))
	if err != nil {
		t.Fatal(err)
	}
	items, err := ParseEvalFile(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return items
}

var evalTargets = flag.Bool("eval.targets", false, "fail the eval sets under the issue's targets, not only under their regression floors")

// TestEvalSets runs the labelled sets. Each has the target (95% on
// the sample corpus, 90% on the Debian FAQ; held-out sets a little lower)
// and a regression floor under the accuracy reached so far. The zlib set,
// the second and third held-out sets and the SQLite FAQ set were never
// tuned on. The test fails under the floor; under the target it fails with
// -eval.targets and logs otherwise.
func TestEvalSets(t *testing.T) {
	tests := []struct {
		file          string
		kb            func(testing.TB) *KB
		target, floor float64
	}{
		{"sample.tsv", func(t testing.TB) *KB { return sampleKB(t, Options{}) }, 0.95, 0.95},
		{"sample_heldout.tsv", func(t testing.TB) *KB { return sampleKB(t, Options{}) }, 0.90, 0.88},
		{"debian.tsv", debianKB, 0.90, 0.90},
		{"debian_heldout.tsv", debianKB, 0.85, 0.93},
		{"zlib.tsv", zlibKB, 0.90, 0.82},
		{"sample_heldout2.tsv", func(t testing.TB) *KB { return sampleKB(t, Options{}) }, 0.90, 0.72},
		{"debian_heldout2.tsv", debianKB, 0.85, 0.72},
		{"sample_heldout3.tsv", func(t testing.TB) *KB { return sampleKB(t, Options{}) }, 0.90, 0.45},
		{"debian_heldout3.tsv", debianKB, 0.85, 0.55},
		{"sqlite_heldout.tsv", sqliteKB, 0.85, 0.65},
		// One typo in each of the first 15 answerable held-out questions:
		// at least 13 of 15 must stay right.
		{"sample_typo.tsv", func(t testing.TB) *KB { return sampleKB(t, Options{}) }, 13.0 / 15, 13.0 / 15},
		{"debian_typo.tsv", debianKB, 13.0 / 15, 13.0 / 15},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			items := readEval(t, tt.file)
			kb := tt.kb(t)
			r := kb.Eval(items)
			var b strings.Builder
			r.WriteText(&b)
			if *evalVerbose {
				t.Log("\n" + b.String())
			}
			t.Logf("%s: accuracy %.1f%% (answerable %.1f%%, must-decline %.1f%%)", tt.file, 100*r.Accuracy(), 100*r.AnswerableAccuracy(), 100*r.DeclineAccuracy())
			switch {
			case r.Accuracy() < tt.floor:
				t.Errorf("%s: accuracy %.1f%% fell under its floor %.0f%%\n%s", tt.file, 100*r.Accuracy(), 100*tt.floor, b.String())
			case r.Accuracy() < tt.target && *evalTargets:
				t.Errorf("%s: accuracy %.1f%% under the target %.0f%%\n%s", tt.file, 100*r.Accuracy(), 100*tt.target, b.String())
			case r.Accuracy() < tt.target:
				t.Logf("%s: under the target %.0f%% (run with -eval.targets to fail)", tt.file, 100*tt.target)
			}
		})
	}
}

func TestEvalReport(t *testing.T) {
	kb := sampleKB(t, Options{})
	items := []EvalItem{
		{Line: 1, Question: "what is the plan for lunch", Decline: true},
		{Line: 2, Question: "where might trump and putin hold a summit", Phrases: []string{"Alaska"}},
		{Line: 3, Question: "where might trump and putin hold a summit", Phrases: []string{"no such phrase"}},
	}
	r := kb.Eval(items)
	if r.Total != 3 || r.Correct != 2 || r.Decline != 1 || r.DeclineCorrect != 1 || r.Answerable != 2 || r.AnswerableCorrect != 1 {
		t.Errorf("report = %+v", r)
	}
	if len(r.Misses) != 1 || r.Misses[0].Item.Line != 3 {
		t.Fatalf("misses = %+v", r.Misses)
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"accuracy", "66.7%", "answerable", "must decline", "line 3:", "no such phrase"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report text lacks %q:\n%s", want, b.String())
		}
	}
}
