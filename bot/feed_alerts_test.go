package bot_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

func newFeedAlerts(t *testing.T, store bot.Store, targets ...string) *bot.FeedAlerts {
	t.Helper()
	a, err := bot.NewFeedAlerts(bot.FeedAlertOptions{Store: store, Targets: targets, After: 3})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// messageText joins a message's title and texts for matching.
func messageText(m bot.Message) string {
	parts := []string{m.Title}
	for _, s := range m.Sections {
		parts = append(parts, s.Text)
	}
	return strings.Join(append(parts, m.Footer), "\n")
}

// TestFeedAlertsOncePerOutageAcrossReplicas runs two processes sharing one
// store through two outages of a feed: each outage is announced once and
// its end once, whichever replica sees it first.
func TestFeedAlertsOncePerOutageAcrossReplicas(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "state.db")
		feedAlertReplicas(t, openStore(t, path), openStore(t, path))
	})
	t.Run("postgres", func(t *testing.T) {
		s := pgStores(t, 2)
		feedAlertReplicas(t, s[0], s[1])
	})
}

func feedAlertReplicas(t *testing.T, storeA, storeB bot.Store) {
	ctx := context.Background()
	a := newFeedAlerts(t, storeA, "slack:#ops", "discord:42")
	b := newFeedAlerts(t, storeB, "slack:#ops", "discord:42")
	slack, disc := &fakePoster{}, &fakePoster{}
	sched, err := bot.NewScheduler(bot.SchedulerOptions{Store: storeA, Posters: map[string]bot.Poster{"slack": slack, "discord": disc}})
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://news.example/rss"
	cause := errors.New("http status 502")
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	step := func(who *bot.FeedAlerts, n int, want bool) {
		t.Helper()
		now = now.Add(10 * time.Minute)
		var got bool
		var err error
		if n > 0 {
			got, err = who.Failed(ctx, url, n, cause, now)
		} else {
			got, err = who.Succeeded(ctx, url, -n, now)
		}
		if err != nil || got != want {
			t.Fatalf("at %s, streak %d: queued = %v, %v; want %v", now.Format("15:04"), n, got, err, want)
		}
	}
	// outage 1: both replicas fail; a reaches 3 first and alerts, b
	// reaches 3 later and stays quiet; failing on queues nothing more
	step(a, 1, false)
	step(b, 1, false)
	step(a, 2, false)
	step(b, 2, false)
	step(a, 3, true)
	step(b, 3, false)
	step(a, 4, false)
	step(b, 4, false)
	// b works first and says so; a's success finds it said
	step(b, -4, true)
	step(a, -4, false)
	step(a, 0, false)
	// outage 2, seen by b only
	step(b, 1, false)
	step(b, 2, false)
	step(b, 3, true)
	step(b, -3, true)

	if err := sched.Deliver(ctx, now); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range slack.Posts() {
		if p.Target != "#ops" {
			t.Errorf("posted to %q", p.Target)
		}
		got = append(got, p.Msg.Title)
		text := messageText(p.Msg)
		if !strings.Contains(text, url) {
			t.Errorf("message without the feed URL:\n%s", text)
		}
		if strings.HasPrefix(p.Msg.Title, "Feed failing") && !strings.Contains(text, "Last error: http status 502") {
			t.Errorf("alert without the last error:\n%s", text)
		}
	}
	want := []string{"Feed failing: " + url, "Feed recovered: " + url, "Feed failing: " + url, "Feed recovered: " + url}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("slack posts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(disc.Posts()); n != 4 {
		t.Errorf("discord got %d posts, want 4", n)
	}
	if !strings.Contains(messageText(slack.Posts()[1].Msg), "works again after 4 failed polls since 2026-11-21 09:20 UTC") {
		t.Errorf("recovery message: %s", messageText(slack.Posts()[1].Msg))
	}
}

// TestFeedAlertsAfterRestart: a process that starts during a reported
// outage neither repeats the alert nor forgets to end it.
func TestFeedAlertsAfterRestart(t *testing.T) {
	ctx := context.Background()
	store := openStore(t, filepath.Join(t.TempDir(), "state.db"))
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	const url = "https://news.example/atom"
	before := newFeedAlerts(t, store, "slack:#ops")
	for n := 1; n <= 3; n++ {
		before.Failed(ctx, url, n, errors.New("timeout"), now)
	}
	after := newFeedAlerts(t, store, "slack:#ops")
	for n := 1; n <= 5; n++ {
		if ok, err := after.Failed(ctx, url, n, errors.New("timeout"), now); ok || err != nil {
			t.Fatalf("failure %d after the restart queued a second alert (%v, %v)", n, ok, err)
		}
	}
	restarted := newFeedAlerts(t, store, "slack:#ops")
	if ok, err := restarted.Succeeded(ctx, url, 0, now); !ok || err != nil {
		t.Fatalf("the first success after a restart must end the reported outage: %v, %v", ok, err)
	}
}

func TestNewFeedAlertsRejects(t *testing.T) {
	store := openStore(t, filepath.Join(t.TempDir(), "state.db"))
	tests := []struct {
		name string
		opts bot.FeedAlertOptions
	}{
		{"no store", bot.FeedAlertOptions{Targets: []string{"slack:#ops"}, After: 3}},
		{"no targets", bot.FeedAlertOptions{Store: store, After: 3}},
		{"bad target", bot.FeedAlertOptions{Store: store, Targets: []string{"email:ops@example.com"}, After: 3}},
		{"no threshold", bot.FeedAlertOptions{Store: store, Targets: []string{"slack:#ops"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := bot.NewFeedAlerts(tt.opts); err == nil {
				t.Error("want an error")
			}
		})
	}
}
