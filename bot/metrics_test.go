package bot

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func TestMetricsMethods(t *testing.T) {
	var none *Metrics // a nil *Metrics records nothing and does not panic
	none.Command("ask", OutcomeOK, time.Second)
	none.Answer(true)
	none.Feedback(true)
	none.DigestPosted()
	none.DigestFailed()
	none.SetOutboxDepth(3)
	none.SetCorpusSize(3)
	none.FeedFailed("https://example.com/feed")

	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	m.DigestPosted()
	m.DigestPosted()
	m.DigestFailed()
	m.SetOutboxDepth(7)
	m.SetCorpusSize(42)
	m.FeedFailed("https://example.com/feed")
	tests := []struct {
		metric string
		labels map[string]string
		want   float64
	}{
		{"briefbot_digests_total", map[string]string{"result": "posted"}, 2},
		{"briefbot_digests_total", map[string]string{"result": "failed"}, 1},
		{"briefbot_outbox_depth", nil, 7},
		{"briefbot_corpus_articles", nil, 42},
		{"briefbot_feed_failures_total", map[string]string{"feed": "https://example.com/feed"}, 1},
		{"briefbot_feedback_total", map[string]string{"rating": "helpful"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.metric, func(t *testing.T) {
			if got := metricValue(t, reg, tt.metric, tt.labels); got != tt.want {
				t.Errorf("%s%v = %v, want %v", tt.metric, tt.labels, got, tt.want)
			}
		})
	}
	if NewMetrics(nil) == nil {
		t.Error("NewMetrics(nil) = nil")
	}
}

func TestLimiterPrune(t *testing.T) {
	clk := newClock()
	l := newLimiter(RateLimit{PerMinute: 60, Burst: 1}, clk.Now)
	for i := range maxBuckets {
		l.allow(string(rune(i)))
	}
	clk.Advance(time.Second) // every bucket is full again
	if ok, _ := l.allow("new"); !ok {
		t.Fatal("new key limited")
	}
	if n := len(l.buckets); n != 1 {
		t.Errorf("%d buckets after pruning, want 1", n)
	}
}

func TestWindowText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		24 * time.Hour: "24 hours",
		72 * time.Hour: "3 days",
		time.Hour:      "1 hour",
		12 * time.Hour: "12 hours",
	} {
		if got := windowText(d); got != want {
			t.Errorf("windowText(%v) = %q, want %q", d, got, want)
		}
	}
}
