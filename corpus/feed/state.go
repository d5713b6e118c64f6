package feed

import (
	"context"
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
	return m.feeds[feedURL], nil
}

// SaveFeedState implements StateStore.
func (m *MemoryState) SaveFeedState(_ context.Context, feedURL string, s State) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.feeds == nil {
		m.feeds = make(map[string]State)
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
