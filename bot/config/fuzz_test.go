package config

import (
	"strings"
	"testing"
)

// FuzzParse: any file parses and validates without panicking, and every
// problem is one line of bounded length.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"",
		"http: {listen: \"127.0.0.1:99999\"}\n",
		"answer:\n  default_answer: \"$${X} ${A}\"\n",
		"slack: { bot_token: \"${BOT}\", app_token: xapp-1 }\n",
		"schedules:\n  - name: m\n    cron: \"0 8 * * *\"\n    targets: [{slack: \"#x\"}]\n",
		"corpus:\n  paths: [news\nhttp:\n  listen: x\n",
		"a: &x [*x]\n",
		"log: {level: \"\u202Eloud\"}\n",
	} {
		f.Add(s)
	}
	vars := map[string]string{"A": "1", "BOT": "xoxb-1"}
	f.Fuzz(func(t *testing.T, src string) {
		cfg, lines, err := Parse("f.yaml", strings.NewReader(src), env(vars))
		if cfg == nil {
			t.Fatal("Parse returned no config")
		}
		if err == nil {
			err = cfg.Validate("f.yaml", lines, ValidateOptions{SkipPathCheck: true})
		}
		ps, ok := IsProblems(err)
		if err != nil && !ok {
			t.Fatalf("not Problems: %v", err)
		}
		for _, p := range ps {
			line := p.String()
			if len([]rune(p.Msg)) > maxMsg && len([]rune(line)) > maxMsg+len([]rune(p.Field))+len(p.File)+30 {
				t.Errorf("problem line of %d runes", len([]rune(line)))
			}
		}
	})
}
