package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// pruneEvery is how often, at most, ClaimEvent deletes expired claims.
const pruneEvery = 10 * time.Minute

// ClaimEvent claims key at now: true when no claim of key younger than
// bot.EventClaimTTL exists, false otherwise. An expired claim is taken
// over in place; expired rows are deleted at most every ten minutes (of
// now) per Store.
func (s *Store) ClaimEvent(ctx context.Context, key string, now time.Time) (bool, error) {
	cutoff := fmtTime(now.Add(-bot.EventClaimTTL))
	if s.prune.due(now) {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM events WHERE claimed_at < ?`, cutoff); err != nil {
			s.prune.failed()
			return false, fmt.Errorf("claim event: prune: %w", err)
		}
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO events (key, claimed_at) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at WHERE events.claimed_at < ?`,
		key, fmtTime(now), cutoff)
	if err != nil {
		return false, fmt.Errorf("claim event: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim event: %w", err)
	}
	return n == 1, nil
}
