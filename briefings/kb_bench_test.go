package briefings

import (
	"context"
	"testing"

	"github.com/briefbot/briefbot/corpus/corpustest"
)

// BenchmarkBuild10k builds the knowledge base from 10,000 synthetic
// articles of about 5 KB. Run with -benchmem (and GOMAXPROCS=1 for the
// one-core figure).
func BenchmarkBuild10k(b *testing.B) {
	arts := corpustest.Synthetic(10000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), arts, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
