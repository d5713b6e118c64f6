package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/jackc/pgx/v5"
)

// Subscribe adds a subscription; subscribing again keeps the first
// creation time and updates the channel.
func (s *Store) Subscribe(ctx context.Context, sub bot.Subscription) error {
	created := sub.Created
	if created.IsZero() {
		created = time.Now()
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO subscriptions (platform, user_id, issue_id, channel_id, created)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (platform, user_id, issue_id) DO UPDATE SET channel_id = excluded.channel_id`,
		sub.Platform, sub.UserID, sub.IssueID, sub.ChannelID, created.UTC())
	if err != nil {
		return fmt.Errorf("subscribe: %w", err)
	}
	return nil
}

// Unsubscribe removes a subscription and reports whether it existed.
func (s *Store) Unsubscribe(ctx context.Context, sub bot.Subscription) (bool, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM subscriptions WHERE platform = $1 AND user_id = $2 AND issue_id = $3`,
		sub.Platform, sub.UserID, sub.IssueID)
	if err != nil {
		return false, fmt.Errorf("unsubscribe: %w", err)
	}
	return tag.RowsAffected() > 0, nil
}

// Subscribers returns the subscriptions to an issue, oldest first.
func (s *Store) Subscribers(ctx context.Context, issueID string) ([]bot.Subscription, error) {
	return s.subscriptions(ctx, "subscribers", `WHERE issue_id = $1`, issueID)
}

// SubscriptionsOf returns a user's subscriptions, oldest first.
func (s *Store) SubscriptionsOf(ctx context.Context, platform, userID string) ([]bot.Subscription, error) {
	return s.subscriptions(ctx, "subscriptions", `WHERE platform = $1 AND user_id = $2`, platform, userID)
}

func (s *Store) subscriptions(ctx context.Context, op, where string, args ...any) ([]bot.Subscription, error) {
	rows, err := s.pool.Query(ctx, `SELECT platform, user_id, issue_id, channel_id, created
		FROM subscriptions `+where+` ORDER BY created, platform, user_id, issue_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	var out []bot.Subscription
	var sub bot.Subscription
	_, err = pgx.ForEachRow(rows, []any{&sub.Platform, &sub.UserID, &sub.IssueID, &sub.ChannelID, &sub.Created}, func() error {
		sub.Created = sub.Created.UTC()
		out = append(out, sub)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// RecordFeedback stores one helpful / not helpful mark.
func (s *Store) RecordFeedback(ctx context.Context, f bot.Feedback) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO feedback (platform, user_hash, question, kind, helpful, at)
		VALUES ($1, $2, $3, $4, $5, $6)`, f.Platform, f.UserHash, f.Question, f.Kind, f.Helpful, f.At.UTC())
	if err != nil {
		return fmt.Errorf("record feedback: %w", err)
	}
	return nil
}

// LogQuery appends to the query log.
func (s *Store) LogQuery(ctx context.Context, q bot.QueryLog) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO query_log (platform, user_hash, question, kind, answered, confidence, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, q.Platform, q.UserHash, q.Question, q.Kind, q.Answered, q.Confidence, q.At.UTC())
	if err != nil {
		return fmt.Errorf("log query: %w", err)
	}
	return nil
}

// PruneQueries deletes query log entries older than before and returns
// how many went.
func (s *Store) PruneQueries(ctx context.Context, before time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM query_log WHERE at < $1`, before.UTC())
	if err != nil {
		return 0, fmt.Errorf("prune queries: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
