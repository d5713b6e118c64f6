package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/sqlite"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/briefbot/briefbot/corpus/watch"
)

const ferryPage = `<!doctype html><html><head><title>Island ferry service suspended after engine fire | Coast News</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Island ferry service suspended after engine fire</h1>
<p>The island ferry service was suspended on Tuesday after an engine fire on the morning crossing, the harbour authority said.</p>
<p>All 212 passengers were brought back to port safely. Repairs to the ferry are expected to take three weeks, and a replacement boat will run from Friday.</p>
<p>The operator said tickets already bought will be refunded in full.</p></article>
<footer>Share this story. Leave a comment.</footer></body></html>`

// TestNewFeedItemIsAnswerableAndInTheNextDigest follows one new feed
// article through the live corpus: it becomes answerable and is new in
// the next digest.
func TestNewFeedItemIsAnswerableAndInTheNextDigest(t *testing.T) {
	ctx := context.Background()
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) (string, bool) { return "", false }}
	a, err := load(ctx, e, &globals{})
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	b, err := a.newBot(store, nil)
	if err != nil {
		t.Fatal(err)
	}
	const q = "why was the island ferry suspended"
	if ans := b.KB().Ask(q); ans.Answered {
		t.Fatalf("answered before the article arrived: %+v", ans)
	}
	before := time.Now()
	art, err := corpus.Parse("https://coast.example/news/ferry-fire", []byte(ferryPage))
	if err != nil {
		t.Fatal(err)
	}
	a.applyFeedResult(ctx, feed.Result{New: []corpus.Article{art}}, b, store, nil)

	kb := b.KB()
	if n := len(kb.Articles()); n != 6 {
		t.Fatalf("want 6 articles after the feed item, got %d", n)
	}
	ans := kb.Ask(q)
	if !ans.Answered || !strings.Contains(strings.ToLower(ans.Answer), "engine fire") || ans.Sources[0].URL != "https://coast.example/news/ferry-fire" {
		t.Fatalf("the new article does not answer: %+v", ans)
	}
	seen := func(id string) (time.Time, bool) {
		if id == art.ID {
			return time.Now(), true
		}
		return before.Add(-time.Hour), true
	}
	d := kb.Digest(briefings.DigestOptions{Since: before, Until: time.Now().Add(time.Second), FirstSeen: seen})
	if d.Empty || len(d.Articles) != 1 || d.Articles[0].ID != art.ID {
		t.Fatalf("the next digest should hold exactly the new article: %+v", d)
	}
}

func TestWatchedFileChangesReachTheKnowledge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := writeFile(t, dir, "news/a.txt", "Harbour bridge closes for repairs\n\nThe harbour bridge closes on Monday for six weeks of repairs, the city said.\n")
	cfg := writeFile(t, dir, "bb.yaml", "corpus: { paths: [news] }\n")
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) (string, bool) { return "", false }}
	a, err := load(ctx, e, &globals{config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.newBot(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := writeFile(t, dir, "news/b.txt", "Tram line opens in the old town\n\nThe new tram line opens next spring with twelve stops, officials said.\n")
	a.applyFileChanges(ctx, []watch.Change{{Path: q, Op: watch.Created}}, b, nil, nil)
	if n := len(b.KB().Articles()); n != 2 {
		t.Fatalf("after a new file: %d articles", n)
	}
	writeFile(t, dir, "news/a.txt", "Harbour bridge reopens early\n\nThe harbour bridge reopens on Friday, two weeks early, the city said.\n")
	a.applyFileChanges(ctx, []watch.Change{{Path: p, Op: watch.Modified}}, b, nil, nil)
	if got := b.KB().Articles()[0].Title; got != "Harbour bridge reopens early" {
		t.Fatalf("changed file not reloaded: title %q", got)
	}
}
