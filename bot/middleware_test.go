package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

func TestRateLimit(t *testing.T) {
	clk := newClock()
	b := newTestBot(t, Options{Now: clk.Now, RateLimit: RateLimit{PerMinute: 6, Burst: 2}})
	ctx := t.Context()
	steps := []struct {
		name    string
		advance time.Duration
		user    string
		err     error
		say     string
	}{
		{name: "first", user: "a"},
		{name: "burst", user: "a"},
		{name: "over", user: "a", err: ErrRateLimited, say: "10 seconds"},
		{name: "other user unaffected", user: "b"},
		{name: "still over after 5s", advance: 5 * time.Second, user: "a", err: ErrRateLimited, say: "5 seconds"},
		{name: "refilled after 10s", advance: 5 * time.Second, user: "a"},
		{name: "empty again", user: "a", err: ErrRateLimited},
		{name: "full after a long pause", advance: time.Hour, user: "a"},
		{name: "burst caps the refill", user: "a"},
		{name: "burst caps the refill, over", user: "a", err: ErrRateLimited},
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		r := req("issues", "")
		r.UserID = s.user
		m, err := b.run(ctx, r)
		if !errors.Is(err, s.err) || (s.err == nil && err != nil) {
			t.Fatalf("%s: err = %v, want %v", s.name, err, s.err)
		}
		if s.err != nil && (m.Title != "Slow down a little" || !strings.Contains(m.Sections[0].Text, s.say)) {
			t.Errorf("%s: message = %+v", s.name, m)
		}
	}
}

func TestRateLimitDefaultBurst(t *testing.T) {
	clk := newClock()
	l := newLimiter(RateLimit{PerMinute: 0.5}, clk.Now)
	if ok, _ := l.allow("k"); !ok {
		t.Fatal("first call limited")
	}
	ok, wait := l.allow("k")
	if ok || wait != 2*time.Minute {
		t.Errorf("second call: %v, wait %v; want limited for 2m", ok, wait)
	}
	if ok, _ := newLimiter(RateLimit{}, clk.Now).allow("k"); !ok {
		t.Error("zero rate limit is not off")
	}
}

func TestAdminOnly(t *testing.T) {
	secret := Command{Name: "reload", Description: "Reload the corpus.", AdminOnly: true,
		Handler: func(context.Context, Request) (Message, error) { return Message{Title: "reloaded"}, nil }}
	b := newTestBot(t, Options{Commands: []Command{secret}, Admins: map[string][]string{PlatformSlack: {"U1"}}})
	tests := []struct {
		name, platform, user string
		err                  error
	}{
		{"admin", PlatformSlack, "U1", nil},
		{"not an admin", PlatformSlack, "U2", ErrForbidden},
		{"same id on another platform", PlatformDiscord, "U1", ErrForbidden},
		{"no user", PlatformSlack, "", ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Request{Platform: tt.platform, UserID: tt.user, Command: "reload"}
			m, err := b.run(t.Context(), r)
			if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if tt.err == nil && m.Title != "reloaded" {
				t.Errorf("got %+v", m)
			}
			if tt.err != nil && m.Title != "Admins only" {
				t.Errorf("got %+v", m)
			}
			r.Command = "help"
			help := b.Handle(t.Context(), r)
			listed := strings.Contains(help.Sections[0].Items[len(help.Sections[0].Items)-1].Text, "/reload")
			if listed != (tt.err == nil) {
				t.Errorf("help lists /reload: %v", listed)
			}
		})
	}
}

func TestRecoverAndMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	var logs bytes.Buffer
	boom := Command{Name: "boom", Handler: func(context.Context, Request) (Message, error) { panic("kaboom") }}
	fail := Command{Name: "fail", Handler: func(context.Context, Request) (Message, error) {
		return Message{Title: "internal detail"}, errors.New("db exploded")
	}}
	b := newTestBot(t, Options{
		Commands: []Command{boom, fail},
		Metrics:  NewMetrics(reg),
		Logger:   slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	ctx := t.Context()
	m, err := b.run(ctx, req("boom", ""))
	if !errors.Is(err, ErrPanic) || m.Title != "Something went wrong" {
		t.Errorf("panic: %+v, %v", m, err)
	}
	if m := b.Handle(ctx, req("fail", "")); m.Title != "Something went wrong" {
		t.Errorf("internal error shown to the user: %+v", m)
	}
	kb, _ := testKBs(t)
	secretQuestion := kb.FAQ()[0].Question
	b.Handle(ctx, req("ask", secretQuestion))
	b.Handle(ctx, req("ask", "what is on the canteen lunch menu on friday"))
	b.Handle(ctx, req("ask", ""))
	b.Handle(ctx, req("nope", ""))
	b.Click(ctx, req("", ""), ActionHelpful, "ask|x")
	b.Click(ctx, req("", ""), ActionUnhelpful, "ask|x")
	b.Click(ctx, req("", ""), ActionUnhelpful, "ask|x")

	want := []struct {
		metric string
		labels map[string]string
		value  float64
	}{
		{"briefbot_commands_total", map[string]string{"command": "boom", "outcome": "error"}, 1},
		{"briefbot_commands_total", map[string]string{"command": "fail", "outcome": "error"}, 1},
		{"briefbot_commands_total", map[string]string{"command": "ask", "outcome": "ok"}, 2},
		{"briefbot_commands_total", map[string]string{"command": "ask", "outcome": "usage"}, 1},
		{"briefbot_commands_total", map[string]string{"command": "unknown", "outcome": "unknown"}, 1},
		{"briefbot_answers_total", map[string]string{"result": "answered"}, 1},
		{"briefbot_answers_total", map[string]string{"result": "declined"}, 1},
		{"briefbot_feedback_total", map[string]string{"rating": "helpful"}, 1},
		{"briefbot_feedback_total", map[string]string{"rating": "unhelpful"}, 2},
		{"briefbot_command_duration_seconds", map[string]string{"command": "ask"}, 3},
		{"briefbot_corpus_articles", nil, float64(len(kb.Articles()))},
	}
	for _, w := range want {
		if got := metricValue(t, reg, w.metric, w.labels); got != w.value {
			t.Errorf("%s%v = %v, want %v", w.metric, w.labels, got, w.value)
		}
	}

	// Logs: one line per command with its outcome; never the question.
	var sawPanic, sawAsk bool
	for line := range strings.Lines(logs.String()) {
		if strings.Contains(line, secretQuestion) {
			t.Errorf("question logged at info level: %s", line)
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		switch {
		case rec["msg"] == "command panicked":
			sawPanic = true
		case rec["msg"] == "command" && rec["command"] == "ask":
			sawAsk = true
			for _, k := range []string{"platform", "outcome", "duration"} {
				if _, ok := rec[k]; !ok {
					t.Errorf("log line lacks %s: %s", k, line)
				}
			}
		}
	}
	if !sawPanic || !sawAsk {
		t.Errorf("logs lack the panic (%v) or the ask line (%v):\n%s", sawPanic, sawAsk, logs.String())
	}
}

func TestChainOrder(t *testing.T) {
	var order []string
	mw := func(name string) Middleware {
		return func(next HandlerFunc) HandlerFunc {
			return func(ctx context.Context, r Request) (Message, error) {
				order = append(order, name)
				return next(ctx, r)
			}
		}
	}
	h := Chain(mw("a"), mw("b"), mw("c"))(func(context.Context, Request) (Message, error) {
		order = append(order, "handler")
		return Message{}, nil
	})
	h(t.Context(), Request{})
	if got := strings.Join(order, ","); got != "a,b,c,handler" {
		t.Errorf("order = %s", got)
	}
}

// metricValue returns a counter's or gauge's value, or a histogram's
// sample count, for the series with exactly labels.
func metricValue(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	series:
		for _, m := range mf.GetMetric() {
			if len(m.GetLabel()) != len(labels) {
				continue
			}
			for _, lp := range m.GetLabel() {
				if labels[lp.GetName()] != lp.GetValue() {
					continue series
				}
			}
			return value(m)
		}
	}
	return 0
}

func value(m *dto.Metric) float64 {
	switch {
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	}
	return 0
}
