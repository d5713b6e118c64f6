package feed

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestSeenItemsForgottenLongAfterTheFeedDropsThem(t *testing.T) {
	s := newSite(t)
	items := []string{"/a", "/b"}
	s.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>`)
		for _, it := range items {
			b.WriteString(`<item><title>Story ` + it + `</title><link>` + s.URL + it + `</link><description>Story ` + it + ` told in the feed.</description></item>`)
		}
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	})
	for _, path := range []string{"/a", "/b", "/c"} {
		s.status(path, http.StatusNotFound)
	}
	st := &MemoryStore{}
	day := 24 * time.Hour
	opts := Options{State: st, ForgetSeen: 30 * day}
	feedURL := s.URL + "/feed.xml"
	key := func(p string) string { k, _ := NormalizeURL(s.URL + p); return k }
	seen := func() map[string]bool {
		got, err := st.SeenItems(t.Context(), feedURL, []string{key("/a"), key("/b"), key("/c")})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	p := newPoller(t, opts, feedURL)
	poll(t, p, t0)
	items = []string{"/b", "/c"}
	// polled daily for 100 days, restarting now and then: /a is forgotten
	// 30 days after it left the feed, /b and /c never are, and no page is
	// fetched twice
	for d := 1; d <= 100; d++ {
		if d%25 == 0 {
			p = newPoller(t, opts, feedURL)
		}
		poll(t, p, t0.Add(time.Duration(d)*day))
		got := seen()
		if wantA := d <= 30; got[key("/a")] != wantA || !got[key("/b")] || !got[key("/c")] {
			t.Fatalf("day %d: seen %v; want /a %v, /b and /c", d, got, wantA)
		}
	}
	for _, path := range []string{"/a", "/b", "/c"} {
		if n := s.hitsOf(path); n != 1 {
			t.Errorf("%s fetched %d times, want 1", path, n)
		}
	}
}
