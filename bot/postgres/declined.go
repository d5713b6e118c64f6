package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/jackc/pgx/v5"
)

// DeclinedQueries returns the query log entries at or after since that
// were declined, oldest first.
func (s *Store) DeclinedQueries(ctx context.Context, since time.Time) ([]bot.QueryLog, error) {
	const op = "declined queries"
	rows, err := s.pool.Query(ctx, `SELECT platform, user_hash, question, kind, confidence, at
		FROM query_log WHERE NOT answered AND at >= $1 ORDER BY at, id`, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	var out []bot.QueryLog
	var q bot.QueryLog
	_, err = pgx.ForEachRow(rows, []any{&q.Platform, &q.UserHash, &q.Question, &q.Kind, &q.Confidence, &q.At}, func() error {
		q.At = q.At.UTC()
		out = append(out, q)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}
