package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// SeeArticles records now as the first-seen time of every id not seen
// before and returns the first-seen time of every id.
func (s *Store) SeeArticles(ctx context.Context, ids []string, now time.Time) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("see articles: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("see articles: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles_seen (id, first_seen)
		SELECT value, ? FROM json_each(?) WHERE true ON CONFLICT (id) DO NOTHING`, fmtTime(now), string(list)); err != nil {
		return nil, fmt.Errorf("see articles: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.first_seen FROM articles_seen a
		JOIN (SELECT DISTINCT value AS id FROM json_each(?)) j ON a.id = j.id`, string(list))
	if err != nil {
		return nil, fmt.Errorf("see articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var seen sql.NullString
		if err := rows.Scan(&id, &seen); err != nil {
			return nil, fmt.Errorf("see articles: %w", err)
		}
		t, err := parseTime(seen)
		if err != nil {
			return nil, fmt.Errorf("see articles: %w", err)
		}
		out[id] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("see articles: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("see articles: %w", err)
	}
	return out, nil
}

// FirstSeen returns the first-seen time of every id seen before, recording
// nothing.
func (s *Store) FirstSeen(ctx context.Context, ids []string) (map[string]time.Time, error) {
	out := make(map[string]time.Time, len(ids))
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("first seen: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.first_seen FROM articles_seen a
		JOIN (SELECT DISTINCT value AS id FROM json_each(?)) j ON a.id = j.id`, string(list))
	if err != nil {
		return nil, fmt.Errorf("first seen: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var seen sql.NullString
		if err := rows.Scan(&id, &seen); err != nil {
			return nil, fmt.Errorf("first seen: %w", err)
		}
		if out[id], err = parseTime(seen); err != nil {
			return nil, fmt.Errorf("first seen: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("first seen: %w", err)
	}
	return out, nil
}

// LastSlot returns the newest claimed slot of schedule, or the zero time.
func (s *Store) LastSlot(ctx context.Context, schedule string) (time.Time, error) {
	var last sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT MAX(slot) FROM deliveries WHERE schedule = ?`, schedule).Scan(&last)
	if err != nil {
		return time.Time{}, fmt.Errorf("last slot: %w", err)
	}
	t, err := parseTime(last)
	if err != nil {
		return time.Time{}, fmt.Errorf("last slot: %w", err)
	}
	return t, nil
}

// Claim claims a slot and queues its messages in one transaction; false
// when the slot was claimed before. A message's NextTry defaults to
// c.Now; messages for the same target are queued once.
func (s *Store) Claim(ctx context.Context, c bot.Claim) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("claim: %w", err)
	}
	defer tx.Rollback()
	slot, now := fmtTime(c.Slot), fmtTime(c.Now)
	res, err := tx.ExecContext(ctx, `INSERT INTO deliveries (schedule, slot, claimed_at) VALUES (?, ?, ?)
		ON CONFLICT (schedule, slot) DO NOTHING`, c.Schedule, slot, now)
	if err != nil {
		return false, fmt.Errorf("claim: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, fmt.Errorf("claim: %w", err)
	} else if n == 0 {
		return false, nil
	}
	for _, m := range c.Messages {
		next := m.NextTry
		if next.IsZero() {
			next = c.Now
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox
			(schedule, slot, target, payload, next_try, expires_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (schedule, slot, target) DO NOTHING`,
			c.Schedule, slot, m.Target, m.Payload, fmtTime(next), nullTime(m.ExpiresAt), now); err != nil {
			return false, fmt.Errorf("claim: queue %s: %w", m.Target, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("claim: %w", err)
	}
	return true, nil
}

// Lease leases up to limit due messages to owner, oldest due first:
// messages nobody holds, whose lease ran out, or that owner holds already
// (a restarted process with the same owner takes its leases back).
func (s *Store) Lease(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]bot.OutboxMessage, error) {
	if limit <= 0 {
		return nil, nil
	}
	at := fmtTime(now)
	rows, err := s.db.QueryContext(ctx, `UPDATE outbox SET leased_by = ?, leased_until = ?
		WHERE id IN (
			SELECT id FROM outbox
			WHERE delivered_at IS NULL AND failed_at IS NULL AND next_try <= ?
			  AND (leased_until IS NULL OR leased_until <= ? OR leased_by = ?)
			ORDER BY next_try, id LIMIT ?)
		RETURNING id, schedule, slot, target, payload, attempts, next_try, expires_at, last_error`,
		owner, fmtTime(now.Add(lease)), at, at, owner, limit)
	if err != nil {
		return nil, fmt.Errorf("lease: %w", err)
	}
	defer rows.Close()
	var out []bot.OutboxMessage
	for rows.Next() {
		var m bot.OutboxMessage
		var slot, next, expires sql.NullString
		if err := rows.Scan(&m.ID, &m.Schedule, &slot, &m.Target, &m.Payload, &m.Attempts, &next, &expires, &m.LastError); err != nil {
			return nil, fmt.Errorf("lease: %w", err)
		}
		var perr error
		m.Slot, perr = parseTime(slot)
		if perr == nil {
			m.NextTry, perr = parseTime(next)
		}
		if perr == nil {
			m.ExpiresAt, perr = parseTime(expires)
		}
		if perr != nil {
			return nil, fmt.Errorf("lease: %w", perr)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
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
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET delivered_at = ?, platform_id = ?,
		leased_by = NULL, leased_until = NULL WHERE id = ?`, fmtTime(now), platformID, id)
	return changed(res, err, "delivered", id)
}

// Failed records a failed attempt: retry at next, or give up when next is
// zero (failed_at is then set to the current time).
func (s *Store) Failed(ctx context.Context, id int64, cause string, next time.Time) error {
	var res sql.Result
	var err error
	if next.IsZero() {
		res, err = s.db.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?,
			failed_at = ?, leased_by = NULL, leased_until = NULL WHERE id = ?`, cause, fmtTime(time.Now()), id)
	} else {
		res, err = s.db.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?,
			next_try = ?, leased_by = NULL, leased_until = NULL WHERE id = ?`, cause, fmtTime(next), id)
	}
	return changed(res, err, "failed", id)
}

// Pending counts messages neither delivered nor given up.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("pending: %w", err)
	}
	return n, nil
}

// changed turns the result of an UPDATE of one outbox row into an error,
// ErrNotFound when no row matched.
func changed(res sql.Result, err error, op string, id int64) error {
	if err != nil {
		return fmt.Errorf("%s %d: %w", op, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s %d: %w", op, id, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", op, id, bot.ErrNotFound)
	}
	return nil
}
