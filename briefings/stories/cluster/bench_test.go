package cluster

import (
	"testing"

	"github.com/briefbot/briefbot/corpus/corpustest"
	"github.com/briefbot/briefbot/corpus/text"
)

// BenchmarkFind10k clusters and names the 10,000 synthetic articles the
// knowledge base benchmarks build from.
func BenchmarkFind10k(b *testing.B) {
	arts := corpustest.Synthetic(10000, 1)
	text.Common("load") // the lexicon is loaded once per process
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Find(arts, Options{})
	}
}
