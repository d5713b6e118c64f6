package briefings

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

// synthetic10k is the benchmark corpus: 10,000 generated articles of
// about 5 KB (corpus/corpustest), built once per process.
var synthetic10k = func() func() []corpus.Article {
	var arts []corpus.Article
	return func() []corpus.Article {
		if arts == nil {
			arts = corpustest.Synthetic(10000, 1)
		}
		return arts
	}
}()

// BenchmarkBuild10k builds the whole knowledge base, answerer included,
// from 10,000 synthetic articles. Run with -benchmem and GOMAXPROCS=1 for
// the one-core figure; see benchBuild for the memory metrics.
func BenchmarkBuild10k(b *testing.B) {
	benchBuild(b, func(arts []corpus.Article) (*KB, error) {
		return Build(context.Background(), arts, Options{})
	})
}

// BenchmarkKnowledge10k builds the FAQ, the sentence index, the issues and
// their summaries (everything but the answerer) from the same corpus.
func BenchmarkKnowledge10k(b *testing.B) {
	benchBuild(b, func(arts []corpus.Article) (*KB, error) {
		return buildKnowledge(context.Background(), arts, Options{})
	})
}

// benchBuild times build over the synthetic corpus and reports, beside
// -benchmem's allocations:
//
//   - heap-MB: the live heap the KB holds after the last build (measured
//     after a collection, beyond the heap before it, corpus included there).
//   - peak-heap-MB: the highest heap in use during a build (live objects
//     and garbage not yet collected, as runtime/metrics counts heap
//     objects) beyond the heap before it, sampled every millisecond by a
//     goroutine; with GOMAXPROCS=1 it only runs when the build is
//     preempted, about every 10 ms, so it may miss a short peak.
//   - peak-rss-MB (Linux): the peak resident set of the process during a
//     build (VmHWM, reset through /proc/self/clear_refs) minus its resident
//     set before it, with the previous build's memory given back to the
//     OS. It is what the build costs in memory beyond the loaded corpus.
//
// The garbage collector runs with its defaults (GOGC=100, no memory
// limit), as in the briefbot binary. Each build starts with the previous
// KB dropped and collected, outside the timer, so one build's figures do
// not include another's KB.
func benchBuild(b *testing.B, build func([]corpus.Article) (*KB, error)) {
	arts := synthetic10k()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	var kb *KB
	var peakHeap, peakRSS uint64
	rssOK := true
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		kb = nil
		debug.FreeOSMemory()
		base := heapObjects()
		rss0, _, ok := rss()
		ok = ok && resetPeakRSS()
		stop := sampleHeap(base, &peakHeap)
		b.StartTimer()
		var err error
		if kb, err = build(arts); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		stop()
		_, rss1, ok1 := rss()
		if rssOK = rssOK && ok && ok1; rssOK && rss1 > rss0 {
			peakRSS = max(peakRSS, rss1-rss0)
		}
		b.StartTimer()
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
	if rssOK {
		b.ReportMetric(float64(peakRSS)/(1<<20), "peak-rss-MB")
	}
	b.ReportMetric(float64(len(kb.Issues())), "issues")
	b.ReportMetric(float64(len(kb.FAQ())), "faq")
}

// heapObjects returns the bytes of heap objects, live or not yet swept.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap samples heapObjects every millisecond, raising *peak to the
// most seen beyond base, until the returned stop is called.
func sampleHeap(base uint64, peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if h := heapObjects(); h > base {
				*peak = max(*peak, h-base)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		if h := heapObjects(); h > base {
			*peak = max(*peak, h-base)
		}
	}
}

// BenchmarkAdd1To10k adds one new synthetic article to the 10k knowledge
// base with With, as the live corpus does with a new feed item: each
// operation extends the KB the previous one made (-benchtime 200x: 200
// articles added one by one on top of the 10,000). Run with GOMAXPROCS=1
// for the one-core figure. max-ms is the slowest addition: the ones that
// merge segments of added passages (ask_live.go) re-index more articles.
func BenchmarkAdd1To10k(b *testing.B) {
	kb, err := Build(context.Background(), synthetic10k(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	next := 10000
	arts := make([]corpus.Article, 0, b.N)
	for i := range b.N {
		arts = append(arts, corpustest.SyntheticArticle(next+i, 1))
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	var slowest time.Duration
	for i := range b.N {
		start := time.Now()
		if kb, err = kb.With(context.Background(), arts[i:i+1]); err != nil {
			b.Fatal(err)
		}
		slowest = max(slowest, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(float64(slowest)/float64(time.Millisecond), "max-ms")
	if n := len(kb.Articles()); n != 10000+b.N {
		b.Fatalf("%d articles after adding %d", n, b.N)
	}
}

// BenchmarkAdd1To10kOnce adds one new article to a 10k knowledge base
// that Build just made (each operation builds one, outside the timer): the
// first extension of a Build, the live corpus's first swap after one.
// Use a small -benchtime (5x): every build takes seconds.
func BenchmarkAdd1To10kOnce(b *testing.B) {
	add := []corpus.Article{corpustest.SyntheticArticle(10000, 1)}
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		kb, err := Build(context.Background(), synthetic10k(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		if _, err := kb.With(context.Background(), add); err != nil {
			b.Fatal(err)
		}
	}
}
