package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// pruneEvery is how often, at most, ClaimEvent deletes expired claims.
const pruneEvery = 10 * time.Minute

// ClaimEvent claims key at now: true when no claim of key younger than
// bot.EventClaimTTL exists, false otherwise. Concurrent claims of one key
// meet on its primary key, so exactly one wins. An expired claim is taken
// over in place; expired rows are deleted at most every ten minutes (of
// now) per Store.
func (s *Store) ClaimEvent(ctx context.Context, key string, now time.Time) (bool, error) {
	cutoff := now.Add(-bot.EventClaimTTL).UTC()
	if s.prune.due(now) {
		if _, err := s.pool.Exec(ctx, `DELETE FROM events WHERE claimed_at < $1`, cutoff); err != nil {
			s.prune.failed()
			return false, fmt.Errorf("claim event: prune: %w", err)
		}
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO events (key, claimed_at) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at WHERE events.claimed_at < $3`,
		key, now.UTC(), cutoff)
	if err != nil {
		return false, fmt.Errorf("claim event: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}
