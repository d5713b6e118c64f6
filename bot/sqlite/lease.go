package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
)

var _ bot.Leaser = (*Store)(nil)

// HoldLease implements bot.Leaser.
func (s *Store) HoldLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
		WHERE leases.owner = excluded.owner OR leases.until <= ?`,
		name, owner, fmtTime(now.Add(ttl)), fmtTime(now))
	if err != nil {
		return false, fmt.Errorf("hold lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("hold lease %s: %w", name, err)
	}
	return n == 1, nil
}

// DropLease implements bot.Leaser.
func (s *Store) DropLease(ctx context.Context, name, owner string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND owner = ?`, name, owner); err != nil {
		return fmt.Errorf("drop lease %s: %w", name, err)
	}
	return nil
}
