package config

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name string
		vars map[string]string
		want func(c *Config)
	}{
		{"nothing set: the defaults", nil, func(c *Config) {}},
		{"empty values are unset", map[string]string{"SLACK_BOT_TOKEN": "", "BRIEFBOT_LISTEN": " "}, func(c *Config) {}},
		{"every key", map[string]string{
			"BRIEFBOT_LISTEN": "0.0.0.0:9000", "BRIEFBOT_STORE_DSN": "postgres://u@db:5432/bb",
			"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_SIGNING_SECRET": "s",
			"DISCORD_BOT_TOKEN": "d", "DISCORD_APPLICATION_ID": "12", "DISCORD_PUBLIC_KEY": "ab",
		}, func(c *Config) {
			c.HTTP.Listen = "0.0.0.0:9000"
			c.Store.Driver, c.Store.DSN = "postgres", "postgres://u@db:5432/bb"
			c.Slack = Slack{BotToken: "xoxb-1", AppToken: "xapp-1", SigningSecret: "s"}
			c.Discord = Discord{Token: "d", ApplicationID: "12", PublicKey: "ab"}
		}},
		{"a file path is a SQLite store", map[string]string{"BRIEFBOT_STORE_DSN": "/data/bb.db"}, func(c *Config) { c.Store.DSN = "/data/bb.db" }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := Defaults()
			tc.want(want)
			if got := FromEnv(env(tc.vars)); !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
	if EnvField("slack.bot_token") != "SLACK_BOT_TOKEN" || EnvField("answer.min_confidence") != "" {
		t.Error("EnvField does not map fields back to their variables")
	}
}

// TestListenEnvIsTheFileDefault: BRIEFBOT_LISTEN is the default of
// http.listen under a file too; the file's own value wins.
func TestListenEnvIsTheFileDefault(t *testing.T) {
	vars := map[string]string{ListenEnv: "0.0.0.0:8080"}
	cfg, err := parseValidate(t, "answer: {min_confidence: 0.5}\n", vars)
	if err != nil || cfg.HTTP.Listen != "0.0.0.0:8080" {
		t.Errorf("listen %q, err %v", cfg.HTTP.Listen, err)
	}
	cfg, err = parseValidate(t, "http: {listen: \"127.0.0.1:9\"}\n", vars)
	if err != nil || cfg.HTTP.Listen != "127.0.0.1:9" {
		t.Errorf("listen %q, err %v", cfg.HTTP.Listen, err)
	}
}

func TestListenAddress(t *testing.T) {
	tests := []struct {
		listen, want string
	}{
		{"127.0.0.1:8080", ""},
		{"0.0.0.0:0", ""},
		{":8080", ""},
		{"[::1]:65535", ""},
		{"localhost:8080", ""},
		{"127.0.0.1:99999", `port "99999" is not a number from 0 to 65535`},
		{"127.0.0.1:-1", `port "-1" is not a number`},
		{"127.0.0.1:http", `port "http" is not a number`},
		{"127.0.0.1", "is not host:port"},
		{"a b:80", "is not an IP address or a host name"},
	}
	for _, tc := range tests {
		t.Run(tc.listen, func(t *testing.T) {
			_, err := parseValidate(t, "http: {listen: \""+tc.listen+"\"}\n", nil)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected problem: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "bb.yaml:1: http.listen: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a problem with %q", err, tc.want)
			}
		})
	}
}

func TestDollarEscape(t *testing.T) {
	tests := []struct {
		name, value string
		vars        map[string]string
		want        string
	}{
		{"escape alone", `"price $${X}"`, nil, "price ${X}"},
		{"escape beside a variable", `"$${A}-${A}"`, map[string]string{"A": "1"}, "${A}-1"},
		{"a plain dollar stays", `"$5 and $$"`, nil, "$5 and $$"},
		{"plain scalar", `$${HOME}`, nil, "${HOME}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parseValidate(t, "answer:\n  default_answer: "+tc.value+"\n", tc.vars)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Answer.DefaultAnswer != tc.want {
				t.Errorf("got %q, want %q", cfg.Answer.DefaultAnswer, tc.want)
			}
		})
	}
}

// TestLongValuesAreClipped: a problem quoting a huge value stays one short
// line.
func TestLongValuesAreClipped(t *testing.T) {
	huge := strings.Repeat("x", 8<<20)
	for _, src := range []string{
		"http: {listen: \"" + huge + "\"}\n",
		"answer: {min_confidence: \"" + huge + "\"}\n",
		"log: {level: " + huge + "}\n",
		"corpus: {feeds: [{url: \"http://x\", refresh: " + huge + "}]}\n",
	} {
		_, err := parseValidate(t, src, nil)
		if err == nil {
			t.Fatal("want a problem")
		}
		if msg := err.Error(); len(msg) > 500 || !strings.Contains(msg, "…") {
			t.Errorf("problem line is %d bytes: %.200s", len(msg), msg)
		}
	}
	p := Problem{File: "f", Line: 1, Field: "x", Msg: strings.Repeat("y", 5000)}
	if n := len([]rune(p.String())); n > maxMsg+20 {
		t.Errorf("a long message stays %d runes", n)
	}
}

// TestExampleIsEveryKeyWithItsDefault: config.example.yaml parses to the
// defaults (with its ${VAR} credentials unset-but-empty) and names every
// key outside list items.
func TestExampleIsEveryKeyWithItsDefault(t *testing.T) {
	data, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	empty := func(string) (string, bool) { return "", true }
	cfg, lines, err := Parse("config.example.yaml", strings.NewReader(string(data)), empty)
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate("config.example.yaml", lines, ValidateOptions{}); err != nil {
		t.Fatal(err)
	}
	want := Defaults()
	want.Corpus.FeedAlerts.AfterFailures = DefaultAlertAfter // 0 and 3 mean the same
	if got, w := normalize(cfg), normalize(want); !reflect.DeepEqual(got, w) {
		gy, _ := yaml.Marshal(got)
		wy, _ := yaml.Marshal(w)
		t.Errorf("the example is not the defaults:\n%s\nwant:\n%s", gy, wy)
	}
	var missing []string
	everyKey(reflect.TypeOf(Config{}), "", func(path string) {
		if _, ok := lines[path]; !ok {
			missing = append(missing, path)
		}
	})
	if len(missing) > 0 {
		t.Errorf("the example lacks keys: %s", strings.Join(missing, ", "))
	}
}

// normalize makes empty slices nil, so "[]" in a file equals a default
// that leaves the slice out.
func normalize(c *Config) *Config {
	out := *c
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Slice:
			if v.Len() == 0 && v.CanSet() {
				v.Set(reflect.Zero(v.Type()))
			}
		}
	}
	walk(reflect.ValueOf(&out).Elem())
	return &out
}

// everyKey calls f with the path of every key of t, into nested mappings
// but not into list items.
func everyKey(t reflect.Type, path string, f func(string)) {
	for name, field := range yamlFields(t) {
		p := join(path, name)
		f(p)
		if field.Type.Kind() == reflect.Struct && field.Type != durationType {
			everyKey(field.Type, p, f)
		}
	}
}
