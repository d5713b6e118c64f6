package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// ErrStore marks an error of the StateStore: polling pauses until the
// store answers again, and the feeds stay due.
var ErrStore = errors.New("feed store")

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

	sameLink bool // the item's link is the article's, up to NormalizeURL
}

// Poller polls feeds. It is safe for concurrent use; a feed is polled by
// one goroutine at a time.
type Poller struct {
	opts  Options
	store Store // opts.State when it keeps articles too, else nil
	fetch *fetcher
	log   *slog.Logger
	pages chan struct{} // page fetches in flight, across feeds

	mu       sync.Mutex
	feeds    []*schedule
	loaded   bool              // schedules restored from the State
	byURL    map[string]string // NormalizeURL(link) or item key -> article Source
	texts    *textIndex
	inflight map[string]*story // item key -> story whose page is being fetched
}

// schedule is the polling state of one feed.
type schedule struct {
	src      Source
	next     time.Time
	failures int
	busy     bool // being polled
}

// New returns a Poller for the feeds in opts. A feed is due at the first
// Poll unless its saved State says when it is next due. It fails for a
// feed URL that is not absolute http(s).
func New(opts Options) (*Poller, error) {
	opts = opts.withDefaults()
	p := &Poller{
		opts:     opts,
		fetch:    newFetcher(opts.HTTPClient, opts.UserAgent, opts.MaxBytes, opts.Timeout, opts.MaxRedirects, opts.Now),
		log:      opts.Logger,
		pages:    make(chan struct{}, opts.Concurrency),
		byURL:    make(map[string]string),
		texts:    newTextIndex(),
		inflight: make(map[string]*story),
	}
	p.store, _ = opts.State.(Store)
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

// Known tells the poller about articles it reported in an earlier run
// (the stored feed articles), so that the same story found again under
// another link or with the same text is merged into them rather than
// reported anew.
func (p *Poller) Known(arts []corpus.Article) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range arts {
		a := &arts[i]
		if a.Source == "" {
			continue
		}
		for _, l := range append([]string{a.Source, a.URL}, a.Duplicates...) {
			if k, err := NormalizeURL(l); err == nil {
				p.byURL[k] = a.Source
			}
		}
		p.texts.add(a)
	}
	if p.texts.len() > p.opts.Remember {
		p.forget()
	}
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

// restore reads each feed's failures and next check from the State, once.
func (p *Poller) restore(ctx context.Context) error {
	p.mu.Lock()
	loaded := p.loaded
	feeds := slices.Clone(p.feeds)
	p.mu.Unlock()
	if loaded {
		return nil
	}
	states := make([]State, len(feeds))
	for i, f := range feeds {
		st, err := p.opts.State.FeedState(ctx, f.src.URL)
		if err != nil {
			return fmt.Errorf("%w: read state of %s: %w", ErrStore, f.src.URL, err)
		}
		states[i] = st
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.loaded {
		for i, f := range feeds {
			f.failures, f.next = states[i].Failures, states[i].Next
		}
		p.loaded = true
	}
	return nil
}

// due marks the feeds due at now that are not being polled as busy and
// returns them, in the order of Options.
func (p *Poller) due(now time.Time) []*schedule {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []*schedule
	for _, f := range p.feeds {
		if !f.busy && !f.next.After(now) {
			f.busy = true
			out = append(out, f)
		}
	}
	return out
}

func (p *Poller) release(f *schedule) {
	p.mu.Lock()
	f.busy = false
	p.mu.Unlock()
}

// Poll fetches the feeds due at now, fetches the pages of their new items
// and returns the new articles, deduplicated across feeds and against
// earlier polls. Feeds are polled concurrently, each within
// Options.FeedTimeout; stories are claimed and compared in the order of
// the feeds, so the result does not depend on which answers first. A
// failing feed is reported in Result.Failed, logged, passed to OnFailure
// and retried after a backoff; it does not stop the others; a feed that
// succeeds is passed to OnSuccess. A page that cannot be fetched falls
// back to the item's text; an item with neither is logged and skipped for
// good (it is marked seen like the others, so a page that never works is
// not fetched again).
//
// With a Store as Options.State, each feed's new articles are saved with
// its seen items and validators in one transaction, so an item is either
// stored or fetched again by the next poll. Poll returns an error when
// ctx ends or the store fails (wrapping ErrStore); the feeds that were
// not recorded then stay due and see the same items again.
func (p *Poller) Poll(ctx context.Context, now time.Time) (Result, error) {
	if err := p.restore(ctx); err != nil {
		return Result{}, err
	}
	due := p.due(now)
	results := make([]Result, len(due))
	errs := make([]error, len(due))
	gates := make([]gate, len(due)+1)
	for i := range gates {
		gates[i] = gate{claimed: make(chan struct{}), compared: make(chan struct{})}
	}
	close(gates[0].claimed)
	close(gates[0].compared)
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(len(due), p.opts.Concurrency) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				g := &order{prev: gates[i], next: gates[i+1]}
				results[i], errs[i] = p.pollFeed(ctx, due[i], now, g)
				g.done()
				p.release(due[i])
			}
		}()
	}
	for i := range due {
		work <- i
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	res := combine(results)
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// combine joins the results of single feeds, in feed order: a link
// merged into an article new in the same poll becomes one of its
// Duplicates, and its feed one of its Feeds.
func combine(rs []Result) Result {
	out := Result{Feeds: make(map[string][]string)}
	isNew := make(map[string]int)
	for _, r := range rs {
		for _, a := range r.New {
			isNew[a.Source] = len(out.New)
			out.New = append(out.New, a)
		}
		for _, m := range r.Merged {
			i, ok := isNew[m.Source]
			if !ok || !m.sameLink {
				out.Merged = append(out.Merged, m)
				continue
			}
			a := &out.New[i]
			if m.URL != "" && m.URL != a.Source && m.URL != a.URL && !slices.Contains(a.Duplicates, m.URL) {
				a.Duplicates = append(a.Duplicates, m.URL)
			}
		}
		for src, fs := range r.Feeds {
			for _, f := range fs {
				out.Feeds[src] = appendNew(out.Feeds[src], f)
			}
		}
		out.Failed = append(out.Failed, r.Failed...)
	}
	for src := range out.Feeds {
		if _, ok := isNew[src]; !ok {
			delete(out.Feeds, src)
		}
	}
	return out
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

// unreport forgets articles whose saving failed, so that their items,
// seen again, are not taken for known stories. Called with p.mu held.
func (p *Poller) unreport(sources []string) {
	if len(sources) == 0 {
		return
	}
	gone := make(map[string]bool, len(sources))
	for _, s := range sources {
		gone[s] = true
	}
	for k, src := range p.byURL {
		if gone[src] {
			delete(p.byURL, k)
		}
	}
	p.texts.remove(gone)
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

func appendNew(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}
