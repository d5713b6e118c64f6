package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/briefbot/briefbot/corpus/live"
)

// loadStoredFeeds adds the feed articles kept in the store to a.articles,
// when the config names feeds: serve starts from everything it had, and
// ask, issues and digest see what serve collected. It records how far
// the store's changes were read, for serve to follow on from there.
func (a *app) loadStoredFeeds(ctx context.Context) error {
	if len(a.cfg.Corpus.Feeds) == 0 {
		return nil
	}
	s, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	fs, ok := s.(feed.Store)
	if !ok {
		return nil
	}
	start := time.Now()
	stored, last, err := feed.LoadAll(ctx, fs)
	if err != nil {
		return fmt.Errorf("load stored feed articles: %w", err)
	}
	a.feedSeq = last
	if len(stored) == 0 {
		return nil
	}
	arts := make([]corpus.Article, 0, len(a.articles)+len(stored))
	arts = append(arts, a.articles...)
	for _, x := range stored {
		arts = append(arts, x.Article)
	}
	// one article per content, as corpus.Load gives
	a.articles = live.NewSet(arts).Articles()
	a.log.Info("stored feed articles loaded", "articles", len(stored), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// liveTiming is how the replicas share the feeds: the poll lease's
// length and renewal, how often stored changes are read, how often
// retention runs.
type liveTiming struct {
	lease, renew, sync, retain time.Duration
}

// timing derives the live timing from the feeds' shortest refresh: the
// lease lasts half of it (10 s to 5 min), so a replica takes over from a
// dead poller within one refresh interval; stored changes are read four
// times per interval (every 1 to 30 s).
func (l *library) timing() liveTiming {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.liveTiming != nil {
		return *l.liveTiming
	}
	shortest := time.Duration(0)
	for _, f := range l.cfg.Corpus.Feeds {
		if r := f.RefreshEvery(); shortest == 0 || r < shortest {
			shortest = r
		}
	}
	lease := min(max(shortest/2, 10*time.Second), 5*time.Minute)
	return liveTiming{
		lease:  lease,
		renew:  lease / 3,
		sync:   min(max(shortest/4, time.Second), 30*time.Second),
		retain: time.Hour,
	}
}

// liveFeeds runs the stored live corpus: every replica follows the stored
// feed articles (syncFeeds); the one holding the poll lease polls the
// feeds and stores what it finds. It returns when ctx ends.
func (a *app) liveFeeds(ctx context.Context, fs feed.Store, b *bot.Bot, store bot.Store, m *bot.Metrics) error {
	nudge := make(chan struct{}, 1)
	errs := make(chan error, 1)
	go func() { errs <- a.pollWhileLeader(ctx, fs, b, store, m, nudge) }()
	a.syncFeeds(ctx, fs, b, store, m, nudge)
	return <-errs
}

// syncFeeds applies the store's feed changes to the corpus: at start,
// every refresh/4, and when this replica's poller stored something.
func (a *app) syncFeeds(ctx context.Context, fs feed.Store, b *bot.Bot, store bot.Store, m *bot.Metrics, nudge <-chan struct{}) {
	t := a.lib.timing()
	for {
		if err := a.applyStoredChanges(ctx, fs, b, store, m); err != nil && ctx.Err() == nil {
			a.log.Warn("read stored feed articles; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-nudge:
		case <-time.After(t.sync):
		}
	}
}

// applyStoredChanges reads the feed changes stored since the last ones
// applied and swaps in new knowledge when they change the corpus. The
// store is read before the library is locked, so a slow store holds up
// no other change.
func (a *app) applyStoredChanges(ctx context.Context, fs feed.Store, b *bot.Bot, store bot.Store, m *bot.Metrics) error {
	const page = 500
	l := a.lib
	l.mu.Lock()
	after := a.feedSeq
	l.mu.Unlock()
	var changes []feed.Change
	for {
		cs, err := fs.Changes(ctx, after, page)
		if err != nil {
			return err
		}
		changes = append(changes, cs...)
		if len(cs) < page {
			break
		}
		after = cs[len(cs)-1].Seq
	}
	if len(changes) == 0 {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	changed := 0
	for _, c := range changes {
		if c.Seq <= a.feedSeq {
			continue // applied by a sync that ran meanwhile
		}
		if c.Removed {
			changed += l.set.Remove(c.Source)
		} else {
			changed += l.set.Put(c.Article)
		}
		a.feedSeq = c.Seq
	}
	if changed > 0 {
		a.swap(ctx, b, store, m, "stored feed articles", changed)
	}
	return nil
}

// pollWhileLeader polls the feeds while this process holds the poll lease
// (with a store that has no leases, always), renewing it every third of
// its length. Losing the lease, or failing to renew it for as long as it
// lasts, stops the poller; it is tried again at the next renewal.
func (a *app) pollWhileLeader(ctx context.Context, fs feed.Store, b *bot.Bot, store bot.Store, m *bot.Metrics, nudge chan<- struct{}) error {
	leaser, ok := store.(bot.Leaser)
	if !ok {
		return a.runPoller(ctx, fs, b, store, m, nudge)
	}
	t := a.lib.timing()
	prefix, owner := replicaID(a.listening)
	log := a.log.With("replica", owner)
	// take holds the lease; the first time it takes back instead the
	// lease a previous run of this replica (same prefix), killed while it
	// held it, left behind, rather than waiting it out.
	reclaim := prefix != ""
	take := func(ctx context.Context, now time.Time) (bool, error) {
		if reclaim {
			reclaim = false
			if held, err := leaser.ReclaimLease(ctx, bot.PollLease, prefix, owner, now, t.lease); held || err != nil {
				return held, err
			}
		}
		return leaser.HoldLease(ctx, bot.PollLease, owner, now, t.lease)
	}
	for {
		// the lease runs from taken: a take that answers late leaves less
		taken := time.Now()
		tctx, tcancel := context.WithTimeout(ctx, t.renew)
		held, err := take(tctx, taken)
		tcancel()
		if err != nil && ctx.Err() == nil {
			log.Warn("take the feed poll lease", "err", err)
		}
		if held {
			if err := a.lead(ctx, leaser, owner, taken, fs, b, store, m, nudge); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(t.renew):
		}
	}
}

// dropLeaseWithin bounds giving up the poll lease when polling stops.
const dropLeaseWithin = 5 * time.Second

// lead polls the feeds while the lease (taken at taken) is held; it
// returns nil when the lease is lost or ctx ends, and the poller's error
// when it fails; the lease is given up in every case.
func (a *app) lead(ctx context.Context, leaser bot.Leaser, owner string, taken time.Time, fs feed.Store, b *bot.Bot, store bot.Store, m *bot.Metrics, nudge chan<- struct{}) error {
	t := a.lib.timing()
	log := a.log.With("replica", owner)
	log.Info("this replica polls the feeds", "lease", t.lease)
	m.SetFeedPoller(true)
	defer m.SetFeedPoller(false)
	pctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.runPoller(pctx, fs, b, store, m, nudge) }()
	drop := func() {
		// also when ctx has ended, but never for long: a store that does
		// not answer must not hold up a shutdown (the lease then expires)
		dctx, dcancel := context.WithTimeout(context.WithoutCancel(ctx), dropLeaseWithin)
		defer dcancel()
		if derr := leaser.DropLease(dctx, bot.PollLease, owner); derr != nil {
			log.Warn("give up the feed poll lease", "err", derr)
		}
	}
	stop := func() error {
		cancel()
		err := <-done
		drop()
		return err
	}
	renewed := taken
	for {
		select {
		case <-ctx.Done():
			stop()
			return nil
		case err := <-done:
			cancel()
			drop()
			return err
		case <-time.After(t.renew):
		}
		now := time.Now()
		// a renewal that hangs counts as failed, and polling stops a
		// renewal period before the lease can run out
		rctx, rcancel := context.WithDeadline(ctx, renewed.Add(t.lease-t.renew))
		held, err := leaser.HoldLease(rctx, bot.PollLease, owner, now, t.lease)
		rcancel()
		switch {
		case err == nil && held:
			renewed = now
		case err == nil:
			log.Warn("the feed poll lease went to another replica; polling stops here")
			return stop()
		case time.Since(renewed) >= t.lease-t.renew:
			log.Warn("cannot renew the feed poll lease; polling stops here", "err", err)
			return stop()
		default:
			log.Warn("renew the feed poll lease", "err", err)
		}
	}
}

// runPoller polls the feeds into the store until ctx ends, with retention
// applied now and every hour.
func (a *app) runPoller(ctx context.Context, fs feed.Store, b *bot.Bot, store bot.Store, m *bot.Metrics, nudge chan<- struct{}) error {
	p, err := a.feedPoller(ctx, store, m, fs)
	if err != nil {
		return err
	}
	a.lib.mu.Lock()
	p.Known(webArticles(a.lib.set.Articles()))
	a.lib.mu.Unlock()
	poke := func() {
		select {
		case nudge <- struct{}{}:
		default:
		}
	}
	go a.retain(ctx, fs, poke)
	return p.Run(ctx, func(res feed.Result) {
		a.applyFeedResult(ctx, res, b, store, m)
		poke()
	})
}

// retain applies corpus.retention to the stored feed articles now and
// every hour; the removals reach every replica's corpus through the
// store's changes.
func (a *app) retain(ctx context.Context, fs feed.Store, poke func()) {
	r := a.cfg.Corpus.Retention
	if r.MaxAge <= 0 && r.MaxArticles <= 0 {
		return
	}
	for {
		var cutoff time.Time
		if r.MaxAge > 0 {
			cutoff = time.Now().Add(-r.MaxAge.Std())
		}
		gone, err := fs.PruneArticles(ctx, cutoff, r.MaxArticles)
		switch {
		case err != nil && ctx.Err() == nil:
			a.log.Warn("retention of feed articles", "err", err)
		case len(gone) > 0:
			a.log.Info("feed articles let go (corpus.retention)", "articles", len(gone))
			poke()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(a.lib.timing().retain):
		}
	}
}

// webArticles keeps the articles that came from the web, not from files.
func webArticles(arts []corpus.Article) []corpus.Article {
	var out []corpus.Article
	for _, x := range arts {
		if strings.HasPrefix(x.Source, "http://") || strings.HasPrefix(x.Source, "https://") {
			out = append(out, x)
		}
	}
	return out
}

// replicaID names this process as a holder of the poll lease: its host,
// the address it listens on (addr, empty when it serves none), its
// process id and a random part, so no two running processes share a
// name. prefix is the name without the last two: a later run of the same
// replica (same host and address) shares it, and takes back a lease a
// crashed run left (Leaser.ReclaimLease). prefix is empty when there is
// no address, or the host name is unknown.
func replicaID(addr string) (prefix, owner string) {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown-host"
	} else if addr != "" {
		prefix = host + "/" + addr + "/"
	}
	base := prefix
	if base == "" {
		base = host + "/"
	}
	b := make([]byte, 4)
	rand.Read(b)
	return prefix, fmt.Sprintf("%s%d/%s", base, os.Getpid(), hex.EncodeToString(b))
}
