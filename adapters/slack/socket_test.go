package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/bot"
)

// ackMsg is a Socket Mode acknowledgement as Slack receives it.
type ackMsg struct {
	EnvelopeID string  `json:"envelope_id"`
	Payload    *gotMsg `json:"payload"`
}

// TestSocketMode runs the adapter against slacktest: apps.connections.open
// hands out slacktest's websocket URL, where a scripted Slack says hello,
// sends a slash_commands envelope and expects the answer in the ack, then
// a button click.
func TestSocketMode(t *testing.T) {
	core := &fakeCore{}
	posted := make(chan gotMsg, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m gotMsg
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("response_url got %.200s: %v", b, err)
		}
		posted <- m
	}))
	defer hook.Close()

	helloSeen := make(chan struct{}, 1)
	acks := make(chan ackMsg, 4)
	script := func(c *websocket.Conn) {
		send := func(v string) {
			if err := c.WriteMessage(websocket.TextMessage, []byte(v)); err != nil {
				t.Errorf("write: %v", err)
			}
		}
		readAck := func() bool {
			var a ackMsg
			if err := c.ReadJSON(&a); err != nil {
				return false
			}
			acks <- a
			return true
		}
		send(`{"type":"hello","num_connections":1,"debug_info":{"host":"slacktest"},"connection_info":{"app_id":"A1"}}`)
		select {
		case <-helloSeen:
		case <-time.After(10 * time.Second):
			t.Error("the adapter never saw hello")
			return
		}
		send(fmt.Sprintf(`{"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,"payload":{"token":"x","team_id":"T1","channel_id":"C123","user_id":"U1","user_name":"roadrunner","command":"/ask","text":"how close is the 20 point plan","response_url":%q,"trigger_id":"t1"}}`, hook.URL+"/cmd"))
		if !readAck() {
			return
		}
		send(fmt.Sprintf(`{"envelope_id":"env-2","type":"interactive","accepts_response_payload":false,"payload":{"type":"block_actions","user":{"id":"U1","name":"roadrunner"},"team":{"id":"T1"},"channel":{"id":"C123"},"response_url":%q,"actions":[{"action_id":"share","block_id":"b1","value":"ask|q","type":"button"}]}}`, hook.URL+"/act"))
		if !readAck() {
			return
		}
		for readAck() { // until the adapter hangs up
		}
	}
	s := slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/ws", slacktest.Websocket(script))
	})
	s.Start()
	defer s.Stop()

	a, err := New(Options{AppToken: "xapp-test", BotToken: "xoxb-test", APIURL: s.GetAPIURL(), Core: core})
	if err != nil {
		t.Fatal(err)
	}
	a.onEvent = func(et socketmode.EventType) {
		if et == socketmode.EventTypeHello {
			helloSeen <- struct{}{}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	next := func() ackMsg {
		select {
		case a := <-acks:
			return a
		case err := <-done:
			t.Fatalf("Run ended early: %v", err)
		case <-time.After(10 * time.Second):
			t.Fatal("no ack")
		}
		return ackMsg{}
	}
	ack := next()
	if ack.EnvelopeID != "env-1" || ack.Payload == nil {
		t.Fatalf("ack = %+v, want env-1 with the answer", ack)
	}
	blocks := ack.Payload.Blocks.BlockSet
	if ack.Payload.ResponseType != slack.ResponseTypeEphemeral || len(blocks) == 0 {
		t.Fatalf("ack payload = %+v", ack.Payload)
	}
	if h, ok := blocks[0].(*slack.HeaderBlock); !ok || h.Text.Text != answerMessage().Title {
		t.Errorf("first block = %#v, want the answer's header", blocks[0])
	}
	want := bot.Request{Platform: "slack", UserID: "U1", UserName: "roadrunner", ChannelID: "C123", GuildID: "T1",
		Command: "ask", Text: "how close is the 20 point plan"}
	if got := core.requests(); len(got) != 1 || got[0] != want {
		t.Errorf("core got %+v, want %+v", got, want)
	}

	ack = next()
	if ack.EnvelopeID != "env-2" || ack.Payload != nil {
		t.Errorf("click ack = %+v, want env-2 without payload", ack)
	}
	select {
	case m := <-posted:
		if m.ResponseType != slack.ResponseTypeInChannel {
			t.Errorf("shared message = %+v, want in_channel", m)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("shared message never posted")
	}
	if c := core.clicked(); len(c) != 1 || c[0].action != bot.ActionShare || c[0].value != "ask|q" {
		t.Errorf("clicks %+v", c)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

// TestSocketModeRejectedToken: Run fails when Slack refuses the app token.
func TestSocketModeRejectedToken(t *testing.T) {
	s := slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/apps.connections.open", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, `{"ok":false,"error":"invalid_auth"}`)
		})
	})
	s.Start()
	defer s.Stop()
	a, err := New(Options{AppToken: "xapp-bad", BotToken: "xoxb", APIURL: s.GetAPIURL(), Core: &fakeCore{}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Run(ctx); err == nil || ctx.Err() != nil {
		t.Errorf("Run = %v, want an auth error before the deadline", err)
	}
}
