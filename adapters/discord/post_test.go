package discord

import (
	"context"
	"encoding/json"
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

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/config"
)

var digest = bot.Message{
	Title:      "Briefing for 2 March 2026",
	Visibility: bot.Channel,
	Sections:   []bot.Section{{Heading: "Donbas", Items: []bot.Item{{Text: "Talks went on. @everyone", Citations: []bot.Citation{srcPlan}}}}},
}

const (
	rateLimited = `{"message":"You are being rate limited.","retry_after":1.5,"global":false}`
	unavailable = `{"message":"Service unavailable","code":0}`
)

func TestPost(t *testing.T) {
	const text, forum = "c-text", "c-forum"
	sends := "POST /api/v9/channels/" + text + "/messages"
	for _, tc := range []struct {
		name      string
		target    string
		script    map[string][]canned
		msg       bot.Message
		wantID    string
		wantErr   string
		permanent bool
		wantCalls []string
		wantWaits []time.Duration
	}{
		{
			name: "text channel", target: text, msg: digest, wantID: "msg-1",
			wantCalls: []string{"GET /api/v9/channels/c-text", sends},
		},
		{
			name: "rate limited once", target: text, msg: digest, wantID: "msg-1",
			script:    map[string][]canned{sends: {{429, rateLimited}}},
			wantCalls: []string{"GET /api/v9/channels/c-text", sends, sends},
			wantWaits: []time.Duration{1500 * time.Millisecond},
		},
		{
			name: "server errors retried with backoff", target: text, msg: digest, wantID: "msg-1",
			script:    map[string][]canned{sends: {{500, unavailable}, {502, unavailable}, {503, unavailable}}},
			wantCalls: []string{"GET /api/v9/channels/c-text", sends, sends, sends, sends},
			wantWaits: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second},
		},
		{
			name: "server errors until giving up", target: text, msg: digest, wantErr: "gave up after 5 attempts",
			script:    map[string][]canned{sends: {{500, unavailable}, {500, unavailable}, {500, unavailable}, {500, unavailable}, {500, unavailable}}},
			wantCalls: []string{"GET /api/v9/channels/c-text", sends, sends, sends, sends, sends},
			wantWaits: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second},
		},
		{
			name: "forum channel starts a post", target: forum, msg: digest, wantID: "thread-1",
			wantCalls: []string{"GET /api/v9/channels/c-forum", "POST /api/v9/channels/c-forum/threads"},
		},
		{
			name: "long digest in a forum continues in its thread", target: forum, msg: renderCases[len(renderCases)-1].msg, wantID: "thread-1",
			wantCalls: []string{"GET /api/v9/channels/c-forum", "POST /api/v9/channels/c-forum/threads", "POST /api/v9/channels/thread-1/messages"},
		},
		{
			name: "unknown channel", target: "c-gone", msg: digest, wantErr: "Unknown Channel", permanent: true,
			wantCalls: []string{"GET /api/v9/channels/c-gone"},
		},
		{
			name: "missing access", target: text, msg: digest, wantErr: "Missing Access", permanent: true,
			script:    map[string][]canned{sends: {{403, `{"message":"Missing Access","code":50001}`}}},
			wantCalls: []string{"GET /api/v9/channels/c-text", sends},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t)
			api.channels[text] = discordgo.ChannelTypeGuildText
			api.channels[forum] = discordgo.ChannelTypeGuildForum
			for route, answers := range tc.script {
				api.fail(route, answers...)
			}
			a, waits := newTestAdapter(t, api, &fakeCore{}, Options{Token: "secret"})
			id, err := a.Post(context.Background(), tc.target, tc.msg)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Post: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("Post error %v, want %q", err, tc.wantErr)
			case err != nil && errors.Is(err, bot.ErrPermanent) != tc.permanent:
				t.Errorf("errors.Is(%v, ErrPermanent) = %v, want %v", err, !tc.permanent, tc.permanent)
			}
			if id != tc.wantID {
				t.Errorf("id %q, want %q", id, tc.wantID)
			}
			var got []string
			for _, c := range api.all() {
				got = append(got, c.String())
				if c.Method == "POST" && !strings.Contains(string(c.Body), `"allowed_mentions":{"parse":[]`) {
					t.Errorf("%s without empty allowed_mentions: %s", c, c.Body)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.wantCalls) {
				t.Errorf("calls\n%v\nwant\n%v", got, tc.wantCalls)
			}
			if fmt.Sprint(*waits) != fmt.Sprint(tc.wantWaits) {
				t.Errorf("waits %v, want %v", *waits, tc.wantWaits)
			}
		})
	}
}

func TestPostForumThread(t *testing.T) {
	api := newFakeAPI(t)
	api.channels["f"] = discordgo.ChannelTypeGuildForum
	a, _ := newTestAdapter(t, api, &fakeCore{}, Options{Token: "secret"})
	if _, err := a.Post(context.Background(), "f", digest); err != nil {
		t.Fatal(err)
	}
	c := api.next("POST", "/api/v9/channels/f/threads")
	m := decode(t, c.Body)
	if m["name"] != digest.Title {
		t.Errorf("thread name %v, want the digest's title", m["name"])
	}
	msg, _ := m["message"].(map[string]any)
	if embeds, _ := msg["embeds"].([]any); len(embeds) == 0 {
		t.Errorf("forum post without the digest: %s", c.Body)
	}
	// The channel's type is looked up once.
	if _, err := a.Post(context.Background(), "f", digest); err != nil {
		t.Fatal(err)
	}
	gets := 0
	for _, c := range api.all() {
		if c.Method == "GET" {
			gets++
		}
	}
	if gets != 1 {
		t.Errorf("%d channel lookups, want 1", gets)
	}
}

func TestPostWithoutToken(t *testing.T) {
	a, _ := newTestAdapter(t, newFakeAPI(t), &fakeCore{}, Options{ApplicationID: "1", PublicKey: newSigner(1).hex()})
	if _, err := a.Post(context.Background(), "c", digest); !errors.Is(err, bot.ErrPermanent) {
		t.Errorf("Post without a token: %v, want ErrPermanent", err)
	}
}

func TestPostStopsWhenContextEnds(t *testing.T) {
	api := newFakeAPI(t)
	api.channels["c"] = discordgo.ChannelTypeGuildText
	api.fail("POST /api/v9/channels/c/messages", canned{500, unavailable})
	a, _ := newTestAdapter(t, api, &fakeCore{}, Options{Token: "secret"})
	ctx, cancel := context.WithCancel(context.Background())
	a.sleep = func(ctx context.Context, d time.Duration) error { cancel(); return ctx.Err() }
	if _, err := a.Post(ctx, "c", digest); !errors.Is(err, context.Canceled) || errors.Is(err, bot.ErrPermanent) {
		t.Errorf("Post after cancel: %v", err)
	}
}

func TestAPIURL(t *testing.T) {
	for _, tc := range []struct{ name, suffix, want string }{
		{"host only stands for discord.com", "", "/api/v9/channels/c"},
		{"with a path stands for discord.com/api", "/proxy/api", "/proxy/api/v9/channels/c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var paths []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				paths = append(paths, r.URL.Path)
				mu.Unlock()
				io.WriteString(w, `{"id":"c","type":0}`)
			}))
			defer srv.Close()
			a, err := New(Options{Token: "t", APIURL: srv.URL + tc.suffix, Core: &fakeCore{}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.channelType(context.Background(), "c"); err != nil {
				t.Fatal(err)
			}
			if len(paths) != 1 || paths[0] != tc.want {
				t.Errorf("paths %v, want [%s]", paths, tc.want)
			}
		})
	}
}

func TestNew(t *testing.T) {
	key := newSigner(1).hex()
	for _, tc := range []struct {
		name    string
		opts    Options
		wantErr bool
	}{
		{"gateway", Options{Token: "t"}, false},
		{"http", Options{PublicKey: key, ApplicationID: "1"}, false},
		{"both", Options{Token: "t", PublicKey: key, ApplicationID: "1"}, false},
		{"nothing", Options{}, true},
		{"key without app id", Options{PublicKey: key}, true},
		{"bad key", Options{PublicKey: "zz", ApplicationID: "1"}, true},
		{"short key", Options{PublicKey: "abcd", ApplicationID: "1"}, true},
		{"bad api url", Options{Token: "t", APIURL: "ftp://x"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Core = &fakeCore{}
			_, err := New(tc.opts)
			if (err != nil) != tc.wantErr {
				t.Errorf("New: %v, want error %v", err, tc.wantErr)
			}
		})
	}
}

func TestInviteURL(t *testing.T) {
	want := "https://discord.com/oauth2/authorize?client_id=123&permissions=19456&scope=bot+applications.commands"
	if got := InviteURL("123"); got != want {
		t.Errorf("InviteURL = %s, want %s", got, want)
	}
}

func TestConfigOptions(t *testing.T) {
	c := config.Discord{Token: "t", ApplicationID: "1", PublicKey: newSigner(1).hex(), GuildIDs: []string{"g"}, APIURL: "http://127.0.0.1:1"}
	opts := ConfigOptions(c)
	if opts.Token != c.Token || opts.ApplicationID != c.ApplicationID || opts.PublicKey != c.PublicKey || opts.GuildIDs[0] != "g" || opts.APIURL != c.APIURL {
		t.Errorf("ConfigOptions(%+v) = %+v", c, opts)
	}
	opts.Core = &fakeCore{}
	if _, err := New(opts); err != nil {
		t.Error(err)
	}
}

// TestClientTimeoutIsRetried: a call that ends with the HTTP client's
// timeout (or a dropped connection) while the caller's context is live is
// transient: it is tried again, not given up as permanent.
func TestClientTimeoutIsRetried(t *testing.T) {
	api := newFakeAPI(t)
	a, _ := newTestAdapter(t, api, &fakeCore{}, Options{Token: "secret"})
	a.sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	for _, cause := range []error{
		&url.Error{Op: "Post", URL: "https://discord.com/api/v9/channels/c/messages", Err: context.DeadlineExceeded},
		&url.Error{Op: "Post", URL: "https://discord.com/api/v9/channels/c/messages", Err: io.ErrUnexpectedEOF},
	} {
		calls := 0
		err := a.retry(context.Background(), "send message", retryREST, func(...discordgo.RequestOption) error {
			calls++
			if calls == 1 {
				return cause
			}
			return nil
		})
		if err != nil || calls != 2 {
			t.Errorf("%v: retry = %v after %d calls; want success on the second", cause, err, calls)
		}
	}
}

// TestRetriedPartKeepsItsNonce: every attempt at a part carries the same
// enforced nonce, so Discord posts it once even when an earlier attempt
// was accepted but its answer lost; different parts have different ones.
func TestRetriedPartKeepsItsNonce(t *testing.T) {
	api := newFakeAPI(t)
	api.channels["c"] = discordgo.ChannelTypeGuildText
	api.fail("POST /api/v9/channels/c/messages", canned{500, unavailable}, canned{502, unavailable})
	a, _ := newTestAdapter(t, api, &fakeCore{}, Options{Token: "secret"})
	if _, err := a.Post(context.Background(), "c", digest); err != nil {
		t.Fatal(err)
	}
	var nonces []string
	for _, c := range api.all() {
		if c.String() != "POST /api/v9/channels/c/messages" {
			continue
		}
		var body struct {
			Nonce        string `json:"nonce"`
			EnforceNonce bool   `json:"enforce_nonce"`
		}
		if err := json.Unmarshal(c.Body, &body); err != nil || body.Nonce == "" || !body.EnforceNonce || len(body.Nonce) > 25 {
			t.Fatalf("send %s: nonce %+v, %v", c.Body, body, err)
		}
		nonces = append(nonces, body.Nonce)
	}
	if len(nonces) != 3 || nonces[0] != nonces[1] || nonces[1] != nonces[2] {
		t.Errorf("nonces of three attempts at one part: %v; want one nonce", nonces)
	}
	if partNonce("k", 0) == partNonce("k", 1) {
		t.Error("two parts share a nonce")
	}
}
