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
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

// TestHTTPModeEndToEnd runs what `briefbot serve` runs with only a signing
// secret: the real bot on a corpus, the adapter's routes on the bot's HTTP
// server, and Slack's signed requests, on the built-in sample and on a
// corpus it was not tuned on.
func TestHTTPModeEndToEnd(t *testing.T) {
	tests := []struct {
		name     string
		articles []corpus.Article
		command  string
		text     string
	}{
		{"sample", corpus.Sample(), "/ask", "how close is the 20 point plan"},
		{"synthetic", corpustest.Synthetic(20, 7), "/issue", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			kb, err := briefings.Build(ctx, tc.articles, briefings.Options{})
			if err != nil {
				t.Fatal(err)
			}
			question := tc.text
			if question == "" {
				// The first issue found, whatever the corpus is.
				issues := kb.Issues()
				if len(issues) == 0 {
					t.Fatal("no issues in the corpus")
				}
				question = issues[0].Name
			}
			now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
			b, err := bot.New(bot.Options{KB: kb, Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			posted := make(chan gotMsg, 4)
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var m gotMsg
				body, _ := io.ReadAll(r.Body)
				if err := json.Unmarshal(body, &m); err != nil {
					t.Errorf("response_url got %.200s: %v", body, err)
				}
				posted <- m
			}))
			defer hook.Close()
			a, err := New(Options{SigningSecret: testSecret, Core: b, Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			srv, err := bot.NewServer(bot.ServerOptions{Routes: a.Routes()})
			if err != nil {
				t.Fatal(err)
			}
			send := func(path string, form url.Values, signedAt time.Time, secret string) *httptest.ResponseRecorder {
				body := form.Encode()
				ts := strconv.FormatInt(signedAt.Unix(), 10)
				sig := newVerifier(secret, time.Now, signatureWindow, 1).sign(ts, []byte(body))
				r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set("X-Slack-Request-Timestamp", ts)
				r.Header.Set("X-Slack-Signature", sig)
				w := httptest.NewRecorder()
				srv.Handler().ServeHTTP(w, r)
				return w
			}
			form := url.Values{"command": {tc.command}, "text": {question}, "user_id": {"U1"}, "user_name": {"newuser"},
				"channel_id": {"C1"}, "team_id": {"T1"}, "response_url": {hook.URL + "/cmd"}}

			w := send("/slack/commands", form, now, testSecret)
			m := decodeReply(t, w)
			if m.ResponseType != slack.ResponseTypeEphemeral || len(m.Blocks.BlockSet) < 2 {
				t.Fatalf("reply = %+v", m)
			}
			if strings.Contains(m.Text, "No confident answer") || strings.Contains(m.Text, "No issue matches") {
				t.Errorf("the bot found nothing for %s %q", tc.command, question)
			}
			share := ""
			for _, blk := range m.Blocks.BlockSet {
				if act, ok := blk.(*slack.ActionBlock); ok {
					for _, e := range act.Elements.ElementSet {
						if btn := e.(*slack.ButtonBlockElement); btn.ActionID == bot.ActionShare {
							share = btn.Value
						}
					}
				}
			}
			if share == "" {
				t.Fatal("no Share button on the answer")
			}

			form.Set("text", question+"?") // a new request, not a replay
			if w := send("/slack/commands", form, now, "wrong-secret"); w.Code != http.StatusUnauthorized {
				t.Errorf("wrong signature: %d, want 401", w.Code)
			}
			if w := send("/slack/commands", form, now.Add(-10*time.Minute), testSecret); w.Code != http.StatusUnauthorized {
				t.Errorf("10-minute-old signature: %d, want 401", w.Code)
			}

			// Share re-posts the answer in the channel.
			w = send("/slack/interactions", interaction(bot.ActionShare, share, hook.URL+"/act"), now, testSecret)
			if w.Code != http.StatusOK {
				t.Fatalf("click: %d", w.Code)
			}
			select {
			case got := <-posted:
				if got.ResponseType != slack.ResponseTypeInChannel || got.Text != m.Text {
					t.Errorf("shared %q (%s), want %q in_channel", got.Text, got.ResponseType, m.Text)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the shared answer was never posted")
			}
			a.bg.Wait()
		})
	}
}
