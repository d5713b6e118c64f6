package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

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
