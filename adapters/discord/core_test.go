package discord

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

var (
	sampleOnce sync.Once
	sampleBot  *bot.Bot
	sampleErr  error
)

// realBot is the bot core over the built-in sample corpus.
func realBot(t testing.TB) *bot.Bot {
	t.Helper()
	sampleOnce.Do(func() {
		kb, err := briefings.Build(context.Background(), corpus.Sample(), briefings.Options{})
		if err != nil {
			sampleErr = err
			return
		}
		sampleBot, sampleErr = bot.New(bot.Options{KB: kb})
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleBot
}

// TestRealCore runs signed interactions through the real core over the
// sample corpus, as a new user trying the HTTP interactions mode would.
func TestRealCore(t *testing.T) {
	s := newSigner(1)
	b := realBot(t)
	api := newFakeAPI(t)
	a, _ := newTestAdapter(t, api, b, Options{ApplicationID: "app1", PublicKey: s.hex()})

	t.Run("autocomplete donb", func(t *testing.T) {
		w := serve(a, s.request(autocompleteBody("issue", "name", "donb"), testNow))
		var resp struct {
			Type int `json:"type"`
			Data struct {
				Choices []struct{ Name, Value string } `json:"choices"`
			} `json:"data"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatalf("%v: %s", err, w.Body)
		}
		if resp.Type != 8 || len(resp.Data.Choices) == 0 {
			t.Fatalf("want choices, got %s", w.Body)
		}
		if first := resp.Data.Choices[0].Value; !strings.Contains(strings.ToLower(first), "donbas") {
			t.Errorf("first choice for donb is %q, want the Donbas issue; all: %+v", first, resp.Data.Choices)
		}
	})

	t.Run("ask", func(t *testing.T) {
		w := serve(a, s.request(commandBody("ask", "question", "how close is the 20 point plan?"), testNow))
		var resp struct {
			Type int `json:"type"`
			Data struct {
				Flags  int `json:"flags"`
				Embeds []struct {
					Title       string `json:"title"`
					Description string `json:"description"`
				} `json:"embeds"`
				Components []json.RawMessage `json:"components"`
			} `json:"data"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatalf("%v: %s", err, w.Body)
		}
		if resp.Type != 4 || resp.Data.Flags != 64 || len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Description == "" {
			t.Fatalf("want an ephemeral answer, got %s", w.Body)
		}
		if !strings.Contains(strings.ToLower(w.Body.String()), "20-point plan") {
			t.Errorf("answer does not mention the plan: %s", w.Body)
		}
		checkLimits(t, a.render.render(b.Handle(context.Background(), bot.Request{Platform: "discord", Command: "ask", Text: "how close is the 20 point plan?"})))

		// The answer's Share button round-trips through the custom_id.
		var share string
		for _, raw := range resp.Data.Components {
			var row struct {
				Components []struct {
					Label    string `json:"label"`
					CustomID string `json:"custom_id"`
				} `json:"components"`
			}
			json.Unmarshal(raw, &row)
			for _, c := range row.Components {
				if strings.HasPrefix(c.CustomID, "bb:share:") || strings.HasPrefix(c.CustomID, "bb#share:") {
					share = c.CustomID
				}
			}
		}
		if share == "" {
			t.Skipf("the core's answer has no Share button: %s", w.Body)
		}
		w = serve(a, s.request(clickBody(share), testNow))
		m := decode(t, w.Body.Bytes())
		if m["type"] != 4.0 || m["data"].(map[string]any)["flags"] != nil {
			t.Errorf("Share should answer in the channel, got %s", w.Body)
		}
	})

	t.Run("every command renders within limits", func(t *testing.T) {
		for _, c := range b.Commands() {
			for _, text := range []string{"", "donbas", strings.Repeat("why ", 300)} {
				msg := b.Handle(context.Background(), bot.Request{Platform: "discord", Command: c.Name, Text: text})
				checkLimits(t, a.render.render(msg))
			}
		}
		d := b.KB().Digest(briefings.DigestOptions{MaxItems: 100})
		checkLimits(t, a.render.render(bot.DigestMessage(d)))
	})
}

// TestServerRoute mounts the route on the core's HTTP server and talks to
// it over HTTP, as Discord would.
func TestServerRoute(t *testing.T) {
	s := newSigner(3)
	a, _ := newTestAdapter(t, newFakeAPI(t), realBot(t), Options{ApplicationID: "app1", PublicKey: s.hex()})
	srv, err := bot.NewServer(bot.ServerOptions{Routes: a.Routes(), Gatherer: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	post := func(r *http.Request) (int, string) {
		t.Helper()
		u, _ := url.Parse(ts.URL + "/discord/interactions")
		r.URL, r.RequestURI, r.Host = u, "", u.Host
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct {
		name     string
		req      *http.Request
		status   int
		contains string
	}{
		{"ping", s.request(pingBody, testNow), 200, `{"type":1}`},
		{"ask", s.request(commandBody("ask", "question", "how close is the 20 point plan?"), testNow), 200, "20-point plan"},
		{"autocomplete", s.request(autocompleteBody("issue", "name", "donb"), testNow), 200, `"value":"Donbas"`},
		{"unsigned", httptest.NewRequest("POST", "/discord/interactions", strings.NewReader(pingBody)), 401, ""},
		{"wrong key", newSigner(4).request(pingBody, testNow), 401, ""},
		{"stale", s.request(pingBody, testNow.Add(-10*time.Minute)), 401, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := post(tc.req)
			if status != tc.status || !strings.Contains(body, tc.contains) {
				t.Errorf("status %d body %s; want %d with %q", status, body, tc.status, tc.contains)
			}
		})
	}
}

func BenchmarkAutocomplete(b *testing.B) {
	s := newSigner(1)
	a, _ := newTestAdapter(b, nil, realBot(b), Options{ApplicationID: "app1", PublicKey: s.hex(), HTTPClient: http.DefaultClient})
	body := autocompleteBody("issue", "name", "donb")
	for b.Loop() {
		if w := serve(a, s.request(body, testNow)); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkAsk(b *testing.B) {
	s := newSigner(1)
	a, _ := newTestAdapter(b, nil, realBot(b), Options{ApplicationID: "app1", PublicKey: s.hex(), HTTPClient: http.DefaultClient})
	body := commandBody("ask", "question", "how close is the 20 point plan?")
	for b.Loop() {
		if w := serve(a, s.request(body, testNow)); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkRenderLong(b *testing.B) {
	r := renderer{customID: newButtonIDs().encode}
	msg := renderCases[len(renderCases)-1].msg
	for b.Loop() {
		r.render(msg)
	}
}

// TestOtherCorpusWithinLimits renders every command's answer over a
// synthetic corpus (other topics, many more articles) and checks Discord's
// limits, the autocomplete limits and that replies never ping.
func TestOtherCorpusWithinLimits(t *testing.T) {
	kb, err := briefings.Build(context.Background(), corpustest.Synthetic(60, 11), briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Options{KB: kb})
	if err != nil {
		t.Fatal(err)
	}
	s := newSigner(1)
	a, _ := newTestAdapter(t, newFakeAPI(t), b, Options{ApplicationID: "app1", PublicKey: s.hex()})
	for _, c := range b.Commands() {
		for _, text := range []string{"", "a", strings.Repeat("why ", 300)} {
			checkLimits(t, a.render.render(b.Handle(context.Background(), bot.Request{Platform: "discord", Command: c.Name, Text: text})))
		}
	}
	checkLimits(t, a.render.render(bot.DigestMessage(kb.Digest(briefings.DigestOptions{MaxItems: 500, MaxChars: 100000}))))
	for _, is := range kb.Issues() {
		checkLimits(t, a.render.render(b.Handle(context.Background(), bot.Request{Platform: "discord", Command: "issue", Text: is.Name})))
		prefix := string([]rune(is.Name)[:min(4, len([]rune(is.Name)))])
		w := serve(a, s.request(autocompleteBody("issue", "name", prefix), testNow))
		var resp struct {
			Data struct {
				Choices []struct{ Name, Value string } `json:"choices"`
			} `json:"data"`
		}
		json.Unmarshal(w.Body.Bytes(), &resp)
		if len(resp.Data.Choices) == 0 || len(resp.Data.Choices) > 25 {
			t.Errorf("autocomplete %q: %d choices", prefix, len(resp.Data.Choices))
		}
	}
}
