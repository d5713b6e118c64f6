package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// signer signs interaction requests with a key made for the test.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(seed byte) signer {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
	return signer{pub: priv.Public().(ed25519.PublicKey), priv: priv}
}

func (s signer) hex() string { return hex.EncodeToString(s.pub) }

// request returns a signed POST /discord/interactions for body at ts.
func (s signer) request(body string, ts time.Time) *http.Request {
	r := httptest.NewRequest("POST", "/discord/interactions", strings.NewReader(body))
	stamp := strconv.FormatInt(ts.Unix(), 10)
	r.Header.Set("X-Signature-Timestamp", stamp)
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, []byte(stamp+body))))
	r.Header.Set("Content-Type", "application/json")
	return r
}

// httpAdapter is an adapter in HTTP interactions mode signed by s.
func httpAdapter(t *testing.T, api *fakeAPI, core Core, s signer) *Adapter {
	a, _ := newTestAdapter(t, api, core, Options{ApplicationID: "app1", PublicKey: s.hex()})
	return a
}

func serve(a *Adapter, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	a.Routes()["POST /discord/interactions"].ServeHTTP(w, r)
	return w
}

const pingBody = `{"id":"i0","application_id":"app1","type":1,"token":"tok","version":1}`

func commandBody(name, option, value string) string {
	return fmt.Sprintf(`{"id":"i1","application_id":"app1","type":2,"token":"tok","version":1,
"guild_id":"g1","channel_id":"c1","member":{"user":{"id":"u1","username":"ana","global_name":"Ana"}},
"data":{"id":"cmd1","name":%q,"type":1,"options":[{"name":%q,"type":3,"value":%q}]}}`, name, option, value)
}

func autocompleteBody(name, option, value string) string {
	return fmt.Sprintf(`{"id":"i2","application_id":"app1","type":4,"token":"tok","version":1,
"guild_id":"g1","channel_id":"c1","member":{"user":{"id":"u1","username":"ana"}},
"data":{"id":"cmd2","name":%q,"type":1,"options":[{"name":%q,"type":3,"value":%q,"focused":true}]}}`, name, option, value)
}

func clickBody(customID string) string {
	return fmt.Sprintf(`{"id":"i3","application_id":"app1","type":3,"token":"tok","version":1,
"guild_id":"g1","channel_id":"c1","member":{"user":{"id":"u2","username":"bo"}},
"data":{"custom_id":%q,"component_type":2}}`, customID)
}

func TestInteractionSignatures(t *testing.T) {
	good, other := newSigner(1), newSigner(2)
	a := httpAdapter(t, newFakeAPI(t), &fakeCore{}, good)
	for _, tc := range []struct {
		name string
		req  func() *http.Request
		want int
	}{
		{"good", func() *http.Request { return good.request(pingBody, testNow) }, 200},
		{"4 minutes old", func() *http.Request { return good.request(pingBody, testNow.Add(-4*time.Minute)) }, 200},
		{"wrong key", func() *http.Request { return other.request(pingBody, testNow) }, 401},
		{"stale", func() *http.Request { return good.request(pingBody, testNow.Add(-6*time.Minute)) }, 401},
		{"future", func() *http.Request { return good.request(pingBody, testNow.Add(6*time.Minute)) }, 401},
		{"tampered body", func() *http.Request {
			r := good.request(pingBody, testNow)
			r.Body = httptest.NewRequest("POST", "/", strings.NewReader(strings.Replace(pingBody, "i0", "i9", 1))).Body
			return r
		}, 401},
		{"timestamp changed", func() *http.Request {
			r := good.request(pingBody, testNow)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(testNow.Unix()+1, 10))
			return r
		}, 401},
		{"unsigned", func() *http.Request {
			return httptest.NewRequest("POST", "/discord/interactions", strings.NewReader(pingBody))
		}, 401},
		{"signature not hex", func() *http.Request {
			r := good.request(pingBody, testNow)
			r.Header.Set("X-Signature-Ed25519", "zz")
			return r
		}, 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := serve(a, tc.req())
			if w.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.want, w.Body)
			}
			if tc.want == 200 && strings.TrimSpace(w.Body.String()) != `{"type":1}` {
				t.Errorf("PING answered %s, want PONG", w.Body)
			}
		})
	}
}

func TestInteractionAsk(t *testing.T) {
	s := newSigner(1)
	core := &fakeCore{handle: func(ctx context.Context, req bot.Request) bot.Message {
		return bot.Message{Title: "Answer", Sections: []bot.Section{{Text: "You asked: " + req.Text}},
			Buttons: []bot.Button{{Label: "Share", Action: bot.ActionShare, Value: "v1"}}}
	}}
	api := newFakeAPI(t)
	a := httpAdapter(t, api, core, s)
	w := serve(a, s.request(commandBody("ask", "question", "@everyone what is new?"), testNow))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	resp := decode(t, w.Body.Bytes())
	data := resp["data"].(map[string]any)
	if resp["type"] != 4.0 || data["flags"] != 64.0 {
		t.Errorf("want an ephemeral type 4 response, got %s", w.Body)
	}
	if am, _ := json.Marshal(data["allowed_mentions"]); string(am) != `{"parse":[],"replied_user":false}` {
		t.Errorf("allowed_mentions = %s, want nothing parsed", am)
	}
	if !strings.Contains(w.Body.String(), "You asked: @everyone what is new?") {
		t.Errorf("answer missing from %s", w.Body)
	}
	want := bot.Request{Platform: "discord", UserID: "u1", UserName: "Ana", ChannelID: "c1", GuildID: "g1", Command: "ask", Text: "@everyone what is new?"}
	if got := core.requests(); len(got) != 1 || got[0] != want {
		t.Errorf("core got %+v, want %+v", got, want)
	}
	if calls := api.all(); len(calls) != 0 {
		t.Errorf("a one-part answer made REST calls: %v", calls)
	}
}

func TestInteractionDeferred(t *testing.T) {
	s := newSigner(1)
	release := make(chan struct{})
	core := &fakeCore{handle: func(ctx context.Context, req bot.Request) bot.Message {
		<-release
		return bot.Message{Title: "Slow answer", Sections: []bot.Section{{Text: "Took a while."}}}
	}}
	api := newFakeAPI(t)
	a := httpAdapter(t, api, core, s)
	fired := make(chan time.Time, 1)
	fired <- testNow
	a.after = func(d time.Duration) <-chan time.Time {
		if d != 2500*time.Millisecond {
			t.Errorf("deferred after %v, want 2.5s", d)
		}
		return fired
	}
	w := serve(a, s.request(commandBody("ask", "question", "slow?"), testNow))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":5,"data":{"tts":false,"content":"","components":null,"embeds":null,"flags":64}}` {
		t.Fatalf("want a deferred ephemeral response, got %s", got)
	}
	close(release)
	edit := api.next("PATCH", "/api/v9/webhooks/app1/tok/messages/@original")
	body := string(edit.Body)
	if !strings.Contains(body, "Slow answer") || !strings.Contains(body, `"allowed_mentions":{"parse":[]`) {
		t.Errorf("edit of the original response = %s", body)
	}
}

func TestInteractionLongAnswerFollowUps(t *testing.T) {
	s := newSigner(1)
	long := renderCases[len(renderCases)-1].msg
	core := &fakeCore{handle: func(context.Context, bot.Request) bot.Message { return long }}
	api := newFakeAPI(t)
	a := httpAdapter(t, api, core, s)
	parts := a.render.render(long)
	if len(parts) < 2 {
		t.Fatalf("the long message renders in %d part", len(parts))
	}
	w := serve(a, s.request(commandBody("ask", "question", "everything?"), testNow))
	if resp := decode(t, w.Body.Bytes()); resp["type"] != 4.0 {
		t.Fatalf("want type 4, got %s", w.Body)
	}
	for i := 1; i < len(parts); i++ {
		c := api.next("POST", "/api/v9/webhooks/app1/tok")
		m := decode(t, c.Body)
		if m["flags"] != 64.0 || m["allowed_mentions"] == nil {
			t.Errorf("follow-up %d is not ephemeral and mention-free: %s", i, c.Body)
		}
		if i == len(parts)-1 && m["components"] == nil {
			t.Errorf("the last follow-up lacks the buttons")
		}
	}
}

func TestInteractionClicks(t *testing.T) {
	s := newSigner(1)
	core := &fakeCore{}
	a := httpAdapter(t, newFakeAPI(t), core, s)
	long := a.ids.encode(bot.ActionShare, strings.Repeat("v", 120))
	for _, tc := range []struct {
		name, customID string
		wantFlags      any
		wantClick      string
		wantText       string
	}{
		{"share posts to the channel", "bb:share:ask:what", nil, "share ask:what", "shared"},
		{"helpful is private", "bb:helpful:ask:what", 64.0, "helpful ask:what", "Thanks"},
		{"long value", long, nil, "share " + strings.Repeat("v", 120), "shared"},
		{"unknown button", "bb#share:0000", 64.0, "", "expired"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core.clicks = nil
			w := serve(a, s.request(clickBody(tc.customID), testNow))
			resp := decode(t, w.Body.Bytes())
			data := resp["data"].(map[string]any)
			if resp["type"] != 4.0 || data["flags"] != tc.wantFlags {
				t.Errorf("response %s: want type 4 with flags %v", w.Body, tc.wantFlags)
			}
			if got := strings.Join(core.clicks, ","); got != tc.wantClick {
				t.Errorf("clicks %q, want %q", got, tc.wantClick)
			}
			if !strings.Contains(w.Body.String(), tc.wantText) {
				t.Errorf("response %s lacks %q", w.Body, tc.wantText)
			}
		})
	}
}

func TestInteractionDeferredVisibilityChange(t *testing.T) {
	s := newSigner(1)
	release := make(chan struct{})
	core := &fakeCore{}
	api := newFakeAPI(t)
	a := httpAdapter(t, api, clickCore{core, release}, s)
	fired := make(chan time.Time, 1)
	fired <- testNow
	a.after = func(time.Duration) <-chan time.Time { return fired }
	w := serve(a, s.request(clickBody("bb:share:x"), testNow))
	if got := strings.TrimSpace(w.Body.String()); !strings.HasPrefix(got, `{"type":5`) || strings.Contains(got, `"flags"`) {
		t.Fatalf("a share click defers in public, got %s", got)
	}
	close(release)
	api.next("DELETE", "/api/v9/webhooks/app1/tok/messages/@original")
	c := api.next("POST", "/api/v9/webhooks/app1/tok")
	if m := decode(t, c.Body); m["flags"] != 64.0 {
		t.Errorf("a private message after a public deferral must be an ephemeral follow-up: %s", c.Body)
	}
}

// clickCore answers clicks privately, once released.
type clickCore struct {
	*fakeCore
	release chan struct{}
}

func (c clickCore) Click(context.Context, bot.Request, string, string) bot.Message {
	<-c.release
	return bot.Message{Sections: []bot.Section{{Text: "That button no longer works."}}}
}

func TestAutocomplete(t *testing.T) {
	s := newSigner(1)
	var names []string
	names = append(names, "Donbas", strings.Repeat("Very long issue name ", 8))
	for i := 0; i < 40; i++ {
		names = append(names, fmt.Sprintf("Issue %d", i))
	}
	core := &fakeCore{complete: func(command, partial string) []string {
		if command != "issue" || partial != "donb" {
			return nil
		}
		return names
	}}
	a := httpAdapter(t, newFakeAPI(t), core, s)
	w := serve(a, s.request(autocompleteBody("issue", "name", "donb"), testNow))
	var resp struct {
		Type int `json:"type"`
		Data struct {
			Choices []struct{ Name, Value string } `json:"choices"`
		} `json:"data"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Type != 8 || len(resp.Data.Choices) != 25 {
		t.Fatalf("want type 8 with 25 choices, got %s", w.Body)
	}
	if resp.Data.Choices[0].Value != "Donbas" {
		t.Errorf("first choice %+v, want Donbas", resp.Data.Choices[0])
	}
	for _, c := range resp.Data.Choices {
		if runes(c.Name) > 100 || runes(c.Value) > 100 || c.Name == "" {
			t.Errorf("choice %+v breaks the 1-100 character limit", c)
		}
	}
}

func TestAutocompleteSlowCore(t *testing.T) {
	s := newSigner(1)
	release := make(chan struct{})
	defer close(release)
	core := &fakeCore{complete: func(string, string) []string { <-release; return []string{"late"} }}
	a := httpAdapter(t, newFakeAPI(t), core, s)
	fired := make(chan time.Time, 1)
	fired <- testNow
	a.after = func(time.Duration) <-chan time.Time { return fired }
	w := serve(a, s.request(autocompleteBody("issue", "name", "x"), testNow))
	if got := strings.TrimSpace(w.Body.String()); got != `{"type":8,"data":{"tts":false,"content":"","components":null,"embeds":null}}` {
		t.Errorf("a slow core gets an empty answer in time, got %s", got)
	}
}

func TestRoutesOnlyWithPublicKey(t *testing.T) {
	a, _ := newTestAdapter(t, newFakeAPI(t), &fakeCore{}, Options{Token: "t"})
	if r := a.Routes(); r != nil {
		t.Errorf("gateway-only adapter serves %v", r)
	}
}
