package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/adapters/console"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
)

// maxSinceDays bounds -since in days (a hundred years), so the date
// never wraps around.
const maxSinceDays = 36500

// parseSince reads -since: a duration back from now ("24h", "90m", "7d")
// or an RFC 3339 time.
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 && n <= maxSinceDays {
			return now.AddDate(0, 0, -n), nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return time.Time{}, fmt.Errorf("-since %q is neither a duration (24h, 7d) nor an RFC 3339 time", s)
	}
	return now.Add(-d), nil
}

func runDigest(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("digest")
	asJSON := fs.Bool("json", false, "print JSON")
	schedule := fs.String("schedule", "", "post (or with -dry-run, show) the digest of schedule `NAME` for its latest slot")
	since := fs.String("since", "24h", "what is new since: a `DURATION` back from now or an RFC 3339 time")
	dryRun := fs.Bool("dry-run", false, "show the digest, post nothing")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("digest takes no arguments")
	}
	now := time.Now()
	from, err := parseSince(*since, now)
	if err != nil {
		return usagef("digest: %v", err)
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	if *schedule != "" {
		return a.scheduleDigest(ctx, e, *schedule, now, *dryRun, *asJSON)
	}
	d := a.kb.Digest(briefings.DigestOptions{Since: from, Until: now})
	return a.printDigest(e, d, *asJSON)
}

// printDigest prints a digest as the chat shows it, or as JSON.
func (a *app) printDigest(e *env, d briefings.Digest, asJSON bool) error {
	if asJSON {
		return writeJSON(e.stdout, d)
	}
	if d.Empty {
		fmt.Fprintf(e.stdout, "Nothing new since %s.\n", d.Since.Local().Format("Mon 2 Jan 15:04"))
		return nil
	}
	_, err := io.WriteString(e.stdout, console.RenderText(bot.DigestMessage(d), terminalWidth()))
	return err
}
