package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/briefbot/briefbot/bot/config"
)

// newLogger logs text on a terminal and JSON elsewhere (format auto), at
// the configured level, durations as "1.5s" in both. Every secret in secrets is replaced by
// "[redacted]" wherever it would appear: messages, attributes, errors.
func newLogger(w io.Writer, c config.Log, terminal bool, secrets ...string) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.Level)); err != nil {
		level = slog.LevelInfo
	}
	r := newRedactor(secrets)
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: r.replace}
	json := c.Format == "json" || ((c.Format == "" || c.Format == "auto") && !terminal)
	if json {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// redactor hides secrets in log records.
type redactor struct{ r *strings.Replacer }

func newRedactor(secrets []string) redactor {
	var pairs []string
	for _, s := range secrets {
		if len(s) >= 6 { // shorter values would redact ordinary words
			pairs = append(pairs, s, "[redacted]")
		}
	}
	if len(pairs) == 0 {
		return redactor{}
	}
	return redactor{strings.NewReplacer(pairs...)}
}

func (r redactor) replace(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		// "1.5s", not 1500000000: JSON logs are read by people too.
		return slog.String(a.Key, a.Value.Duration().String())
	}
	if d, ok := a.Value.Any().(config.Duration); a.Value.Kind() == slog.KindAny && ok {
		return slog.String(a.Key, d.Std().String())
	}
	if r.r == nil {
		return a
	}
	switch a.Value.Kind() {
	case slog.KindString:
		return slog.String(a.Key, r.r.Replace(a.Value.String()))
	case slog.KindAny:
		switch v := a.Value.Any().(type) {
		case error:
			return slog.String(a.Key, r.r.Replace(v.Error()))
		case []string:
			out := make([]string, len(v))
			for i, s := range v {
				out[i] = r.r.Replace(s)
			}
			return slog.Any(a.Key, out)
		default:
			// Anything else is checked in its printed form, and replaced
			// by that form, redacted, only when it holds a secret.
			if s := fmt.Sprintf("%+v", v); r.r.Replace(s) != s {
				return slog.String(a.Key, r.r.Replace(s))
			}
		}
	}
	return a
}

// secretsOf lists the credentials in a config, for the log redactor.
func secretsOf(c *config.Config) []string {
	return []string{c.Slack.BotToken, c.Slack.AppToken, c.Slack.SigningSecret, c.Discord.Token, c.Store.DSN}
}
