package bot_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// channelPoster fails every post to the channels in down (a timeout),
// and records the others.
type channelPoster struct {
	down   map[string]bool
	posted []string
}

func (p *channelPoster) Post(_ context.Context, target string, _ bot.Message) (string, error) {
	if p.down[target] {
		return "", errors.New("context deadline exceeded (Client.Timeout exceeded while awaiting headers)")
	}
	p.posted = append(p.posted, target)
	return "1", nil
}

// TestRerunDeliversWhatTheFirstRunLeft: a run posts to one target and
// leaves the other pending (its post timed out); a rerun of the slot
// does not claim it again, but delivers the pending target and reports
// every target's state.
func TestRerunDeliversWhatTheFirstRunLeft(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour+time.Minute))
	spec := daily("morning", "slack:C1", "slack:C2")
	run := func(p *channelPoster) bot.PostResult {
		t.Helper()
		s, err := bot.NewScheduler(bot.SchedulerOptions{
			Schedules: []bot.ScheduleSpec{spec}, Store: openStore(t, e.path), KB: e.kb.Load,
			Posters: map[string]bot.Poster{"slack": p}, Now: e.clock.Now, Sleep: e.clock.Sleep,
			Owner: "cron", PostAttempts: 1,
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.PostLatest(context.Background(), "morning", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := run(&channelPoster{down: map[string]bool{"C2": true}})
	if !first.Claimed || fmt.Sprint(first.Delivered) != "[slack:C1]" || fmt.Sprint(first.Pending) != "[slack:C2]" {
		t.Fatalf("first run = %+v", first)
	}
	if len(first.Targets) != 2 || first.Targets[1].State != bot.StatePending || first.Targets[1].LastError == "" {
		t.Errorf("first run's target states = %+v", first.Targets)
	}
	e.clock.Set(e.clock.Now().Add(10 * time.Minute))
	p := &channelPoster{}
	second := run(p)
	if second.Claimed || fmt.Sprint(second.Delivered) != "[slack:C2]" || fmt.Sprint(p.posted) != "[C2]" {
		t.Errorf("rerun = %+v, posted %v; want the pending target delivered, C1 not posted twice", second, p.posted)
	}
	for _, st := range second.Targets {
		if st.State != bot.StateDelivered {
			t.Errorf("after the rerun %s is %s", st.Target, st.State)
		}
	}
}
