package corpus_test

import (
	"context"
	"testing"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

// BenchmarkLoad loads 10,000 synthetic documents of about 5 KB from disk:
// reading, cleaning, sentence splitting, ids and cross-file rules.
func BenchmarkLoad(b *testing.B) {
	const n = 10000
	dir, err := corpustest.WriteFiles(b.TempDir(), n, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		arts, warns, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
		if err != nil || len(warns) > 0 || len(arts) != n {
			b.Fatalf("%d articles, %d warnings, err %v", len(arts), len(warns), err)
		}
	}
}

// BenchmarkParse cleans one synthetic document of about 5 KB.
func BenchmarkParse(b *testing.B) {
	files := corpustest.SyntheticFiles(100, 1)
	names := corpustest.Names(files)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		name := names[i%len(names)]
		if _, err := corpus.Parse(name, files[name]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSplitSentences splits a paragraph of five sentences.
func BenchmarkSplitSentences(b *testing.B) {
	p := "The U.S. President met Mr. Zelenskyy on Feb. 24 in Florida. “We had a terrific meeting,” Trump said. Talks are 95% done. Is a deal close? Officials said 3.5 million people were affected."
	b.ReportAllocs()
	for b.Loop() {
		corpus.SplitSentences(p)
	}
}
