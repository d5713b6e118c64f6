package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) Getenv {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func parseValidate(t *testing.T, src string, vars map[string]string) (*Config, error) {
	t.Helper()
	cfg, lines, err := Parse("bb.yaml", strings.NewReader(src), env(vars))
	if err != nil {
		return cfg, err
	}
	return cfg, cfg.Validate("bb.yaml", lines, ValidateOptions{SkipPathCheck: true, CheckSchedule: func(spec, tz string) error {
		if spec == "0 9 31 2 *" {
			return errors.New("never fires")
		}
		return nil
	}})
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		vars map[string]string
		want []string // every problem, in order
	}{
		{name: "empty file is all defaults", src: ""},
		{name: "valid full", src: `
corpus: { paths: [articles] }
answer: { min_confidence: 0.4, default_answer: "no idea" }
store: { driver: postgres, dsn: "postgres://x" }
slack: { bot_token: "${BOT}", app_token: xapp-1, signing_secret: s }
discord: { token: t, application_id: "1", public_key: "` + strings.Repeat("ab", 32) + `" }
schedules:
  - { name: morning, cron: "0 9 * * 1-5", timezone: Europe/Berlin, targets: [ { slack: "#news" }, { discord: "123" } ] }
issues: [ { name: Donbas, aliases: [territory] } ]
faq: [ { question: "q?", answer: a } ]
`, vars: map[string]string{"BOT": "xoxb-1"}},
		{name: "unknown key", src: "corpus:\n  path: [a]\n", want: []string{"bb.yaml:2: corpus.path: unknown key"}},
		{name: "unset variable", src: "slack:\n  bot_token: ${NOPE}\n", want: []string{"bb.yaml:2: slack.bot_token: environment variable NOPE is not set"}},
		{name: "wrong type", src: "answer:\n  min_confidence: high\n", want: []string{`bb.yaml:2: answer.min_confidence: "high" is not a valid float64`}},
		{name: "out of range", src: "answer:\n  min_confidence: 3\n", want: []string{"bb.yaml:2: answer.min_confidence: must be between 0 and 1"}},
		{name: "app token without bot token", src: "slack:\n  app_token: xapp-1\n", want: []string{"bb.yaml:1: slack.bot_token: is required with slack.app_token"}},
		{name: "schedule problems all at once", src: `slack: { signing_secret: s }
schedules:
  - name: a
    cron: "0 9 31 2 *"
    timezone: Mars/Olympus
    targets: [ { slack: "#x" } ]
  - name: a
    cron: "0 9 31 2 *"
    targets: [ { slack: "#x", discord: "1" }, { discord: "2" } ]
`, want: []string{
			"bb.yaml:4: schedules[0].cron: never fires",
			"bb.yaml:5: schedules[0].timezone: unknown time zone",
			"bb.yaml:6: schedules[0].targets[0].slack: posting to Slack needs slack.bot_token",
			`bb.yaml:7: schedules[1].name: "a" is used by another schedule`,
			"bb.yaml:8: schedules[1].cron: never fires",
			"bb.yaml:9: schedules[1].targets[0]: set exactly one of slack or discord",
			"bb.yaml:9: schedules[1].targets[1].discord: posting to Discord needs discord.token",
		}},
		{name: "bad duration", src: "schedules:\n  - name: a\n    cron: '@daily'\n    catch_up: soon\n    targets: []\n", want: []string{
			`bb.yaml:4: schedules[0].catch_up: "soon" is not a duration`,
		}},
		{name: "feed alerts to an admin channel", src: `slack: { bot_token: xoxb-1 }
corpus:
  feeds: [ { url: "https://example.com/rss" } ]
  feed_alerts: { after_failures: 5, targets: [ { slack: "#briefbot-admin" } ] }
`},
		{name: "feed alert problems", src: `corpus:
  feed_alerts:
    after_failures: -1
    targets:
      - { slack: "#ops" }
      - { slack: "#ops", discord: "1" }
      - {}
`, want: []string{
			"bb.yaml:3: corpus.feed_alerts.after_failures: must not be negative",
			"bb.yaml:5: corpus.feed_alerts.targets[0].slack: posting to Slack needs slack.bot_token",
			"bb.yaml:6: corpus.feed_alerts.targets[1]: set exactly one of slack or discord",
			"bb.yaml:7: corpus.feed_alerts.targets[2]: set exactly one of slack or discord",
		}},
		{name: "list where a mapping belongs", src: "http: [a]\n", want: []string{"bb.yaml:1: http: must be a mapping of keys"}},
		{name: "syntax error", src: "corpus: [\n", want: []string{"bb.yaml:"}},
		{name: "discord key without app id", src: "discord:\n  public_key: zz\n", want: []string{
			"bb.yaml:2: discord.public_key: must be the application's 64-character hex public key",
			"bb.yaml:1: discord.application_id: is required",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseValidate(t, tc.src, tc.vars)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error:\n%v", err)
				}
				return
			}
			ps, ok := IsProblems(err)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			if tc.name == "bad duration" {
				// the empty targets list is a second, expected problem
				ps = ps[:1]
			}
			if len(ps) != len(tc.want) && tc.name != "syntax error" {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tc.want), err)
			}
			for i, w := range tc.want {
				found := false
				for _, p := range ps {
					if strings.HasPrefix(p.String(), w) {
						found = true
					}
				}
				if !found {
					t.Errorf("problem %d %q missing in:\n%v", i, w, err)
				}
			}
		})
	}
}

func TestVariablesOnlyInValues(t *testing.T) {
	cfg, err := parseValidate(t, "answer:\n  default_answer: \"ask ${WHO}\"\n  min_confidence: ${MIN}\n", map[string]string{"WHO": "the desk", "MIN": "0.5"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Answer.DefaultAnswer != "ask the desk" || cfg.Answer.MinConfidence != 0.5 {
		t.Fatalf("got %+v", cfg.Answer)
	}
	_, err = parseValidate(t, "${KEY}: 1\n", map[string]string{"KEY": "answer"})
	if err == nil || !strings.Contains(err.Error(), "unknown key") {
		t.Fatalf("a variable in a key must not expand, got %v", err)
	}
}

func TestDefaults(t *testing.T) {
	cfg, err := parseValidate(t, "schedules:\n  - { name: m, cron: '@daily', targets: [ { discord: '1' } ] }\ndiscord: { token: t }\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTP.Listen != DefaultListen || cfg.Store.Driver != "sqlite" || cfg.Answer.MinConfidence != DefaultMinConfidence {
		t.Fatalf("defaults not applied: %+v", cfg)
	}
	s := cfg.Schedules[0]
	if !s.SkipsEmpty() || s.CatchUpWindow() != 6*time.Hour {
		t.Fatalf("schedule defaults: %+v", s)
	}
	if n := cfg.Corpus.FeedAlerts.Threshold(); n != 3 {
		t.Fatalf("feed alerts default after %d failures, want 3", n)
	}
}

func TestDecodeProblemsKeepGoing(t *testing.T) {
	_, err := parseValidate(t, "schedules: [{name: a, cron: \"@daily\", targets: [{discord: \"123\"}], catch_up: forever}]\ndiscord: {token: t}\n", nil)
	ps, _ := IsProblems(err)
	if len(ps) != 1 || ps[0].Field != "schedules[0].catch_up" {
		t.Fatalf("a bad duration must be the only problem, got:\n%v", err)
	}
	_, err = parseValidate(t, "answer:\n  min_confidence: 0.3\nanswer:\n  min_confidence: 0.4\n", nil)
	if err == nil || !strings.Contains(err.Error(), `bb.yaml:3: mapping key "answer" already defined at line 1`) {
		t.Fatalf("duplicate key: %v", err)
	}
	_, err = parseValidate(t, "schedules:\n  - {name: b, timezone: Mars/Olympus, cron: \"0 9 31 2 *\", targets: [{discord: \"1\"}]}\ndiscord: {token: t}\n", nil)
	if err == nil || !strings.Contains(err.Error(), "never fires") || !strings.Contains(err.Error(), "unknown time zone") {
		t.Fatalf("a bad zone must not hide a bad cron: %v", err)
	}
}
