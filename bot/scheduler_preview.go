package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/briefings"
)

// FirstSeenReader is a Store that can read first-seen times without
// recording any (bot/sqlite and bot/postgres are). Preview uses it.
type FirstSeenReader interface {
	// FirstSeen returns the first-seen time of every id seen before; ids
	// never seen are left out.
	FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error)
}

// Preview is the digest a schedule would post for its latest slot.
type Preview struct {
	Schedule string
	Slot     time.Time
	// Claimed is true when the slot was claimed already: posting now would
	// do nothing. The digest then covers the period before the slot.
	Claimed bool
	// Skip is true when the digest is empty and the schedule skips empty
	// digests: posting would claim the slot and post nothing.
	Skip    bool
	Digest  briefings.Digest
	Message Message
	Targets []string
}

// Preview returns what PostLatest would post for the schedule at now,
// writing nothing (for `briefbot digest -schedule NAME -dry-run`).
// Articles the store never saw count as arriving at the slot. With a store
// that is no FirstSeenReader, articles count from their publication date.
func (s *Scheduler) Preview(ctx context.Context, name string, now time.Time) (Preview, error) {
	sc, err := s.schedule(name)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Schedule: name, Slot: sc.cron.Prev(now), Targets: sc.Targets}
	if p.Slot.IsZero() {
		return p, fmt.Errorf("schedule %s has no slot before %s", name, now.Format(time.RFC3339))
	}
	if s.opts.KB == nil || s.opts.KB() == nil {
		return p, errors.New("no knowledge base loaded")
	}
	kb := s.opts.KB()
	last, err := s.opts.Store.LastSlot(ctx, name)
	if err != nil {
		return p, fmt.Errorf("schedule %s: %w", name, err)
	}
	p.Claimed = !p.Slot.After(last)
	since := last
	if p.Claimed || since.IsZero() {
		since = sc.cron.Prev(p.Slot.Add(-time.Nanosecond))
	}
	var seen map[string]time.Time
	if r, ok := s.opts.Store.(FirstSeenReader); ok {
		ids := articleIDs(kb)
		if seen, err = r.FirstSeen(ctx, ids); err != nil {
			return p, fmt.Errorf("schedule %s: %w", name, err)
		}
		for _, id := range ids {
			if _, ok := seen[id]; !ok {
				seen[id] = p.Slot
			}
		}
	}
	if p.Digest, err = s.digest(kb, sc, p.Slot, since, seen); err != nil {
		return p, fmt.Errorf("schedule %s: %w", name, err)
	}
	p.Skip = p.Digest.Empty && (sc.SkipIfEmpty == nil || *sc.SkipIfEmpty)
	p.Message = DigestMessage(p.Digest)
	return p, nil
}
