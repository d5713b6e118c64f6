package bot

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

var (
	kbOnce              sync.Once
	sampleKB, otherKB   *briefings.KB
	errSampleKB, errOKB error
)

// testKBs builds the knowledge of the built-in sample and of a synthetic
// corpus the bot was not tuned on, once.
func testKBs(t testing.TB) (sample, other *briefings.KB) {
	t.Helper()
	kbOnce.Do(func() {
		sampleKB, errSampleKB = briefings.Build(context.Background(), corpus.Sample(), briefings.Options{})
		otherKB, errOKB = briefings.Build(context.Background(), corpustest.Synthetic(40, 7), briefings.Options{})
	})
	if errSampleKB != nil || errOKB != nil {
		t.Fatal(errSampleKB, errOKB)
	}
	return sampleKB, otherKB
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newTestBot(t testing.TB, opts Options) *Bot {
	t.Helper()
	if opts.KB == nil {
		opts.KB, _ = testKBs(t)
	}
	if opts.Now == nil {
		opts.Now = newClock().Now
	}
	b, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func req(cmd, text string) Request {
	return Request{Platform: PlatformConsole, UserID: "u1", UserName: "Ada", ChannelID: "c1", Command: cmd, Text: text}
}

func citationCount(m Message) int {
	n := 0
	for _, s := range m.Sections {
		n += len(s.Citations)
		for _, it := range s.Items {
			n += len(it.Citations)
		}
	}
	return n
}

func itemCount(m Message) int {
	n := 0
	for _, s := range m.Sections {
		n += len(s.Items)
	}
	return n
}

func actions(m Message) string {
	var a []string
	for _, b := range m.Buttons {
		a = append(a, b.Action)
	}
	return strings.Join(a, ",")
}

// TestHandle runs every built-in command on the sample and on a corpus
// the bot was not tuned on, asserting the shape of the messages.
func TestHandle(t *testing.T) {
	sample, other := testKBs(t)
	for _, kb := range []struct {
		name string
		kb   *briefings.KB
	}{{"sample", sample}, {"synthetic", other}} {
		t.Run(kb.name, func(t *testing.T) {
			b := newTestBot(t, Options{KB: kb.kb})
			k := kb.kb
			if len(k.Issues()) == 0 || len(k.FAQ()) == 0 {
				t.Fatalf("corpus gives %d issues, %d FAQ entries", len(k.Issues()), len(k.FAQ()))
			}
			first := k.Issues()[0]
			q := k.FAQ()[0].Question
			tests := []struct {
				name, cmd, text string
				err             error
				check           func(t *testing.T, m Message)
			}{
				{name: "ask answered", cmd: "ask", text: q, check: func(t *testing.T, m Message) {
					if m.Title == "" || len(m.Sections) == 0 || m.Sections[0].Text == "" {
						t.Errorf("empty answer: %+v", m)
					}
					if citationCount(m) == 0 {
						t.Error("answer cites no source")
					}
					if got := actions(m); got != "share,helpful,unhelpful" {
						t.Errorf("buttons = %s", got)
					}
					if !strings.Contains(m.Footer, "confidence") {
						t.Errorf("footer = %q", m.Footer)
					}
				}},
				{name: "ask with slash and case", cmd: "/ASK", text: "  " + q + "  ", check: func(t *testing.T, m Message) {
					if len(m.Buttons) != 3 {
						t.Errorf("not answered: %+v", m)
					}
				}},
				{name: "ask declined", cmd: "ask", text: "what is on the canteen lunch menu on friday", check: func(t *testing.T, m Message) {
					if m.Title != "No confident answer" || len(m.Buttons) != 0 {
						t.Errorf("not declined: %+v", m)
					}
				}},
				{name: "ask without question", cmd: "ask", err: ErrUsage, check: func(t *testing.T, m Message) {
					if !strings.Contains(m.Title, "needs a question") || !strings.Contains(m.Sections[0].Text, "/ask <question>") {
						t.Errorf("usage = %+v", m)
					}
				}},
				{name: "issue", cmd: "issue", text: strings.ToLower(first.Name), check: func(t *testing.T, m Message) {
					if m.Title != first.Name || itemCount(m) == 0 || citationCount(m) == 0 {
						t.Errorf("issue = %+v", m)
					}
					if actions(m) != "share" {
						t.Errorf("buttons = %s", actions(m))
					}
				}},
				{name: "issue unknown", cmd: "issue", text: "qqqq xxxx zzzz", check: func(t *testing.T, m Message) {
					if !strings.HasPrefix(m.Title, "No issue matches") || len(m.Suggestions) == 0 {
						t.Errorf("no match = %+v", m)
					}
				}},
				{name: "issue without name", cmd: "issue", err: ErrUsage},
				{name: "issues", cmd: "issues", check: func(t *testing.T, m Message) {
					if want := min(len(k.Issues()), MaxListItems); itemCount(m) != want {
						t.Errorf("%d items, want %d", itemCount(m), want)
					}
					if !strings.Contains(m.Sections[0].Items[0].Text, first.Name) {
						t.Errorf("first item %q lacks %q", m.Sections[0].Items[0].Text, first.Name)
					}
				}},
				{name: "faq", cmd: "faq", check: func(t *testing.T, m Message) {
					if want := min(len(k.FAQ()), MaxListItems); itemCount(m) != want {
						t.Errorf("%d items, want %d", itemCount(m), want)
					}
					if len(k.FAQ()) > MaxListItems && !strings.Contains(m.Footer, "/faq 2") {
						t.Errorf("trimmed list without a hint: %q", m.Footer)
					}
				}},
				{name: "faq last page", cmd: "faq", text: strconv.Itoa((len(k.FAQ()) + MaxListItems - 1) / MaxListItems), check: func(t *testing.T, m Message) {
					if want := (len(k.FAQ())-1)%MaxListItems + 1; itemCount(m) != want {
						t.Errorf("%d items, want %d", itemCount(m), want)
					}
				}},
				{name: "faq bad page", cmd: "faq", text: "99", err: ErrUsage},
				{name: "issues last page", cmd: "issues", text: strconv.Itoa(max(1, (len(k.Issues())+MaxListItems-1)/MaxListItems)), check: func(t *testing.T, m Message) {
					if want := (len(k.Issues())-1)%MaxListItems + 1; len(k.Issues()) > 0 && itemCount(m) != want {
						t.Errorf("%d items, want %d", itemCount(m), want)
					}
				}},
				{name: "issues bad page", cmd: "issues", text: "99", err: ErrUsage},
				{name: "brief", cmd: "brief", check: func(t *testing.T, m Message) {
					// Undated articles are new in a first digest only: the
					// brief of the last day shows them as the latest news.
					if !strings.HasPrefix(m.Title, "Briefing") && m.Title != "Latest news" || len(m.Sections) == 0 || m.Visibility != Private {
						t.Errorf("brief = %+v", m)
					}
				}},
				{name: "brief issue", cmd: "brief", text: first.Name, check: func(t *testing.T, m Message) {
					if m.Title != "Briefing: "+first.Name || itemCount(m) == 0 {
						t.Errorf("brief issue = %+v", m)
					}
				}},
				{name: "help", cmd: "help", check: func(t *testing.T, m Message) {
					all := m.Sections[0].Items
					if len(all) != len(b.Commands()) {
						t.Errorf("help lists %d commands, registry has %d", len(all), len(b.Commands()))
					}
					for i, c := range b.Commands() {
						if !strings.HasPrefix(all[i].Text, c.Usage()) {
							t.Errorf("help item %q, want %q first", all[i].Text, c.Usage())
						}
					}
				}},
				{name: "unknown command", cmd: "dance", err: ErrUnknownCommand, check: func(t *testing.T, m Message) {
					if !strings.Contains(m.Sections[0].Text, "/help") {
						t.Errorf("unknown = %+v", m)
					}
				}},
				{name: "subscribe needs a store", cmd: "subscribe", text: first.Name, err: ErrUnknownCommand},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					m, err := b.run(t.Context(), req(tt.cmd, tt.text))
					if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
						t.Fatalf("err = %v, want %v", err, tt.err)
					}
					if m.Visibility != Private {
						t.Error("message is not private")
					}
					if m.Title == "" && len(m.Sections) == 0 {
						t.Error("empty message")
					}
					if tt.check != nil {
						tt.check(t, m)
					}
				})
			}
		})
	}
}

func TestRegistry(t *testing.T) {
	b := newTestBot(t, Options{})
	args := map[string]string{}
	for _, c := range b.Commands() {
		args[c.Name] = c.Arg
	}
	want := map[string]string{"ask": "question", "issue": "name", "issues": "page", "brief": "issue", "faq": "page", "help": ""}
	if len(args) != len(want) {
		t.Errorf("commands = %v, want %v", args, want)
	}
	for n, a := range want {
		if got, ok := args[n]; !ok || got != a {
			t.Errorf("/%s arg = %q (exists %v), want %q", n, got, ok, a)
		}
	}
	withStore := newTestBot(t, Options{Store: newFakeStore()})
	for _, n := range []string{"subscribe", "unsubscribe"} {
		if c, ok := withStore.Command(n); !ok || c.Arg != "issue" {
			t.Errorf("with a store, /%s = %+v, %v", n, c, ok)
		}
	}
	if c, _ := b.Command("brief"); c.Usage() != "/brief [issue]" {
		t.Errorf("usage = %q", c.Usage())
	}

	noop := func(context.Context, Request) (Message, error) { return Message{}, nil }
	bad := []struct {
		name string
		cmd  Command
	}{
		{"duplicate", Command{Name: "ask", Handler: noop}},
		{"bad name", Command{Name: "Ask Me", Handler: noop}},
		{"no handler", Command{Name: "x"}},
		{"bad arg", Command{Name: "x", Arg: "two words", Handler: noop}},
	}
	kb, _ := testKBs(t)
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(Options{KB: kb, Commands: []Command{tt.cmd}}); err == nil {
				t.Error("accepted")
			}
		})
	}
	if _, err := New(Options{}); err == nil {
		t.Error("New without a KB accepted")
	}
}

// TestSetKB swaps knowledge while commands run; with -race it checks
// readers never see a half-updated KB.
func TestSetKB(t *testing.T) {
	sample, other := testKBs(t)
	b := newTestBot(t, Options{KB: sample})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for range 20 {
				m := b.Handle(t.Context(), req("issues", ""))
				if itemCount(m) == 0 {
					t.Error("no issues during swap")
				}
				_ = i
			}
		})
	}
	for i := range 20 {
		if i%2 == 0 {
			b.SetKB(other)
		} else {
			b.SetKB(sample)
		}
	}
	b.SetKB(nil)
	wg.Wait()
	if b.KB() != sample {
		t.Error("KB() is not the last one set")
	}
}

func TestComplete(t *testing.T) {
	sample, _ := testKBs(t)
	b := newTestBot(t, Options{KB: sample})
	is := sample.Issues()
	tests := []struct {
		name, cmd, partial string
		check              func(t *testing.T, got []string)
	}{
		{"empty gives the top issues", "issue", "", func(t *testing.T, got []string) {
			if len(got) != min(25, len(is)) || got[0] != is[0].Name {
				t.Errorf("got %q", got)
			}
		}},
		{"prefix", "brief", strings.ToLower(is[1].Name[:4]), func(t *testing.T, got []string) {
			if len(got) == 0 || !contains(got, is[1].Name) {
				t.Errorf("got %q, want %q in it", got, is[1].Name)
			}
		}},
		{"not autocompleted", "ask", "x", func(t *testing.T, got []string) {
			if got != nil {
				t.Errorf("got %q", got)
			}
		}},
		{"unknown command", "nope", "x", func(t *testing.T, got []string) {
			if got != nil {
				t.Errorf("got %q", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := b.Complete(t.Context(), tt.cmd, tt.partial)
			if len(got) > 25 {
				t.Errorf("%d completions", len(got))
			}
			tt.check(t, got)
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BenchmarkHandle measures a whole command through the middleware on the
// sample corpus.
func BenchmarkHandle(b *testing.B) {
	kb, _ := testKBs(b)
	bt := newTestBot(b, Options{KB: kb, Metrics: NewMetrics(nil), RateLimit: RateLimit{PerMinute: 1e9, Burst: 1e9}})
	for _, c := range []struct{ name, cmd, text string }{
		{"ask", "ask", "how close is the plan to completion?"},
		{"issue", "issue", kb.Issues()[0].Name},
		{"issues", "issues", ""},
		{"brief", "brief", ""},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := req(c.cmd, c.text)
			for b.Loop() {
				bt.Handle(context.Background(), r)
			}
		})
	}
}

// TestQuietTimes covers a corpus with nothing new and an empty corpus.
func TestQuietTimes(t *testing.T) {
	arts := corpustest.Synthetic(20, 3)
	for i := range arts {
		arts[i].Published = time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)
	}
	other, err := briefings.Build(t.Context(), arts, briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	late := func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }
	b := newTestBot(t, Options{KB: other, Now: late})
	// The nothing-new line comes first, above the news and its sources.
	m := b.Handle(t.Context(), req("brief", ""))
	if m.Title != "Latest news" || !strings.HasPrefix(m.Sections[0].Text, "Nothing new in the last 24 hours") || m.Footer != "" || itemCount(m) == 0 {
		t.Errorf("brief with nothing new = %+v", m)
	}
	m = b.Handle(t.Context(), req("brief", other.Issues()[0].Name))
	if !strings.HasPrefix(m.Sections[0].Text, "Nothing new on this issue") || m.Footer != "" || itemCount(m) == 0 {
		t.Errorf("brief issue with nothing new = %+v", m)
	}
	// What changed last is told by the story's own dates.
	var headings []string
	for _, s := range m.Sections {
		headings = append(headings, s.Heading)
	}
	if !slices.ContainsFunc(headings, func(h string) bool { return strings.HasPrefix(h, "Last changed on ") }) ||
		!slices.Contains(headings, "Latest articles") || slices.Contains(headings, digestArticlesHead) {
		t.Errorf("brief issue with nothing new: headings %q, want the story's last changes and latest articles", headings)
	}

	empty, err := briefings.Build(t.Context(), nil, briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newTestBot(t, Options{KB: empty})
	for _, tt := range []struct{ cmd, text, want string }{
		{"issues", "", "not found any issues"},
		{"faq", "", "no FAQ entries"},
		{"brief", "", "no articles"},
		{"issue", "anything", "/issues"},
		{"ask", "anything at all?", "know"},
	} {
		m, err := e.run(t.Context(), req(tt.cmd, tt.text))
		if err != nil || len(m.Sections) == 0 || !strings.Contains(m.Sections[0].Text, tt.want) {
			t.Errorf("/%s on an empty corpus = %+v, %v; want %q", tt.cmd, m, err, tt.want)
		}
	}
	if m := e.Handle(t.Context(), req("help", "")); !strings.Contains(m.Footer, "0 articles") {
		t.Errorf("help on an empty corpus = %+v", m)
	}
}
