package briefings

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

// benchQuestions mix answerable questions, typos and questions to decline.
var benchQuestions = []string{
	"how close is the 20 point plan",
	"what are the security guarantees for ukraine",
	"who is steve witkof",
	"what happened in the city council meeting",
	"when is the team offsite meeting",
	"what is the plan for lunch",
	"how many people were hurt in the attack",
	"what did the minister say about the budget",
	"zelenskyy demilitarized zone proposal",
	"what is the capital of australia",
	"how do the new transit fares work",
	"why did the software release slip",
}

// benchAsk asks the bench questions in turn and reports wall-clock p50
// and p99 latencies, and the same over the thread's CPU time (which leaves
// out waiting for a busy machine) where the platform has it.
func benchAsk(b *testing.B, kb *KB) {
	b.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wall := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	// Measure the steady state, not the collection of what building left.
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := benchQuestions[i%len(benchQuestions)]
		c0, okc := threadCPU()
		start := time.Now()
		kb.Ask(q)
		wall = append(wall, time.Since(start))
		if c1, ok := threadCPU(); ok && okc {
			cpu = append(cpu, c1-c0)
		}
	}
	b.StopTimer()
	report := func(lat []time.Duration, unit string) {
		if len(lat) == 0 {
			return
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		pct := func(p float64) float64 {
			return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Nanoseconds()) / 1e6
		}
		b.ReportMetric(pct(0.50), "p50-"+unit)
		b.ReportMetric(pct(0.99), "p99-"+unit)
	}
	report(wall, "ms")
	report(cpu, "cpu-ms")
}

func BenchmarkAskSample(b *testing.B) {
	benchAsk(b, sampleKB(b, Options{}))
}

var (
	synthOnce sync.Once
	synthKB   *KB
)

// BenchmarkAskSynthetic10k asks over 10,000 generated articles.
func BenchmarkAskSynthetic10k(b *testing.B) {
	synthOnce.Do(func() {
		arts := corpustest.Synthetic(10000, 1)
		kb, err := Build(context.Background(), arts, Options{})
		if err != nil {
			b.Fatal(err)
		}
		synthKB = kb
	})
	benchAsk(b, synthKB)
}

var (
	liveOnce sync.Once
	liveKB   *KB
)

// BenchmarkAskLive10k asks over the 10k knowledge base after 40 articles
// were added one by one with With, as a live corpus has it between full
// builds: the base index plus segments of what was added.
func BenchmarkAskLive10k(b *testing.B) {
	liveOnce.Do(func() {
		kb, err := Build(context.Background(), corpustest.Synthetic(10000, 1), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range 40 {
			if kb, err = kb.With(context.Background(), []corpus.Article{corpustest.SyntheticArticle(10000+i, 1)}); err != nil {
				b.Fatal(err)
			}
		}
		liveKB = kb
	})
	benchAsk(b, liveKB)
}
