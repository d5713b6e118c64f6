package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/jackc/pgx/v5"
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

// ReclaimLease implements bot.Leaser.
func (s *Store) ReclaimLease(ctx context.Context, name, prefix, owner string, now time.Time, ttl time.Duration) (bool, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE leases SET owner = $1, until = $2
		WHERE name = $3 AND owner <> $1 AND left(owner, length($4)) = $4`,
		owner, now.Add(ttl).UTC(), name, prefix)
	if err != nil {
		return false, fmt.Errorf("reclaim lease %s: %w", name, err)
	}
	return tag.RowsAffected() == 1, nil
}

var _ bot.ValueKeeper = (*Store)(nil)

// KeepValue implements bot.ValueKeeper; values older than bot.ValueTTL
// are deleted at most every ten minutes (of now) per Store.
func (s *Store) KeepValue(ctx context.Context, key, value string, now time.Time) error {
	if s.pruneValues.due(now) {
		if _, err := s.pool.Exec(ctx, `DELETE FROM kept_values WHERE kept_at < $1`, now.Add(-bot.ValueTTL).UTC()); err != nil {
			s.pruneValues.failed()
			return fmt.Errorf("keep value: prune: %w", err)
		}
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO kept_values (key, value, kept_at) VALUES ($1, $2, $3)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, kept_at = excluded.kept_at`, key, value, now.UTC()); err != nil {
		return fmt.Errorf("keep value: %w", err)
	}
	return nil
}

// KeptValue implements bot.ValueKeeper.
func (s *Store) KeptValue(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT value FROM kept_values WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("kept value: %w", err)
	}
	return v, true, nil
}
