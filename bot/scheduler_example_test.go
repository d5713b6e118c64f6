package bot_test

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/sqlite"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
)

// printPoster prints what it posts.
type printPoster struct{}

func (printPoster) Post(ctx context.Context, target string, msg bot.Message) (string, error) {
	fmt.Printf("post to %s: %s\n", target, msg.Title)
	return "1", nil
}

func ExampleScheduler_PostLatest() {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		panic(err)
	}
	defer store.Close()
	kb, err := briefings.Build(ctx, corpus.Sample(), briefings.Options{})
	if err != nil {
		panic(err)
	}
	kyiv, _ := time.LoadLocation("Europe/Kyiv")
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedules: []bot.ScheduleSpec{{
			Name: "morning", Spec: "0 9 * * 1-5", Location: kyiv,
			Targets: []string{"slack:C123", "discord:456"},
		}},
		Store:   store,
		KB:      func() *briefings.KB { return kb },
		Posters: map[string]bot.Poster{"slack": printPoster{}, "discord": printPoster{}},
	})
	if err != nil {
		panic(err)
	}
	now := time.Date(2026, 5, 6, 12, 0, 0, 0, kyiv) // a Wednesday
	next, _ := s.NextRuns("morning", now, 2)
	fmt.Println("next runs:", next[0].Format("Mon 15:04 MST"), next[1].Format("Mon 15:04 MST"))

	res, _ := s.PostLatest(ctx, "morning", now)
	fmt.Println("slot:", res.Slot.Format("Mon 2 Jan 15:04 MST"), "delivered:", res.Delivered)
	res, _ = s.PostLatest(ctx, "morning", now)
	fmt.Println("again, claimed:", res.Claimed)
	// Output:
	// next runs: Thu 09:00 EEST Fri 09:00 EEST
	// post to C123: Briefing for Wed 6 May 2026
	// post to 456: Briefing for Wed 6 May 2026
	// slot: Wed 6 May 09:00 EEST delivered: [slack:C123 discord:456]
	// again, claimed: false
}
