package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/briefbot/briefbot/adapters/console"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/config"
)

// checkSchedule validates a schedule's cron spec for the config validator.
func checkSchedule(spec, tz string) error {
	_, err := bot.ParseSchedule(spec, tz)
	return err
}

// scheduleSpecs turns the config's schedules into the scheduler's.
func scheduleSpecs(cfg *config.Config) []bot.ScheduleSpec {
	var out []bot.ScheduleSpec
	for _, s := range cfg.Schedules {
		loc := time.UTC
		if s.Timezone != "" {
			if l, err := time.LoadLocation(s.Timezone); err == nil {
				loc = l
			}
		}
		targets := targetStrings(s.Targets)
		skip := s.SkipsEmpty()
		out = append(out, bot.ScheduleSpec{
			Name: s.Name, Spec: s.Cron, Location: loc, Targets: targets,
			IssueIDs: s.Issues, MaxItems: s.MaxItems, SkipIfEmpty: &skip, CatchUp: s.CatchUpWindow(),
		})
	}
	return out
}

// targetStrings turns config targets into outbox targets: "slack:CHANNEL"
// or "discord:CHANNEL_ID".
func targetStrings(ts []config.Target) []string {
	var out []string
	for _, t := range ts {
		if t.Slack != "" {
			out = append(out, bot.PlatformSlack+":"+t.Slack)
		} else {
			out = append(out, bot.PlatformDiscord+":"+t.Discord)
		}
	}
	return out
}

// newScheduler builds the digest scheduler over the store and posters.
func (a *app) newScheduler(store bot.Store, b *bot.Bot, posters map[string]bot.Poster, m *bot.Metrics) (*bot.Scheduler, error) {
	return bot.NewScheduler(bot.SchedulerOptions{
		Schedules:      scheduleSpecs(a.cfg),
		Store:          store,
		KB:             b.KB,
		Posters:        posters,
		Metrics:        m,
		Logger:         a.log.With("component", "scheduler"),
		QueryRetention: a.cfg.Store.QueryLogRetention.Std(),
	})
}

// runSchedules lists each schedule with its next three runs in its zone.
func runSchedules(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("schedules")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	cfg, _, err := loadConfig(e, g)
	if err != nil {
		return configError(err)
	}
	if len(cfg.Schedules) == 0 {
		fmt.Fprintln(e.stdout, "No schedules configured (see schedules: in config.example.yaml).")
		return nil
	}
	now := time.Now()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tCRON\tZONE\tTARGETS\tNEXT RUNS")
	for _, s := range scheduleSpecs(cfg) {
		c, err := bot.ParseSchedule(s.Spec, s.Location.String())
		if err != nil {
			return fmt.Errorf("schedule %s: %w", s.Name, err)
		}
		var next []string
		t := now
		for range 3 {
			t = c.Next(t)
			next = append(next, t.In(s.Location).Format("Mon 2 Jan 15:04 MST"))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Name, s.Spec, s.Location, strings.Join(s.Targets, ","), strings.Join(next, "; "))
	}
	return tw.Flush()
}

// scheduleDigest posts a schedule's digest for its latest slot, or with
// dryRun shows what that digest holds without posting or recording.
func (a *app) scheduleDigest(ctx context.Context, e *env, name string, now time.Time, dryRun, asJSON bool) error {
	store, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	b, err := a.newBot(store, nil)
	if err != nil {
		return err
	}
	var posters map[string]bot.Poster
	if !dryRun {
		ps, err := a.platforms(b)
		if err != nil {
			return err
		}
		posters = ps.posters
	}
	sched, err := a.newScheduler(store, b, posters, nil)
	if err != nil {
		return err
	}
	if dryRun {
		p, err := sched.Preview(ctx, name, now)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.stdout, p.Digest)
		}
		if p.Claimed {
			fmt.Fprintf(e.stdout, "(the slot of %s was already posted; this is what it held)\n\n", p.Slot.Format("2006-01-02 15:04 MST"))
		}
		if p.Skip {
			fmt.Fprintf(e.stdout, "Nothing new for the slot of %s: the schedule would post nothing.\n", p.Slot.Format("2006-01-02 15:04 MST"))
			return nil
		}
		_, err = io.WriteString(e.stdout, console.RenderText(p.Message, terminalWidth()))
		return err
	}
	res, err := sched.PostLatest(ctx, name, now)
	if err != nil {
		return err
	}
	if asJSON {
		if err := writeJSON(e.stdout, res); err != nil {
			return err
		}
	} else {
		writePostResult(e.stdout, res)
	}
	if len(res.Failed) > 0 {
		return errors.New("some targets failed: " + res.Failed[0].Target + ": " + res.Failed[0].Err)
	}
	return nil
}

// writePostResult says what a run of a schedule's slot did and, when
// the store can tell, where every target of the slot stands: delivered
// (now or before), pending (retried by serve or the next run) or failed.
func writePostResult(w io.Writer, r bot.PostResult) {
	slot := r.Slot.Format("2006-01-02 15:04 MST")
	switch {
	case !r.Claimed && len(r.Targets) > 0:
		fmt.Fprintf(w, "%s: the slot of %s was claimed before (by serve or an earlier run).\n", r.Schedule, slot)
	case !r.Claimed:
		fmt.Fprintf(w, "%s: the slot of %s was already posted; nothing sent.\n", r.Schedule, slot)
	case r.Empty:
		fmt.Fprintf(w, "%s: nothing new for the slot of %s; nothing sent.\n", r.Schedule, slot)
	default:
		fmt.Fprintf(w, "%s: digest for the slot of %s.\n", r.Schedule, slot)
	}
	if len(r.Targets) > 0 {
		now := map[string]bool{}
		for _, t := range r.Delivered {
			now[t] = true
		}
		for _, st := range r.Targets {
			switch st.State {
			case bot.StateDelivered:
				when := "before this run"
				if now[st.Target] {
					when = "now"
				}
				fmt.Fprintf(w, "  delivered  %s (%s)\n", st.Target, when)
			case bot.StateFailed:
				fmt.Fprintf(w, "  failed     %s: %s\n", st.Target, st.LastError)
			default:
				fmt.Fprintf(w, "  pending    %s (retried by briefbot serve or the next run", st.Target)
				if st.LastError != "" {
					fmt.Fprintf(w, "; last error: %s", st.LastError)
				}
				fmt.Fprintln(w, ")")
			}
		}
		return
	}
	for _, t := range r.Delivered {
		fmt.Fprintf(w, "  delivered  %s\n", t)
	}
	for _, t := range r.Pending {
		fmt.Fprintf(w, "  queued     %s (retried by briefbot serve or the next run)\n", t)
	}
	for _, f := range r.Failed {
		fmt.Fprintf(w, "  failed     %s: %s\n", f.Target, f.Err)
	}
}
