package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// Result is what one poll found.
type Result struct {
	// New holds the articles not seen before, in the order of the feeds
	// in Options and of the items in each feed. Source and URL are the
	// item's link (tracking parameters removed); Duplicates lists the
	// other links the same story was found under in this poll.
	New []corpus.Article
	// Merged holds links found for articles reported by an earlier poll
	// (or earlier in this one): the same or nearly the same text under
	// another URL.
	Merged []Merge
	// Feeds maps the Source of each new article to the feeds it came
	// from, in the order of the feeds in Options.
	Feeds map[string][]string
	// Failed holds the feeds whose fetch failed in this poll.
	Failed []FeedError
}

// Merge is another link to an article already reported.
type Merge struct {
	// Source is the Source of the article reported before.
	Source string
	// URL is the new link to it.
	URL string
	// Feed is the (first) feed the story came from in this poll.
	Feed string
}

// Poller polls feeds. It is safe for concurrent use; polls run one at a
// time.
type Poller struct {
	opts  Options
	fetch *fetcher
	log   *slog.Logger

	poll sync.Mutex // one Poll at a time

	mu    sync.Mutex
	feeds []*schedule
	byURL map[string]string // NormalizeURL(link) or item key -> article Source
	texts *textIndex
}

// schedule is the polling state of one feed.
type schedule struct {
	src      Source
	next     time.Time
	failures int
}

// New returns a Poller for the feeds in opts. Every feed is due at the
// first Poll. It fails for a feed URL that is not absolute http(s).
func New(opts Options) (*Poller, error) {
	opts = opts.withDefaults()
	p := &Poller{
		opts:  opts,
		fetch: newFetcher(opts.HTTPClient, opts.UserAgent, opts.MaxBytes, opts.Timeout, opts.MaxRedirects, opts.Now),
		log:   opts.Logger,
		byURL: make(map[string]string),
		texts: newTextIndex(),
	}
	seen := make(map[string]bool)
	for _, s := range opts.Feeds {
		if _, err := NormalizeURL(s.URL); err != nil {
			return nil, fmt.Errorf("feed %q: %w", s.URL, err)
		}
		if seen[s.URL] {
			continue
		}
		seen[s.URL] = true
		if s.Refresh <= 0 {
			s.Refresh = DefaultRefresh
		}
		p.feeds = append(p.feeds, &schedule{src: s})
	}
	return p, nil
}

// NextDue returns when the next feed is due; the zero time when there
// are no feeds.
func (p *Poller) NextDue() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	var t time.Time
	for _, f := range p.feeds {
		if t.IsZero() || f.next.Before(t) {
			t = f.next
		}
	}
	return t
}

// fetched is one due feed after its fetch.
type fetched struct {
	sched *schedule
	state State
	items []item // new items, in feed order
	keys  []string
	err   error
}

// Poll fetches the feeds due at now, fetches the pages of their new items
// and returns the new articles, deduplicated across feeds and against
// earlier polls. A failing feed is reported in Result.Failed, logged,
// passed to OnFailure and retried after a backoff; it does not stop the
// others; a feed that succeeds is passed to OnSuccess. A page that cannot
// be fetched falls back to the item's text; an item with neither is logged
// and skipped for good (it is marked seen like the others, so a page that
// never works is not fetched again). Poll returns an error only when ctx
// ends, and then records nothing, so the next poll sees the same items
// again.
func (p *Poller) Poll(ctx context.Context, now time.Time) (Result, error) {
	p.poll.Lock()
	defer p.poll.Unlock()
	var due []*schedule
	p.mu.Lock()
	for _, f := range p.feeds {
		if !f.next.After(now) {
			due = append(due, f)
		}
	}
	p.mu.Unlock()

	got := make([]*fetched, len(due))
	var wg sync.WaitGroup
	for i, f := range due {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = p.fetchFeed(ctx, f)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}

	res, err := p.collect(ctx, got)
	if err != nil {
		return Result{}, err
	}
	for _, g := range got {
		if g.err == nil {
			g.err = p.commit(ctx, g, now)
		}
		if fe, failed := p.reschedule(g, now); failed {
			res.Failed = append(res.Failed, fe)
		}
	}
	return res, ctx.Err()
}

// fetchFeed fetches one feed with its validators and keeps the items not
// seen before.
func (p *Poller) fetchFeed(ctx context.Context, f *schedule) *fetched {
	g := &fetched{sched: f}
	url := f.src.URL
	st, err := p.opts.State.FeedState(ctx, url)
	if err != nil {
		g.err = fmt.Errorf("read state: %w", err)
		return g
	}
	g.state = st
	hdr := http.Header{}
	if st.ETag != "" {
		hdr.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		hdr.Set("If-Modified-Since", st.LastModified)
	}
	res, err := p.fetch.get(ctx, url, hdr, "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if err != nil {
		g.err = err
		return g
	}
	if res.status == http.StatusNotModified {
		return g
	}
	g.state.ETag, g.state.LastModified = res.etag, res.lastModified
	items, err := parseItems(url, res.url, res.body)
	if err != nil {
		g.err = err
		return g
	}
	keys := make([]string, len(items))
	for i := range items {
		keys[i] = items[i].key
	}
	seen, err := p.opts.State.SeenItems(ctx, url, keys)
	if err != nil {
		g.err = fmt.Errorf("read seen items: %w", err)
		return g
	}
	for _, it := range items {
		if seen[it.key] {
			continue
		}
		if len(g.items) == p.opts.MaxNewItems {
			// more next time; keep the old validators so that the next
			// poll gets the whole feed again instead of a 304
			g.state.ETag, g.state.LastModified = st.ETag, st.LastModified
			break
		}
		g.items = append(g.items, it)
		g.keys = append(g.keys, it.key)
	}
	return g
}

// story is one new item after deduplication by link, with every feed and
// link it was found under.
type story struct {
	item  item
	links []string
	feeds []string
	final string // the page's URL after redirects
	art   corpus.Article
	err   error
}

// collect dedupes the new items by link, fetches their pages and dedupes
// the articles by text.
func (p *Poller) collect(ctx context.Context, got []*fetched) (Result, error) {
	res := Result{Feeds: make(map[string][]string)}
	var stories []*story
	byKey := make(map[string]*story)
	p.mu.Lock()
	for _, g := range got {
		if g.err != nil {
			continue
		}
		for _, it := range g.items {
			if _, known := p.byURL[it.key]; known {
				continue // the same page as an article reported before
			}
			if s, ok := byKey[it.key]; ok {
				s.links = appendNew(s.links, it.link)
				s.feeds = appendNew(s.feeds, it.feed)
				continue
			}
			s := &story{item: it, links: []string{it.link}, feeds: []string{it.feed}}
			byKey[it.key] = s
			stories = append(stories, s)
		}
	}
	p.mu.Unlock()

	p.articles(ctx, stories)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range stories {
		if s.err != nil {
			p.log.Warn("feed: item skipped", "feed", s.item.feed, "url", s.item.link, "err", s.err)
			continue
		}
		a := s.art
		finalKey := ""
		if s.final != "" {
			if k, err := NormalizeURL(s.final); err == nil && k != s.item.key {
				finalKey = k
				s.links = appendNew(s.links, cleanLink(s.final))
			}
		}
		src, known := p.byURL[finalKey]
		if !known || finalKey == "" {
			src = p.texts.find(&a)
		}
		if src != "" {
			for _, l := range s.links {
				if l != "" && l != src {
					res.Merged = append(res.Merged, Merge{Source: src, URL: l, Feed: s.feeds[0]})
				}
			}
			p.byURL[s.item.key] = src
			if finalKey != "" {
				p.byURL[finalKey] = src
			}
			continue
		}
		for _, l := range s.links[1:] {
			if l != "" && l != a.Source {
				a.Duplicates = append(a.Duplicates, l)
			}
		}
		p.texts.add(&a)
		p.byURL[s.item.key] = a.Source
		if finalKey != "" {
			p.byURL[finalKey] = a.Source
		}
		res.New = append(res.New, a)
		res.Feeds[a.Source] = s.feeds
	}
	if p.texts.len() > p.opts.Remember {
		p.forget()
	}
	return res, nil
}

// forget drops the older half of the stories remembered for dedupe.
// Called with p.mu held.
func (p *Poller) forget() {
	known := p.texts.keepNewest(p.opts.Remember / 2)
	for k, src := range p.byURL {
		if !known[src] {
			delete(p.byURL, k)
		}
	}
}

// articles fetches the stories' pages, Concurrency at a time.
func (p *Poller) articles(ctx context.Context, stories []*story) {
	work := make(chan *story)
	var wg sync.WaitGroup
	for range min(p.opts.Concurrency, len(stories)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				s.art, s.final, s.err = p.article(ctx, &s.item)
			}
		}()
	}
	for _, s := range stories {
		work <- s
	}
	close(work)
	wg.Wait()
}

// commit records a fetched feed's validators and seen items.
func (p *Poller) commit(ctx context.Context, g *fetched, now time.Time) error {
	url := g.sched.src.URL
	if len(g.keys) > 0 {
		if err := p.opts.State.MarkSeen(ctx, url, g.keys, now); err != nil {
			return fmt.Errorf("save seen items: %w", err)
		}
	}
	g.state.Checked = now
	if err := p.opts.State.SaveFeedState(ctx, url, g.state); err != nil {
		return fmt.Errorf("save state: %w", err)
	}
	return nil
}

// reschedule sets when a feed is next due: after its refresh when it
// succeeded, after a growing backoff when it failed.
func (p *Poller) reschedule(g *fetched, now time.Time) (FeedError, bool) {
	p.mu.Lock()
	f := g.sched
	if g.err == nil {
		before := f.failures
		f.failures = 0
		f.next = now.Add(f.src.Refresh)
		p.mu.Unlock()
		if before > 0 {
			p.log.Info("feed: works again", "feed", f.src.URL, "failures_before", before)
		}
		if p.opts.OnSuccess != nil {
			p.opts.OnSuccess(f.src.URL, before)
		}
		return FeedError{}, false
	}
	f.failures++
	n := f.failures
	f.next = now.Add(backoff(f.src.Refresh, p.opts.MaxBackoff, n, retryAfter(g.err)))
	p.mu.Unlock()

	p.log.Warn("feed: poll failed", "feed", f.src.URL, "consecutive", n, "retry_at", f.next, "err", g.err)
	if p.opts.OnFailure != nil {
		p.opts.OnFailure(f.src.URL, n, g.err)
	}
	return FeedError{URL: f.src.URL, Consecutive: n, Err: g.err}, true
}

// backoff is the wait after the n-th failure in a row: the refresh
// interval doubled for each failure after the first, capped at limit
// (but never below refresh), and never less than what the server asked for.
func backoff(refresh, limit time.Duration, n int, asked time.Duration) time.Duration {
	d := refresh
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	if d > limit {
		d = max(refresh, limit)
	}
	return max(d, asked)
}

// Run polls until ctx ends, calling fn with every result that has new
// articles, merged links or failures, and sleeping (Options.After) until
// the next feed is due. It returns nil when ctx ends; with no feeds it
// just waits for that.
func (p *Poller) Run(ctx context.Context, fn func(Result)) error {
	if len(p.feeds) == 0 {
		<-ctx.Done()
		return nil
	}
	for {
		now := p.opts.Now()
		res, err := p.Poll(ctx, now)
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil
			}
			return err
		}
		if len(res.New) > 0 || len(res.Merged) > 0 || len(res.Failed) > 0 {
			fn(res)
		}
		wait := p.NextDue().Sub(p.opts.Now())
		if wait < time.Second {
			wait = time.Second
		}
		select {
		case <-ctx.Done():
			return nil
		case <-p.opts.After(wait):
		}
	}
}

func appendNew(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}
