package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// window serves an RSS feed listing items from..to-1 of a numbered series
// at path, each linking to its own page /NAME/N with a text of its own,
// and answers a matching If-None-Match with 304.
func (s *site) window(name string, from, to int) {
	var items strings.Builder
	for i := to - 1; i >= from; i-- {
		fmt.Fprintf(&items, `<item><title>%s story %d</title><link>%s/%s/%d</link><pubDate>%s</pubDate></item>`,
			name, i, s.URL, name, i, t0.Add(time.Duration(i)*time.Minute).Format(http.TimeFormat))
	}
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>` + name + `</title>` + items.String() + `</channel></rss>`
	etag := fmt.Sprintf(`"%s-%d-%d"`, name, from, to)
	s.handle("/"+name+".xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write([]byte(body))
	})
	for i := from; i < to; i++ {
		s.handle(fmt.Sprintf("/%s/%d", name, i), func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, storyPage(name, i))
		})
	}
}

// storyPage is an article page whose sentences belong to one story only.
func storyPage(name string, i int) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>%[1]s story %[2]d</title></head><body><article>
<h1>%[1]s story %[2]d</h1>
<p>The %[1]s council met on day %[2]d to discuss the harbour plans in detail.
Members of the %[1]s board voted on item %[2]d after a long debate about costs.
Residents asked the %[1]s mayor about proposal %[2]d and its effect on traffic.</p>
</article></body></html>`, name, i)
}

func TestRestartNeitherLosesNorRefetches(t *testing.T) {
	s := newSite(t)
	s.window("a", 0, 30)
	store := &MemoryStore{}
	ctx := context.Background()
	p := newPoller(t, Options{State: store, MaxNewItems: 100}, s.URL+"/a.xml")
	if res := poll(t, p, t0); len(res.New) != 30 {
		t.Fatalf("first run: %d new, want 30", len(res.New))
	}
	// down; the feed moves on and lists 26..35 only
	s.window("a", 26, 36)
	stored, _, err := LoadAll(ctx, store)
	if err != nil || len(stored) != 30 {
		t.Fatalf("stored: %d, %v; want 30", len(stored), err)
	}
	p2 := newPoller(t, Options{State: store, MaxNewItems: 100}, s.URL+"/a.xml")
	for _, a := range stored {
		p2.Known([]corpus.Article{a.Article})
	}
	res := poll(t, p2, t0.Add(10*time.Minute))
	if len(res.New) != 6 {
		t.Errorf("after the restart: %d new, want 6 (items 30-35)", len(res.New))
	}
	for i := 26; i < 30; i++ {
		if n := s.hitsOf(fmt.Sprintf("/a/%d", i)); n != 1 {
			t.Errorf("page %d fetched %d times, want once", i, n)
		}
	}
	stored, _, err = LoadAll(ctx, store)
	if err != nil || len(stored) != 36 {
		t.Errorf("stored after the restart: %d, %v; want all 36", len(stored), err)
	}
	// a poll with nothing new is one conditional request answered 304
	before := s.hitsOf("/a.xml")
	if res := poll(t, p2, t0.Add(20*time.Minute)); len(res.New) != 0 {
		t.Errorf("third poll: %d new", len(res.New))
	}
	if s.hitsOf("/a.xml") != before+1 || s.lastHeader("/a.xml").Get("If-None-Match") == "" {
		t.Error("third poll was not one conditional request")
	}
}

// failingStore is a MemoryStore whose SavePoll fails while down is set.
type failingStore struct {
	MemoryStore
	down  atomic.Bool
	saves atomic.Int32
}

func (f *failingStore) SavePoll(ctx context.Context, c Commit) error {
	if f.down.Load() {
		return errors.New("connection refused")
	}
	f.saves.Add(1)
	return f.MemoryStore.SavePoll(ctx, c)
}

func (f *failingStore) FeedState(ctx context.Context, url string) (State, error) {
	if f.down.Load() {
		return State{}, errors.New("connection refused")
	}
	return f.MemoryStore.FeedState(ctx, url)
}

func TestCrashBeforeSavingRefetches(t *testing.T) {
	s := newSite(t)
	s.window("a", 0, 5)
	store := &failingStore{}
	p := newPoller(t, Options{State: store}, s.URL+"/a.xml")
	// the pages are fetched, then the save fails: as if the process died
	// between fetching and storing
	p.restore(context.Background())
	store.down.Store(true)
	_, err := p.Poll(context.Background(), t0)
	if !errors.Is(err, ErrStore) {
		t.Fatalf("Poll with a failing store = %v, want ErrStore", err)
	}
	store.down.Store(false)
	p2 := newPoller(t, Options{State: store}, s.URL+"/a.xml")
	if res := poll(t, p2, t0.Add(time.Minute)); len(res.New) != 5 {
		t.Errorf("after the failed save: %d new, want all 5 again", len(res.New))
	}
	if st, _, _ := LoadAll(context.Background(), store); len(st) != 5 {
		t.Errorf("stored %d, want 5", len(st))
	}
	// the same poller recovers too: nothing was taken for known
	store2 := &failingStore{}
	p3 := newPoller(t, Options{State: store2}, s.URL+"/a.xml")
	p3.restore(context.Background())
	store2.down.Store(true)
	p3.Poll(context.Background(), t0)
	store2.down.Store(false)
	if res := poll(t, p3, t0.Add(time.Minute)); len(res.New) != 5 {
		t.Errorf("same poller after the failed save: %d new, want 5", len(res.New))
	}
}

func TestSlowFeedDoesNotDelayOthers(t *testing.T) {
	s := newSite(t)
	s.window("fast", 0, 3)
	slow := newSite(t) // another host: one host gets one request at a time
	release := make(chan struct{})
	slow.handle("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
		http.Error(w, "late", http.StatusServiceUnavailable)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	never := make(chan time.Time)
	p := newPoller(t, Options{Timeout: time.Minute, After: func(time.Duration) <-chan time.Time { return never }},
		slow.URL+"/slow.xml", s.URL+"/fast.xml")
	results := make(chan Result, 4)
	done := make(chan error)
	go func() { done <- p.Run(ctx, func(r Result) { results <- r }) }()
	r := <-results
	if len(r.New) != 3 {
		t.Errorf("first result: %d new, want the fast feed's 3", len(r.New))
	}
	close(release)
	r = <-results
	if len(r.Failed) != 1 || !strings.Contains(r.Failed[0].URL, "slow") {
		t.Errorf("second result: %+v, want the slow feed's failure", r)
	}
	cancel()
	<-done
}

func TestFeedTimeout(t *testing.T) {
	s := newSite(t)
	s.window("fast", 0, 2)
	hang := newSite(t)
	hang.handle("/hang.xml", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	p := newPoller(t, Options{Timeout: time.Minute, FeedTimeout: 3 * time.Second}, hang.URL+"/hang.xml", s.URL+"/fast.xml")
	res := poll(t, p, t0)
	if len(res.New) != 2 || len(res.Failed) != 1 || !errors.Is(res.Failed[0].Err, context.DeadlineExceeded) {
		t.Errorf("poll: %d new, failed %v; want 2 and the hanging feed timed out", len(res.New), res.Failed)
	}
}

func TestStoreOutagePausesRun(t *testing.T) {
	s := newSite(t)
	s.window("a", 0, 2)
	store := &failingStore{}
	store.down.Store(true)
	var mu sync.Mutex
	var events []string
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ticks := make(chan time.Time)
	var clockMu sync.Mutex
	now := t0
	clock := func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return now }
	tick := func() {
		clockMu.Lock()
		now = now.Add(2 * time.Minute)
		clockMu.Unlock()
		ticks <- now
	}
	p := newPoller(t, Options{
		State: store,
		Now:   clock,
		After: func(time.Duration) <-chan time.Time { return ticks },
		OnStore: func(err error) {
			mu.Lock()
			defer mu.Unlock()
			events = append(events, fmt.Sprint(err != nil))
		},
	}, s.URL+"/a.xml")
	results := make(chan Result, 4)
	done := make(chan error)
	go func() { done <- p.Run(ctx, func(r Result) { results <- r }) }()
	tick() // the first retry, still down
	store.down.Store(false)
	tick() // the next one: the store is back
	r := <-results
	if len(r.New) != 2 {
		t.Errorf("after the outage: %d new, want 2", len(r.New))
	}
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(events, " ") != "true false" {
		t.Errorf("OnStore calls: %v; want an error, then nil", events)
	}
	if s.hitsOf("/a.xml") != 1 {
		t.Errorf("the feed was fetched %d times while the store was down", s.hitsOf("/a.xml"))
	}
}

func TestArticleEncoding(t *testing.T) {
	a := corpus.Article{ID: "x", Title: "T", Source: "https://x.example/1", Published: t0, Blocks: []corpus.Block{
		{Kind: corpus.Para, Text: "One two three. Four five six.", Sentences: []string{"One two three.", "Four five six."}},
		{Kind: corpus.Heading, Text: "A “curly” heading", Sentences: []string{`A "curly" heading`}}, // not a substring
		{Kind: corpus.Item, Text: "No sentences"},
	}}
	body, err := EncodeArticle(&a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeArticle(body, a.Source, a.Published)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(a) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, a)
	}
}

func FuzzDecodeArticle(f *testing.F) {
	a := corpus.Article{ID: "x", Blocks: []corpus.Block{{Text: "One. Two.", Sentences: []string{"One.", "Two."}}}}
	body, _ := EncodeArticle(&a)
	f.Add(body)
	f.Add([]byte(`{"id":"x","blocks":[{"t":"abc","o":[2,1]}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := DecodeArticle(body, "s", time.Time{})
		if err != nil {
			return
		}
		if _, err := EncodeArticle(&got); err != nil {
			t.Fatal(err)
		}
	})
}
