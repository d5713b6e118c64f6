package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/sqlite"
)

// recordingPoster keeps what it is asked to post.
type recordingPoster struct {
	mu    sync.Mutex
	posts []string // "channel: title\ntext"
}

func (p *recordingPoster) Post(_ context.Context, channel string, msg bot.Message) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	text := channel + ": " + msg.Title
	for _, s := range msg.Sections {
		text += "\n" + s.Text
	}
	p.posts = append(p.posts, text)
	return "m1", nil
}

// TestFailingFeedAlertsTheAdminChannel polls a feed that fails five times
// and then works: the admin channel gets one alert (at the third failure)
// with the feed's URL and last error, then one recovery message; without
// feed_alerts targets it gets nothing.
func TestFailingFeedAlertsTheAdminChannel(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "bad gateway", http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title><link>https://coast.example/</link></channel></rss>`))
	}))
	defer srv.Close()
	feedURL := srv.URL + "/rss.xml"

	for _, tc := range []struct {
		name   string
		alerts string
		want   []string
	}{
		{"admin channel", `  feed_alerts: { targets: [ { slack: "#briefbot-admin" } ] }`, []string{
			"#briefbot-admin: Feed failing: " + feedURL + "\nThe feed " + feedURL + " has failed 3 polls in a row since",
			"#briefbot-admin: Feed recovered: " + feedURL + "\nThe feed " + feedURL + " works again after 5 failed polls since",
		}},
		{"no admin target", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			cfg := writeFile(t, dir, "bb.yaml", "slack: { bot_token: xoxb-test }\ncorpus:\n  feeds: [ { url: \""+feedURL+"\", refresh: 1m } ]\n"+tc.alerts+"\n")
			e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) (string, bool) { return "", false }}
			a, err := loadFor(ctx, e, &globals{config: cfg}, true) // as serve loads it
			if err != nil {
				t.Fatal(err)
			}
			store, err := sqlite.Open(ctx, ":memory:")
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			p, err := a.feedPoller(ctx, store, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			admin := &recordingPoster{}
			sched, err := bot.NewScheduler(bot.SchedulerOptions{Store: store, Posters: map[string]bot.Poster{bot.PlatformSlack: admin}})
			if err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			pollAndDeliver := func() {
				t.Helper()
				now = now.Add(24 * time.Hour) // past any backoff
				if _, err := p.Poll(ctx, now); err != nil {
					t.Fatal(err)
				}
				if err := sched.Deliver(ctx, time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			down.Store(true)
			for range 5 {
				pollAndDeliver()
			}
			down.Store(false)
			pollAndDeliver()
			pollAndDeliver()

			admin.mu.Lock()
			defer admin.mu.Unlock()
			if len(admin.posts) != len(tc.want) {
				t.Fatalf("%d admin posts, want %d:\n%s", len(admin.posts), len(tc.want), strings.Join(admin.posts, "\n---\n"))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(admin.posts[i], w) {
					t.Errorf("post %d:\n%s\nwant it to start with:\n%s", i, admin.posts[i], w)
				}
			}
			if len(tc.want) > 0 && !strings.Contains(admin.posts[0], "Last error: http status 502") {
				t.Errorf("the alert does not carry the last error:\n%s", admin.posts[0])
			}
		})
	}
}
