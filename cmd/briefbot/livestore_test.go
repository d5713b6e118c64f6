package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/sqlite"
	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/prometheus/client_golang/prometheus"
)

// storyName is a made-up place name of its own for story i (i < 512).
func storyName(i int) string {
	syl := []string{"ka", "lo", "mi", "ru", "te", "vo", "zan", "pel"}
	return strings.ToUpper(syl[i%8][:1]) + syl[i%8][1:] + syl[(i/8)%8] + syl[(i/64)%8] + "ton"
}

func storyHTML(i int) string {
	n := storyName(i)
	return fmt.Sprintf(`<!doctype html><html><head><title>Flood barrier opens at %[1]s</title></head><body><article>
<h1>Flood barrier opens at %[1]s</h1>
<p>The flood barrier at %[1]s opened on Monday after three years of work, the council said.</p>
<p>Engineers at %[1]s say the barrier protects four hundred homes from winter storms.</p>
<p>The %[1]s barrier cost twelve million pounds, paid by the regional water board.</p>
</article></body></html>`, n)
}

// feedSite serves an RSS feed listing a window of numbered stories, each
// with its own page, and counts page requests. A page can be made to
// hang until its request is cancelled.
type feedSite struct {
	*httptest.Server
	mu       sync.Mutex
	from, to int
	hits     map[int]int
	hang     map[int]bool
	hanging  chan int
}

func newFeedSite(t *testing.T, from, to int) *feedSite {
	s := &feedSite{from: from, to: to, hits: map[int]int{}, hang: map[int]bool{}, hanging: make(chan int, 16)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *feedSite) window(from, to int) {
	s.mu.Lock()
	s.from, s.to = from, to
	s.mu.Unlock()
}

func (s *feedSite) pageHits(i int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[i]
}

func (s *feedSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	from, to := s.from, s.to
	var i int
	isPage, _ := fmt.Sscanf(r.URL.Path, "/p/%d", &i)
	hang := false
	if isPage == 1 {
		s.hits[i]++
		hang = s.hang[i]
	}
	s.mu.Unlock()
	if isPage == 1 {
		if hang {
			s.hanging <- i
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, storyHTML(i))
		return
	}
	etag := fmt.Sprintf(`"%d-%d"`, from, to)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Barrier News</title>`)
	for i := to - 1; i >= from; i-- {
		fmt.Fprintf(&b, `<item><title>Flood barrier opens at %s</title><link>%s/p/%d</link><pubDate>%s</pubDate></item>`,
			storyName(i), s.URL, i, time.Date(2026, 12, 1, 0, i, 0, 0, time.UTC).Format(http.TimeFormat))
	}
	b.WriteString(`</channel></rss>`)
	w.Write([]byte(b.String()))
}

// replica is one serve's live corpus in this process.
type replica struct {
	a     *app
	m     *bot.Metrics
	reg   *prometheus.Registry
	b     *bot.Bot
	store bot.Store
	logs  *syncBuffer
	stop  context.CancelFunc
	done  chan error
}

var fastTiming = liveTiming{lease: 2 * time.Second, renew: 500 * time.Millisecond, sync: 200 * time.Millisecond, retain: time.Hour}

// startReplica loads the config as serve does (files and stored feed
// articles) and runs the live corpus. wrap, when set, wraps the store.
func startReplica(t *testing.T, cfg string, wrap func(bot.Store) bot.Store) *replica {
	t.Helper()
	ctx := context.Background()
	logs := &syncBuffer{}
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: logs, getenv: func(string) (string, bool) { return "", false }}
	a, err := loadFor(ctx, e, &globals{config: cfg}, true)
	if err != nil {
		t.Fatal(err)
	}
	a.log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	store, err := a.openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if wrap != nil {
		store = wrap(store)
	}
	reg := prometheus.NewRegistry()
	m := bot.NewMetrics(reg)
	b, err := a.newBot(store, m)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("BRIEFBOT_MEASURE") == "" {
		// BRIEFBOT_MEASURE=1 keeps the timing serve derives from the
		// feeds' refresh (slow, for the figures)
		timing := fastTiming
		a.lib.liveTiming = &timing
	}
	rctx, stop := context.WithCancel(ctx)
	r := &replica{a: a, m: m, reg: reg, b: b, store: store, logs: logs, stop: stop, done: make(chan error, 1)}
	go func() { r.done <- a.live(rctx, b, store, m) }()
	t.Cleanup(func() { r.kill(); store.Close() })
	return r
}

// kill stops the replica's live corpus and waits for it.
func (r *replica) kill() {
	if r.stop != nil {
		r.stop()
		<-r.done
		r.stop = nil
	}
}

func (r *replica) articles() int {
	if kb := r.b.KB(); kb != nil {
		return len(kb.Articles())
	}
	return 0
}

// waitFor waits up to limit for cond.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// answered counts the stories from..to-1 the bot answers from their own
// page.
func answered(r *replica, site *feedSite, from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		ans := r.b.KB().Ask("What opened at " + storyName(i) + "?")
		if ans.Answered && len(ans.Sources) > 0 && ans.Sources[0].URL == fmt.Sprintf("%s/p/%d", site.URL, i) {
			n++
		}
	}
	return n
}

// feedDue makes the stored feed due now, as if its refresh interval had
// passed while the bot was down.
func feedDue(t *testing.T, s bot.Store, url string) {
	t.Helper()
	fs := s.(feed.Store)
	ctx := context.Background()
	st, err := fs.FeedState(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	st.Next = time.Time{}
	if err := fs.SaveFeedState(ctx, url, st); err != nil {
		t.Fatal(err)
	}
}

func feedConfig(t *testing.T, dir, feedURL, store string) string {
	return writeFile(t, dir, "bb.yaml", fmt.Sprintf("corpus:\n  feeds: [ { url: %q, refresh: 1m } ]\nstore: %s\n", feedURL, store))
}

// TestRestartKeepsEveryArticle: a first run stores 25 items; a second is
// stopped mid-poll; the feed moves on to list items 25-35 only. After the
// restart every item is answerable, and no stored page is fetched again.
func TestRestartKeepsEveryArticle(t *testing.T) {
	site := newFeedSite(t, 0, 25)
	dir := t.TempDir()
	feedURL := site.URL + "/rss.xml"
	cfg := feedConfig(t, dir, feedURL, fmt.Sprintf("{ driver: sqlite, dsn: %q }", filepath.Join(dir, "state.db")))

	r1 := startReplica(t, cfg, nil)
	waitFor(t, 30*time.Second, "25 articles", func() bool { return r1.articles() == 25 })
	r1.kill()

	// the next run is stopped while it fetches the feed's new pages
	site.window(0, 30)
	site.mu.Lock()
	site.hang[29] = true
	site.mu.Unlock()
	feedDue(t, r1.store, feedURL)
	r2 := startReplica(t, cfg, nil)
	if n := r2.articles(); n != 25 {
		t.Fatalf("second run starts with %d articles, want the 25 stored", n)
	}
	<-site.hanging
	r2.kill()

	site.mu.Lock()
	site.hang[29] = false
	site.mu.Unlock()
	site.window(25, 36)
	feedDue(t, r2.store, feedURL)
	r3 := startReplica(t, cfg, nil)
	waitFor(t, 30*time.Second, "36 articles", func() bool { return r3.articles() == 36 })
	if n := answered(r3, site, 0, 36); n != 36 {
		t.Errorf("after the restart %d of 36 stories are answered from their page", n)
	}
	refetched := 0
	for i := range 25 {
		if site.pageHits(i) != 1 {
			refetched++
		}
	}
	if refetched != 0 {
		t.Errorf("%d stored pages fetched again", refetched)
	}
	again := 0
	for i := 25; i < 30; i++ {
		switch h := site.pageHits(i); {
		case h > 2:
			t.Errorf("page %d fetched %d times: once in the stopped poll, once after", i, h)
		case h == 2:
			again++
		}
	}
	t.Logf("answerable after the restart: %d/36; stored pages fetched again: %d; pages of the stopped (unstored) poll fetched again: %d",
		answered(r3, site, 0, 36), refetched, again)
}

// TestCommandsSeeStoredFeedArticles: ask and digest, run from the same
// config as serve, answer from the feed articles serve stored.
func TestCommandsSeeStoredFeedArticles(t *testing.T) {
	site := newFeedSite(t, 0, 5)
	dir := t.TempDir()
	cfg := feedConfig(t, dir, site.URL+"/rss.xml", fmt.Sprintf("{ driver: sqlite, dsn: %q }", filepath.Join(dir, "state.db")))
	r := startReplica(t, cfg, nil)
	waitFor(t, 30*time.Second, "5 articles", func() bool { return r.articles() == 5 })
	r.kill()
	out, errs, code := runCLI(t, "", nil, "-config", cfg, "ask", "What opened at "+storyName(3)+"?")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%s/p/3", site.URL)) {
		t.Errorf("ask: exit %d, stdout %q, stderr %q; want the stored article cited", code, out, errs)
	}
	out, errs, code = runCLI(t, "", nil, "-config", cfg, "digest", "-since", "3650d")
	if code != 0 || !strings.Contains(out, storyName(4)) {
		t.Errorf("digest: exit %d, stdout %q, stderr %q; want the stored articles", code, out, errs)
	}
	if site.pageHits(3) != 1 {
		t.Errorf("the commands fetched pages: %d", site.pageHits(3))
	}
}

// TestCommandsNeedFilesOrStoredFeedArticles: a one-shot command with feeds
// configured answers from the stored feed articles even when its corpus
// paths give no article, and exits 1 with one line when neither gives one.
func TestCommandsNeedFilesOrStoredFeedArticles(t *testing.T) {
	site := newFeedSite(t, 0, 3)
	dir := t.TempDir()
	emptyDir := filepath.Join(dir, "files")
	writeFile(t, emptyDir, ".keep", "")
	config := func(name string) string {
		return writeFile(t, dir, name+".yaml", fmt.Sprintf("corpus:\n  paths: [%q]\n  feeds: [ { url: %q, refresh: 1m } ]\nstore: { driver: sqlite, dsn: %q }\n",
			emptyDir, site.URL+"/rss.xml", filepath.Join(dir, name+".db")))
	}
	full := config("full")
	r := startReplica(t, full, nil)
	waitFor(t, 30*time.Second, "3 articles", func() bool { return r.articles() == 3 })
	r.kill()
	out, errs, code := runCLI(t, "", nil, "-config", full, "ask", "What opened at "+storyName(1)+"?")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%s/p/1", site.URL)) {
		t.Errorf("empty corpus paths, stored feed articles: exit %d, stdout %q, stderr %q; want the stored article cited", code, out, errs)
	}

	for _, cfg := range []string{config("empty"), feedConfig(t, dir, site.URL+"/rss.xml", fmt.Sprintf("{ driver: sqlite, dsn: %q }", filepath.Join(dir, "none.db")))} {
		_, errs, code := runCLI(t, "", nil, "-config", cfg, "ask", "What opened at "+storyName(1)+"?")
		if code != 1 || !strings.Contains(errs, "the corpus has no articles") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%s: no file and no stored feed article: exit %d, stderr %q; want exit 1 with one line", filepath.Base(cfg), code, errs)
		}
	}
	if n := site.pageHits(1); n != 1 {
		t.Errorf("the commands fetched pages: %d", n)
	}

	// a store that cannot be read is the one line's cause
	unreachable := feedConfig(t, dir, site.URL+"/rss.xml", `{ driver: postgres, dsn: "postgres://briefbot@127.0.0.1:1/none?sslmode=disable&connect_timeout=2" }`)
	_, errs, code = runCLI(t, "", nil, "-config", unreachable, "ask", "What opened at "+storyName(1)+"?")
	if code != 1 || !strings.Contains(errs, "postgres") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
		t.Errorf("unreachable store: exit %d, stderr %q; want exit 1 with one line naming the store", code, errs)
	}
}

// hangingLeaseStore never answers when the lease is given up, as a store
// cut off by the network.
type hangingLeaseStore struct{ *sqlite.Store }

func (hangingLeaseStore) DropLease(ctx context.Context, _, _ string) error {
	<-ctx.Done()
	return ctx.Err()
}

// TestStopWithAHangingStore: the polling replica stops within a bounded
// time when the store does not answer the lease's release.
func TestStopWithAHangingStore(t *testing.T) {
	site := newFeedSite(t, 0, 2)
	dir := t.TempDir()
	cfg := feedConfig(t, dir, site.URL+"/rss.xml", fmt.Sprintf("{ driver: sqlite, dsn: %q }", filepath.Join(dir, "state.db")))
	r := startReplica(t, cfg, func(s bot.Store) bot.Store { return hangingLeaseStore{s.(*sqlite.Store)} })
	waitFor(t, 30*time.Second, "the replica to poll", func() bool { return isPoller(r) && r.articles() == 2 })
	stopped := make(chan struct{})
	go func() { r.kill(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(dropLeaseWithin + 10*time.Second):
		t.Fatal("the replica does not stop while the store hangs")
	}
	if !strings.Contains(r.logs.String(), "give up the feed poll lease") {
		t.Errorf("no log line says the lease could not be given up:\n%s", r.logs)
	}
}

// hangingRenewalStore answers the first take of the lease, then never
// answers again when it is renewed, as a store whose connection hangs.
type hangingRenewalStore struct {
	*sqlite.Store
	takes atomic.Int32
}

func (s *hangingRenewalStore) HoldLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (bool, error) {
	if s.takes.Add(1) == 1 {
		return s.Store.HoldLease(ctx, name, owner, now, ttl)
	}
	<-ctx.Done()
	return false, ctx.Err()
}

// TestPollingStopsWhenRenewalHangs: a replica whose lease renewals hang
// stops polling before the lease runs out, so that no other replica polls
// at the same time.
func TestPollingStopsWhenRenewalHangs(t *testing.T) {
	site := newFeedSite(t, 0, 2)
	dir := t.TempDir()
	cfg := feedConfig(t, dir, site.URL+"/rss.xml", fmt.Sprintf("{ driver: sqlite, dsn: %q }", filepath.Join(dir, "state.db")))
	start := time.Now()
	r := startReplica(t, cfg, func(s bot.Store) bot.Store { return &hangingRenewalStore{Store: s.(*sqlite.Store)} })
	waitFor(t, 30*time.Second, "polling to stop", func() bool {
		return strings.Contains(r.logs.String(), "cannot renew the feed poll lease; polling stops here")
	})
	if took := time.Since(start); took >= fastTiming.lease {
		t.Errorf("polling stopped %v after the lease was taken, not before the lease (%v) ran out", took, fastTiming.lease)
	}
}

// TestRetentionLetsGoOfOldArticles: with corpus.retention.max_articles,
// the oldest feed articles leave the store and the knowledge.
func TestRetentionLetsGoOfOldArticles(t *testing.T) {
	site := newFeedSite(t, 0, 8)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "bb.yaml", fmt.Sprintf("corpus:\n  feeds: [ { url: %q } ]\n  retention: { max_articles: 5 }\nstore: { driver: sqlite, dsn: %q }\n",
		site.URL+"/rss.xml", filepath.Join(dir, "state.db")))
	fastTiming.retain = 100 * time.Millisecond
	defer func() { fastTiming.retain = time.Hour }()
	r := startReplica(t, cfg, nil)
	waitFor(t, 30*time.Second, "5 articles left", func() bool { return r.articles() == 5 })
	stored, _, err := feed.LoadAll(context.Background(), r.store.(feed.Store))
	if err != nil || len(stored) != 5 {
		t.Fatalf("stored after retention: %d, %v", len(stored), err)
	}
	for _, x := range stored {
		var i int
		fmt.Sscanf(x.Article.Source, site.URL+"/p/%d", &i)
		if i < 3 {
			t.Errorf("kept %s, one of the oldest", x.Article.Source)
		}
	}
	if n := answered(r, site, 3, 8); n != 5 {
		t.Errorf("%d of the 5 kept articles answered", n)
	}
}

// gauge returns the value of a metric without labels.
func (r *replica) gauge(name string) float64 {
	mfs, _ := r.reg.Gather()
	for _, mf := range mfs {
		if mf.GetName() == name && len(mf.GetMetric()) > 0 {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	return -1
}

// downStore is a SQLite store that fails while down is set, as a
// database that went away: its ping and every feed call (the poll lease
// is left working, so the test knows which replica polls).
type downStore struct {
	*sqlite.Store
	down atomic.Bool
}

var errDown = errors.New("connection refused")

func (d *downStore) Ping(ctx context.Context) error {
	if d.down.Load() {
		return errDown
	}
	return d.Store.Ping(ctx)
}

func (d *downStore) FeedState(ctx context.Context, url string) (feed.State, error) {
	if d.down.Load() {
		return feed.State{}, errDown
	}
	return d.Store.FeedState(ctx, url)
}

func (d *downStore) SavePoll(ctx context.Context, c feed.Commit) error {
	if d.down.Load() {
		return errDown
	}
	return d.Store.SavePoll(ctx, c)
}

func (d *downStore) Changes(ctx context.Context, after int64, limit int) ([]feed.Change, error) {
	if d.down.Load() {
		return nil, errDown
	}
	return d.Store.Changes(ctx, after, limit)
}

// TestStoreOutagePausesPolling: while the store is down, readiness fails
// and briefbot_feed_polling_paused is 1; when it is back, polling resumes
// and the items arrive.
func TestStoreOutagePausesPolling(t *testing.T) {
	site := newFeedSite(t, 0, 4)
	dir := t.TempDir()
	cfg := feedConfig(t, dir, site.URL+"/rss.xml", fmt.Sprintf("{ driver: sqlite, dsn: %q }", filepath.Join(dir, "state.db")))
	var ds *downStore
	r := startReplica(t, cfg, func(s bot.Store) bot.Store {
		ds = &downStore{Store: s.(*sqlite.Store)}
		ds.down.Store(true)
		return ds
	})
	waitFor(t, 10*time.Second, "polling paused", func() bool { return r.gauge("briefbot_feed_polling_paused") == 1 })
	if err := r.b.Ready(context.Background()); err == nil {
		t.Error("ready while the store is down")
	}
	if !strings.Contains(r.logs.String(), "polling paused") {
		t.Errorf("no log line says polling paused:\n%s", r.logs.String())
	}
	ds.down.Store(false)
	waitFor(t, 30*time.Second, "4 articles after the outage", func() bool { return r.articles() == 4 })
	waitFor(t, 10*time.Second, "polling resumed", func() bool { return r.gauge("briefbot_feed_polling_paused") == 0 })
	if err := r.b.Ready(context.Background()); err != nil {
		t.Errorf("not ready after the outage: %v", err)
	}
}
