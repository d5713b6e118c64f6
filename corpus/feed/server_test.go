package feed

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// site is an httptest server that serves feeds and pages from testdata,
// counts requests per path, records request headers and checks that it
// never has two requests in flight.
type site struct {
	*httptest.Server
	t        testing.TB
	mu       sync.Mutex
	routes   map[string]http.HandlerFunc
	hits     map[string]int
	headers  map[string][]http.Header
	inflight atomic.Int32
	maxIn    atomic.Int32
}

func newSite(t testing.TB) *site {
	s := &site{t: t, routes: map[string]http.HandlerFunc{}, hits: map[string]int{}, headers: map[string][]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	n := s.inflight.Add(1)
	defer s.inflight.Add(-1)
	for {
		m := s.maxIn.Load()
		if n <= m || s.maxIn.CompareAndSwap(m, n) {
			break
		}
	}
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.headers[r.URL.Path] = append(s.headers[r.URL.Path], r.Header.Clone())
	h := s.routes[r.URL.Path]
	s.mu.Unlock()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

// handle sets the handler of a path.
func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// hitsOf returns how many requests a path got.
func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// lastHeader returns the headers of the last request to path.
func (s *site) lastHeader(path string) http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	hs := s.headers[path]
	if len(hs) == 0 {
		return nil
	}
	return hs[len(hs)-1]
}

// fixture reads a testdata file with {{BASE}} replaced by the site's URL.
func (s *site) fixture(name string) []byte {
	s.t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		s.t.Fatal(err)
	}
	return []byte(strings.ReplaceAll(string(data), "{{BASE}}", s.URL))
}

// feed serves a fixture as a feed with an ETag and Last-Modified, and
// answers 304 to a matching conditional request.
func (s *site) feed(path, name, ctype, etag string) {
	body := s.fixture(name)
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		const lm = "Fri, 20 Nov 2026 09:00:00 GMT"
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lm)
		w.Header().Set("Content-Type", ctype)
		w.Write(body)
	})
}

// page serves a fixture as an HTML page.
func (s *site) page(path, name string) {
	body := s.fixture(name)
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	})
}

// status serves a bare status code.
func (s *site) status(path string, code int) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, http.StatusText(code), code)
	})
}

// news serves the standard fixtures: an RSS, an Atom and a JSON feed and
// the pages they link to.
func (s *site) news() {
	s.feed("/rss.xml", "rss.xml", "application/rss+xml", `"rss-v1"`)
	s.feed("/atom.xml", "atom.xml", "application/atom+xml", `"atom-v1"`)
	s.feed("/feed.json", "feed.json", "application/feed+json", `"json-v1"`)
	s.page("/news/water-main.html", "pages/water-main.html")
	s.page("/mirror/harbour-street-closure", "pages/water-main-syndicated.html")
	s.page("/news/rail-timetable/", "pages/rail-timetable.html")
	s.page("/news/rail-timetable", "pages/rail-timetable.html")
	s.status("/news/library.php5", http.StatusNotFound)
	s.status("/news/night-ferry", http.StatusInternalServerError)
}
