package sqlite_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/sqlite"
	"github.com/briefbot/briefbot/corpus/feed"
)

// TestPageRetrySurvivesRestart polls a feed whose item's page answers 503
// at first, with the bot restarted (the database closed and opened again)
// between polls: the count of failed attempts is read back from the
// database, and the article stored is the full page.
func TestPageRetrySurvivesRestart(t *testing.T) {
	full := "<html><head><title>Harbour Street shut</title></head><body><article>" +
		strings.Repeat("<p>The full story of the burst water main on Harbour Street, as the page tells it.</p>", 5) +
		"</article></body></html>"
	for _, c := range []struct {
		name     string
		failures int // 503s before the page answers
		wantFull bool
		wantHits int
	}{
		{"one 503 then the page", 1, true, 2},
		{"always 503", 100, false, feed.DefaultPageAttempts},
	} {
		t.Run(c.name, func(t *testing.T) {
			var hits atomic.Int32
			mux := http.NewServeMux()
			srv := httptest.NewServer(mux)
			defer srv.Close()
			mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>Harbour Street shut</title><link>` + srv.URL + `/story</link>
<description>Harbour Street is shut, told in the feed.</description></item></channel></rss>`))
			})
			mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
				if int(hits.Add(1)) <= c.failures {
					http.Error(w, "busy", http.StatusServiceUnavailable)
					return
				}
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(full))
			})
			path := filepath.Join(t.TempDir(), "state.db")
			ctx := context.Background()
			t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
			for i := range feed.DefaultPageAttempts + 2 {
				s, err := sqlite.Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				p, err := feed.New(feed.Options{State: s, Feeds: []feed.Source{{URL: srv.URL + "/feed.xml", Refresh: time.Minute}}})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := p.Poll(ctx, t0.Add(time.Duration(i)*time.Hour)); err != nil {
					t.Fatal(err)
				}
				s.Close()
			}
			s, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			all, _, err := feed.LoadAll(ctx, s)
			if err != nil || len(all) != 1 {
				t.Fatalf("stored %d articles (%v), want 1", len(all), err)
			}
			var text strings.Builder
			for _, b := range all[0].Article.Blocks {
				text.WriteString(b.Text)
			}
			if got := strings.Contains(text.String(), "as the page tells it"); got != c.wantFull {
				t.Errorf("stored the full page: %v, want %v: %q", got, c.wantFull, text.String())
			}
			if !c.wantFull && !strings.Contains(text.String(), "told in the feed") {
				t.Errorf("stored %q, want the feed's text", text.String())
			}
			if n := int(hits.Load()); n != c.wantHits {
				t.Errorf("page fetched %d times, want %d", n, c.wantHits)
			}
		})
	}
}
