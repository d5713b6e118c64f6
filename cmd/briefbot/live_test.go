package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
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
	var logs bytes.Buffer
	a.log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	old := b.KB()
	a.applyFeedResult(ctx, feed.Result{New: []corpus.Article{art}}, b, store, nil)
	if !strings.Contains(logs.String(), "path="+pathIncremental) {
		t.Errorf("a new feed item should be added with KB.With, not a full build: %s", logs.String())
	}
	if ans := old.Ask(q); ans.Answered {
		t.Errorf("the previous KB changed: %+v", ans)
	}

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

func TestAdditions(t *testing.T) {
	a := corpus.Article{ID: "a", Title: "A", Source: "a.txt"}
	b := corpus.Article{ID: "b", Title: "B", Source: "b.txt"}
	c := corpus.Article{ID: "c", Title: "C", Source: "https://x.example/c"}
	retitled := b
	retitled.Title = "B, corrected"
	linked := b
	linked.Duplicates = []string{"https://x.example/b"}
	signed := b
	signed.Byline = "Jane Roe"
	tests := []struct {
		name      string
		have, now []corpus.Article
		added     []string
		ok        bool
	}{
		{"nothing new", []corpus.Article{a, b}, []corpus.Article{a, b}, nil, true},
		{"one added", []corpus.Article{a, b}, []corpus.Article{a, c, b}, []string{"c"}, true},
		{"one gone", []corpus.Article{a, b}, []corpus.Article{a, c}, nil, false},
		{"one retitled", []corpus.Article{a, b}, []corpus.Article{a, retitled, c}, nil, false},
		{"another source of the same story", []corpus.Article{a, b}, []corpus.Article{a, linked}, nil, true},
		{"a new byline", []corpus.Article{a, b}, []corpus.Article{a, signed}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			added, ok := additions(tt.have, tt.now)
			var ids []string
			for _, x := range added {
				ids = append(ids, x.ID)
			}
			if ok != tt.ok || strings.Join(ids, ",") != strings.Join(tt.added, ",") {
				t.Fatalf("additions = %v, %v; want %v, %v", ids, ok, tt.added, tt.ok)
			}
		})
	}
}

// TestLiveUpdatePaths checks which changes are added to the knowledge
// and which build it anew.
func TestLiveUpdatePaths(t *testing.T) {
	ctx := context.Background()
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) (string, bool) { return "", false }}
	a, err := load(ctx, e, &globals{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.newBot(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	page := func(i int) corpus.Article {
		t.Helper()
		html := strings.ReplaceAll(ferryPage, "engine fire", fmt.Sprintf("engine fire number %d", i))
		art, err := corpus.Parse(fmt.Sprintf("https://coast.example/news/ferry-%d", i), []byte(html))
		if err != nil {
			t.Fatal(err)
		}
		return art
	}
	l := a.lib
	step := func(want string) {
		t.Helper()
		path, err := l.update(ctx, a, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		if path != want {
			t.Fatalf("update took the %s path, want %s", path, want)
		}
		if n, want := len(b.KB().Articles()), len(l.set.Articles()); n != want {
			t.Fatalf("the KB holds %d articles, the set %d", n, want)
		}
	}
	l.set.Put(page(1))
	step(pathIncremental)
	l.set.Put(page(2), page(3))
	step(pathIncremental)
	l.set.Remove(page(2).Source)
	step(pathFull)
	var many []corpus.Article
	for i := range maxIncremental(l.built) + 1 {
		many = append(many, page(10+i))
	}
	l.set.Put(many...)
	step(pathFull)
}
