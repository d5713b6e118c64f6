package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		name, spec, tz string
		wantErr        string // substring; empty: valid
	}{
		{"five fields", "0 9 * * *", "", ""},
		{"weekdays in a zone", "30 8 * * 1-5", "Europe/Kyiv", ""},
		{"descriptor", "@daily", "America/New_York", ""},
		{"zone in spec", "CRON_TZ=Europe/Kyiv 0 9 * * *", "", ""},
		{"zone in spec and the same timezone", "CRON_TZ=Europe/Kyiv 0 9 * * *", "Europe/Kyiv", ""},
		{"leap day", "0 9 29 2 *", "", ""},
		{"empty", "  ", "", "empty cron spec"},
		{"four fields", "0 9 * *", "", "bad cron spec"},
		{"minute out of range", "61 * * * *", "", "bad cron spec"},
		{"never fires", "0 9 31 2 *", "", "never fires"},
		{"panicking zone prefix", "CRON_TZ=Europe/Kyiv", "", "bad cron spec"},
		{"every", "@every 1h", "", "@every"},
		{"unknown zone", "0 9 * * *", "Mars/Olympus", "unknown time zone"},
		{"conflicting zones", "CRON_TZ=Europe/Kyiv 0 9 * * *", "UTC", "conflicts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := bot.ParseSchedule(tt.spec, tt.tz)
			if tt.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("ParseSchedule(%q, %q) = %v", tt.spec, tt.tz, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("ParseSchedule(%q, %q) error = %v, want it to mention %q", tt.spec, tt.tz, err, tt.wantErr)
			}
		})
	}
}

func TestCronScheduleDST(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04 MST", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name, spec string
		from       time.Time
		want       []time.Time
	}{
		{"repeated hour fires once", "30 1 * * *", at("2026-10-31 12:00 EDT"),
			[]time.Time{at("2026-11-01 01:30 EDT"), at("2026-11-02 01:30 EST")}},
		{"hourly across fall back", "0 * * * *", at("2026-11-01 00:30 EDT"),
			[]time.Time{at("2026-11-01 01:00 EDT"), at("2026-11-01 02:00 EST"), at("2026-11-01 03:00 EST")}},
		{"skipped hour fires at the jump", "30 2 * * *", at("2026-03-07 12:00 EST"),
			[]time.Time{at("2026-03-08 03:00 EDT"), at("2026-03-09 02:30 EDT")}},
		{"hourly across spring forward", "0 * * * *", at("2026-03-08 00:30 EST"),
			[]time.Time{at("2026-03-08 01:00 EST"), at("2026-03-08 03:00 EDT"), at("2026-03-08 04:00 EDT")}},
		{"every 30 minutes in the gap", "*/30 2 * * *", at("2026-03-08 00:00 EST"),
			[]time.Time{at("2026-03-08 03:00 EDT"), at("2026-03-09 02:00 EDT")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := bot.ParseSchedule(tt.spec, "America/New_York")
			if err != nil {
				t.Fatal(err)
			}
			x := tt.from
			for i, want := range tt.want {
				x = c.Next(x)
				if !x.Equal(want) {
					t.Fatalf("Next #%d = %s, want %s", i+1, x.Format(time.RFC3339), want.Format(time.RFC3339))
				}
				// Prev finds the same slot from any instant up to the next one.
				if p := c.Prev(x.Add(59 * time.Second)); !p.Equal(x) {
					t.Errorf("Prev(%s + 59s) = %s", x.Format(time.RFC3339), p.Format(time.RFC3339))
				}
			}
		})
	}
	c, _ := bot.ParseSchedule("30 1 * * *", "America/New_York")
	if p := c.Prev(at("2026-11-01 01:45 EST")); !p.Equal(at("2026-11-01 01:30 EDT")) {
		t.Errorf("Prev in the repeated hour = %s, want the first 01:30", p.Format(time.RFC3339))
	}
	leap, _ := bot.ParseSchedule("0 9 29 2 *", "")
	if p := leap.Prev(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)); !p.Equal(time.Date(2024, 2, 29, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("Prev of a leap-day schedule = %v", p)
	}
}
