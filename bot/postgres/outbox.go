package postgres

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/jackc/pgx/v5"
)

// SeeArticles records now as the first-seen time of every id not seen
// before and returns the first-seen time of every id.
func (s *Store) SeeArticles(ctx context.Context, ids []string, now time.Time) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO articles_seen (id, first_seen)
			SELECT unnest($1::text[]), $2 ON CONFLICT (id) DO NOTHING`, ids, now.UTC()); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id, first_seen FROM articles_seen WHERE id = ANY($1)`, ids)
		if err != nil {
			return err
		}
		var id string
		var at time.Time
		_, err = pgx.ForEachRow(rows, []any{&id, &at}, func() error {
			out[id] = at.UTC()
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("see articles: %w", err)
	}
	return out, nil
}

// FirstSeen returns the first-seen time of every id seen before, recording
// nothing.
func (s *Store) FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	rows, err := s.pool.Query(ctx, `SELECT id, first_seen FROM articles_seen WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("first seen: %w", err)
	}
	var id string
	var at time.Time
	if _, err := pgx.ForEachRow(rows, []any{&id, &at}, func() error {
		out[id] = at.UTC()
		return nil
	}); err != nil {
		return nil, fmt.Errorf("first seen: %w", err)
	}
	return out, nil
}

// LastSlot returns the newest claimed slot of schedule, or the zero time.
func (s *Store) LastSlot(ctx context.Context, schedule string) (time.Time, error) {
	var last *time.Time
	if err := s.pool.QueryRow(ctx, `SELECT MAX(slot) FROM deliveries WHERE schedule = $1`, schedule).Scan(&last); err != nil {
		return time.Time{}, fmt.Errorf("last slot: %w", err)
	}
	return fromNull(last), nil
}

// Claim claims a slot and queues its messages in one transaction; false
// when the slot was claimed before. A message's NextTry defaults to
// c.Now; messages for the same target are queued once.
func (s *Store) Claim(ctx context.Context, c bot.Claim) (bool, error) {
	claimed := false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO deliveries (schedule, slot, claimed_at) VALUES ($1, $2, $3)
			ON CONFLICT (schedule, slot) DO NOTHING`, c.Schedule, c.Slot.UTC(), c.Now.UTC())
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return nil
		}
		claimed = true
		for _, m := range c.Messages {
			next := m.NextTry
			if next.IsZero() {
				next = c.Now
			}
			if _, err := tx.Exec(ctx, `INSERT INTO outbox
				(schedule, slot, target, payload, next_try, expires_at, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (schedule, slot, target) DO NOTHING`,
				c.Schedule, c.Slot.UTC(), m.Target, m.Payload, next.UTC(), nullTime(m.ExpiresAt), c.Now.UTC()); err != nil {
				return fmt.Errorf("queue %s: %w", m.Target, err)
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("claim: %w", err)
	}
	return claimed, nil
}

// Lease leases up to limit due messages to owner, oldest due first:
// messages nobody holds, whose lease ran out, or that owner holds already
// (a restarted process with the same owner takes its leases back). Rows
// another replica is leasing at the same moment are skipped.
func (s *Store) Lease(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]bot.OutboxMessage, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `UPDATE outbox SET leased_by = $1, leased_until = $2
		WHERE id IN (
			SELECT id FROM outbox
			WHERE delivered_at IS NULL AND failed_at IS NULL AND next_try <= $3
			  AND (leased_until IS NULL OR leased_until <= $3 OR leased_by = $1)
			ORDER BY next_try, id LIMIT $4
			FOR UPDATE SKIP LOCKED)
		RETURNING id, schedule, slot, target, payload, attempts, next_try, expires_at, last_error`,
		owner, now.Add(lease).UTC(), now.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("lease: %w", err)
	}
	var out []bot.OutboxMessage
	var m bot.OutboxMessage
	var expires *time.Time
	_, err = pgx.ForEachRow(rows, []any{&m.ID, &m.Schedule, &m.Slot, &m.Target, &m.Payload, &m.Attempts, &m.NextTry, &expires, &m.LastError}, func() error {
		m.Slot, m.NextTry, m.ExpiresAt = m.Slot.UTC(), m.NextTry.UTC(), fromNull(expires)
		m.Payload = append([]byte(nil), m.Payload...)
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lease: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].NextTry.Equal(out[j].NextTry) {
			return out[i].NextTry.Before(out[j].NextTry)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Delivered marks a message delivered; ErrNotFound for an unknown id.
func (s *Store) Delivered(ctx context.Context, id int64, platformID string, now time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE outbox SET delivered_at = $1, platform_id = $2,
		leased_by = NULL, leased_until = NULL WHERE id = $3`, now.UTC(), platformID, id)
	return one(tag.RowsAffected(), err, "delivered", id)
}

// Failed records a failed attempt: retry at next, or give up when next is
// zero (failed_at is then set to the database's current time).
func (s *Store) Failed(ctx context.Context, id int64, cause string, next time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1,
		next_try = COALESCE($2, next_try),
		failed_at = CASE WHEN $2::timestamptz IS NULL THEN now() ELSE NULL END,
		leased_by = NULL, leased_until = NULL WHERE id = $3`, cause, nullTime(next), id)
	return one(tag.RowsAffected(), err, "failed", id)
}

// Pending counts messages neither delivered nor given up.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("pending: %w", err)
	}
	return n, nil
}
