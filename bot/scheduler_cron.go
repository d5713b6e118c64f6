package bot

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// maxPrevWindow bounds how far back CronSchedule.Prev looks (robfig/cron
// itself looks five years ahead).
const maxPrevWindow = 6 * 366 * 24 * time.Hour

// CronSchedule is a parsed cron spec in a time zone. Its fire times are
// wall-clock times in that zone, with daylight-saving changes handled so
// every wall-clock time fires at most once: a time in the repeated hour
// fires on its first occurrence only, and a time in the skipped hour fires
// at the instant the clocks jump (02:30 becomes 03:00). It implements
// cron.Schedule.
type CronSchedule struct {
	spec string
	sch  *cron.SpecSchedule
	utc  *cron.SpecSchedule // the same fields read in UTC, to test wall times
	loc  *time.Location
}

// ParseSchedule parses a 5-field cron spec or a descriptor (@daily,
// @hourly, @weekly, @monthly, @yearly) in the IANA zone tz (empty: UTC; a
// CRON_TZ= prefix in spec also sets the zone). It returns an error, never
// panics, for bad specs, unknown zones, @every (which has no fixed slots)
// and specs that never fire (such as "0 9 31 2 *").
func ParseSchedule(spec, tz string) (*CronSchedule, error) {
	loc := time.UTC
	if tz != "" {
		var err error
		if loc, err = time.LoadLocation(tz); err != nil {
			return nil, fmt.Errorf("unknown time zone %q", tz)
		}
	}
	return parseCron(spec, loc, tz != "")
}

// parseCron parses spec in loc; zoned says loc was asked for, so a
// different CRON_TZ= in spec is a conflict.
func parseCron(spec string, loc *time.Location, zoned bool) (c *CronSchedule, err error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, errors.New("empty cron spec")
	}
	if strings.HasPrefix(spec, "@every") {
		return nil, fmt.Errorf("cron spec %q: @every has no fixed times; use a cron expression", spec)
	}
	defer func() {
		// robfig/cron panics on some inputs, e.g. "CRON_TZ=Europe/Kyiv".
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("bad cron spec %q: %v", spec, r)
		}
	}()
	parsed, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("bad cron spec %q: %w", spec, err)
	}
	ss, ok := parsed.(*cron.SpecSchedule)
	if !ok {
		return nil, fmt.Errorf("cron spec %q: no fixed times", spec)
	}
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		if zoned && ss.Location.String() != loc.String() {
			return nil, fmt.Errorf("cron spec %q: zone %s conflicts with timezone %s", spec, ss.Location, loc)
		}
		loc = ss.Location
	}
	ss.Location = loc
	utc := *ss
	utc.Location = time.UTC
	c = &CronSchedule{spec: spec, sch: ss, utc: &utc, loc: loc}
	if c.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("cron spec %q never fires", spec)
	}
	return c, nil
}

// String returns the spec as written.
func (c *CronSchedule) String() string { return c.spec }

// Location returns the schedule's zone.
func (c *CronSchedule) Location() *time.Location { return c.loc }

// Next returns the first fire time strictly after t, in the schedule's
// zone, or the zero time when there is none within five years.
func (c *CronSchedule) Next(t time.Time) time.Time {
	for range 1000 {
		n := c.sch.Next(t)
		if g := c.gapFire(t, n); !g.IsZero() {
			return g
		}
		if n.IsZero() || !c.repeated(n) {
			return n
		}
		t = n
	}
	return time.Time{}
}

// Prev returns the newest fire time not after t, in the schedule's zone,
// or the zero time when there is none within six years.
func (c *CronSchedule) Prev(t time.Time) time.Time {
	for w := time.Hour; w <= maxPrevWindow; w *= 2 {
		var last time.Time
		for x := c.Next(t.Add(-w)); !x.IsZero() && !x.After(t); x = c.Next(x) {
			last = x
		}
		if !last.IsZero() {
			return last
		}
	}
	return time.Time{}
}

// repeated reports whether n's wall-clock time already occurred earlier
// (the repeated hour when clocks go back).
func (c *CronSchedule) repeated(n time.Time) bool {
	start, _ := n.In(c.loc).ZoneBounds()
	if start.IsZero() {
		return false
	}
	_, off := n.In(c.loc).Zone()
	_, prev := start.Add(-time.Nanosecond).In(c.loc).Zone()
	return prev > off && n.Sub(start) < time.Duration(prev-off)*time.Second
}

// gapFire returns the instant the clocks jump forward, when that happens
// after t and before n and a wall-clock time the jump skips matches the
// spec; otherwise zero.
func (c *CronSchedule) gapFire(t, n time.Time) time.Time {
	x := t.In(c.loc)
	for range 100 {
		_, end := x.ZoneBounds()
		if end.IsZero() || n.IsZero() || !end.Before(n) {
			return time.Time{}
		}
		_, oldOff := x.Zone()
		_, newOff := end.Zone()
		if newOff > oldOff {
			from := time.Unix(end.Unix()+int64(oldOff), 0).UTC() // wall clock where the gap starts
			to := from.Add(time.Duration(newOff-oldOff) * time.Second)
			if f := c.utc.Next(from.Add(-time.Second)); !f.IsZero() && f.Before(to) {
				return end
			}
		}
		x = end
	}
	return time.Time{}
}
