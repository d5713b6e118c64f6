package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// breakSite adds the broken feeds and pages to s; release ends the slow
// handlers.
func breakSite(s *site, release <-chan struct{}) {
	s.handle("/malformed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write(s.fixture("malformed.xml"))
	})
	s.handle("/notafeed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(s.fixture("pages/rail-timetable.html"))
	})
	s.status("/500.xml", http.StatusInternalServerError)
	s.handle("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	s.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	s.handle("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte("<p>" + strings.Repeat("padding text ", 80) + "</p>\n")
		for n := 0; n < 64<<10; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	s.handle("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n"))
	})
}

// closedURL returns the URL of a port nobody listens on.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/rss"
}

func TestBrokenFeeds(t *testing.T) {
	good := newSite(t)
	good.news()
	release := make(chan struct{})
	defer close(release)
	bad := newSite(t)
	breakSite(bad, release)
	tests := []struct {
		name string
		path string
		want func(error) bool
	}{
		{"malformed XML", "/malformed.xml", func(err error) bool { return strings.Contains(err.Error(), "parse feed") }},
		{"not a feed", "/notafeed", func(err error) bool { return strings.Contains(err.Error(), "parse feed") }},
		{"500", "/500.xml", func(err error) bool {
			var se *StatusError
			return errors.As(err, &se) && se.Code == 500
		}},
		{"redirect loop", "/loop", func(err error) bool { return errors.Is(err, ErrTooManyRedirects) }},
		{"slow server", "/slow", func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }},
		{"huge feed", "/huge", func(err error) bool { return errors.Is(err, ErrTooLarge) }},
		{"connection refused", closedURL(t), func(err error) bool { return err != nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := tt.path
			if strings.HasPrefix(url, "/") {
				url = bad.URL + url
			}
			var calls []int
			p := newPoller(t, Options{
				Timeout: 100 * time.Millisecond, MaxBytes: 32 << 10, MaxRedirects: 3,
				OnFailure: func(u string, n int, err error) {
					if u != url {
						t.Errorf("OnFailure(%q), want %q", u, url)
					}
					calls = append(calls, n)
				},
			}, url, good.URL+"/rss.xml")
			res := poll(t, p, t0)
			if len(res.New) != 2 {
				t.Errorf("the good feed gave %d articles, want 2", len(res.New))
			}
			if len(res.Failed) != 1 || res.Failed[0].URL != url || res.Failed[0].Consecutive != 1 || !tt.want(res.Failed[0].Err) {
				t.Fatalf("failed = %v", res.Failed)
			}
			// the bad feed backs off: due again after 1x, then 2x the refresh
			poll(t, p, t0.Add(10*time.Minute))
			if res := poll(t, p, t0.Add(25*time.Minute)); len(res.Failed) != 0 {
				t.Errorf("failing feed retried before its backoff: %v", res.Failed)
			}
			res = poll(t, p, t0.Add(30*time.Minute))
			if len(res.Failed) != 1 || res.Failed[0].Consecutive != 3 {
				t.Errorf("third failure = %v", res.Failed)
			}
			if want := []int{1, 2, 3}; fmt.Sprint(calls) != fmt.Sprint(want) {
				t.Errorf("OnFailure counts = %v, want %v", calls, want)
			}
		})
	}
	if got := bad.hitsOf("/loop"); got != 3*4 {
		t.Errorf("redirect loop: %d requests, want 4 per poll (1 + 3 redirects)", got)
	}
}

func TestBrokenPagesFallBack(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	s := newSite(t)
	breakSite(s, release)
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Edge cases</title>`
	for _, c := range []struct{ path, desc string }{
		{"/huge", "The huge page story, told in the feed."},
		{"/loop", "The looping page story, told in the feed."},
		{"/slow", "The slow page story, told in the feed."},
		{"/pdf", "The report story, told in the feed."},
		{"/missing", "The missing page story, told in the feed."},
	} {
		feed += `<item><title>Story at ` + c.path + `</title><link>{{BASE}}` + c.path + `</link><description>` + c.desc + `</description></item>`
	}
	feed += `</channel></rss>`
	s.handle("/edge.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.ReplaceAll(feed, "{{BASE}}", s.URL)))
	})
	p := newPoller(t, Options{Timeout: 100 * time.Millisecond, MaxBytes: 32 << 10}, s.URL+"/edge.xml")
	var all []corpus.Article
	// the pages that fail for good fall back at once; the slow one is
	// retried at the next two polls, then falls back too
	for i, want := range []int{4, 0, 1} {
		res := poll(t, p, t0.Add(time.Duration(i)*10*time.Minute))
		if len(res.Failed) != 0 {
			t.Errorf("poll %d: feed failed: %v", i+1, res.Failed)
		}
		if len(res.New) != want {
			t.Fatalf("poll %d: %d articles, want %d:\n%s", i+1, len(res.New), want, render(res, s.URL))
		}
		all = append(all, res.New...)
	}
	if all[4].URL != s.URL+"/slow" {
		t.Errorf("last article %s, want the slow page's", all[4].URL)
	}
	for _, a := range all {
		if !strings.Contains(blocksText(a), "told in the feed") {
			t.Errorf("%s: not the feed's text: %q", a.URL, blocksText(a))
		}
	}
	if got := s.hitsOf("/slow"); got != 3 {
		t.Errorf("slow page requested %d times, want 3", got)
	}
	if got := s.hitsOf("/missing"); got != 1 {
		t.Errorf("missing page requested %d times, want 1", got)
	}
	if res := poll(t, p, t0.Add(30*time.Minute)); len(res.New) != 0 || s.hitsOf("/slow") != 3 {
		t.Errorf("after the last try: %d new, slow page requested %d times; want none and 3", len(res.New), s.hitsOf("/slow"))
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		name           string
		refresh, limit time.Duration
		n              int
		asked, want    time.Duration
	}{
		{"first failure waits the refresh", time.Minute, time.Hour, 1, 0, time.Minute},
		{"doubles", time.Minute, time.Hour, 3, 0, 4 * time.Minute},
		{"capped", time.Minute, time.Hour, 20, 0, time.Hour},
		{"cap below refresh", 2 * time.Hour, time.Hour, 5, 0, 2 * time.Hour},
		{"server asks for longer", time.Minute, time.Hour, 1, 30 * time.Minute, 30 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := backoff(tt.refresh, tt.limit, tt.n, tt.asked); got != tt.want {
				t.Errorf("backoff = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOnSuccessEndsAFailureStreak checks the hooks an admin alert is built
// on: failures count up, and the next success reports how many it ended.
func TestOnSuccessEndsAFailureStreak(t *testing.T) {
	s := newSite(t)
	s.news()
	var failing atomic.Bool
	failing.Store(true)
	body := s.fixture("rss.xml")
	s.handle("/flaky.xml", func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	})
	url := s.URL + "/flaky.xml"
	var events []string
	p := newPoller(t, Options{
		MaxBackoff: 10 * time.Minute,
		OnFailure:  func(u string, n int, err error) { events = append(events, fmt.Sprintf("fail %d", n)) },
		OnSuccess:  func(u string, n int) { events = append(events, fmt.Sprintf("ok after %d", n)) },
	}, url)
	now := t0
	for range 3 {
		poll(t, p, now)
		now = now.Add(10 * time.Minute)
	}
	failing.Store(false)
	poll(t, p, now)
	poll(t, p, now.Add(10*time.Minute))
	want := "[fail 1 fail 2 fail 3 ok after 3 ok after 0]"
	if got := fmt.Sprint(events); got != want {
		t.Errorf("hook calls = %s, want %s", got, want)
	}
}
