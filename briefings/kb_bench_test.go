package briefings

import (
	"context"
	"runtime"
	"testing"

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
// the one-core figure; heap-MB is the live heap the KB holds afterwards.
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

func benchBuild(b *testing.B, build func([]corpus.Article) (*KB, error)) {
	arts := synthetic10k()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	var kb *KB
	for b.Loop() {
		var err error
		if kb, err = build(arts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(len(kb.Issues())), "issues")
	b.ReportMetric(float64(len(kb.FAQ())), "faq")
}
