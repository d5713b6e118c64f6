package bot

import (
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// FuzzGroupUnanswered: any questions group without loss (the counts add
// up to the questions with words) and every faq entry is one line of
// YAML.
func FuzzGroupUnanswered(f *testing.F) {
	f.Add("what is the capital of australia?", "capital of austrlia", "who won?")
	f.Add("", "  ", "\"quoted\" \\ back: slash")
	f.Add("\xff\xfe", "¿qué?", "a: b - [c]")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		qs := []QueryLog{{Question: a, At: at}, {Question: b, At: at.Add(time.Second)}, {Question: c, At: at}, {Question: a, At: at}}
		want := 0
		for _, q := range qs {
			if strings.TrimSpace(q.Question) != "" {
				want++
			}
		}
		got := 0
		for _, g := range GroupUnanswered(qs, nil) {
			got += g.Count
			if g.Count < len(g.Questions) || g.Questions[0] != g.Question {
				t.Fatalf("group %+v", g)
			}
			if strings.Contains(g.FAQ, "\n") {
				t.Fatalf("faq entry %q spans lines", g.FAQ)
			}
			var v []map[string]any
			if err := yaml.Unmarshal([]byte(g.FAQ), &v); err != nil || len(v) != 1 {
				t.Fatalf("faq entry %q is not one YAML list item: %v", g.FAQ, err)
			}
		}
		if got != want {
			t.Fatalf("counts add up to %d, want %d", got, want)
		}
	})
}
