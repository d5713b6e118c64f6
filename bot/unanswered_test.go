package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func TestGroupUnanswered(t *testing.T) {
	at := time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)
	log := func(q string, minutesAgo int) QueryLog {
		return QueryLog{Question: q, At: at.Add(-time.Duration(minutesAgo) * time.Minute)}
	}
	type want struct {
		question string
		count    int
		others   int
	}
	tests := []struct {
		name string
		log  []QueryLog
		want []want
	}{
		{"none", nil, nil},
		{"same words, case and punctuation", []QueryLog{
			log("what is the capital of australia?", 30), log("What is the capital of Australia", 20), log("  what is the capital  of australia? ", 10),
		}, []want{{"what is the capital of australia?", 3, 0}}},
		{"question words aside and a typo forgiven", []QueryLog{
			log("what is the capital of australia?", 30), log("capital of australia", 20), log("what's the capital of austrlia", 10),
		}, []want{{"what is the capital of australia?", 3, 2}}},
		{"a different place is a different question", []QueryLog{
			log("capital of australia", 30), log("capital of austria", 20),
		}, []want{{"capital of austria", 1, 0}, {"capital of australia", 1, 0}}},
		{"who and when differ", []QueryLog{
			log("who founded the company", 30), log("when was the company founded", 20),
		}, []want{{"when was the company founded", 1, 0}, {"who founded the company", 1, 0}}},
		{"most asked first", []QueryLog{
			log("boiling point of ethanol", 50), log("how do i reset my password", 40), log("reset my password", 30),
			log("how can I reset my password?", 20),
		}, []want{{"how can I reset my password?", 3, 2}, {"boiling point of ethanol", 1, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GroupUnanswered(tt.log, nil)
			if len(got) != len(tt.want) {
				t.Fatalf("GroupUnanswered = %+v, want %d groups", got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Question != w.question || g.Count != w.count || len(g.Questions) != w.others+1 {
					t.Errorf("group %d = %q ×%d with %q, want %q ×%d with %d other wordings", i, g.Question, g.Count, g.Questions, w.question, w.count, w.others)
				}
				if g.Questions[0] != g.Question {
					t.Errorf("group %d: Questions[0] = %q, want the group's question %q", i, g.Questions[0], g.Question)
				}
			}
			if len(got) > 0 && !got[0].LastAsked.Equal(latest(tt.log, got[0].Questions)) {
				t.Errorf("LastAsked = %v", got[0].LastAsked)
			}
		})
	}
}

// latest returns the newest time any of questions was asked.
func latest(log []QueryLog, questions []string) time.Time {
	var t time.Time
	for _, q := range log {
		for _, w := range questions {
			if strings.EqualFold(strings.Join(strings.Fields(q.Question), " "), w) && q.At.After(t) {
				t = q.At
			}
		}
	}
	return t
}

// TestUnansweredFAQLine: the entry is one line of valid YAML that reads
// back as the config's faq entry.
func TestUnansweredFAQLine(t *testing.T) {
	g := GroupUnanswered([]QueryLog{{Question: `what is "the plan"?`}, {Question: "what's the plan"}, {Question: `what is "the plan"?`}}, nil)
	if len(g) != 1 {
		t.Fatalf("groups = %+v", g)
	}
	line := g[0].FAQ
	if strings.Contains(line, "\n") {
		t.Errorf("faq entry %q spans lines", line)
	}
	var entries []struct {
		Question   string   `yaml:"question"`
		Answer     string   `yaml:"answer"`
		Alternates []string `yaml:"alternates"`
	}
	if err := yaml.Unmarshal([]byte("faq:\n  "+line+"\n"), &map[string]any{}); err != nil {
		t.Fatalf("faq entry %q under faq: is not YAML: %v", line, err)
	}
	if err := yaml.Unmarshal([]byte(line), &entries); err != nil || len(entries) != 1 {
		t.Fatalf("faq entry %q: %v", line, err)
	}
	e := entries[0]
	if e.Question != `What is "the plan"?` || e.Answer != "" || len(e.Alternates) != 1 || e.Alternates[0] != "what's the plan" {
		t.Errorf("faq entry reads back as %+v", e)
	}
}

func TestUnansweredNearest(t *testing.T) {
	b := newTestBot(t, Options{})
	kb := b.KB()
	faq := kb.FAQ()
	if len(faq) == 0 {
		t.Skip("the test corpus has no FAQ")
	}
	// A question sharing most words of an FAQ question.
	q := strings.TrimSuffix(faq[0].Question, "?") + " exactly"
	g := GroupUnanswered([]QueryLog{{Question: q}, {Question: "what is the boiling point of ethanol"}}, kb)
	if len(g) != 2 {
		t.Fatalf("groups = %+v", g)
	}
	for _, x := range g {
		switch x.Question {
		case q:
			if x.Nearest != faq[0].Question {
				t.Errorf("nearest of %q = %q, want %q", q, x.Nearest, faq[0].Question)
			}
		default:
			if x.Nearest != "" {
				t.Errorf("nearest of %q = %q, want none", x.Question, x.Nearest)
			}
		}
	}
}

// declinedStore is a fake store holding a query log.
type declinedStore struct {
	*fakeStore
	since time.Time
}

func (s *declinedStore) DeclinedQueries(ctx context.Context, since time.Time) ([]QueryLog, error) {
	s.since = since
	var out []QueryLog
	for _, q := range s.queries {
		if !q.Answered && !q.At.Before(since) {
			out = append(out, q)
		}
	}
	return out, nil
}

func TestUnansweredCommand(t *testing.T) {
	clock := newClock()
	st := &declinedStore{fakeStore: newFakeStore()}
	b := newTestBot(t, Options{Store: st, Now: clock.Now, Admins: map[string][]string{PlatformConsole: {"admin"}}})
	for _, q := range []string{"what is the capital of australia?", "capital of australia", "boiling point of ethanol"} {
		b.Handle(t.Context(), req("ask", q))
	}
	admin := req("unanswered", "")
	admin.UserID = "admin"

	t.Run("admin", func(t *testing.T) {
		m := b.Handle(t.Context(), admin)
		if m.Title != "Unanswered questions" || len(m.Sections) != 1 || len(m.Sections[0].Items) != 2 {
			t.Fatalf("/unanswered = %+v", m)
		}
		first := m.Sections[0].Items[0].Text
		if !strings.Contains(first, "australia") || !strings.Contains(first, "twice") || !strings.Contains(first, "- {question:") {
			t.Errorf("first group = %q", first)
		}
		if m.Visibility != Private {
			t.Error("/unanswered is shown to the channel")
		}
	})
	t.Run("since", func(t *testing.T) {
		r := admin
		r.Text = "7d"
		b.Handle(t.Context(), r)
		if want := clock.Now().AddDate(0, 0, -7); !st.since.Equal(want) {
			t.Errorf("since = %v, want %v", st.since, want)
		}
		r.Text = "last tuesday"
		if m := b.Handle(t.Context(), r); !strings.Contains(m.Title, "neither a duration") {
			t.Errorf("/unanswered last tuesday = %+v", m)
		}
	})
	t.Run("not an admin", func(t *testing.T) {
		if m := b.Handle(t.Context(), req("unanswered", "")); m.Title != "Admins only" {
			t.Errorf("/unanswered by a user = %+v", m)
		}
	})
	t.Run("no store", func(t *testing.T) {
		if _, ok := newTestBot(t, Options{}).Command("unanswered"); ok {
			t.Error("/unanswered exists without a store")
		}
	})
	t.Run("nothing declined", func(t *testing.T) {
		m := UnansweredMessage(nil, time.Time{})
		if len(m.Sections) != 1 || !strings.Contains(m.Sections[0].Text, "No question") {
			t.Errorf("empty report = %+v", m)
		}
	})
}
