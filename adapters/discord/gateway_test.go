package discord

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/bot"
)

// readOp reads gateway frames until one with opcode op, skipping heartbeats.
func readOp(t *testing.T, conn *websocket.Conn, op int) map[string]any {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // a failure bound
	for {
		var m map[string]any
		if err := conn.ReadJSON(&m); err != nil {
			t.Fatalf("read op %d: %v", op, err)
		}
		if m["op"] == float64(op) {
			return m
		}
	}
}

func dispatch(t *testing.T, conn *websocket.Conn, seq int, typ, data string) {
	t.Helper()
	frame := `{"op":0,"s":` + string(rune('0'+seq)) + `,"t":"` + typ + `","d":` + data + `}`
	if err := conn.WriteMessage(websocket.TextMessage, []byte(frame)); err != nil {
		t.Fatalf("write %s: %v", typ, err)
	}
}

func TestGateway(t *testing.T) {
	api := newFakeAPI(t)
	core := &fakeCore{cmds: registry, handle: func(ctx context.Context, req bot.Request) bot.Message {
		return bot.Message{Title: "Gateway answer", Sections: []bot.Section{{Text: "About " + req.Text + "."}}}
	}}
	a, _ := newTestAdapter(t, api, core, Options{Token: "secret", GuildIDs: []string{"g1", "g2"}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ran := make(chan error, 1)
	go func() { ran <- a.Run(ctx) }()

	var conn *websocket.Conn
	select {
	case conn = <-api.conns:
	case err := <-ran:
		t.Fatalf("Run returned before connecting: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no gateway connection")
	}
	defer conn.Close()
	if err := conn.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}); err != nil {
		t.Fatal(err)
	}
	identify := readOp(t, conn, 2)["d"].(map[string]any)
	if identify["token"] != "Bot secret" || identify["intents"] != 1.0 {
		t.Errorf("identify with token %v and intents %v, want the bot token and GUILDS only", identify["token"], identify["intents"])
	}
	dispatch(t, conn, 1, "READY", `{"v":9,"session_id":"s1","user":{"id":"app9","username":"briefbot","bot":true},"application":{"id":"app9","flags":0},"guilds":[]}`)

	for _, g := range []string{"g1", "g2"} {
		c := api.next("PUT", "/api/v9/applications/app9/guilds/"+g+"/commands")
		var cmds []struct {
			Name                     string `json:"name"`
			DefaultMemberPermissions string `json:"default_member_permissions"`
			Options                  []struct {
				Name         string `json:"name"`
				Required     bool   `json:"required"`
				Autocomplete bool   `json:"autocomplete"`
			} `json:"options"`
		}
		if err := json.Unmarshal(c.Body, &cmds); err != nil {
			t.Fatal(err)
		}
		if len(cmds) != len(registry) {
			t.Fatalf("registered %d commands, want %d", len(cmds), len(registry))
		}
		if o := cmds[1].Options; cmds[1].Name != "issue" || len(o) != 1 || o[0].Name != "name" || !o[0].Required || !o[0].Autocomplete {
			t.Errorf("/issue registered as %+v", cmds[1])
		}
		if cmds[6].DefaultMemberPermissions != "32" {
			t.Errorf("admin command %s open to everyone by default", cmds[6].Name)
		}
	}

	dispatch(t, conn, 2, "INTERACTION_CREATE", commandBody("ask", "question", "@here the plan"))
	cb := api.next("POST", "/api/v9/interactions/i1/tok/callback")
	resp := decode(t, cb.Body)
	data := resp["data"].(map[string]any)
	if resp["type"] != 4.0 || data["flags"] != 64.0 || !strings.Contains(string(cb.Body), "About @here the plan.") {
		t.Errorf("interaction callback = %s", cb.Body)
	}
	if !strings.Contains(string(cb.Body), `"allowed_mentions":{"parse":[]`) {
		t.Errorf("callback may ping: %s", cb.Body)
	}

	cancel()
	select {
	case err := <-ran:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestRunHTTPOnly(t *testing.T) {
	a, _ := newTestAdapter(t, newFakeAPI(t), &fakeCore{}, Options{ApplicationID: "1", PublicKey: newSigner(1).hex()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := a.Run(ctx); err != nil {
		t.Errorf("Run: %v", err)
	}
}
