package bot

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the bot's Prometheus metrics. A nil *Metrics is valid and
// records nothing, so callers never need to check.
type Metrics struct {
	commands  *prometheus.CounterVec
	answers   *prometheus.CounterVec
	feedback  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	digests   *prometheus.CounterVec
	outbox    prometheus.Gauge
	corpus    prometheus.Gauge
	feedFails *prometheus.CounterVec
	// the stored live corpus
	feedPaused prometheus.Gauge
	feedPoller prometheus.Gauge
}

// Command outcomes, the "outcome" label of briefbot_commands_total.
const (
	OutcomeOK          = "ok"
	OutcomeUsage       = "usage"        // missing or bad argument
	OutcomeUnknown     = "unknown"      // no such command
	OutcomeRateLimited = "rate_limited" // per-user rate limit hit
	OutcomeForbidden   = "forbidden"    // admin-only command, not an admin
	OutcomeError       = "error"        // the handler failed or panicked
)

// NewMetrics creates the metrics and registers them with reg. A nil reg
// registers nothing (the metrics still count, e.g. in tests). It panics
// when a metric is already registered with reg, as prometheus.MustRegister
// does.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		commands: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "briefbot", Name: "commands_total",
			Help: "Chat commands handled, by command and outcome.",
		}, []string{"command", "outcome"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "briefbot", Name: "answers_total",
			Help: "Questions asked, by result (answered or declined).",
		}, []string{"result"}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "briefbot", Name: "feedback_total",
			Help: "Answer feedback clicks, by rating (helpful or unhelpful).",
		}, []string{"rating"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "briefbot", Name: "command_duration_seconds",
			Help:    "Time to handle a chat command, by command.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"command"}),
		digests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "briefbot", Name: "digests_total",
			Help: "Digest messages delivered or given up on, by result (posted or failed).",
		}, []string{"result"}),
		outbox: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "briefbot", Name: "outbox_depth",
			Help: "Outbox messages waiting to be delivered.",
		}),
		corpus: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "briefbot", Name: "corpus_articles",
			Help: "Articles in the loaded knowledge base.",
		}),
		feedFails: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "briefbot", Name: "feed_failures_total",
			Help: "Failed feed fetches, by feed URL.",
		}, []string{"feed"}),
		feedPaused: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "briefbot", Name: "feed_polling_paused",
			Help: "1 while feed polling is paused because the store fails.",
		}),
		feedPoller: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "briefbot", Name: "feed_poller",
			Help: "1 while this replica holds the feed poll lease (the others read what it stores).",
		}),
	}
	for _, r := range []string{"answered", "declined"} {
		m.answers.WithLabelValues(r)
	}
	for _, r := range []string{"helpful", "unhelpful"} {
		m.feedback.WithLabelValues(r)
	}
	for _, r := range []string{"posted", "failed"} {
		m.digests.WithLabelValues(r)
	}
	if reg != nil {
		reg.MustRegister(m.commands, m.answers, m.feedback, m.latency,
			m.digests, m.outbox, m.corpus, m.feedFails, m.feedPaused, m.feedPoller)
	}
	return m
}

// Command counts one handled command with its outcome (one of the Outcome
// constants) and how long it took.
func (m *Metrics) Command(command, outcome string, took time.Duration) {
	if m == nil {
		return
	}
	m.commands.WithLabelValues(command, outcome).Inc()
	m.latency.WithLabelValues(command).Observe(took.Seconds())
}

// Answer counts one /ask result.
func (m *Metrics) Answer(answered bool) {
	if m == nil {
		return
	}
	if answered {
		m.answers.WithLabelValues("answered").Inc()
	} else {
		m.answers.WithLabelValues("declined").Inc()
	}
}

// Feedback counts one helpful / not helpful click.
func (m *Metrics) Feedback(helpful bool) {
	if m == nil {
		return
	}
	if helpful {
		m.feedback.WithLabelValues("helpful").Inc()
	} else {
		m.feedback.WithLabelValues("unhelpful").Inc()
	}
}

// DigestPosted counts one digest message delivered to a target.
func (m *Metrics) DigestPosted() {
	if m == nil {
		return
	}
	m.digests.WithLabelValues("posted").Inc()
}

// DigestFailed counts one digest message given up on.
func (m *Metrics) DigestFailed() {
	if m == nil {
		return
	}
	m.digests.WithLabelValues("failed").Inc()
}

// SetOutboxDepth sets the number of outbox messages waiting.
func (m *Metrics) SetOutboxDepth(n int) {
	if m == nil {
		return
	}
	m.outbox.Set(float64(n))
}

// SetCorpusSize sets the number of articles in the knowledge base.
func (m *Metrics) SetCorpusSize(n int) {
	if m == nil {
		return
	}
	m.corpus.Set(float64(n))
}

// FeedFailed counts one failed fetch of the feed at url.
func (m *Metrics) FeedFailed(url string) {
	if m == nil {
		return
	}
	m.feedFails.WithLabelValues(url).Inc()
}

// SetFeedPollingPaused records whether feed polling is paused by a store
// outage.
func (m *Metrics) SetFeedPollingPaused(paused bool) {
	if m == nil {
		return
	}
	m.feedPaused.Set(b2f(paused))
}

// SetFeedPoller records whether this replica polls the feeds.
func (m *Metrics) SetFeedPoller(polling bool) {
	if m == nil {
		return
	}
	m.feedPoller.Set(b2f(polling))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
