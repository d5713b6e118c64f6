package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthDocs builds n deterministic documents of a few sentences over a
// Zipf-like vocabulary, so a few words are very common and most are rare.
func synthDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 20000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx", i)
	}
	z := rand.NewZipf(r, 1.1, 1, uint64(len(vocab)-1))
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for j := 0; j < 25; j++ {
			b.WriteString(vocab[z.Uint64()])
			b.WriteByte(' ')
		}
		docs[i] = Doc{ID: fmt.Sprint(i), Fields: []string{"", b.String()}, Payload: i}
	}
	return docs
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10000, 300000} {
		ix := New(synthDocs(n), Options{})
		queries := []string{"w1x w50x w2000x", "w3x w4x", "w15000x w7x w9x w120x", "w0x w1x w2x"}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ix.Search(queries[i%len(queries)], 30)
			}
		})
	}
}
