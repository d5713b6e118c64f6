package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/sqlite"
)

// TestUnanswered: the declined questions of the store's query log come
// out grouped, most asked first, as the contract's JSON list; -since
// limits them; -text is for people.
func TestUnanswered(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "state.db")
	cfg := writeFile(t, dir, "c.yaml", "store: { driver: sqlite, dsn: "+db+" }\n")
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for _, q := range []bot.QueryLog{
		{Question: "what is the boiling point of ethanol?", At: now.Add(-72 * time.Hour)},
		{Question: "what is the capital of australia?", At: now.Add(-2 * time.Hour)},
		{Question: "capital of australia", At: now.Add(-time.Hour)},
		{Question: "how close is the 20 point plan?", Answered: true, Kind: "faq", Confidence: 0.9, At: now},
	} {
		q.Platform, q.UserHash = "slack", "h"
		if q.Kind == "" {
			q.Kind = "none"
		}
		if err := st.LogQuery(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	out, errOut, code := runCLI(t, "", nil, "-config", cfg, "unanswered")
	if code != 0 {
		t.Fatalf("unanswered: exit %d: %s", code, errOut)
	}
	var groups []map[string]any
	if err := json.Unmarshal([]byte(out), &groups); err != nil {
		t.Fatalf("unanswered output is not a JSON list: %v\n%s", err, out)
	}
	if len(groups) != 2 || groups[0]["count"] != 2.0 || !strings.Contains(groups[0]["question"].(string), "australia") {
		t.Fatalf("unanswered = %s", out)
	}
	for _, k := range []string{"question", "questions", "count", "last_asked", "nearest"} {
		if _, ok := groups[1][k]; !ok {
			t.Errorf("group has no %q: %v", k, groups[1])
		}
	}

	out, _, code = runCLI(t, "", nil, "-config", cfg, "unanswered", "-json", "-since", "1d")
	if code != 0 || strings.Contains(out, "ethanol") || !strings.Contains(out, "australia") {
		t.Errorf("unanswered -since 1d = exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "", nil, "-config", cfg, "unanswered", "-text")
	if code != 0 || !strings.Contains(out, "2× what is the capital of australia?") || !strings.Contains(out, "- {question:") {
		t.Errorf("unanswered -text = exit %d\n%s", code, out)
	}
	if _, _, code := runCLI(t, "", nil, "-config", cfg, "unanswered", "-since", "soon"); code != 2 {
		t.Errorf("unanswered -since soon: exit %d, want 2", code)
	}
}
