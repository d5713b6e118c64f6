package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"sync"
	"time"
)

// State is what a Poller remembers about one feed between polls.
type State struct {
	// ETag and LastModified are the validators of the last 200 response,
	// sent back as If-None-Match and If-Modified-Since.
	ETag         string
	LastModified string
	// Checked is when the feed was last fetched successfully.
	Checked time.Time
	// Failures is how many polls of the feed in a row have failed.
	Failures int
	// Next is when the feed is next due; the zero time means at once.
	Next time.Time
	// Retries are the listed items whose page failed for a passing
	// reason (see Options.PageAttempts), by item key: they are left
	// unseen and tried again at the next poll. nil when there are none.
	Retries map[string]Retry
}

// Retry is how often an item's page has failed for a passing reason.
type Retry struct {
	// Attempts is the number of polls in which the page failed.
	Attempts int `json:"n"`
	// First is when it first failed.
	First time.Time `json:"first"`
}

// EncodeRetries returns the stored form of a State's Retries (a JSON
// object, "{}" when there are none), for a Store's column.
func EncodeRetries(r map[string]Retry) string {
	if len(r) == 0 {
		return "{}"
	}
	b, err := json.Marshal(r)
	if err != nil {
		// a map of strings to ints and times always encodes
		panic(err)
	}
	return string(b)
}

// DecodeRetries reads what EncodeRetries wrote; empty means none.
func DecodeRetries(s string) (map[string]Retry, error) {
	if s == "" || s == "{}" {
		return nil, nil
	}
	var r map[string]Retry
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("decode page retries: %w", err)
	}
	if len(r) == 0 {
		return nil, nil
	}
	return r, nil
}

// StateStore keeps feed validators and the items seen per feed, so a
// restart neither refetches unchanged feeds nor re-reads known items. An
// implementation must be safe for concurrent use. MemoryState keeps it
// in memory; a SQL store can implement it with two small tables.
type StateStore interface {
	// FeedState returns the saved state of a feed: the zero State and nil
	// for a feed never saved.
	FeedState(ctx context.Context, feedURL string) (State, error)
	// SaveFeedState replaces the state of a feed.
	SaveFeedState(ctx context.Context, feedURL string, s State) error
	// SeenItems returns which of keys were marked seen for the feed
	// (absent keys were not).
	SeenItems(ctx context.Context, feedURL string, keys []string) (map[string]bool, error)
	// MarkSeen records keys as seen for the feed at now; marking a key
	// twice keeps it seen.
	MarkSeen(ctx context.Context, feedURL string, keys []string, now time.Time) error
}

// MemoryState is a StateStore in memory. The zero value is ready to use.
type MemoryState struct {
	mu    sync.Mutex
	feeds map[string]State
	seen  map[string]map[string]time.Time
}

var _ StateStore = (*MemoryState)(nil)

// FeedState implements StateStore.
func (m *MemoryState) FeedState(_ context.Context, feedURL string) (State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := m.feeds[feedURL]
	st.Retries = maps.Clone(st.Retries)
	return st, nil
}

// SaveFeedState implements StateStore.
func (m *MemoryState) SaveFeedState(_ context.Context, feedURL string, s State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.feeds == nil {
		m.feeds = make(map[string]State)
	}
	s.Retries = maps.Clone(s.Retries)
	if len(s.Retries) == 0 {
		s.Retries = nil
	}
	m.feeds[feedURL] = s
	return nil
}

// SeenItems implements StateStore.
func (m *MemoryState) SeenItems(_ context.Context, feedURL string, keys []string) (map[string]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]bool)
	seen := m.seen[feedURL]
	for _, k := range keys {
		if _, ok := seen[k]; ok {
			out[k] = true
		}
	}
	return out, nil
}

// renew renews and forgets a feed's seen keys as FeedCommit says.
func (m *MemoryState) renew(f FeedCommit, now time.Time) {
	if f.Listed == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := m.seen[f.URL]
	listed := make(map[string]bool, len(f.Listed))
	for _, k := range f.Listed {
		listed[k] = true
		if at, ok := seen[k]; ok && at.Before(f.RenewBefore) {
			seen[k] = now
		}
	}
	if f.ForgetBefore.IsZero() {
		return
	}
	for k, at := range seen {
		if !listed[k] && at.Before(f.ForgetBefore) {
			delete(seen, k)
		}
	}
}

// MarkSeen implements StateStore.
func (m *MemoryState) MarkSeen(_ context.Context, feedURL string, keys []string, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		m.seen = make(map[string]map[string]time.Time)
	}
	seen := m.seen[feedURL]
	if seen == nil {
		seen = make(map[string]time.Time)
		m.seen[feedURL] = seen
	}
	for _, k := range keys {
		if _, ok := seen[k]; !ok {
			seen[k] = now
		}
	}
	return nil
}
