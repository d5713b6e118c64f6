package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/bot"
)

// fakeCore is a scripted bot core.
type fakeCore struct {
	mu       sync.Mutex
	cmds     []bot.Command
	handle   func(ctx context.Context, req bot.Request) bot.Message
	complete func(command, partial string) []string
	reqs     []bot.Request
	clicks   []string // "action value"
}

func (c *fakeCore) Commands() []bot.Command { return c.cmds }

func (c *fakeCore) Handle(ctx context.Context, req bot.Request) bot.Message {
	c.mu.Lock()
	c.reqs = append(c.reqs, req)
	h := c.handle
	c.mu.Unlock()
	if h == nil {
		return bot.Message{Title: "ok"}
	}
	return h(ctx, req)
}

func (c *fakeCore) Click(ctx context.Context, req bot.Request, action, value string) bot.Message {
	c.mu.Lock()
	c.clicks = append(c.clicks, action+" "+value)
	c.mu.Unlock()
	if action == bot.ActionShare {
		return bot.Message{Title: "shared", Visibility: bot.Channel}
	}
	return bot.Message{Sections: []bot.Section{{Text: "Thanks for the feedback."}}}
}

func (c *fakeCore) Complete(ctx context.Context, command, partial string) []string {
	if c.complete == nil {
		return nil
	}
	return c.complete(command, partial)
}

func (c *fakeCore) requests() []bot.Request {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]bot.Request(nil), c.reqs...)
}

// registry is a command registry shaped like the core's.
var registry = []bot.Command{
	{Name: "ask", Description: "Ask a question about the news", Arg: "question", ArgDescription: "Your question", ArgRequired: true},
	{Name: "issue", Description: "Summary of one issue", Arg: "name", ArgDescription: "Issue name", ArgRequired: true, Autocomplete: true},
	{Name: "issues", Description: "List the issues"},
	{Name: "brief", Description: "The latest briefing", Arg: "issue", ArgDescription: "Limit to one issue", Autocomplete: true},
	{Name: "faq", Description: "Frequently asked questions"},
	{Name: "help", Description: "What the bot can do"},
	{Name: "reload", Description: "Reload the corpus", AdminOnly: true},
}

// call is one request the fake Discord API received.
type call struct {
	Method, Path string
	Body         []byte
}

func (c call) String() string { return c.Method + " " + c.Path }

// fakeAPI is an httptest Discord REST API (and gateway).
type fakeAPI struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	calls    []call
	events   chan call
	channels map[string]discordgo.ChannelType
	// script holds canned answers served, in order, before the normal one
	// for a "METHOD /path".
	script map[string][]canned
	// conns receives each gateway websocket connection.
	conns chan *websocket.Conn
}

type canned struct {
	status int
	body   string
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{
		t:        t,
		events:   make(chan call, 256),
		channels: map[string]discordgo.ChannelType{},
		script:   map[string][]canned{},
		conns:    make(chan *websocket.Conn, 1),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// client is an http.Client whose transport sends discord.com requests to
// the fake.
func (f *fakeAPI) client() *http.Client {
	base := f.srv.URL
	return &http.Client{Transport: rtFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host != "discord.com" {
			return nil, fmt.Errorf("unexpected request to %s", r.URL)
		}
		r2 := r.Clone(r.Context())
		r2.URL, _ = r.URL.Parse(base + r.URL.Path + "?" + r.URL.RawQuery)
		return http.DefaultTransport.RoundTrip(r2)
	})}
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func (f *fakeAPI) fail(route string, answers ...canned) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script[route] = append(f.script[route], answers...)
}

func (f *fakeAPI) all() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// next waits for the next request matching method and path prefix.
func (f *fakeAPI) next(method, prefix string) call {
	f.t.Helper()
	timeout := time.After(10 * time.Second) // a failure bound, not a wait
	for {
		select {
		case c := <-f.events:
			if c.Method == method && strings.HasPrefix(c.Path, prefix) {
				return c
			}
		case <-timeout:
			f.t.Fatalf("no %s %s request; got %v", method, prefix, f.all())
			return call{}
		}
	}
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws/" {
		f.gateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	c := call{Method: r.Method, Path: r.URL.Path, Body: body}
	route := c.String()
	f.mu.Lock()
	f.calls = append(f.calls, c)
	var scripted *canned
	if q := f.script[route]; len(q) > 0 {
		scripted, f.script[route] = &q[0], q[1:]
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if scripted != nil {
		w.WriteHeader(scripted.status)
		io.WriteString(w, scripted.body)
		f.events <- c
		return
	}
	p := strings.TrimPrefix(r.URL.Path, "/api/v9")
	switch {
	case r.Method == "GET" && p == "/gateway":
		fmt.Fprintf(w, `{"url":%q}`, "ws"+strings.TrimPrefix(f.srv.URL, "http")+"/ws")
	case r.Method == "PUT" && strings.HasSuffix(p, "/commands"):
		w.Write(body)
	case r.Method == "POST" && strings.HasPrefix(p, "/interactions/"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == "PATCH" && strings.HasPrefix(p, "/webhooks/"):
		io.WriteString(w, `{"id":"original"}`)
	case r.Method == "DELETE" && strings.HasPrefix(p, "/webhooks/"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == "POST" && strings.HasPrefix(p, "/webhooks/"):
		io.WriteString(w, `{"id":"followup"}`)
	case r.Method == "GET" && strings.HasPrefix(p, "/channels/"):
		id := strings.TrimPrefix(p, "/channels/")
		f.mu.Lock()
		typ, ok := f.channels[id]
		f.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"Unknown Channel","code":10003}`)
			break
		}
		fmt.Fprintf(w, `{"id":%q,"type":%d}`, id, typ)
	case r.Method == "POST" && strings.HasSuffix(p, "/messages"):
		io.WriteString(w, `{"id":"msg-1"}`)
	case r.Method == "POST" && strings.HasSuffix(p, "/threads"):
		io.WriteString(w, `{"id":"thread-1","type":11}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"404: Not Found","code":0}`)
	}
	f.events <- c
}

func (f *fakeAPI) gateway(w http.ResponseWriter, r *http.Request) {
	conn, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("upgrade: %v", err)
		return
	}
	f.conns <- conn
}

// newTestAdapter returns an adapter talking to api, whose clock is fixed
// and whose waits return at once (recorded in *waits).
func newTestAdapter(t testing.TB, api *fakeAPI, core Core, opts Options) (*Adapter, *[]time.Duration) {
	t.Helper()
	opts.Core = core
	if opts.HTTPClient == nil && opts.APIURL == "" {
		opts.HTTPClient = api.client()
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	waits := &[]time.Duration{}
	a.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	// Never defer unless a test says so.
	a.after = func(time.Duration) <-chan time.Time { return nil }
	t.Cleanup(a.bg.Wait)
	return a, waits
}

var testNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return m
}
