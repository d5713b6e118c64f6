package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack/slacktest"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/bot/sqlite"
)

// TestSocketModeReplicas runs two adapters, as two replicas would, each
// with its own Socket Mode connection and its own store on one SQLite
// file. Slack delivers the same slash command envelope and the same click
// envelope to both (a redelivery to another connection): the command is
// answered once (one acknowledgement carries the answer, the other is
// empty) and the click is handled once.
func TestSocketModeReplicas(t *testing.T) {
	core := &fakeCore{}
	var mu sync.Mutex
	var posted []gotMsg
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m gotMsg
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("response_url got %.200s: %v", b, err)
		}
		mu.Lock()
		posted = append(posted, m)
		mu.Unlock()
	}))
	defer hook.Close()
	path := filepath.Join(t.TempDir(), "state.db")

	type replicaAck struct {
		replica int
		ack     ackMsg
	}
	acks := make(chan replicaAck, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var runs sync.WaitGroup
	for r := range 2 {
		helloSeen := make(chan struct{}, 1)
		script := func(c *websocket.Conn) {
			send := func(v string) {
				if err := c.WriteMessage(websocket.TextMessage, []byte(v)); err != nil {
					t.Errorf("replica %d: write: %v", r, err)
				}
			}
			readAck := func() bool {
				var a ackMsg
				if err := c.ReadJSON(&a); err != nil {
					return false
				}
				acks <- replicaAck{r, a}
				return true
			}
			send(`{"type":"hello","num_connections":2,"debug_info":{"host":"slacktest"},"connection_info":{"app_id":"A1"}}`)
			select {
			case <-helloSeen:
			case <-time.After(10 * time.Second):
				t.Errorf("replica %d never saw hello", r)
				return
			}
			send(fmt.Sprintf(`{"envelope_id":"env-1","type":"slash_commands","accepts_response_payload":true,"payload":{"token":"x","team_id":"T1","channel_id":"C123","user_id":"U1","user_name":"roadrunner","command":"/ask","text":"how close is the 20 point plan","response_url":%q,"trigger_id":"t1"}}`, hook.URL+"/cmd"))
			if !readAck() {
				return
			}
			send(fmt.Sprintf(`{"envelope_id":"env-2","type":"interactive","accepts_response_payload":false,"payload":{"type":"block_actions","user":{"id":"U1","name":"roadrunner"},"team":{"id":"T1"},"channel":{"id":"C123"},"response_url":%q,"actions":[{"action_id":"share","block_id":"b1","value":"ask|q","type":"button"}]}}`, hook.URL+"/act"))
			for readAck() { // until the adapter hangs up
			}
		}
		s := slacktest.NewTestServer(func(c slacktest.Customize) {
			c.Handle("/ws", slacktest.Websocket(script))
		})
		s.Start()
		defer s.Stop()

		store, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		a, err := New(Options{AppToken: "xapp-test", BotToken: "xoxb-test", APIURL: s.GetAPIURL(), Core: core,
			Dedupe: func(ctx context.Context, key string) (bool, error) {
				return store.ClaimEvent(ctx, key, time.Now())
			}})
		if err != nil {
			t.Fatal(err)
		}
		a.onEvent = func(et socketmode.EventType) {
			if et == socketmode.EventTypeHello {
				helloSeen <- struct{}{}
			}
		}
		runs.Add(1)
		go func() {
			defer runs.Done()
			if err := a.Run(ctx); err != nil {
				t.Errorf("replica %d: Run = %v", r, err)
			}
		}()
	}

	withAnswer := 0
	for range 4 { // each replica acknowledges env-1 and env-2
		select {
		case got := <-acks:
			switch {
			case got.ack.EnvelopeID == "env-1" && got.ack.Payload != nil:
				withAnswer++
			case got.ack.EnvelopeID == "env-2" && got.ack.Payload != nil:
				t.Errorf("replica %d acknowledged the click with a payload", got.replica)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("an acknowledgement is missing")
		}
	}
	if withAnswer != 1 {
		t.Errorf("%d acknowledgements carried the answer, want 1", withAnswer)
	}
	// The click is handled once its claim is decided; the shared message
	// reaches the response_url before Run returns.
	deadline := time.After(10 * time.Second)
	for len(core.clicked()) == 0 {
		select {
		case <-deadline:
			t.Fatal("the click was never handled")
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	runs.Wait()
	if n := len(core.requests()); n != 1 {
		t.Errorf("the command ran %d times, want once", n)
	}
	if n := len(core.clicked()); n != 1 {
		t.Errorf("the click was handled %d times, want once", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(posted) != 1 {
		t.Errorf("%d messages posted to response_url, want 1 (the shared answer)", len(posted))
	}
}

// TestClaim: without Dedupe, after a won claim and after a failed one the
// envelope is answered; after a lost claim it is not.
func TestClaim(t *testing.T) {
	for _, tc := range []struct {
		name   string
		dedupe func(ctx context.Context, key string) (bool, error)
		want   bool
	}{
		{"no dedupe", nil, true},
		{"won", func(context.Context, string) (bool, error) { return true, nil }, true},
		{"lost", func(context.Context, string) (bool, error) { return false, nil }, false},
		{"store down", func(context.Context, string) (bool, error) { return false, errors.New("connection refused") }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var keys []string
			opts := Options{BotToken: "xoxb", AppToken: "xapp", Core: &fakeCore{}}
			if tc.dedupe != nil {
				opts.Dedupe = func(ctx context.Context, key string) (bool, error) {
					keys = append(keys, key)
					return tc.dedupe(ctx, key)
				}
			}
			a, err := New(opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.claim(context.Background(), "Ab1"); got != tc.want {
				t.Errorf("claim = %v, want %v", got, tc.want)
			}
			if tc.dedupe != nil && (len(keys) != 1 || keys[0] != "slack:Ab1") {
				t.Errorf("claimed keys %q, want [slack:Ab1]", keys)
			}
		})
	}
}
