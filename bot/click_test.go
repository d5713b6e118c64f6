package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/briefings"
)

// fakeStore records what the core stores. Methods the core does not call
// are left to the embedded nil Store and panic if called.
type fakeStore struct {
	Store
	mu       sync.Mutex
	queries  []QueryLog
	feedback []Feedback
	subs     map[Subscription]bool
	fail     error
}

func newFakeStore() *fakeStore { return &fakeStore{subs: map[Subscription]bool{}} }

func (s *fakeStore) LogQuery(ctx context.Context, q QueryLog) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, q)
	return s.fail
}

func (s *fakeStore) RecordFeedback(ctx context.Context, f Feedback) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feedback = append(s.feedback, f)
	return s.fail
}

// key identifies a subscription regardless of channel and time.
func key(sub Subscription) Subscription {
	return Subscription{Platform: sub.Platform, UserID: sub.UserID, IssueID: sub.IssueID}
}

func (s *fakeStore) Subscribe(ctx context.Context, sub Subscription) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return s.fail
	}
	s.subs[key(sub)] = true
	return nil
}

func (s *fakeStore) Unsubscribe(ctx context.Context, sub Subscription) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return false, s.fail
	}
	ok := s.subs[key(sub)]
	delete(s.subs, key(sub))
	return ok, nil
}

func TestStoreUse(t *testing.T) {
	kb, _ := testKBs(t)
	st := newFakeStore()
	b := newTestBot(t, Options{KB: kb, Store: st, HashSalt: "pepper"})
	ctx := t.Context()
	q := kb.FAQ()[0].Question
	m := b.Handle(ctx, req("ask", q))
	if len(st.queries) != 1 {
		t.Fatalf("%d queries logged", len(st.queries))
	}
	ql := st.queries[0]
	if ql.Question != q || !ql.Answered || ql.Kind == "" || ql.UserHash == "" || strings.Contains(ql.UserHash, "u1") {
		t.Errorf("query log = %+v", ql)
	}

	// Feedback through the answer's own button.
	if got := b.Click(ctx, req("", ""), ActionUnhelpful, m.Buttons[2].Value); !strings.Contains(got.Sections[0].Text, "Thanks") {
		t.Errorf("ack = %+v", got)
	}
	if len(st.feedback) != 1 || st.feedback[0].Helpful || st.feedback[0].Question != q || st.feedback[0].UserHash != ql.UserHash {
		t.Errorf("feedback = %+v", st.feedback)
	}

	name := kb.Issues()[0].Name
	subTests := []struct {
		name, cmd, text, want string
	}{
		{"subscribe", "subscribe", name, "You now follow " + name},
		{"subscribe again", "subscribe", name, "You now follow " + name},
		{"unsubscribe", "unsubscribe", name, "You no longer follow " + name},
		{"unsubscribe again", "unsubscribe", name, "You were not following " + name},
		{"subscribe unknown", "subscribe", "qqqq xxxx zzzz", "/issues"},
	}
	for _, tt := range subTests {
		t.Run(tt.name, func(t *testing.T) {
			m := b.Handle(ctx, req(tt.cmd, tt.text))
			if !strings.Contains(m.Sections[0].Text, tt.want) {
				t.Errorf("got %+v, want %q", m, tt.want)
			}
		})
	}

	// A failing store: the answer still comes, subscribing apologises.
	st.fail = errors.New("disk full")
	if m := b.Handle(ctx, req("ask", q)); len(m.Buttons) != 3 {
		t.Errorf("answer lost when the query log fails: %+v", m)
	}
	if m, err := b.run(ctx, req("subscribe", name)); err == nil || m.Title != "Something went wrong" {
		t.Errorf("subscribe on a failing store = %+v, %v", m, err)
	}
}

func TestClickShare(t *testing.T) {
	kb, _ := testKBs(t)
	b := newTestBot(t, Options{KB: kb})
	ctx := t.Context()
	long := kb.FAQ()[0].Question + " " + strings.Repeat("and tell me everything about it ", 4)
	tests := []struct {
		name, cmd, text string
	}{
		{"ask", "ask", kb.FAQ()[0].Question},
		{"long question", "ask", long},
		{"issue", "issue", kb.Issues()[0].Name},
		{"brief", "brief", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := b.Handle(ctx, req(tt.cmd, tt.text))
			if len(orig.Buttons) == 0 || orig.Buttons[0].Action != ActionShare {
				t.Fatalf("no share button: %+v", orig)
			}
			v := orig.Buttons[0].Value
			if len(v) > MaxButtonValue {
				t.Errorf("value is %d bytes", len(v))
			}
			shared := b.Click(ctx, req("", ""), ActionShare, v)
			if shared.Visibility != Channel {
				t.Error("shared message is private")
			}
			if shared.Title != orig.Title || len(shared.Sections) != len(orig.Sections) {
				t.Errorf("shared %q, original %q", shared.Title, orig.Title)
			}
			for _, bt := range shared.Buttons {
				if bt.Action == ActionShare {
					t.Error("shared message offers Share again")
				}
			}
			if !strings.HasPrefix(shared.Footer, "Shared by Ada: /"+tt.cmd) {
				t.Errorf("footer = %q", shared.Footer)
			}
		})
	}

	t.Run("long question after a restart uses its prefix", func(t *testing.T) {
		v := b.Handle(ctx, req("ask", long)).Buttons[0].Value
		fresh := newTestBot(t, Options{KB: kb})
		shared := fresh.Click(ctx, req("", ""), ActionShare, v)
		if shared.Visibility != Channel {
			t.Errorf("not shared: %+v", shared)
		}
	})
	t.Run("garbage value", func(t *testing.T) {
		m := b.Click(ctx, req("", ""), ActionShare, "no separator")
		if m.Visibility != Private || !strings.Contains(m.Sections[0].Text, "no longer works") {
			t.Errorf("got %+v", m)
		}
	})
	t.Run("unknown action", func(t *testing.T) {
		m := b.Click(ctx, req("", ""), "dance", "ask|x")
		if m.Visibility != Private || !strings.Contains(m.Sections[0].Text, "don't know that button") {
			t.Errorf("got %+v", m)
		}
	})
	t.Run("feedback without a store", func(t *testing.T) {
		m := b.Click(ctx, req("", ""), ActionHelpful, "ask|x")
		if !strings.Contains(m.Sections[0].Text, "Thanks") {
			t.Errorf("got %+v", m)
		}
	})
}

func TestShareCacheUTF8(t *testing.T) {
	c := newShareCache(2)
	text := strings.Repeat("é", 100)
	v := c.encode("ask", text)
	if len(v) > MaxButtonValue || !strings.HasPrefix(v, "ask#") {
		t.Fatalf("value %q", v)
	}
	if _, got, _ := c.decode(v); got != text {
		t.Errorf("decoded %q", got)
	}
	c.encode("ask", strings.Repeat("a", 100))
	c.encode("ask", strings.Repeat("b", 100)) // evicts the first
	if _, got, _ := c.decode(v); got == text || !strings.HasPrefix(text, got) {
		t.Errorf("evicted value decodes to %q", got)
	}
}

func (s *fakeStore) Ping(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fail
}

func TestReady(t *testing.T) {
	st := newFakeStore()
	b := newTestBot(t, Options{Store: st})
	if err := b.Ready(t.Context()); err != nil {
		t.Errorf("Ready = %v", err)
	}
	st.fail = errors.New("connection refused")
	if err := b.Ready(t.Context()); err == nil {
		t.Error("Ready with a failing store = nil")
	}
	if err := newTestBot(t, Options{}).Ready(t.Context()); err != nil {
		t.Errorf("Ready without a store = %v", err)
	}
}

func TestAnswerMessageKinds(t *testing.T) {
	src := []briefings.Source{{ID: "a", Title: "A"}}
	tests := []struct {
		kind, footer string
	}{
		{briefings.KindFAQ, "From the FAQ · confidence 88%"},
		{briefings.KindIssue, "From the issue summary · confidence 88%"},
		{briefings.KindPassage, "From the articles · confidence 88%"},
		{"other", "Answer · confidence 88%"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			m := AnswerMessage(briefings.Answer{Question: "q?", Answered: true, Kind: tt.kind, Answer: "yes", Confidence: 0.875, Sources: src})
			if m.Footer != tt.footer || m.Title != "q?" || m.Sections[0].Citations[0].ID != "a" || m.Visibility != Private {
				t.Errorf("got %+v", m)
			}
		})
	}
	m := AnswerMessage(briefings.Answer{Question: "q?", Kind: briefings.KindNone, Answer: "no idea", Suggestions: []string{}})
	if m.Footer != "" || m.Sections[0].Text != "no idea" {
		t.Errorf("decline without suggestions = %+v", m)
	}
}
