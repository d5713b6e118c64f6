package discord

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/sqlite"
)

// TestGatewayReplicas: every gateway session receives every interaction.
// Two adapters, as two replicas, each with its own store on one SQLite
// file, get the same interactions at once: each is answered once.
func TestGatewayReplicas(t *testing.T) {
	api := newFakeAPI(t)
	core := &fakeCore{cmds: registry}
	path := filepath.Join(t.TempDir(), "state.db")
	var replicas []*Adapter
	for range 2 {
		store, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		a, _ := newTestAdapter(t, api, core, Options{Token: "secret", Dedupe: func(ctx context.Context, key string) (bool, error) {
			return store.ClaimEvent(ctx, key, time.Now())
		}})
		replicas = append(replicas, a)
	}
	bodies := []string{commandBody("ask", "question", "the plan"), autocompleteBody("issue", "name", "don")}
	var wg sync.WaitGroup
	for _, body := range bodies {
		for _, a := range replicas {
			var i discordgo.Interaction
			if err := json.Unmarshal([]byte(body), &i); err != nil {
				t.Fatal(err)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				a.onInteraction(a.session, &discordgo.InteractionCreate{Interaction: &i})
			}()
		}
	}
	wg.Wait()
	callbacks := map[string]int{}
	for _, c := range api.all() {
		if c.Method == "POST" && strings.HasPrefix(c.Path, "/api/v9/interactions/") {
			callbacks[c.Path]++
		}
	}
	for _, id := range []string{"i1", "i2"} {
		if n := callbacks["/api/v9/interactions/"+id+"/tok/callback"]; n != 1 {
			t.Errorf("interaction %s answered %d times, want once", id, n)
		}
	}
	if n := len(core.requests()); n != 1 {
		t.Errorf("the command ran %d times, want once", n)
	}
}

// TestGatewayClaim: without Dedupe, after a won claim and after a failed
// one the interaction is answered; after a lost claim nothing is sent.
func TestGatewayClaim(t *testing.T) {
	for _, tc := range []struct {
		name   string
		dedupe func(ctx context.Context, key string) (bool, error)
		want   int // callbacks
	}{
		{"no dedupe", nil, 1},
		{"won", func(context.Context, string) (bool, error) { return true, nil }, 1},
		{"lost", func(context.Context, string) (bool, error) { return false, nil }, 0},
		{"store down", func(context.Context, string) (bool, error) { return false, errors.New("connection refused") }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t)
			core := &fakeCore{cmds: registry}
			var keys []string
			opts := Options{Token: "secret"}
			if tc.dedupe != nil {
				opts.Dedupe = func(ctx context.Context, key string) (bool, error) {
					keys = append(keys, key)
					return tc.dedupe(ctx, key)
				}
			}
			a, _ := newTestAdapter(t, api, core, opts)
			var i discordgo.Interaction
			if err := json.Unmarshal([]byte(commandBody("ask", "question", "the plan")), &i); err != nil {
				t.Fatal(err)
			}
			a.onInteraction(a.session, &discordgo.InteractionCreate{Interaction: &i})
			if n := len(api.all()); n != tc.want {
				t.Errorf("%d calls to Discord (%v), want %d", n, api.all(), tc.want)
			}
			if n := len(core.requests()); n != tc.want {
				t.Errorf("the command ran %d times, want %d", n, tc.want)
			}
			if tc.dedupe != nil && (len(keys) != 1 || keys[0] != "discord:i1") {
				t.Errorf("claimed keys %q, want [discord:i1]", keys)
			}
		})
	}
}
