package feed

import (
	"log/slog"
	"net/http"
	"time"
)

// Defaults used when Options leave a field zero.
const (
	DefaultRefresh      = 30 * time.Minute
	DefaultMaxBytes     = 5 << 20
	DefaultTimeout      = 20 * time.Second
	DefaultMaxRedirects = 5
	DefaultMaxBackoff   = 6 * time.Hour
	DefaultConcurrency  = 8
	DefaultMaxNewItems  = 50
	DefaultRemember     = 100000
	DefaultFeedTimeout  = 5 * time.Minute
	DefaultPageAttempts = 3
	DefaultPageRetryFor = 24 * time.Hour
	DefaultForgetSeen   = 90 * 24 * time.Hour
)

// seenRenewed is how stale a listed item's seen time may get before a
// poll renews it: renewing it at every poll would write every listed
// item each time.
const seenRenewed = 24 * time.Hour

// UserAgent returns the User-Agent the poller sends by default:
// "briefbot/VERSION (+https://github.com/briefbot/briefbot)".
func UserAgent(version string) string {
	if version == "" {
		version = "dev"
	}
	return "briefbot/" + version + " (+https://github.com/briefbot/briefbot)"
}

// Source is one feed to poll.
type Source struct {
	URL string
	// Refresh is how often the feed is fetched; 0 means DefaultRefresh.
	Refresh time.Duration
}

// Options configure a Poller. Only Feeds is required.
type Options struct {
	Feeds []Source
	// HTTPClient makes the requests; nil means a new http.Client. Its
	// redirect policy is replaced by the poller's own.
	HTTPClient *http.Client
	// UserAgent is sent with every request; "" means UserAgent("dev").
	UserAgent string
	// MaxBytes is the largest response body read; a larger feed fails and
	// a larger page falls back to the feed's text. 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds each request, from sending it to reading the body;
	// 0 means DefaultTimeout.
	Timeout time.Duration
	// FeedTimeout bounds one feed's whole poll: the feed and its new
	// pages. A feed that takes longer fails (its items are taken again
	// next time); the others do not wait for it. 0 means
	// DefaultFeedTimeout.
	FeedTimeout time.Duration
	// MaxRedirects is how many redirects a request follows; 0 means
	// DefaultMaxRedirects and a negative value follows none.
	MaxRedirects int
	// MaxBackoff caps how long a failing feed waits before its next try
	// (never less than its Refresh); 0 means DefaultMaxBackoff.
	MaxBackoff time.Duration
	// Concurrency is how many feeds are polled and how many pages are
	// fetched at once, across hosts (one host never gets more than one
	// at a time); 0 means DefaultConcurrency.
	Concurrency int
	// MaxNewItems is how many new items of one feed a poll takes (in the
	// feed's order, newest first in most feeds); the rest wait for the
	// next poll, which then fetches the feed unconditionally. It keeps a
	// first poll of a long feed from fetching hundreds of pages at once.
	// 0 means DefaultMaxNewItems.
	MaxNewItems int
	// Remember is how many reported articles the poller keeps for
	// recognising the same story again (by link or by text); past that,
	// the oldest half is forgotten. 0 means DefaultRemember. Items a feed
	// has listed before are recognised by the State whatever this is.
	Remember int
	// PageAttempts is in how many polls of its feed an item's page is
	// tried when it fails for a passing reason: a 5xx, 429 or 408 status,
	// a refused or reset connection, a request timeout. Until then the
	// item is left unseen and tried again at the feed's next poll (the
	// count is kept in the State, so restarts and replicas share it);
	// at the last attempt, or once PageRetryFor has passed since the
	// first, the article is made from the feed's own text, as for a
	// page that is gone (404, 410) or not an article, which is never
	// retried. 0 means DefaultPageAttempts; 1 means no retry.
	PageAttempts int
	// PageRetryFor bounds how long after its first failure an item's
	// page is retried; 0 means DefaultPageRetryFor.
	PageRetryFor time.Duration
	// ForgetSeen is how long after its feed last listed it an item's
	// seen key is kept; then it is forgotten, so the seen items do not
	// grow for ever (a feed that lists it again after that makes it new
	// again, unless its article is still known). Keys are renewed and
	// forgotten only with a Store, at polls that read the whole feed;
	// a key the feed lists is never forgotten. 0 means DefaultForgetSeen.
	ForgetSeen time.Duration
	// Logger receives warnings about failing feeds and debug lines about
	// pages; nil discards them.
	Logger *slog.Logger
	// Now is the clock of Run; nil means time.Now.
	Now func() time.Time
	// After is Run's timer; nil means time.After. Tests pass a fake.
	After func(time.Duration) <-chan time.Time
	// State keeps validators, failures and seen items; nil means a new
	// MemoryState. When it is a Store, each feed's new articles are
	// saved with its seen items in one transaction.
	State StateStore
	// OnStore, when set, is called by Run when polling pauses because
	// the State fails (with the error) and when it resumes (with nil).
	OnStore func(err error)
	// OnFailure, when set, is called after every failed poll of a feed
	// with the number of failures in a row, for metrics and admin
	// messages. It runs on the polling goroutine and should not block.
	OnFailure func(url string, consecutive int, err error)
	// OnSuccess, when set, is called after every successful poll of a
	// feed (a 304 included) with the number of failures in a row the
	// success ends (0 when the poll before succeeded too), so an admin
	// message can say the feed works again. It runs on the polling
	// goroutine and should not block.
	OnSuccess func(url string, failedBefore int)
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent("")
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.FeedTimeout <= 0 {
		o.FeedTimeout = DefaultFeedTimeout
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	} else if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.MaxNewItems <= 0 {
		o.MaxNewItems = DefaultMaxNewItems
	}
	if o.PageAttempts <= 0 {
		o.PageAttempts = DefaultPageAttempts
	}
	if o.PageRetryFor <= 0 {
		o.PageRetryFor = DefaultPageRetryFor
	}
	if o.ForgetSeen <= 0 {
		o.ForgetSeen = DefaultForgetSeen
	}
	if o.Remember <= 0 {
		o.Remember = DefaultRemember
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.After == nil {
		o.After = time.After
	}
	if o.State == nil {
		o.State = &MemoryState{}
	}
	return o
}
