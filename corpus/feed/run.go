package feed

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Store outage: the first retry waits storeRetryMin, each next one twice
// as long, up to storeRetryMax.
const (
	storeRetryMin = time.Second
	storeRetryMax = time.Minute
)

// Run polls until ctx ends, each feed when it is due, Concurrency feeds at
// once: a slow or dead feed holds only itself (within FeedTimeout), and
// fn gets each feed's result that has new articles, merged links or a
// failure as soon as that feed is done. Calls of fn do not overlap. It
// sleeps (Options.After) until the next feed is due.
//
// When the State fails (ErrStore), polling pauses: OnStore gets the
// error, the feed stays due, and Run tries again after a growing wait (1 s
// to 1 min); when a poll is recorded again, OnStore gets nil. Run returns
// nil when ctx ends; with no feeds it just waits for that.
func (p *Poller) Run(ctx context.Context, fn func(Result)) error {
	if len(p.feeds) == 0 {
		<-ctx.Done()
		return nil
	}
	type done struct {
		f   *schedule
		res Result
		err error
	}
	jobs := make(chan *schedule, len(p.feeds))
	results := make(chan done, len(p.feeds))
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		stop()
		close(jobs)
		wg.Wait()
	}()
	for range min(len(p.feeds), p.opts.Concurrency) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				res, err := p.pollFeed(wctx, f, p.opts.Now(), nil)
				results <- done{f, res, err}
			}
		}()
	}

	busy := 0
	var pausedUntil time.Time
	var retry time.Duration
	for {
		now := p.opts.Now()
		if now.Before(pausedUntil) {
			// paused: nothing new is started
		} else if err := p.restore(ctx); err != nil {
			retry, pausedUntil = p.pause(err, retry, now)
		} else {
			for _, f := range p.due(now) {
				busy++
				jobs <- f
			}
		}
		var timer <-chan time.Time
		if wake, ok := p.wakeAt(pausedUntil); ok && (busy == 0 || p.idleFeeds()) {
			timer = p.opts.After(max(wake.Sub(p.opts.Now()), time.Second))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-timer:
		case d := <-results:
			busy--
			p.release(d.f)
			switch {
			case d.err == nil:
				if retry > 0 {
					retry = 0
					p.log.Info("feed: store answers again; polling resumes")
					if p.opts.OnStore != nil {
						p.opts.OnStore(nil)
					}
				}
				if len(d.res.New) > 0 || len(d.res.Merged) > 0 || len(d.res.Failed) > 0 {
					fn(d.res)
				}
			case errors.Is(d.err, ErrStore):
				retry, pausedUntil = p.pause(d.err, retry, p.opts.Now())
			case ctx.Err() != nil:
				return nil
			default:
				return d.err
			}
		}
	}
}

// pause records a store failure and returns the next retry wait and when
// polling may start again.
func (p *Poller) pause(err error, retry time.Duration, now time.Time) (time.Duration, time.Time) {
	if retry == 0 {
		p.log.Error("feed: the store fails; polling paused", "err", err)
		if p.opts.OnStore != nil {
			p.opts.OnStore(err)
		}
		retry = storeRetryMin
	} else {
		p.log.Warn("feed: the store still fails", "retry_in", retry, "err", err)
		retry = min(2*retry, storeRetryMax)
	}
	return retry, now.Add(retry)
}

// wakeAt returns when Run should next look: when the next idle feed is
// due, or when a pause ends if that is later.
func (p *Poller) wakeAt(pausedUntil time.Time) (time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var t time.Time
	found := false
	for _, f := range p.feeds {
		if f.busy {
			continue
		}
		if !found || f.next.Before(t) {
			t, found = f.next, true
		}
	}
	if !found && pausedUntil.IsZero() {
		return time.Time{}, false
	}
	if pausedUntil.After(t) {
		t = pausedUntil
	}
	return t, true
}

// idleFeeds reports whether some feed is not being polled.
func (p *Poller) idleFeeds() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range p.feeds {
		if !f.busy {
			return true
		}
	}
	return false
}
