package feed

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var t0 = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

// newPoller returns a poller for feeds with short timeouts for tests.
func newPoller(t testing.TB, opts Options, feeds ...string) *Poller {
	t.Helper()
	for _, f := range feeds {
		opts.Feeds = append(opts.Feeds, Source{URL: f, Refresh: 10 * time.Minute})
	}
	if opts.Timeout == 0 {
		opts.Timeout = 2 * time.Second
	}
	p, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func poll(t testing.TB, p *Poller, now time.Time) Result {
	t.Helper()
	res, err := p.Poll(context.Background(), now)
	if err != nil {
		t.Fatalf("poll: %v", err)
	}
	return res
}

// render prints a result for golden files, with base replaced by BASE.
func render(res Result, base string) string {
	var b strings.Builder
	for _, a := range res.New {
		fmt.Fprintf(&b, "article %s\n  title: %s\n  url: %s\n", a.Source, a.Title, a.URL)
		fmt.Fprintf(&b, "  site: %s\n  byline: %s\n  published: %s\n", a.Site, a.Byline, a.Published.Format(time.RFC3339))
		fmt.Fprintf(&b, "  tags: %v\n  duplicates: %v\n  feeds: %v\n", a.Tags, a.Duplicates, res.Feeds[a.Source])
		// the first paragraph only: the rest of the cleaning is corpus's
		// to test
		for _, bl := range a.Blocks {
			if bl.Kind == corpus.Para && len(bl.Sentences) > 1 || len(bl.Text) > 80 {
				fmt.Fprintf(&b, "  first paragraph: %s\n", bl.Text)
				break
			}
		}
	}
	for _, m := range res.Merged {
		fmt.Fprintf(&b, "merged %s <- %s (from %s)\n", m.Source, m.URL, m.Feed)
	}
	for _, f := range res.Failed {
		fmt.Fprintf(&b, "failed %s (%d): %v\n", f.URL, f.Consecutive, f.Err)
	}
	return strings.ReplaceAll(b.String(), base, "BASE")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n%s", name, got)
	}
}

func TestPollThreeFormats(t *testing.T) {
	s := newSite(t)
	s.news()
	p := newPoller(t, Options{}, s.URL+"/rss.xml", s.URL+"/atom.xml", s.URL+"/feed.json")
	res := poll(t, p, t0)
	golden(t, "first-poll.txt", render(res, s.URL))

	if len(res.Failed) != 0 {
		t.Errorf("failed feeds: %v", res.Failed)
	}
	byURL := map[string]corpus.Article{}
	for _, a := range res.New {
		byURL[a.URL] = a
		if a.ID == "" || len(a.Blocks) == 0 {
			t.Errorf("article %s has no id or text", a.Source)
		}
	}
	water := byURL[s.URL+"/news/water-main.html"]
	if !strings.Contains(water.Title, "Water main repair") || water.Site != "Eastport Courier" {
		t.Errorf("water main article: title %q site %q", water.Title, water.Site)
	}
	for _, bl := range water.Blocks {
		if strings.Contains(bl.Text, "All rights reserved") || strings.Contains(bl.Text, "Subscribe") {
			t.Errorf("page furniture kept: %q", bl.Text)
		}
	}
	rail := byURL[s.URL+"/news/rail-timetable/"]
	if want := []string{s.URL + "/news/rail-timetable"}; fmt.Sprint(rail.Duplicates) != fmt.Sprint(want) {
		t.Errorf("rail duplicates = %v, want %v", rail.Duplicates, want)
	}
	if got := res.Feeds[rail.Source]; len(got) != 2 {
		t.Errorf("rail feeds = %v, want the RSS and the Atom feed", got)
	}
	if s.hitsOf("/news/rail-timetable") != 0 {
		t.Error("the same page under a second link was fetched twice")
	}
	if len(res.Merged) != 1 || res.Merged[0].Source != water.Source {
		t.Errorf("merged = %+v, want the mirrored water main story", res.Merged)
	}
	lib := byURL[s.URL+"/news/library.php5"]
	if lib.Byline != "Lena Okafor" || !strings.Contains(blocksText(lib), "makerspace") {
		t.Errorf("library article from the feed's content: %+v", lib)
	}
}

func blocksText(a corpus.Article) string {
	var ts []string
	for _, b := range a.Blocks {
		ts = append(ts, b.Text)
	}
	return strings.Join(ts, "\n")
}

func TestConditionalRequests(t *testing.T) {
	s := newSite(t)
	s.news()
	p := newPoller(t, Options{}, s.URL+"/rss.xml")
	if res := poll(t, p, t0); len(res.New) != 2 {
		t.Fatalf("first poll: %d new, want 2", len(res.New))
	}
	if h := s.lastHeader("/rss.xml"); h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first request was conditional: %v", h)
	}
	if ua := s.lastHeader("/rss.xml").Get("User-Agent"); !strings.HasPrefix(ua, "briefbot/") || !strings.Contains(ua, "github.com/briefbot/briefbot") {
		t.Errorf("User-Agent = %q", ua)
	}

	// not due yet: nothing is fetched
	if res := poll(t, p, t0.Add(5*time.Minute)); len(res.New) != 0 || s.hitsOf("/rss.xml") != 1 {
		t.Fatalf("poll before the refresh fetched the feed (%d hits)", s.hitsOf("/rss.xml"))
	}

	pages := s.hitsOf("/news/water-main.html")
	res := poll(t, p, t0.Add(10*time.Minute))
	h := s.lastHeader("/rss.xml")
	if h.Get("If-None-Match") != `"rss-v1"` || h.Get("If-Modified-Since") != "Fri, 20 Nov 2026 09:00:00 GMT" {
		t.Errorf("second request not conditional: If-None-Match %q If-Modified-Since %q", h.Get("If-None-Match"), h.Get("If-Modified-Since"))
	}
	if len(res.New) != 0 || len(res.Failed) != 0 || s.hitsOf("/rss.xml") != 2 {
		t.Errorf("after 304: %d new, %d failed, %d feed hits", len(res.New), len(res.Failed), s.hitsOf("/rss.xml"))
	}
	if s.hitsOf("/news/water-main.html") != pages {
		t.Error("a 304 feed had its pages fetched again")
	}
}

func TestNewItemBecomesArticle(t *testing.T) {
	s := newSite(t)
	s.news()
	p := newPoller(t, Options{}, s.URL+"/rss.xml")
	poll(t, p, t0)
	s.feed("/rss.xml", "rss-next.xml", "application/rss+xml", `"rss-v2"`)
	// the page answers 500: the item is tried again at the next polls,
	// and at the last of DefaultPageAttempts it is made from the feed
	var res Result
	for i := 1; i <= DefaultPageAttempts; i++ {
		res = poll(t, p, t0.Add(time.Duration(i)*time.Hour))
		if want := map[bool]int{true: 1}[i == DefaultPageAttempts]; len(res.New) != want {
			t.Fatalf("poll %d: %d new articles, want %d:\n%s", i+1, len(res.New), want, render(res, s.URL))
		}
	}
	a := res.New[0]
	if a.URL != s.URL+"/news/night-ferry" || !strings.Contains(blocksText(a), "heated waiting room") {
		t.Errorf("new article from the description (the page fails): %s", render(res, s.URL))
	}
	if n := s.hitsOf("/news/night-ferry"); n != DefaultPageAttempts {
		t.Errorf("failing page fetched %d times, want %d", n, DefaultPageAttempts)
	}
	if !a.Published.Equal(time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("published = %v", a.Published)
	}
	if n := s.hitsOf("/news/water-main.html"); n != 1 {
		t.Errorf("a known item's page was fetched %d times", n)
	}
}

func TestDedupeAcrossFeedsAndPolls(t *testing.T) {
	s := newSite(t)
	s.news()
	// The Atom feed alone first, the RSS feed joins later with the same
	// rail story under another link.
	p := newPoller(t, Options{}, s.URL+"/atom.xml")
	first := poll(t, p, t0)
	if len(first.New) != 2 {
		t.Fatalf("atom: %d new, want 2", len(first.New))
	}
	p2 := p
	p2.feeds = append(p2.feeds, &schedule{src: Source{URL: s.URL + "/rss.xml", Refresh: time.Hour}})
	res := poll(t, p2, t0.Add(time.Minute))
	if len(res.New) != 1 || !strings.Contains(res.New[0].URL, "water-main") {
		t.Errorf("rss after atom: want only the water main story new:\n%s", render(res, s.URL))
	}
	if s.hitsOf("/news/rail-timetable/") != 0 {
		t.Error("a link equal after normalising was fetched again")
	}
}

// slowPage serves a page in flushed chunks, yielding between them, so that
// a second request to the same host, if the poller sent one, would
// overlap this one.
func slowPage(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < len(body); i += 256 {
			w.Write(body[i:min(i+256, len(body))])
			w.(http.Flusher).Flush()
			runtime.Gosched()
		}
	}
}

func TestPoliteness(t *testing.T) {
	s := newSite(t)
	var items strings.Builder
	for i := range 24 {
		fmt.Fprintf(&items, `<item><title>Story %d</title><link>{{BASE}}/p/%d</link><description>Story number %d.</description></item>`, i, i, i)
		s.handle(fmt.Sprintf("/p/%d", i), slowPage(s.fixture("pages/rail-timetable.html")))
	}
	body := `<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>` + items.String() + `</channel></rss>`
	for _, name := range []string{"/a.xml", "/b.xml", "/c.xml"} {
		body := strings.ReplaceAll(body, "{{BASE}}", s.URL)
		s.handle(name, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(body)) })
	}
	p := newPoller(t, Options{Concurrency: 8}, s.URL+"/a.xml", s.URL+"/b.xml", s.URL+"/c.xml")
	res := poll(t, p, t0)
	if got := s.maxIn.Load(); got != 1 {
		t.Errorf("%d requests in flight at once to one host, want 1", got)
	}
	// every page is the same article: one new, the rest recognised by
	// their text
	if len(res.New) != 1 || len(res.Merged) != 23 {
		t.Errorf("%d new and %d merged, want 1 and 23", len(res.New), len(res.Merged))
	}
	if s.hitsOf("/p/0") != 1 {
		t.Errorf("page fetched %d times across three feeds", s.hitsOf("/p/0"))
	}
}

func TestMaxNewItems(t *testing.T) {
	s := newSite(t)
	s.news()
	p := newPoller(t, Options{MaxNewItems: 1}, s.URL+"/rss.xml")
	if res := poll(t, p, t0); len(res.New) != 1 {
		t.Fatalf("first poll: %d new, want 1", len(res.New))
	}
	res := poll(t, p, t0.Add(10*time.Minute))
	if h := s.lastHeader("/rss.xml"); h.Get("If-None-Match") != "" {
		t.Error("the feed was fetched conditionally with items left over")
	}
	if len(res.New) != 1 {
		t.Fatalf("second poll: %d new, want the item left over", len(res.New))
	}
	poll(t, p, t0.Add(20*time.Minute))
	if h := s.lastHeader("/rss.xml"); h.Get("If-None-Match") != `"rss-v1"` {
		t.Error("once every item is in, the feed is not fetched conditionally")
	}
}

func TestRedirectedLinkIsKnown(t *testing.T) {
	s := newSite(t)
	s.news()
	s.handle("/go/123", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/water-main.html?utm_source=tracker", http.StatusFound)
	})
	s.handle("/tracked.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Aggregator</title>` +
			`<item><title>Harbour Street closed</title><link>` + s.URL + `/go/123</link><description>Short.</description></item></channel></rss>`))
	})
	p := newPoller(t, Options{}, s.URL+"/tracked.xml")
	res := poll(t, p, t0)
	if len(res.New) != 1 {
		t.Fatalf("%d new, want 1", len(res.New))
	}
	a := res.New[0]
	if a.Source != s.URL+"/go/123" || fmt.Sprint(a.Duplicates) != fmt.Sprint([]string{s.URL + "/news/water-main.html"}) {
		t.Errorf("source %s duplicates %v: want the link and the page it redirects to", a.Source, a.Duplicates)
	}
	p.feeds = append(p.feeds, &schedule{src: Source{URL: s.URL + "/rss.xml", Refresh: time.Hour}})
	res = poll(t, p, t0.Add(time.Minute))
	if len(res.New) != 1 || !strings.Contains(res.New[0].URL, "rail-timetable") {
		t.Errorf("want only the rail story new:\n%s", render(res, s.URL))
	}
	if n := s.hitsOf("/news/water-main.html"); n != 1 {
		t.Errorf("the page reached by a redirect was fetched %d times, want 1", n)
	}
}
