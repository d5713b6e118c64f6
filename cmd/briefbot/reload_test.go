package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestReloadSwapsOrKeepsTheOldConfig(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeFile(t, dir, "news/a.txt", "Harbour bridge closes for repairs\n\nThe harbour bridge closes on Monday for six weeks of repairs, the city said.\n")
	cfgPath := writeFile(t, dir, "bb.yaml", "corpus: { paths: [news] }\n")
	var logs bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &logs, getenv: func(string) (string, bool) { return "", false }}
	g := &globals{config: cfgPath}
	a, err := load(ctx, e, g)
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.newBot(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(b.KB().Articles()); n != 1 {
		t.Fatalf("want 1 article, got %d", n)
	}

	// A broken config: reload fails and the bot keeps its knowledge.
	writeFile(t, dir, "bb.yaml", "corpus: { paths: [news] }\nanswer: { min_confidence: 7 }\n")
	before := b.KB()
	if err := a.reload(ctx, g, b, nil); err == nil || !strings.Contains(err.Error(), "answer.min_confidence") {
		t.Fatalf("want a config error naming the field, got %v", err)
	}
	if b.KB() != before {
		t.Fatal("a failed reload must keep the old knowledge")
	}

	// A good config with more articles: swapped in.
	writeFile(t, dir, "news/b.txt", "Tram line opens in the old town\n\nThe new tram line opens next spring with twelve stops, officials said.\n")
	writeFile(t, dir, "bb.yaml", "corpus: { paths: [news] }\nanswer: { min_confidence: 0.4 }\n")
	if err := a.reload(ctx, g, b, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(b.KB().Articles()); n != 2 {
		t.Fatalf("after reload want 2 articles, got %d", n)
	}
}
