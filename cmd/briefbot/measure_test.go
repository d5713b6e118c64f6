package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/sqlite"
	"github.com/briefbot/briefbot/corpus/corpustest"
	"github.com/briefbot/briefbot/corpus/feed"
)

// TestMeasureStoredCorpus10k stores 10,000 synthetic feed articles in
// SQLite and loads them as serve does at start (the stored articles, then
// the knowledge built from them), reporting time and memory. It runs only
// with BRIEFBOT_MEASURE=1: it takes a minute and a few hundred MB.
func TestMeasureStoredCorpus10k(t *testing.T) {
	if os.Getenv("BRIEFBOT_MEASURE") == "" {
		t.Skip("set BRIEFBOT_MEASURE=1 to measure (about a minute, a few hundred MB)")
	}
	const n = 10000
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	arts := corpustest.Synthetic(n, 1)
	start := time.Now()
	var batch []feed.StoredArticle
	for i := range arts {
		a := arts[i]
		a.Source = fmt.Sprintf("https://news.example/%d", i)
		a.URL = a.Source
		batch = append(batch, feed.StoredArticle{Article: a, Feeds: []string{"https://news.example/rss"}})
		if len(batch) == 500 || i == n-1 {
			if err := st.SavePoll(ctx, feed.Commit{Articles: batch, Now: time.Now()}); err != nil {
				t.Fatal(err)
			}
			batch = nil
		}
	}
	t.Logf("stored %d articles in %v", n, time.Since(start).Round(time.Millisecond))
	st.Close()
	arts = nil
	info, _ := os.Stat(path)
	t.Logf("SQLite file: %.1f MB", float64(info.Size())/1e6)

	// the stored articles alone, as a replica holds them before the build
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	st, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	stored, _, err := feed.LoadAll(ctx, st)
	if err != nil || len(stored) != n {
		t.Fatalf("LoadAll: %d, %v", len(stored), err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	t.Logf("reading the %d stored articles: %v, %.0f MB live", n, took.Round(time.Millisecond), float64(m1.HeapAlloc-m0.HeapAlloc)/1e6)
	runtime.KeepAlive(stored)
	stored = nil
	st.Close()

	cfg := writeFile(t, dir, "bb.yaml", fmt.Sprintf("corpus:\n  feeds: [ { url: \"https://news.example/rss\" } ]\nstore: { driver: sqlite, dsn: %q }\n", path))
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) (string, bool) { return "", false }}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start = time.Now()
	a, err := loadFor(ctx, e, &globals{config: cfg}, true)
	if err != nil {
		t.Fatal(err)
	}
	took = time.Since(start)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if got := len(a.kb.Articles()); got != n {
		t.Fatalf("loaded %d articles, want %d", got, n)
	}
	t.Logf("start-up with %d stored feed articles: %v; live heap after GC %.0f MB (KB and corpus set), total allocated %.0f MB, peak heap (sys) %.0f MB",
		n, took.Round(time.Millisecond), float64(after.HeapAlloc)/1e6, float64(after.TotalAlloc-before.TotalAlloc)/1e6, float64(after.HeapSys)/1e6)
	runtime.KeepAlive(a)
}
