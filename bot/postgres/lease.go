package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
)

var _ bot.Leaser = (*Store)(nil)

// HoldLease implements bot.Leaser. Concurrent takers meet on the lease's
// primary key, so exactly one wins a free lease.
func (s *Store) HoldLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (bool, error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO leases (name, owner, until) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
		WHERE leases.owner = excluded.owner OR leases.until <= $4`,
		name, owner, now.Add(ttl).UTC(), now.UTC())
	if err != nil {
		return false, fmt.Errorf("hold lease %s: %w", name, err)
	}
	return tag.RowsAffected() == 1, nil
}

// DropLease implements bot.Leaser.
func (s *Store) DropLease(ctx context.Context, name, owner string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE name = $1 AND owner = $2`, name, owner); err != nil {
		return fmt.Errorf("drop lease %s: %w", name, err)
	}
	return nil
}
