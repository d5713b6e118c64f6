package feed

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// oneItemFeed serves at /feed.xml an RSS feed (with an ETag, answering
// 304 to it) of one item linking to link, told in short in the feed.
func oneItemFeed(s *site, link string) {
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>Water main repair closes Harbour Street</title><link>` + link + `</link>
<description>Harbour Street is shut, told in the feed.</description></item></channel></rss>`
	s.handle("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(body))
	})
}

// flaky serves the water main page after failing answers with the given
// codes, in order.
func flaky(s *site, path string, codes ...int) {
	page := s.fixture("pages/water-main.html")
	var n atomic.Int32
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		if i := int(n.Add(1)) - 1; i < len(codes) {
			http.Error(w, http.StatusText(codes[i]), codes[i])
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	})
}

func storedArticles(t *testing.T, st Store) []StoredArticle {
	t.Helper()
	all, _, err := LoadAll(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestTransientPageFailureIsRetried(t *testing.T) {
	for _, code := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusBadGateway} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			s := newSite(t)
			oneItemFeed(s, s.URL+"/story")
			flaky(s, "/story", code)
			st := &MemoryStore{}
			p := newPoller(t, Options{State: st}, s.URL+"/feed.xml")
			if res := poll(t, p, t0); len(res.New) != 0 || len(res.Failed) != 0 {
				t.Fatalf("first poll: %d new, failed %v; want the item left for the next poll", len(res.New), res.Failed)
			}
			key, _ := NormalizeURL(s.URL + "/story")
			if fs, _ := st.FeedState(t.Context(), s.URL+"/feed.xml"); len(fs.Retries) != 1 || fs.Retries[key].Attempts != 1 || !fs.Retries[key].First.Equal(t0) {
				t.Errorf("retries after the first poll = %+v, want one attempt", fs.Retries)
			}
			// a new poller on the same store: the count survives a restart
			p = newPoller(t, Options{State: st}, s.URL+"/feed.xml")
			res := poll(t, p, t0.Add(10*time.Minute))
			if len(res.New) != 1 || !strings.Contains(blocksText(res.New[0]), "cast-iron pipe") {
				t.Fatalf("second poll: %s; want the full page", render(res, s.URL))
			}
			if h := s.lastHeader("/feed.xml"); h.Get("If-None-Match") != "" {
				t.Error("the feed was fetched conditionally while an item waited for a retry")
			}
			all := storedArticles(t, st)
			if len(all) != 1 || !strings.Contains(blocksText(all[0].Article), "cast-iron pipe") {
				t.Errorf("stored %d articles; want the full page", len(all))
			}
			if n := s.hitsOf("/story"); n != 2 {
				t.Errorf("page fetched %d times, want 2", n)
			}
			fs, _ := st.FeedState(t.Context(), s.URL+"/feed.xml")
			if fs.Retries != nil {
				t.Errorf("retries left after success: %+v", fs.Retries)
			}
			// nothing to retry: back to conditional requests, no page fetch
			poll(t, p, t0.Add(20*time.Minute))
			if h := s.lastHeader("/feed.xml"); h.Get("If-None-Match") != `"v1"` || s.hitsOf("/story") != 2 {
				t.Errorf("third poll: If-None-Match %q, page fetched %d times; want a conditional poll and 2",
					h.Get("If-None-Match"), s.hitsOf("/story"))
			}
		})
	}
}

func TestTransientPageFailureIsBounded(t *testing.T) {
	s := newSite(t)
	oneItemFeed(s, s.URL+"/story")
	s.status("/story", http.StatusServiceUnavailable)
	st := &MemoryStore{}
	p := newPoller(t, Options{State: st}, s.URL+"/feed.xml")
	for i := range DefaultPageAttempts {
		res := poll(t, p, t0.Add(time.Duration(i)*10*time.Minute))
		want := 0
		if i == DefaultPageAttempts-1 {
			want = 1
		}
		if len(res.New) != want {
			t.Fatalf("poll %d: %d new, want %d", i+1, len(res.New), want)
		}
	}
	all := storedArticles(t, st)
	if len(all) != 1 || !strings.Contains(blocksText(all[0].Article), "told in the feed") {
		t.Fatalf("stored %+v; want the feed's text", all)
	}
	for i := range 3 {
		poll(t, p, t0.Add(time.Hour+time.Duration(i)*10*time.Minute))
	}
	if n := s.hitsOf("/story"); n != DefaultPageAttempts {
		t.Errorf("page requested %d times, want %d and no more after the last try", n, DefaultPageAttempts)
	}
	if fs, _ := st.FeedState(t.Context(), s.URL+"/feed.xml"); fs.Retries != nil {
		t.Errorf("retries left after the fallback: %+v", fs.Retries)
	}
}

func TestPageRetryAgeBound(t *testing.T) {
	s := newSite(t)
	oneItemFeed(s, s.URL+"/story")
	s.status("/story", http.StatusInternalServerError)
	p := newPoller(t, Options{PageAttempts: 100, PageRetryFor: 24 * time.Hour}, s.URL+"/feed.xml")
	if res := poll(t, p, t0); len(res.New) != 0 {
		t.Fatalf("first poll: %d new, want 0", len(res.New))
	}
	if res := poll(t, p, t0.Add(23*time.Hour)); len(res.New) != 0 {
		t.Fatalf("within a day: %d new, want 0", len(res.New))
	}
	res := poll(t, p, t0.Add(24*time.Hour))
	if len(res.New) != 1 || !strings.Contains(blocksText(res.New[0]), "told in the feed") {
		t.Fatalf("a day after the first try: %s; want the feed's text", render(res, s.URL))
	}
	if n := s.hitsOf("/story"); n != 3 {
		t.Errorf("page requested %d times, want 3", n)
	}
}

func TestRefusedConnectionIsRetried(t *testing.T) {
	s := newSite(t)
	dead := strings.TrimSuffix(closedURL(t), "/rss") + "/story"
	oneItemFeed(s, dead)
	p := newPoller(t, Options{PageAttempts: 2}, s.URL+"/feed.xml")
	if res := poll(t, p, t0); len(res.New) != 0 {
		t.Fatalf("first poll: %d new, want the item left for the next poll", len(res.New))
	}
	if res := poll(t, p, t0.Add(10*time.Minute)); len(res.New) != 1 {
		t.Fatalf("second (last) poll: %d new, want the feed's text", len(res.New))
	}
}

func TestGonePageIsNotRetried(t *testing.T) {
	for _, code := range []int{http.StatusNotFound, http.StatusGone, http.StatusForbidden} {
		s := newSite(t)
		oneItemFeed(s, s.URL+"/story")
		s.status("/story", code)
		p := newPoller(t, Options{}, s.URL+"/feed.xml")
		if res := poll(t, p, t0); len(res.New) != 1 {
			t.Errorf("%d: %d new, want the feed's text at once", code, len(res.New))
		}
		poll(t, p, t0.Add(10*time.Minute))
		if n := s.hitsOf("/story"); n != 1 {
			t.Errorf("%d: page requested %d times, want 1", code, n)
		}
	}
}

func TestTransient(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&StatusError{Code: 503}, true},
		{&StatusError{Code: 500}, true},
		{&StatusError{Code: 429}, true},
		{&StatusError{Code: 408}, true},
		{&StatusError{Code: 404}, false},
		{&StatusError{Code: 410}, false},
		{ErrNotArticle, false},
		{ErrTooLarge, false},
		{ErrTooManyRedirects, false},
		{errNotHTTP, false},
	} {
		if got := transient(c.err); got != c.want {
			t.Errorf("transient(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func TestRetriesEncoding(t *testing.T) {
	r := map[string]Retry{"https://x.example/1": {Attempts: 2, First: t0}}
	got, err := DecodeRetries(EncodeRetries(r))
	if err != nil || len(got) != 1 || got["https://x.example/1"].Attempts != 2 || !got["https://x.example/1"].First.Equal(t0) {
		t.Errorf("round trip = %+v, %v", got, err)
	}
	if EncodeRetries(nil) != "{}" {
		t.Errorf("EncodeRetries(nil) = %q", EncodeRetries(nil))
	}
	if got, err := DecodeRetries("{}"); got != nil || err != nil {
		t.Errorf("DecodeRetries({}) = %v, %v; want nil", got, err)
	}
}

func FuzzDecodeRetries(f *testing.F) {
	f.Add(`{"https://x.example/1":{"n":2,"first":"2026-11-21T09:00:00Z"}}`)
	f.Add(`{}`)
	f.Add(`{"k":{"n":-1}}`)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := DecodeRetries(s)
		if err != nil {
			return
		}
		again, err := DecodeRetries(EncodeRetries(r))
		if err != nil || len(again) != len(r) {
			t.Fatalf("round trip of %q: %v, %v", s, again, err)
		}
	})
}
