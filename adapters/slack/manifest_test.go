package slack

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
)

// registryStore is a bot.Store that is never called: it only makes the
// registry include the commands that need a store, as a configured bot
// has them.
type registryStore struct{ bot.Store }

// registry returns the real command registry of a bot with a store.
func registry(t *testing.T) []bot.Command {
	t.Helper()
	kb, err := briefings.Build(context.Background(), nil, briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Options{KB: kb, Store: registryStore{}})
	if err != nil {
		t.Fatal(err)
	}
	return b.Commands()
}

// TestManifestUpToDate fails when manifest.yaml no longer matches the
// registry; -update regenerates it.
func TestManifestUpToDate(t *testing.T) {
	got, err := Manifest(registry(t), ManifestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("manifest.yaml", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("manifest.yaml is stale: run go test ./adapters/slack -run TestManifest -update\ngot:\n%s", got)
	}
}

func TestManifestContents(t *testing.T) {
	cmds := registry(t)
	for _, tc := range []struct {
		name       string
		requestURL string
	}{
		{"socket mode", ""},
		{"http mode", "https://bot.example.com/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Manifest(cmds, ManifestOptions{RequestURL: tc.requestURL})
			if err != nil {
				t.Fatal(err)
			}
			var m manifest
			if err := yaml.Unmarshal(out, &m); err != nil {
				t.Fatal(err)
			}
			if len(m.Features.SlashCommands) != len(cmds) {
				t.Fatalf("%d slash commands for %d commands", len(m.Features.SlashCommands), len(cmds))
			}
			names := map[string]manifestSlashCommand{}
			for _, c := range m.Features.SlashCommands {
				names[c.Command] = c
			}
			for _, want := range []string{"/ask", "/issue", "/issues", "/brief", "/faq", "/help", "/subscribe", "/unsubscribe"} {
				if _, ok := names[want]; !ok {
					t.Errorf("no %s in the manifest", want)
				}
			}
			if ask := names["/ask"]; ask.UsageHint != "<question>" || ask.Description == "" {
				t.Errorf("/ask = %+v", ask)
			}
			if strings.Join(m.OAuth.Scopes.Bot, " ") != "commands chat:write chat:write.public im:write" {
				t.Errorf("scopes %v", m.OAuth.Scopes.Bot)
			}
			if !m.Settings.Interactivity.IsEnabled {
				t.Error("interactivity off: the buttons would not work")
			}
			http := tc.requestURL != ""
			if m.Settings.SocketModeEnabled == http {
				t.Errorf("socket_mode_enabled = %v", m.Settings.SocketModeEnabled)
			}
			if http && (names["/ask"].URL != "https://bot.example.com/slack/commands" ||
				m.Settings.Interactivity.RequestURL != "https://bot.example.com/slack/interactions") {
				t.Errorf("HTTP mode URLs: %+v %+v", names["/ask"], m.Settings.Interactivity)
			}
			if !http && (names["/ask"].URL != "" || m.Settings.Interactivity.RequestURL != "") {
				t.Error("Socket Mode manifest has request URLs")
			}
		})
	}
}

func TestManifestRejects(t *testing.T) {
	ok := bot.Command{Name: "ask", Description: "Ask."}
	tests := []struct {
		name string
		cmds []bot.Command
		opts ManifestOptions
	}{
		{"bad name", []bot.Command{{Name: "Ask me", Description: "x"}}, ManifestOptions{}},
		{"duplicate", []bot.Command{ok, ok}, ManifestOptions{}},
		{"no description", []bot.Command{{Name: "ask"}}, ManifestOptions{}},
		{"long app name", []bot.Command{ok}, ManifestOptions{Name: strings.Repeat("b", 36)}},
		{"bad url", []bot.Command{ok}, ManifestOptions{RequestURL: "bot.example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Manifest(tc.cmds, tc.opts); err == nil {
				t.Error("Manifest accepted it")
			}
		})
	}
}
