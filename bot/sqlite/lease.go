package sqlite

import (
	"context"
	"database/sql"
	"errors"
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

// ReclaimLease implements bot.Leaser.
func (s *Store) ReclaimLease(ctx context.Context, name, prefix, owner string, now time.Time, ttl time.Duration) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE leases SET owner = ?, until = ?
		WHERE name = ? AND owner <> ? AND substr(owner, 1, length(?)) = ?`,
		owner, fmtTime(now.Add(ttl)), name, owner, prefix, prefix)
	if err != nil {
		return false, fmt.Errorf("reclaim lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("reclaim lease %s: %w", name, err)
	}
	return n == 1, nil
}

var _ bot.ValueKeeper = (*Store)(nil)

// KeepValue implements bot.ValueKeeper; values older than bot.ValueTTL
// are deleted at most every ten minutes (of now) per Store.
func (s *Store) KeepValue(ctx context.Context, key, value string, now time.Time) error {
	if s.pruneValues.due(now) {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM kept_values WHERE kept_at < ?`, fmtTime(now.Add(-bot.ValueTTL))); err != nil {
			s.pruneValues.failed()
			return fmt.Errorf("keep value: prune: %w", err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO kept_values (key, value, kept_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, kept_at = excluded.kept_at`, key, value, fmtTime(now)); err != nil {
		return fmt.Errorf("keep value: %w", err)
	}
	return nil
}

// KeptValue implements bot.ValueKeeper.
func (s *Store) KeptValue(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM kept_values WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("kept value: %w", err)
	}
	return v, true, nil
}
