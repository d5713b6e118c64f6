package slack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"

	"github.com/briefbot/briefbot/bot"
)

// recorder is a slacktest binder that records Web API calls and answers
// each with the next scripted reply (then "ok" forever).
type recorder struct {
	mu    sync.Mutex
	calls []url.Values
	paths []string
	// script holds replies for chat.postMessage: an HTTP status, headers
	// and a body; zero status means a normal success.
	script []reply
}

type reply struct {
	status int
	header map[string]string
	body   string
	// hangUp drops the connection without an answer.
	hangUp bool
	// stall answers nothing until the client gives up (its timeout).
	stall bool
}

func (rec *recorder) bind(c slacktest.Customize) {
	c.Handle("/chat.postMessage", rec.handle("chat.postMessage", `{"ok":true,"channel":"C123","ts":"1700000000.%06d"}`))
	c.Handle("/chat.postEphemeral", rec.handle("chat.postEphemeral", `{"ok":true,"message_ts":"1700000000.%06d"}`))
	c.Handle("/conversations.open", rec.handle("conversations.open", `{"ok":true,"channel":{"id":"D999"},"n":%d}`))
}

func (rec *recorder) handle(name, okBody string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		rec.mu.Lock()
		rec.calls = append(rec.calls, form)
		rec.paths = append(rec.paths, name)
		n := len(rec.calls)
		var rp reply
		if name == "chat.postMessage" && len(rec.script) > 0 {
			rp, rec.script = rec.script[0], rec.script[1:]
		}
		rec.mu.Unlock()
		switch {
		case rp.stall:
			<-r.Context().Done()
			return
		case rp.hangUp:
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		case rp.status != 0:
			for k, v := range rp.header {
				w.Header().Set(k, v)
			}
			w.WriteHeader(rp.status)
			_, _ = io.WriteString(w, rp.body)
			return
		case rp.body != "":
			_, _ = io.WriteString(w, rp.body)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, okBody, n)
	}
}

func (rec *recorder) recorded() ([]string, []url.Values) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.paths...), append([]url.Values(nil), rec.calls...)
}

// postFixture is a posting adapter against slacktest, with the waits
// recorded instead of slept.
func postFixture(t *testing.T, script ...reply) (*Adapter, *recorder, *[]time.Duration) {
	t.Helper()
	rec := &recorder{script: script}
	s := slacktest.NewTestServer(rec.bind)
	s.Start()
	t.Cleanup(s.Stop)
	a, err := New(Options{BotToken: "xoxb-test", APIURL: s.GetAPIURL()})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	waits := &[]time.Duration{}
	a.wait = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	return a, rec, waits
}

func TestPost(t *testing.T) {
	tests := []struct {
		name      string
		script    []reply
		wantCalls int
		wantWaits []time.Duration
		permanent bool
		fails     bool
	}{
		{"ok", nil, 1, nil, false, false},
		{"429 then ok", []reply{{status: 429, header: map[string]string{"Retry-After": "7"}}}, 2, []time.Duration{7 * time.Second}, false, false},
		{"5xx backs off", []reply{{status: 500}, {status: 503}, {status: 502}}, 4, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}, false, false},
		{"network error", []reply{{hangUp: true}}, 2, []time.Duration{time.Second}, false, false},
		{"transient slack error", []reply{{body: `{"ok":false,"error":"internal_error"}`}}, 2, []time.Duration{time.Second}, false, false},
		{"channel_not_found", []reply{{body: `{"ok":false,"error":"channel_not_found"}`}}, 1, nil, true, true},
		{"not_in_channel", []reply{{body: `{"ok":false,"error":"not_in_channel"}`}}, 1, nil, true, true},
		{"invalid_auth", []reply{{body: `{"ok":false,"error":"invalid_auth"}`}}, 1, nil, true, true},
		{"gives up", []reply{{status: 500}, {status: 500}, {status: 500}, {status: 500}, {status: 500}}, 5,
			[]time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, rec, waits := postFixture(t, tc.script...)
			ts, err := a.Post(context.Background(), "C123", answerMessage())
			if (err != nil) != tc.fails {
				t.Fatalf("Post: %v", err)
			}
			if got := errors.Is(err, bot.ErrPermanent); got != tc.permanent {
				t.Errorf("permanent = %v (%v), want %v", got, err, tc.permanent)
			}
			if !tc.fails && !strings.HasPrefix(ts, "1700000000.") {
				t.Errorf("ts = %q", ts)
			}
			_, calls := rec.recorded()
			if len(calls) != tc.wantCalls {
				t.Errorf("%d calls, want %d", len(calls), tc.wantCalls)
			}
			if fmt.Sprint(*waits) != fmt.Sprint(tc.wantWaits) {
				t.Errorf("waits %v, want %v", *waits, tc.wantWaits)
			}
			last := calls[len(calls)-1]
			if last.Get("channel") != "C123" || !strings.Contains(last.Get("text"), "20-point plan") ||
				!strings.Contains(last.Get("blocks"), `"type":"header"`) {
				t.Errorf("posted %v", last)
			}
		})
	}
}

// TestPostClientTimeoutIsRetried: a request the API never answers ends
// with the HTTP client's timeout, which is transient (the caller's
// context is still live): the post is tried again, not given up.
func TestPostClientTimeoutIsRetried(t *testing.T) {
	rec := &recorder{script: []reply{{stall: true}}}
	s := slacktest.NewTestServer(rec.bind)
	s.Start()
	t.Cleanup(s.Stop)
	a, err := New(Options{BotToken: "xoxb-test", APIURL: s.GetAPIURL(), HTTPClient: &http.Client{Timeout: 200 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	a.wait = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	ts, err := a.Post(context.Background(), "C123", answerMessage())
	if err != nil || !strings.HasPrefix(ts, "1700000000.") {
		t.Fatalf("Post = %q, %v; want the second attempt to succeed", ts, err)
	}
	if _, calls := rec.recorded(); len(calls) != 2 {
		t.Errorf("%d calls, want 2", len(calls))
	}
}

func TestPostStopsWithContext(t *testing.T) {
	a, rec, _ := postFixture(t, reply{status: 500})
	ctx, cancel := context.WithCancel(context.Background())
	a.wait = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
	_, err := a.Post(ctx, "C123", answerMessage())
	if !errors.Is(err, context.Canceled) || errors.Is(err, bot.ErrPermanent) {
		t.Errorf("Post = %v, want a cancelled, retryable error", err)
	}
	if _, calls := rec.recorded(); len(calls) != 1 {
		t.Errorf("%d calls after cancel", len(calls))
	}
}

func TestPostSplitsLongMessages(t *testing.T) {
	a, rec, _ := postFixture(t)
	ts, err := a.Post(context.Background(), "C123", longMessage())
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := Render(longMessage())
	_, calls := rec.recorded()
	if len(calls) != len(parts) || len(parts) < 2 {
		t.Fatalf("%d posts for %d parts", len(calls), len(parts))
	}
	for i, c := range calls {
		if c.Get("text") != parts[i].Text {
			t.Errorf("post %d: text %q, want %q", i, c.Get("text"), parts[i].Text)
		}
	}
	if ts != "1700000000.000001" {
		t.Errorf("ts = %q, want the first part's", ts)
	}
}

func TestDirectMessage(t *testing.T) {
	a, rec, _ := postFixture(t)
	if err := a.DirectMessage(context.Background(), "U42", answerMessage()); err != nil {
		t.Fatal(err)
	}
	paths, calls := rec.recorded()
	if fmt.Sprint(paths) != "[conversations.open chat.postMessage]" {
		t.Fatalf("calls %v", paths)
	}
	if calls[0].Get("users") != "U42" || calls[1].Get("channel") != "D999" {
		t.Errorf("calls %v", calls)
	}
}

func TestPostWithoutBotToken(t *testing.T) {
	a, err := New(Options{SigningSecret: "s", Core: &fakeCore{}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Post(context.Background(), "C1", answerMessage()); !errors.Is(err, bot.ErrPermanent) {
		t.Errorf("Post without a bot token = %v, want ErrPermanent", err)
	}
}

// TestExpiredResponseURL: when a response_url refuses a message, the bot
// token delivers it, privately.
func TestExpiredResponseURL(t *testing.T) {
	a, rec, _ := postFixture(t)
	gone := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "expired_url", http.StatusNotFound)
	}))
	defer gone.Close()
	parts, _ := Render(answerMessage())
	a.deliver(context.Background(), bot.Request{UserID: "U1", ChannelID: "C1"}, gone.URL, parts)
	paths, calls := rec.recorded()
	if fmt.Sprint(paths) != "[chat.postEphemeral]" || calls[0].Get("user") != "U1" || calls[0].Get("channel") != "C1" {
		t.Errorf("calls %v %v", paths, calls)
	}
}
