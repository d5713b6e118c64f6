package corpus_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// BenchmarkLoadCached loads the 10,000 documents of BenchmarkLoad with a
// cache: "cold" with an empty cache (parsing everything and writing the
// cache), "warm" with the cache of an earlier load and no file changed.
func BenchmarkLoadCached(b *testing.B) {
	const n = 10000
	dir, err := corpustest.WriteFiles(b.TempDir(), n, 1)
	if err != nil {
		b.Fatal(err)
	}
	// Old enough for the cache to trust the files' modification times.
	old := time.Now().Add(-time.Hour)
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		b.Fatal(err)
	}
	load := func(b *testing.B, cache string) {
		arts, warns, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{CacheDir: cache})
		if err != nil || len(warns) > 0 || len(arts) != n {
			b.Fatalf("%d articles, %d warnings, err %v", len(arts), len(warns), err)
		}
	}
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			cache := b.TempDir()
			b.StartTimer()
			load(b, cache)
		}
	})
	b.Run("warm", func(b *testing.B) {
		cache := b.TempDir()
		load(b, cache)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			load(b, cache)
		}
	})
}
