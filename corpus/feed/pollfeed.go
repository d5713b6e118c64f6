package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// gate is passed from one feed to the next in a Poll, so that feeds
// claim stories and compare texts in the order of Options.
type gate struct {
	claimed  chan struct{} // closed when the feed before has claimed its stories
	compared chan struct{} // closed when it has compared its articles
}

// order is one feed's place in a Poll: it waits for prev and opens next.
// A nil order (Run) waits for nothing.
type order struct {
	prev, next       gate
	claimed, compare sync.Once
}

func (o *order) waitClaim(ctx context.Context) error {
	if o == nil {
		return nil
	}
	return wait(ctx, o.prev.claimed)
}

func (o *order) waitCompare(ctx context.Context) error {
	if o == nil {
		return nil
	}
	return wait(ctx, o.prev.compared)
}

func (o *order) claimDone() {
	if o != nil {
		o.claimed.Do(func() { close(o.next.claimed) })
	}
}

func (o *order) compareDone() {
	if o != nil {
		o.compare.Do(func() { close(o.next.compared) })
	}
}

// done opens the next gate whatever happened to this feed.
func (o *order) done() {
	o.claimDone()
	o.compareDone()
}

func wait(ctx context.Context, c <-chan struct{}) error {
	select {
	case <-c:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// fetched is one due feed after its fetch.
type fetched struct {
	sched *schedule
	prev  State // as saved before this poll
	state State // to save when the poll succeeds
	items []item
	// listed are the keys of all the items the feed lists; nil after a
	// 304
	listed []string
	// retries are the page retries of the State for items the feed
	// still lists and that are not seen
	retries map[string]Retry
	err     error
}

// story is one new item whose page one feed fetches; other feeds listing
// the same link at the same time wait for it (done).
type story struct {
	item item
	done chan struct{}
	// set before done is closed:
	art       corpus.Article // the article, when it was new
	final     string         // the page's URL after redirects
	err       error          // the item gave no article
	cancelled bool           // the fetch was cut short: not seen yet
	retry     bool           // the page failed for a passing reason: not seen yet
	src       string         // the Source the item ended up in
	isNew     bool           // src is art, new in this poll
}

// outcome is what one feed's poll found and records.
type outcome struct {
	res      Result
	keys     []string // items to mark seen
	retried  []string // items whose page failed for a passing reason
	save     []StoredArticle
	links    []Merge
	reported []string // sources this feed reported as new
}

// pollFeed polls one feed: its fetch, its new pages and the recording of
// what it found, within Options.FeedTimeout.
func (p *Poller) pollFeed(ctx context.Context, f *schedule, now time.Time, ord *order) (Result, error) {
	fctx, cancel := context.WithTimeout(ctx, p.opts.FeedTimeout)
	g := p.fetchFeed(fctx, f, now)
	timedOut := errors.Is(fctx.Err(), context.DeadlineExceeded)
	cancel()
	if ctx.Err() != nil {
		return Result{}, ctx.Err()
	}
	if errors.Is(g.err, ErrStore) {
		return Result{}, g.err
	}
	if g.err != nil && timedOut {
		g.err = fmt.Errorf("feed took longer than %v: %w", p.opts.FeedTimeout, g.err)
	}
	out := &outcome{res: Result{Feeds: make(map[string][]string)}}
	if g.err == nil {
		err := p.stories(ctx, g, ord, out)
		if err != nil {
			p.mu.Lock()
			p.unreport(out.reported)
			p.mu.Unlock()
			if ctx.Err() != nil {
				return Result{}, ctx.Err()
			}
			*out = outcome{res: Result{Feeds: make(map[string][]string)}}
			g.err = err
		}
	}
	ord.done()
	if g.err == nil {
		if err := p.commit(ctx, g, out, now); err != nil {
			p.mu.Lock()
			p.unreport(out.reported)
			p.mu.Unlock()
			return Result{}, err
		}
	}
	if fe, failed := p.reschedule(ctx, g, now); failed {
		out.res.Failed = append(out.res.Failed, fe)
	}
	return out.res, nil
}

// fetchFeed fetches one feed with its validators and keeps the items not
// seen before. While some items' pages are to be retried the feed is
// fetched without validators, so that a 304 does not hide them.
func (p *Poller) fetchFeed(ctx context.Context, f *schedule, now time.Time) *fetched {
	g := &fetched{sched: f}
	url := f.src.URL
	st, err := p.opts.State.FeedState(ctx, url)
	if err != nil {
		g.err = fmt.Errorf("%w: read state: %w", ErrStore, err)
		return g
	}
	g.prev, g.state, g.retries = st, st, st.Retries
	hdr := http.Header{}
	if st.ETag != "" && len(st.Retries) == 0 {
		hdr.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" && len(st.Retries) == 0 {
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
	g.listed = keys
	seen, err := p.opts.State.SeenItems(ctx, url, keys)
	if err != nil {
		g.err = fmt.Errorf("%w: read seen items: %w", ErrStore, err)
		return g
	}
	g.retries = nil
	for _, it := range items {
		if r, ok := st.Retries[it.key]; ok && !seen[it.key] {
			if g.retries == nil {
				g.retries = make(map[string]Retry)
			}
			g.retries[it.key] = r
		}
	}
	for _, it := range items {
		if seen[it.key] {
			continue
		}
		if r, ok := g.retries[it.key]; ok {
			it.lastTry = r.Attempts+1 >= p.opts.PageAttempts || now.Sub(r.First) >= p.opts.PageRetryFor
		} else {
			it.lastTry = p.opts.PageAttempts <= 1
		}
		if len(g.items) == p.opts.MaxNewItems {
			// more next time; keep the old validators so that the next
			// poll gets the whole feed again instead of a 304
			g.state.ETag, g.state.LastModified = st.ETag, st.LastModified
			break
		}
		g.items = append(g.items, it)
	}
	return g
}

// stories turns a feed's new items into articles: items whose link is
// known are only marked seen; an item another feed is fetching right now
// waits for that fetch; the others' pages are fetched (Concurrency at
// once across feeds) and compared by text with the articles known. The
// pages, and the wait for other feeds' pages, take at most FeedTimeout;
// it returns an error when they take longer or ctx ends.
func (p *Poller) stories(ctx context.Context, g *fetched, ord *order, out *outcome) error {
	feedURL := g.sched.src.URL
	if err := ord.waitClaim(ctx); err != nil {
		return err
	}
	var own []*story
	type waiting struct {
		s  *story
		it item
	}
	var waits []waiting
	p.mu.Lock()
	for _, it := range g.items {
		if src, known := p.byURL[it.key]; known {
			// The same page as an article reported before, by another
			// feed: in this poll (whose fetch it missed) or an earlier
			// one. Its link and this feed are recorded as for an item
			// that waited for that fetch, so the outcome does not
			// depend on which feed got there first.
			out.keys = append(out.keys, it.key)
			out.res.Feeds[src] = appendNew(out.res.Feeds[src], feedURL)
			if it.link != "" && it.link != src {
				m := Merge{Source: src, URL: it.link, Feed: feedURL, sameLink: true}
				out.res.Merged = append(out.res.Merged, m)
				out.links = append(out.links, m)
			}
			continue
		}
		if s, ok := p.inflight[it.key]; ok {
			waits = append(waits, waiting{s, it})
			continue
		}
		s := &story{item: it, done: make(chan struct{})}
		p.inflight[it.key] = s
		own = append(own, s)
	}
	p.mu.Unlock()
	ord.claimDone()
	defer func() {
		// whatever happens, release the stories this feed claimed
		p.mu.Lock()
		for _, s := range own {
			if p.inflight[s.item.key] == s {
				delete(p.inflight, s.item.key)
				s.cancelled = true
				close(s.done)
			}
		}
		p.mu.Unlock()
	}()

	pctx, cancel := context.WithTimeout(ctx, p.opts.FeedTimeout)
	defer cancel()
	timedOut := func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fmt.Errorf("pages took longer than %v: %w", p.opts.FeedTimeout, pctx.Err())
	}
	p.articles(pctx, own)
	if pctx.Err() != nil {
		return timedOut()
	}
	if err := ord.waitCompare(ctx); err != nil {
		return err
	}
	p.mu.Lock()
	for _, s := range own {
		p.compare(s, feedURL, out)
		delete(p.inflight, s.item.key)
		close(s.done)
	}
	if p.texts.len() > p.opts.Remember {
		p.forget()
	}
	p.mu.Unlock()
	ord.compareDone()

	for _, w := range waits {
		if wait(pctx, w.s.done) != nil {
			return timedOut()
		}
		s := w.s
		switch {
		case s.cancelled:
			// not seen: the next poll takes it again
		case s.retry:
			out.retried = append(out.retried, w.it.key)
		case s.err != nil:
			out.keys = append(out.keys, w.it.key)
		default:
			out.keys = append(out.keys, w.it.key)
			if s.isNew {
				// saved with this feed's items too, so it is stored
				// whichever feed's poll is recorded first
				out.save = append(out.save, StoredArticle{Article: s.art, Feeds: []string{feedURL}})
				out.res.Feeds[s.src] = appendNew(out.res.Feeds[s.src], feedURL)
			}
			if w.it.link != "" && w.it.link != s.src {
				m := Merge{Source: s.src, URL: w.it.link, Feed: feedURL, sameLink: true}
				out.res.Merged = append(out.res.Merged, m)
				out.links = append(out.links, m)
			}
		}
	}
	return nil
}

// compare decides what a fetched story is: skipped, another link of a
// known article, or a new article. Called with p.mu held.
func (p *Poller) compare(s *story, feedURL string, out *outcome) {
	if errors.Is(s.err, errRetry) {
		s.retry = true
		p.log.Info("feed: page failed, tried again next poll", "feed", feedURL, "url", s.item.link, "err", s.err)
		out.retried = append(out.retried, s.item.key)
		return
	}
	if s.err != nil {
		if errors.Is(s.err, context.Canceled) || errors.Is(s.err, context.DeadlineExceeded) {
			s.cancelled = true
			return
		}
		p.log.Warn("feed: item skipped", "feed", feedURL, "url", s.item.link, "err", s.err)
		out.keys = append(out.keys, s.item.key)
		return
	}
	out.keys = append(out.keys, s.item.key)
	a := s.art
	links := []string{s.item.link}
	finalKey := ""
	if s.final != "" {
		if k, err := NormalizeURL(s.final); err == nil && k != s.item.key {
			finalKey = k
			links = appendNew(links, cleanLink(s.final))
		}
	}
	src, known := p.byURL[finalKey]
	if !known || finalKey == "" {
		src = p.texts.find(&a)
	}
	if src != "" {
		for _, l := range links {
			if l != "" && l != src {
				m := Merge{Source: src, URL: l, Feed: feedURL}
				out.res.Merged = append(out.res.Merged, m)
				out.links = append(out.links, m)
			}
		}
		p.byURL[s.item.key] = src
		if finalKey != "" {
			p.byURL[finalKey] = src
		}
		s.src = src
		return
	}
	for _, l := range links[1:] {
		if l != "" && l != a.Source {
			a.Duplicates = append(a.Duplicates, l)
		}
	}
	p.texts.add(&a)
	p.byURL[s.item.key] = a.Source
	if finalKey != "" {
		p.byURL[finalKey] = a.Source
	}
	s.art, s.src, s.isNew = a, a.Source, true
	out.res.New = append(out.res.New, a)
	out.res.Feeds[a.Source] = []string{feedURL}
	out.save = append(out.save, StoredArticle{Article: a, Feeds: []string{feedURL}})
	out.reported = append(out.reported, a.Source)
}

// articles fetches the stories' pages, at most Concurrency at once
// across all feeds.
func (p *Poller) articles(ctx context.Context, stories []*story) {
	var wg sync.WaitGroup
	for _, s := range stories {
		select {
		case p.pages <- struct{}{}:
		case <-ctx.Done():
			s.err = ctx.Err()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-p.pages }()
			s.art, s.final, s.err = p.article(ctx, &s.item)
		}()
	}
	wg.Wait()
}

// commit records a feed's poll: with a Store, its new articles, links,
// seen items and state in one transaction; otherwise the seen items and
// state.
func (p *Poller) commit(ctx context.Context, g *fetched, out *outcome, now time.Time) error {
	url := g.sched.src.URL
	st := g.state
	st.Checked, st.Failures, st.Next = now, 0, now.Add(g.sched.src.Refresh)
	st.Retries = retries(g.retries, out, now)
	if p.store != nil {
		err := p.store.SavePoll(ctx, Commit{
			Articles: out.save, Links: out.links, Now: now,
			Feeds: []FeedCommit{{URL: url, State: st, Seen: out.keys, Listed: g.listed,
				RenewBefore: now.Add(-seenRenewed), ForgetBefore: now.Add(-p.opts.ForgetSeen)}},
		})
		if err != nil {
			return fmt.Errorf("%w: save poll of %s: %w", ErrStore, url, err)
		}
		return nil
	}
	if len(out.keys) > 0 {
		if err := p.opts.State.MarkSeen(ctx, url, out.keys, now); err != nil {
			return fmt.Errorf("%w: save seen items of %s: %w", ErrStore, url, err)
		}
	}
	if err := p.opts.State.SaveFeedState(ctx, url, st); err != nil {
		return fmt.Errorf("%w: save state of %s: %w", ErrStore, url, err)
	}
	return nil
}

// reschedule sets when a feed is next due: after its refresh when it
// succeeded, after a growing backoff when it failed (saved in the State,
// so a restart keeps the backoff).
func (p *Poller) reschedule(ctx context.Context, g *fetched, now time.Time) (FeedError, bool) {
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
	next := f.next
	p.mu.Unlock()

	st := g.prev
	st.Failures, st.Next = n, next
	if err := p.opts.State.SaveFeedState(ctx, f.src.URL, st); err != nil {
		p.log.Warn("feed: save failure count", "feed", f.src.URL, "err", err)
	}
	p.log.Warn("feed: poll failed", "feed", f.src.URL, "consecutive", n, "retry_at", next, "err", g.err)
	if p.opts.OnFailure != nil {
		p.opts.OnFailure(f.src.URL, n, g.err)
	}
	return FeedError{URL: f.src.URL, Consecutive: n, Err: g.err}, true
}
