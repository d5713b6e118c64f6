package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// Subscribe adds a subscription; subscribing again keeps the first
// creation time and updates the channel.
func (s *Store) Subscribe(ctx context.Context, sub bot.Subscription) error {
	created := sub.Created
	if created.IsZero() {
		created = time.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO subscriptions (platform, user_id, issue_id, channel_id, created)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, user_id, issue_id) DO UPDATE SET channel_id = excluded.channel_id`,
		sub.Platform, sub.UserID, sub.IssueID, sub.ChannelID, fmtTime(created))
	if err != nil {
		return fmt.Errorf("subscribe: %w", err)
	}
	return nil
}

// Unsubscribe removes a subscription and reports whether it existed.
func (s *Store) Unsubscribe(ctx context.Context, sub bot.Subscription) (bool, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM subscriptions WHERE platform = ? AND user_id = ? AND issue_id = ?`,
		sub.Platform, sub.UserID, sub.IssueID)
	if err != nil {
		return false, fmt.Errorf("unsubscribe: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("unsubscribe: %w", err)
	}
	return n > 0, nil
}

// Subscribers returns the subscriptions to an issue, oldest first.
func (s *Store) Subscribers(ctx context.Context, issueID string) ([]bot.Subscription, error) {
	return s.subscriptions(ctx, "subscribers", `WHERE issue_id = ?`, issueID)
}

// SubscriptionsOf returns a user's subscriptions, oldest first.
func (s *Store) SubscriptionsOf(ctx context.Context, platform, userID string) ([]bot.Subscription, error) {
	return s.subscriptions(ctx, "subscriptions", `WHERE platform = ? AND user_id = ?`, platform, userID)
}

func (s *Store) subscriptions(ctx context.Context, op, where string, args ...any) ([]bot.Subscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT platform, user_id, issue_id, channel_id, created
		FROM subscriptions `+where+` ORDER BY created, platform, user_id, issue_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var out []bot.Subscription
	for rows.Next() {
		var sub bot.Subscription
		var created sql.NullString
		if err := rows.Scan(&sub.Platform, &sub.UserID, &sub.IssueID, &sub.ChannelID, &created); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		if sub.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, sub)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// RecordFeedback stores one helpful / not helpful mark.
func (s *Store) RecordFeedback(ctx context.Context, f bot.Feedback) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO feedback (platform, user_hash, question, kind, helpful, at)
		VALUES (?, ?, ?, ?, ?, ?)`, f.Platform, f.UserHash, f.Question, f.Kind, f.Helpful, fmtTime(f.At))
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// LogQuery appends to the query log.
func (s *Store) LogQuery(ctx context.Context, q bot.QueryLog) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO query_log (platform, user_hash, question, kind, answered, confidence, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, q.Platform, q.UserHash, q.Question, q.Kind, q.Answered, q.Confidence, fmtTime(q.At))
	if err != nil {
		return fmt.Errorf("log query: %w", err)
	}
	return nil
}

// PruneQueries deletes query log entries older than before and returns
// how many went.
func (s *Store) PruneQueries(ctx context.Context, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM query_log WHERE at < ?`, fmtTime(before))
	if err != nil {
		return 0, fmt.Errorf("prune queries: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune queries: %w", err)
	}
	return int(n), nil
}
