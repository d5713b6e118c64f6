package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/config"
)

func TestSecretsNeverReachTheLogs(t *testing.T) {
	const token = "xoxb-1234567890-secret"
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			cfg := config.Defaults()
			cfg.Slack.BotToken = token
			cfg.Log.Format = format
			log := newLogger(&buf, cfg.Log, false, secretsOf(cfg)...)
			log.Info("calling slack with "+token, "token", token, "err", errors.New("auth "+token+" rejected"),
				"list", []string{"a", token}, "nested", struct{ S string }{token})
			log.With("client", token).Warn("again")
			out := buf.String()
			if strings.Contains(out, token) || strings.Contains(out, "1234567890-secret") {
				t.Fatalf("token leaked into the log:\n%s", out)
			}
			if !strings.Contains(out, "[redacted]") {
				t.Fatalf("expected redaction markers:\n%s", out)
			}
		})
	}
}

func TestLogFormat(t *testing.T) {
	var buf bytes.Buffer
	newLogger(&buf, config.Log{Level: "info", Format: "auto"}, false).Info("hello")
	if !strings.HasPrefix(buf.String(), "{") {
		t.Fatalf("off a terminal the log is JSON, got %q", buf.String())
	}
	buf.Reset()
	newLogger(&buf, config.Log{Level: "info", Format: "auto"}, true).Info("hello")
	if strings.HasPrefix(buf.String(), "{") {
		t.Fatalf("on a terminal the log is text, got %q", buf.String())
	}
}

// TestDurationsAreReadable: durations are written as "1.5s" in both
// formats, never as nanoseconds.
func TestDurationsAreReadable(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			log := newLogger(&buf, config.Log{Level: "info", Format: format}, false)
			log.Info("polled", "took", 1500*time.Millisecond, "refresh", config.Duration(15*time.Minute))
			out := buf.String()
			for _, w := range []string{"1.5s", "15m0s"} {
				if !strings.Contains(out, w) {
					t.Errorf("log lacks %q: %s", w, out)
				}
			}
			if strings.Contains(out, "1500000000") || strings.Contains(out, "900000000000") {
				t.Errorf("nanoseconds in the log: %s", out)
			}
		})
	}
}
