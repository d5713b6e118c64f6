package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// feedAlertTimeout bounds the store work of one feed event: the events
// come from the feed poller, which must not stall on a slow store.
const feedAlertTimeout = 10 * time.Second

// Outbox keys of feed alerts. A feed's outages are numbered 1, 2, ... in
// the store: outage n is the claim of slot n (seconds after the Unix
// epoch) under feedFailingKey+URL, its end the claim of the same slot
// under feedRecoveredKey+URL. Claims are unique per key and slot, so
// replicas polling the same feed queue each message once.
const (
	feedFailingKey   = "feed-failing:"
	feedRecoveredKey = "feed-recovered:"
)

// isFeedAlert reports whether an outbox schedule key is a feed alert's.
func isFeedAlert(schedule string) bool {
	return strings.HasPrefix(schedule, feedFailingKey) || strings.HasPrefix(schedule, feedRecoveredKey)
}

// FeedAlertOptions configure FeedAlerts.
type FeedAlertOptions struct {
	// Store queues the messages in its outbox; the Scheduler delivers them.
	Store Store
	// Targets are "slack:CHANNEL" or "discord:CHANNEL_ID".
	Targets []string
	// After is how many failed polls in a row make an alert (the
	// config's corpus.feed_alerts.after_failures); it must be positive.
	After int
	// Expire is how long a queued alert is retried (0: DefaultExpire).
	Expire time.Duration
	Logger *slog.Logger
}

// FeedAlerts tells admin channels about feeds that keep failing: one
// message when a feed has failed After polls in a row, one when it works
// again, nothing while it keeps failing. Messages go through the outbox,
// so they are retried like digests and queued once across replicas
// sharing the store. It is safe for concurrent use.
type FeedAlerts struct {
	opts  FeedAlertOptions
	log   *slog.Logger
	mu    sync.Mutex
	feeds map[string]*feedStreak
}

// feedStreak is what this process knows of one feed's failures.
type feedStreak struct {
	since   time.Time // first failure of the current streak
	alerted bool      // the current streak was checked against the store
	checked bool      // the store was asked about an open outage since start
}

// NewFeedAlerts returns FeedAlerts posting to opts.Targets. It fails
// without a store or targets, and on a bad target.
func NewFeedAlerts(opts FeedAlertOptions) (*FeedAlerts, error) {
	if opts.Store == nil {
		return nil, errors.New("feed alerts: no store")
	}
	if len(opts.Targets) == 0 {
		return nil, errors.New("feed alerts: no targets")
	}
	for _, t := range opts.Targets {
		platform, dest, ok := strings.Cut(t, ":")
		if !ok || dest == "" || platform != PlatformSlack && platform != PlatformDiscord {
			return nil, fmt.Errorf("feed alerts: bad target %q (want slack:CHANNEL or discord:CHANNEL_ID)", t)
		}
	}
	if opts.After <= 0 {
		return nil, errors.New("feed alerts: After must be positive")
	}
	setDefault(&opts.Expire, DefaultExpire)
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &FeedAlerts{opts: opts, log: opts.Logger, feeds: map[string]*feedStreak{}}, nil
}

func (a *FeedAlerts) streak(url string) *feedStreak {
	f := a.feeds[url]
	if f == nil {
		f = &feedStreak{}
		a.feeds[url] = f
	}
	return f
}

// Failed records the consecutive-th failed poll of the feed at url in a
// row, at now. When the streak reaches After and no other process has
// reported this outage yet, it queues the alert with the feed's URL and
// cause, and reports true. Later failures of the same streak queue
// nothing.
func (a *FeedAlerts) Failed(ctx context.Context, url string, consecutive int, cause error, now time.Time) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, feedAlertTimeout)
	defer cancel()
	a.mu.Lock()
	defer a.mu.Unlock()
	f := a.streak(url)
	if consecutive <= 1 || f.since.IsZero() {
		f.since, f.alerted = now, false
	}
	if consecutive < a.opts.After || f.alerted {
		return false, nil
	}
	failing, recovered, err := a.outages(ctx, url)
	if err != nil {
		return false, err
	}
	f.alerted, f.checked = true, true
	if failing > recovered {
		return false, nil // reported by another process, or before a restart
	}
	msg := Message{
		Title:      "Feed failing: " + url,
		Visibility: Channel,
		Sections: []Section{{Text: fmt.Sprintf("The feed %s has failed %d polls in a row since %s.\nLast error: %v",
			url, consecutive, alertTime(f.since), cause)}},
		Footer: "briefbot keeps retrying it with a growing wait and posts again when it works.",
	}
	return a.queue(ctx, feedFailingKey+url, failing+1, msg, now)
}

// Succeeded records a successful poll of the feed at url that ended
// failedBefore failures in a row. When an outage of the feed was
// reported (by this or another process) and not yet ended, it queues the
// "works again" message and reports true. It asks the store only once
// per feed while the feed keeps working.
func (a *FeedAlerts) Succeeded(ctx context.Context, url string, failedBefore int, now time.Time) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, feedAlertTimeout)
	defer cancel()
	a.mu.Lock()
	defer a.mu.Unlock()
	f := a.streak(url)
	since := f.since
	if f.checked && !f.alerted {
		f.since = time.Time{}
		return false, nil
	}
	failing, recovered, err := a.outages(ctx, url)
	if err != nil {
		return false, err
	}
	*f = feedStreak{checked: true}
	if failing <= recovered {
		return false, nil
	}
	text := fmt.Sprintf("The feed %s works again.", url)
	if failedBefore > 0 && !since.IsZero() {
		text = fmt.Sprintf("The feed %s works again after %d failed polls since %s.", url, failedBefore, alertTime(since))
	}
	msg := Message{Title: "Feed recovered: " + url, Visibility: Channel, Sections: []Section{{Text: text}}}
	return a.queue(ctx, feedRecoveredKey+url, failing, msg, now)
}

// outages returns the numbers of the newest reported outage of the feed
// and of the newest ended one (0: none).
func (a *FeedAlerts) outages(ctx context.Context, url string) (failing, recovered int64, err error) {
	f, err := a.opts.Store.LastSlot(ctx, feedFailingKey+url)
	if err != nil {
		return 0, 0, fmt.Errorf("feed alerts: %w", err)
	}
	r, err := a.opts.Store.LastSlot(ctx, feedRecoveredKey+url)
	if err != nil {
		return 0, 0, fmt.Errorf("feed alerts: %w", err)
	}
	return outageNumber(f), outageNumber(r), nil
}

func outageNumber(slot time.Time) int64 {
	if slot.IsZero() {
		return 0
	}
	return slot.Unix()
}

// queue claims outage n under key with one message per target.
func (a *FeedAlerts) queue(ctx context.Context, key string, n int64, msg Message, now time.Time) (bool, error) {
	payload, err := json.Marshal(msg)
	if err != nil {
		return false, fmt.Errorf("feed alerts: encode: %w", err)
	}
	c := Claim{Schedule: key, Slot: time.Unix(n, 0).UTC(), Now: now}
	for _, t := range a.opts.Targets {
		c.Messages = append(c.Messages, OutboxMessage{Target: t, Payload: payload, ExpiresAt: now.Add(a.opts.Expire)})
	}
	ok, err := a.opts.Store.Claim(ctx, c)
	if err != nil {
		return false, fmt.Errorf("feed alerts: %w", err)
	}
	if ok {
		a.log.Info("feed alert queued", "alert", key, "outage", n, "targets", len(c.Messages))
	}
	return ok, nil
}

func alertTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
