package feed

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestNormalizeURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "https://example.com/news/a", "https://example.com/news/a"},
		{"host case and www", "https://WWW.Example.COM/news/a", "https://example.com/news/a"},
		{"http and https agree", "http://example.com/news/a", "https://example.com/news/a"},
		{"default port", "https://example.com:443/news/a", "https://example.com/news/a"},
		{"other port kept", "http://example.com:8080/a", "https://example.com:8080/a"},
		{"fragment", "https://example.com/news/a#comments", "https://example.com/news/a"},
		{"trailing slash", "https://example.com/news/a/", "https://example.com/news/a"},
		{"root", "https://example.com/", "https://example.com"},
		{"utm params", "https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a"},
		{"click ids", "https://example.com/a?fbclid=1&gclid=2&id=7", "https://example.com/a?id=7"},
		{"query sorted", "https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"path case kept", "https://example.com/News/A", "https://example.com/News/A"},
		{"double slashes", "https://example.com//news//a", "https://example.com/news/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeURL(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("NormalizeURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "/relative", "mailto:a@example.com", "ftp://example.com/a"} {
		if got, err := NormalizeURL(bad); err == nil {
			t.Errorf("NormalizeURL(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNewRejectsBadFeedURL(t *testing.T) {
	if _, err := New(Options{Feeds: []Source{{URL: "feeds/local.xml"}}}); err == nil {
		t.Error("New accepted a relative feed URL")
	}
}

func TestCancelledPollRecordsNothing(t *testing.T) {
	s := newSite(t)
	s.news()
	state := &MemoryState{}
	p := newPoller(t, Options{State: state}, s.URL+"/rss.xml")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Poll(ctx, t0); err == nil {
		t.Fatal("Poll with a cancelled context succeeded")
	}
	if st, _ := state.FeedState(context.Background(), s.URL+"/rss.xml"); st.ETag != "" {
		t.Errorf("state saved by a cancelled poll: %+v", st)
	}
	if res := poll(t, p, t0); len(res.New) != 2 {
		t.Errorf("after a cancelled poll: %d new, want 2", len(res.New))
	}
}

func TestRun(t *testing.T) {
	s := newSite(t)
	s.news()
	var mu sync.Mutex
	now := t0
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ticks := make(chan time.Time)
	waits := make(chan time.Duration, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := newPoller(t, Options{
		Now: clock,
		After: func(d time.Duration) <-chan time.Time {
			waits <- d
			return ticks
		},
	}, s.URL+"/rss.xml")
	results := make(chan Result, 4)
	done := make(chan error)
	go func() { done <- p.Run(ctx, func(r Result) { results <- r }) }()
	if r := <-results; len(r.New) != 2 {
		t.Errorf("first result: %d new, want 2", len(r.New))
	}
	if d := <-waits; d != 10*time.Minute {
		t.Errorf("Run waits %v, want the refresh interval", d)
	}
	s.feed("/rss.xml", "rss-next.xml", "application/rss+xml", `"rss-v2"`)
	// gone for good, so the feed's text is used at once (a 5xx would be
	// tried again next poll)
	s.status("/news/night-ferry", http.StatusGone)
	mu.Lock()
	now = now.Add(10 * time.Minute)
	mu.Unlock()
	ticks <- clock()
	if r := <-results; len(r.New) != 1 {
		t.Errorf("second result: %d new, want 1", len(r.New))
	}
	<-waits
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil after cancel", err)
	}
}
