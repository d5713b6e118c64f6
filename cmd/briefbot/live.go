package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/config"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/feed"
	"github.com/briefbot/briefbot/corpus/live"
	"github.com/briefbot/briefbot/corpus/watch"
)

// library holds the current corpus (files and feed articles) and the
// config the knowledge is built with. Every change builds a new knowledge
// base aside and swaps it into the bot at once, so readers never see a
// half-updated one. Changes are serialised by mu.
type library struct {
	mu  sync.Mutex
	cfg *config.Config
	set *live.Set
	// built is how many articles the last full build held; the bot's KB
	// may hold more, added since with KB.With.
	built int
	// liveTiming, when set (tests), replaces the timing derived from
	// the feeds' refresh intervals.
	liveTiming *liveTiming
}

func newLibrary(cfg *config.Config, articles []corpus.Article) *library {
	return &library{cfg: cfg, set: live.NewSet(articles), built: len(articles)}
}

// rebuild builds the knowledge from the current articles and swaps it in.
// Called with l.mu held.
func (l *library) rebuild(ctx context.Context, a *app, b *bot.Bot, m *bot.Metrics) error {
	arts := l.set.Articles()
	kb, err := briefings.Build(ctx, arts, kbOptions(l.cfg, a.log))
	if err != nil {
		return fmt.Errorf("build knowledge: %w", err)
	}
	b.SetKB(kb)
	l.built = len(arts)
	if m != nil {
		m.SetCorpusSize(len(arts))
	}
	return nil
}

// Update paths, as logged.
const (
	pathIncremental = "incremental"
	pathFull        = "full"
)

// update brings the bot's knowledge up to date with the set and swaps it
// in: when the set only gained articles since the bot's KB was made, and
// not too many since the last full build (maxIncremental), they are added
// to the KB with KB.With; otherwise (an article changed or went away, or
// many were added) the knowledge is built anew. It returns the path taken.
// Called with l.mu held.
func (l *library) update(ctx context.Context, a *app, b *bot.Bot, m *bot.Metrics) (string, error) {
	cur := b.KB()
	arts := l.set.Articles()
	if cur == nil {
		return pathFull, l.rebuild(ctx, a, b, m)
	}
	added, ok := additions(cur.Articles(), arts)
	if !ok || len(cur.Articles())+len(added)-l.built > maxIncremental(l.built) {
		return pathFull, l.rebuild(ctx, a, b, m)
	}
	kb, err := cur.With(ctx, added)
	if err != nil {
		return pathIncremental, fmt.Errorf("add to the knowledge: %w", err)
	}
	b.SetKB(kb)
	if m != nil {
		m.SetCorpusSize(len(kb.Articles()))
	}
	return pathIncremental, nil
}

// maxIncremental is how many articles may be added to a full build of n
// with KB.With before the next full build: 5% of the corpus, at least
// 20 and at most 500. Added articles find no new issue and the statistics
// of the build's words drift, so a big change deserves a full build.
func maxIncremental(n int) int { return min(500, max(20, n/20)) }

// additions returns the articles of now that have (the articles of a KB)
// does not, in now's order; ok is false when an article of have is not
// in now as it was (changed, or gone).
func additions(have, now []corpus.Article) (added []corpus.Article, ok bool) {
	byID := make(map[string]*corpus.Article, len(now))
	for i := range now {
		byID[now[i].ID] = &now[i]
	}
	held := make(map[string]bool, len(have))
	for i := range have {
		x, found := byID[have[i].ID]
		if !found || !sameMetadata(&have[i], x) {
			return nil, false
		}
		held[have[i].ID] = true
	}
	for _, x := range now {
		if !held[x.ID] {
			added = append(added, x)
		}
	}
	return added, true
}

// sameMetadata reports whether two articles with the same ID (the same
// content) are also the same to a reader of the knowledge: the fields
// answers and digests show (title, link, author, date). Another source
// of the same story (Duplicates, Source) changes nothing a reader sees.
func sameMetadata(a, b *corpus.Article) bool {
	return a.Title == b.Title && a.URL == b.URL && a.Byline == b.Byline && a.Published.Equal(b.Published)
}

// live keeps the corpus current while serving: watched folders
// (corpus.watch) and feeds (corpus.feeds). It returns when ctx ends.
func (a *app) live(ctx context.Context, b *bot.Bot, store bot.Store, m *bot.Metrics) error {
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	if a.cfg.Corpus.Watch && len(a.cfg.Corpus.Paths) > 0 {
		w, err := watch.New(watch.Options{Paths: a.cfg.Corpus.Paths, Logger: a.log.With("component", "watch")})
		if err != nil {
			return fmt.Errorf("watch corpus: %w", err)
		}
		defer w.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- w.Run(ctx, func(ctx context.Context, changes []watch.Change) {
				a.applyFileChanges(ctx, changes, b, store, m)
			})
		}()
	}
	if fs, ok := store.(feed.Store); ok && len(a.cfg.Corpus.Feeds) > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- a.liveFeeds(ctx, fs, b, store, m)
		}()
	} else if len(a.cfg.Corpus.Feeds) > 0 {
		p, err := a.feedPoller(ctx, store, m, nil)
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- p.Run(ctx, func(res feed.Result) { a.applyFeedResult(ctx, res, b, store, m) })
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// feedPoller returns the poller of the configured feeds, keeping its
// state and articles in fs (nil: in memory). A failing feed is counted
// and logged; with corpus.feed_alerts targets and a store, the admin
// channels are told when it keeps failing and when it works again. A
// store outage pauses polling, which the metrics show.
func (a *app) feedPoller(ctx context.Context, store bot.Store, m *bot.Metrics, fs feed.Store) (*feed.Poller, error) {
	var srcs []feed.Source
	for _, f := range a.cfg.Corpus.Feeds {
		srcs = append(srcs, feed.Source{URL: f.URL, Refresh: f.RefreshEvery()})
	}
	fa := a.cfg.Corpus.FeedAlerts
	var alerts *bot.FeedAlerts
	if len(fa.Targets) > 0 {
		if store == nil {
			a.log.Warn("corpus.feed_alerts needs a store; failing feeds are only logged")
		} else {
			var err error
			alerts, err = bot.NewFeedAlerts(bot.FeedAlertOptions{
				Store: store, Targets: targetStrings(fa.Targets), After: fa.Threshold(),
				Logger: a.log.With("component", "feed_alerts"),
			})
			if err != nil {
				return nil, err
			}
		}
	}
	var state feed.StateStore
	if fs != nil {
		state = fs
	}
	p, err := feed.New(feed.Options{
		Feeds:     srcs,
		UserAgent: feed.UserAgent(version),
		Logger:    a.log.With("component", "feeds"),
		State:     state,
		OnStore: func(err error) {
			m.SetFeedPollingPaused(err != nil)
		},
		OnFailure: func(url string, consecutive int, err error) {
			if m != nil {
				m.FeedFailed(url)
			}
			if consecutive >= fa.Threshold() {
				a.log.Error("feed keeps failing", "feed", url, "failures_in_a_row", consecutive, "err", err)
			}
			if alerts != nil {
				if _, aerr := alerts.Failed(ctx, url, consecutive, err, time.Now()); aerr != nil {
					a.log.Error("queue feed alert", "feed", url, "err", aerr)
				}
			}
		},
		OnSuccess: func(url string, failedBefore int) {
			if alerts != nil {
				if _, err := alerts.Succeeded(ctx, url, failedBefore, time.Now()); err != nil {
					a.log.Error("queue feed recovery message", "feed", url, "err", err)
				}
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return p, nil
}

// applyFileChanges reloads the changed files and swaps in new knowledge.
func (a *app) applyFileChanges(ctx context.Context, changes []watch.Change, b *bot.Bot, store bot.Store, m *bot.Metrics) {
	paths := make([]string, len(changes))
	for i, c := range changes {
		paths[i] = c.Path
	}
	l := a.lib
	l.mu.Lock()
	defer l.mu.Unlock()
	n, warns, err := l.set.Reload(ctx, paths, corpus.Options{Logger: a.log, ModTimeDates: true})
	for _, w := range warns {
		a.log.Warn("skipped part of the corpus", "source", w.Source, "err", w.Err)
	}
	if err != nil {
		a.log.Error("reload changed files", "err", err)
		return
	}
	if n == 0 {
		return
	}
	a.swap(ctx, b, store, m, "files changed", n)
}

// applyFeedResult adds new feed articles and swaps in new knowledge.
func (a *app) applyFeedResult(ctx context.Context, res feed.Result, b *bot.Bot, store bot.Store, m *bot.Metrics) {
	l := a.lib
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.set.Put(res.New...)
	for _, mg := range res.Merged {
		if l.set.AddLink(mg.Source, mg.URL) {
			n++
		}
	}
	if n == 0 {
		return
	}
	a.swap(ctx, b, store, m, "new feed items", n)
}

// swap updates the knowledge and records first-seen times; called with
// the library locked.
func (a *app) swap(ctx context.Context, b *bot.Bot, store bot.Store, m *bot.Metrics, why string, changed int) {
	start := time.Now()
	path, err := a.lib.update(ctx, a, b, m)
	if err != nil {
		a.log.Error("update knowledge; still answering from the previous corpus", "path", path, "err", err)
		return
	}
	if store != nil {
		if _, err := store.SeeArticles(ctx, articleIDs(b.KB()), time.Now()); err != nil {
			a.log.Warn("record first-seen times", "err", err)
		}
	}
	a.log.Info("corpus updated", "why", why, "changed", changed, "path", path, "articles", len(b.KB().Articles()), "took", time.Since(start).Round(time.Millisecond))
}

func articleIDs(kb *briefings.KB) []string {
	arts := kb.Articles()
	ids := make([]string, len(arts))
	for i, x := range arts {
		ids[i] = x.ID
	}
	return ids
}

// reload re-reads the config file and the corpus paths and swaps in the
// new knowledge. Settings outside the knowledge (credentials, listen
// address, schedules, store, feeds) take effect at the next start.
func (a *app) reload(ctx context.Context, g *globals, b *bot.Bot, m *bot.Metrics) error {
	cfg, _, err := loadConfig(a.env, g)
	if err != nil {
		return configError(err)
	}
	next := &app{cfg: cfg, log: a.log, env: a.env}
	if err := next.loadCorpus(ctx, g.corpora); err != nil {
		return err
	}
	l := a.lib
	l.mu.Lock()
	defer l.mu.Unlock()
	old, oldFiles := l.cfg, l.set.Articles()
	l.cfg = cfg
	// Only the files are replaced: feed articles do not come from the
	// corpus paths and stay.
	l.set.ReplaceFiles(next.articles)
	if err := l.rebuild(ctx, a, b, m); err != nil {
		l.cfg = old
		l.set.ReplaceFiles(filesOnly(oldFiles))
		return err
	}
	if restartNeeded(old, cfg) {
		a.log.Warn("the config changed settings that take effect at the next start (credentials, http, store, schedules, feeds, feed alerts, retention)")
	}
	return nil
}

// filesOnly keeps the articles that came from files, not from the web.
func filesOnly(arts []corpus.Article) []corpus.Article {
	var out []corpus.Article
	for _, x := range arts {
		if !strings.HasPrefix(x.Source, "http://") && !strings.HasPrefix(x.Source, "https://") {
			out = append(out, x)
		}
	}
	return out
}

func restartNeeded(a, b *config.Config) bool {
	return fmt.Sprint(a.Slack, a.Discord, a.HTTP, a.Store, a.Schedules, a.Corpus.Feeds, a.Corpus.Watch, a.Corpus.FeedAlerts, a.Corpus.Retention) !=
		fmt.Sprint(b.Slack, b.Discord, b.HTTP, b.Store, b.Schedules, b.Corpus.Feeds, b.Corpus.Watch, b.Corpus.FeedAlerts, b.Corpus.Retention)
}
