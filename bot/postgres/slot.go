package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
)

var _ bot.SlotReader = (*Store)(nil)

// SlotStates implements bot.SlotReader.
func (s *Store) SlotStates(ctx context.Context, schedule string, slot time.Time) ([]bot.TargetState, error) {
	rows, err := s.pool.Query(ctx, `SELECT target, delivered_at IS NOT NULL, failed_at IS NOT NULL, attempts, last_error
		FROM outbox WHERE schedule = $1 AND slot = $2 ORDER BY target`, schedule, slot.UTC())
	if err != nil {
		return nil, fmt.Errorf("slot states: %w", err)
	}
	defer rows.Close()
	var out []bot.TargetState
	for rows.Next() {
		var st bot.TargetState
		var delivered, failed bool
		if err := rows.Scan(&st.Target, &delivered, &failed, &st.Attempts, &st.LastError); err != nil {
			return nil, fmt.Errorf("slot states: %w", err)
		}
		switch {
		case delivered:
			st.State = bot.StateDelivered
		case failed:
			st.State = bot.StateFailed
		default:
			st.State = bot.StatePending
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("slot states: %w", err)
	}
	return out, nil
}
