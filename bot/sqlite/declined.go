package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// DeclinedQueries returns the query log entries at or after since that
// were declined, oldest first.
func (s *Store) DeclinedQueries(ctx context.Context, since time.Time) ([]bot.QueryLog, error) {
	const op = "declined queries"
	rows, err := s.db.QueryContext(ctx, `SELECT platform, user_hash, question, kind, confidence, at
		FROM query_log WHERE answered = 0 AND at >= ? ORDER BY at, id`, fmtTime(since))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var out []bot.QueryLog
	for rows.Next() {
		var q bot.QueryLog
		var at sql.NullString
		if err := rows.Scan(&q.Platform, &q.UserHash, &q.Question, &q.Kind, &q.Confidence, &at); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		if q.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}
