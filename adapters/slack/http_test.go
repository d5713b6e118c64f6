package slack

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// fakeCore records what the adapter asks of the bot.
type fakeCore struct {
	mu     sync.Mutex
	reqs   []bot.Request
	clicks []fakeClick
	// handle answers commands; nil answers with answerMessage().
	handle func(ctx context.Context, req bot.Request) bot.Message
}

type fakeClick struct {
	req           bot.Request
	action, value string
}

func (f *fakeCore) Handle(ctx context.Context, req bot.Request) bot.Message {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	h := f.handle
	f.mu.Unlock()
	if h != nil {
		return h(ctx, req)
	}
	return answerMessage()
}

func (f *fakeCore) Click(ctx context.Context, req bot.Request, action, value string) bot.Message {
	f.mu.Lock()
	f.clicks = append(f.clicks, fakeClick{req, action, value})
	f.mu.Unlock()
	switch action {
	case bot.ActionShare:
		m := answerMessage()
		m.Visibility = bot.Channel
		m.Buttons = m.Buttons[1:]
		return m
	default:
		return bot.Message{Sections: []bot.Section{{Text: "Thanks for the feedback!"}}}
	}
}

func (f *fakeCore) requests() []bot.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Request(nil), f.reqs...)
}

func (f *fakeCore) clicked() []fakeClick {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeClick(nil), f.clicks...)
}

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// httpFixture is an adapter in HTTP mode behind a mux, with a pinned clock
// and a response_url server recording what is posted to it.
type httpFixture struct {
	a      *Adapter
	core   *fakeCore
	mux    *http.ServeMux
	now    time.Time
	posted chan gotMsg
	hook   *httptest.Server
}

func newHTTPFixture(t *testing.T) *httpFixture {
	t.Helper()
	f := &httpFixture{core: &fakeCore{}, now: time.Unix(1_700_000_000, 0), posted: make(chan gotMsg, 16)}
	f.hook = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m gotMsg
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &m); err != nil {
			t.Errorf("response_url got %.200s: %v", body, err)
		}
		f.posted <- m
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(f.hook.Close)
	a, err := New(Options{SigningSecret: testSecret, Core: f.core, Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	f.a = a
	f.mux = http.NewServeMux()
	for pattern, h := range a.Routes() {
		f.mux.Handle(pattern, h)
	}
	return f
}

// do sends a form to path, signed at signedAt (zero: now) with sig (empty:
// the right signature).
func (f *httpFixture) do(path string, form url.Values, signedAt time.Time, sig string) *httptest.ResponseRecorder {
	body := form.Encode()
	if signedAt.IsZero() {
		signedAt = f.now
	}
	ts := strconv.FormatInt(signedAt.Unix(), 10)
	if sig == "" {
		sig = f.a.verify.sign(ts, []byte(body))
	}
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Slack-Request-Timestamp", ts)
	r.Header.Set("X-Slack-Signature", sig)
	w := httptest.NewRecorder()
	f.mux.ServeHTTP(w, r)
	return w
}

func (f *httpFixture) command(text string) url.Values {
	return url.Values{
		"command": {"/ask"}, "text": {text}, "user_id": {"U2CERLKJA"}, "user_name": {"roadrunner"},
		"channel_id": {"C123"}, "team_id": {"T1DC2JH3J"}, "response_url": {f.hook.URL + "/commands/1"},
	}
}

// gotMsg is a message as Slack receives it.
type gotMsg struct {
	ResponseType    string       `json:"response_type"`
	Text            string       `json:"text"`
	Blocks          slack.Blocks `json:"blocks"`
	ReplaceOriginal bool         `json:"replace_original"`
}

func (f *httpFixture) next(t *testing.T) gotMsg {
	t.Helper()
	select {
	case m := <-f.posted:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("nothing posted to response_url")
		return gotMsg{}
	}
}

func decodeReply(t *testing.T, w *httptest.ResponseRecorder) gotMsg {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var m gotMsg
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatalf("body %.200q: %v", w.Body, err)
	}
	return m
}

func TestCommandAnsweredInBody(t *testing.T) {
	f := newHTTPFixture(t)
	w := f.do("/slack/commands", f.command("how close is the 20 point plan"), time.Time{}, "")
	m := decodeReply(t, w)
	if m.ResponseType != "ephemeral" || len(m.Blocks.BlockSet) == 0 || !strings.Contains(m.Text, "20-point plan") {
		t.Errorf("reply = %+v", m)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
	want := bot.Request{Platform: "slack", UserID: "U2CERLKJA", UserName: "roadrunner", ChannelID: "C123",
		GuildID: "T1DC2JH3J", Command: "ask", Text: "how close is the 20 point plan"}
	if got := f.core.requests(); len(got) != 1 || got[0] != want {
		t.Errorf("core got %+v, want %+v", got, want)
	}
}

func TestCommandTextUnescaped(t *testing.T) {
	f := newHTTPFixture(t)
	f.do("/slack/commands", f.command("tom &amp; jerry &lt;3"), time.Time{}, "")
	if got := f.core.requests(); len(got) != 1 || got[0].Text != "tom & jerry <3" {
		t.Errorf("core got %+v", got)
	}
}

func TestUnsignedRequestsRejected(t *testing.T) {
	f := newHTTPFixture(t)
	replayed := f.command("first")
	if w := f.do("/slack/commands", replayed, time.Time{}, ""); w.Code != http.StatusOK {
		t.Fatalf("good request: %d", w.Code)
	}
	tests := []struct {
		name     string
		path     string
		form     url.Values
		signedAt time.Time
		sig      string
	}{
		{"wrong signature", "/slack/commands", f.command("q"), time.Time{}, "v0=" + strings.Repeat("ab", 32)},
		{"10 minutes old", "/slack/commands", f.command("q"), f.now.Add(-10 * time.Minute), ""},
		{"replayed", "/slack/commands", replayed, time.Time{}, ""},
		{"interaction with wrong signature", "/slack/interactions", url.Values{"payload": {`{"type":"block_actions"}`}}, time.Time{}, "v0=00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(f.core.requests())
			w := f.do(tc.path, tc.form, tc.signedAt, tc.sig)
			if w.Code != http.StatusUnauthorized {
				t.Errorf("status %d, want 401", w.Code)
			}
			if len(f.core.requests()) != before || len(f.core.clicked()) != 0 {
				t.Error("the bot was called for an unverified request")
			}
		})
	}
	t.Run("missing headers", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodPost, "/slack/commands", strings.NewReader(f.command("q").Encode()))
		w := httptest.NewRecorder()
		f.mux.ServeHTTP(w, r)
		if w.Code != http.StatusUnauthorized {
			t.Errorf("status %d, want 401", w.Code)
		}
	})
}

func TestSlowCommandFollowsUp(t *testing.T) {
	f := newHTTPFixture(t)
	release := make(chan struct{})
	f.core.handle = func(ctx context.Context, req bot.Request) bot.Message {
		<-release
		return answerMessage()
	}
	budget := make(chan time.Time)
	close(budget) // the answer budget is already spent
	f.a.after = func(time.Duration) <-chan time.Time { return budget }

	m := decodeReply(t, f.do("/slack/commands", f.command("slow"), time.Time{}, ""))
	if m.Text != workingText || m.ResponseType != "ephemeral" {
		t.Errorf("acknowledgement = %+v", m)
	}
	close(release)
	got := f.next(t)
	if got.ResponseType != "ephemeral" || !strings.Contains(got.Text, "20-point plan") || len(got.Blocks.BlockSet) == 0 {
		t.Errorf("follow-up = %+v", got)
	}
	f.a.bg.Wait()
}

func TestLongAnswerFollowsInParts(t *testing.T) {
	f := newHTTPFixture(t)
	f.core.handle = func(context.Context, bot.Request) bot.Message { return longMessage() }
	w := f.do("/slack/commands", f.command("/brief"), time.Time{}, "")
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Fatalf("acknowledgement %d %q, want an empty 200", w.Code, w.Body)
	}
	parts, _ := Render(longMessage())
	for i := range parts {
		got := f.next(t)
		if want := parts[i].Text; got.Text != want {
			t.Errorf("part %d: text %q, want %q", i+1, got.Text, want)
		}
	}
	f.a.bg.Wait()
}

func interaction(actionID, value, responseURL string) url.Values {
	payload := map[string]any{
		"type":         "block_actions",
		"user":         map[string]string{"id": "U2CERLKJA", "name": "roadrunner"},
		"team":         map[string]string{"id": "T1DC2JH3J"},
		"channel":      map[string]string{"id": "C123"},
		"response_url": responseURL,
		"actions":      []map[string]string{{"action_id": actionID, "block_id": "b1", "value": value, "type": "button"}},
	}
	b, _ := json.Marshal(payload)
	return url.Values{"payload": {string(b)}}
}

func TestInteractions(t *testing.T) {
	tests := []struct {
		name     string
		actionID string
		action   string
		respType string
		text     string
	}{
		{"share", "share", bot.ActionShare, "in_channel", "20-point plan"},
		{"helpful", "helpful", bot.ActionHelpful, "ephemeral", "Thanks for the feedback!"},
		{"not helpful, duplicate id", "unhelpful#2", bot.ActionUnhelpful, "ephemeral", "Thanks for the feedback!"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newHTTPFixture(t)
			w := f.do("/slack/interactions", interaction(tc.actionID, "ask|q", f.hook.URL+"/actions/1"), time.Time{}, "")
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			got := f.next(t)
			if got.ResponseType != tc.respType || !strings.Contains(got.Text, tc.text) || got.ReplaceOriginal {
				t.Errorf("posted %+v", got)
			}
			f.a.bg.Wait()
			c := f.core.clicked()
			want := fakeClick{bot.Request{Platform: "slack", UserID: "U2CERLKJA", UserName: "roadrunner", ChannelID: "C123", GuildID: "T1DC2JH3J"}, tc.action, "ask|q"}
			if len(c) != 1 || c[0] != want {
				t.Errorf("clicks %+v, want %+v", c, want)
			}
		})
	}
}

func TestBadInteractionPayload(t *testing.T) {
	f := newHTTPFixture(t)
	if w := f.do("/slack/interactions", url.Values{"payload": {"{not json"}}, time.Time{}, ""); w.Code != http.StatusBadRequest {
		t.Errorf("status %d, want 400", w.Code)
	}
}

func TestNewOptions(t *testing.T) {
	core := &fakeCore{}
	tests := []struct {
		name string
		opts Options
		ok   bool
	}{
		{"nothing", Options{}, false},
		{"app token alone", Options{AppToken: "xapp", Core: core}, false},
		{"socket mode", Options{AppToken: "xapp", BotToken: "xoxb", Core: core}, true},
		{"signing secret alone", Options{SigningSecret: "s", Core: core}, true},
		{"signing secret without bot", Options{SigningSecret: "s"}, false},
		{"posting only", Options{BotToken: "xoxb"}, true},
		{"api url without slash", Options{BotToken: "xoxb", APIURL: "http://127.0.0.1:1/api"}, true},
		{"bad api url", Options{BotToken: "xoxb", APIURL: "ftp://x"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := New(tc.opts)
			if (err == nil) != tc.ok {
				t.Fatalf("New: %v", err)
			}
			if err == nil && (a.Routes() != nil) != (tc.opts.SigningSecret != "") {
				t.Error("routes do not follow the signing secret")
			}
		})
	}
}

// TestCommandReplies covers the three ways a command is answered, with
// Socket Mode's 20 KB acknowledgement limit.
func TestCommandReplies(t *testing.T) {
	cjk := bot.Message{Title: "大", Sections: []bot.Section{{Text: strings.Repeat("和平计划的进展。", 900)}}}
	tests := []struct {
		name     string
		msg      bot.Message
		slow     bool
		wantNow  string // text of the immediate reply; "" for none
		followUp int
	}{
		{"fast and small", answerMessage(), false, answerMessage().Title, 0},
		{"too big for a socket ack", cjk, false, "", 1},
		{"several parts", longMessage(), false, "", 5},
		{"slow", answerMessage(), true, workingText, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newHTTPFixture(t)
			f.core.handle = func(context.Context, bot.Request) bot.Message { return tc.msg }
			release := make(chan struct{})
			if tc.slow {
				spent := make(chan time.Time)
				close(spent)
				f.core.handle = func(context.Context, bot.Request) bot.Message { <-release; return tc.msg }
				f.a.after = func(time.Duration) <-chan time.Time { return spent }
			} else {
				f.a.after = func(time.Duration) <-chan time.Time { return nil }
			}
			reply := f.a.command(context.Background(), bot.Request{Command: "ask"}, f.hook.URL+"/r", fitsSocket)
			switch {
			case tc.wantNow == "" && reply != nil:
				t.Errorf("immediate reply %q, want none", reply.Text)
			case tc.wantNow != "" && (reply == nil || !strings.HasPrefix(reply.Text, tc.wantNow)):
				t.Errorf("immediate reply %+v, want %q", reply, tc.wantNow)
			case reply != nil && !fitsSocket(*reply):
				t.Error("immediate reply too big for a Socket Mode ack")
			}
			close(release)
			for i := 0; i < tc.followUp; i++ {
				f.next(t)
			}
			f.a.bg.Wait()
			select {
			case m := <-f.posted:
				t.Errorf("unexpected follow-up %q", m.Text)
			default:
			}
		})
	}
}
