package feed

import (
	"context"
	"slices"
	"sort"
	"sync"
	"time"
)

// MemoryStore is a Store in memory, for tests and for a bot without a
// database. The zero value is ready to use.
type MemoryStore struct {
	MemoryState

	mu      sync.Mutex
	seq     int64
	changes []Change // in sequence order; the latest per source counts
	live    map[string]int
}

var _ Store = (*MemoryStore)(nil)

// SavePoll implements Store.
func (m *MemoryStore) SavePoll(ctx context.Context, c Commit) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.live == nil {
		m.live = make(map[string]int)
	}
	for _, a := range c.Articles {
		ch := Change{Source: a.Article.Source, StoredArticle: a}
		ch.Fetched = c.Now
		if i, ok := m.live[ch.Source]; ok {
			old := m.changes[i]
			ch.Fetched = old.Fetched
			ch.Feeds = mergeFeeds(old.Feeds, a.Feeds)
			for _, d := range old.Article.Duplicates {
				if !slices.Contains(ch.Article.Duplicates, d) {
					ch.Article.Duplicates = append(slices.Clip(ch.Article.Duplicates), d)
				}
			}
		}
		m.append(ch)
	}
	for _, l := range c.Links {
		i, ok := m.live[l.Source]
		if !ok {
			continue
		}
		ch := m.changes[i]
		a := &ch.Article
		if l.URL == "" || l.URL == a.Source || l.URL == a.URL || slices.Contains(a.Duplicates, l.URL) {
			continue
		}
		a.Duplicates = append(slices.Clip(a.Duplicates), l.URL)
		m.append(ch)
	}
	for _, f := range c.Feeds {
		m.MemoryState.MarkSeen(ctx, f.URL, f.Seen, c.Now)
		m.MemoryState.renew(f, c.Now)
		m.MemoryState.SaveFeedState(ctx, f.URL, f.State)
	}
	return nil
}

// append adds a change with the next number. Called with m.mu held.
func (m *MemoryStore) append(c Change) {
	m.seq++
	c.Seq = m.seq
	if c.Removed {
		delete(m.live, c.Source)
	} else {
		m.live[c.Source] = len(m.changes)
	}
	m.changes = append(m.changes, c)
}

// Changes implements Store.
func (m *MemoryStore) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Change
	for i, c := range m.changes {
		if c.Seq <= after || len(out) == limit {
			continue
		}
		if !c.Removed && m.live[c.Source] != i {
			continue // replaced later
		}
		out = append(out, c)
	}
	return out, nil
}

// PruneArticles implements Store.
func (m *MemoryStore) PruneArticles(ctx context.Context, cutoff time.Time, keep int) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	type dated struct {
		src string
		at  time.Time
		seq int64
	}
	var all []dated
	for src, i := range m.live {
		all = append(all, dated{src, m.changes[i].Dated(), m.changes[i].Seq})
	}
	sort.Slice(all, func(i, j int) bool {
		if !all[i].at.Equal(all[j].at) {
			return all[i].at.After(all[j].at)
		}
		return all[i].seq > all[j].seq
	})
	var gone []string
	for i, d := range all {
		if (!cutoff.IsZero() && d.at.Before(cutoff)) || (keep > 0 && i >= keep) {
			gone = append(gone, d.src)
		}
	}
	for _, src := range gone {
		m.append(Change{Source: src, Removed: true})
	}
	return gone, nil
}

// mergeFeeds returns a followed by the feeds of b it lacks.
func mergeFeeds(a, b []string) []string {
	out := slices.Clone(a)
	for _, f := range b {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}
