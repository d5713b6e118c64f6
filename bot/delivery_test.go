package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/prometheus/client_golang/prometheus"
)

// httpPoster posts JSON to a fake platform API the way an adapter would,
// without retrying itself: 429 and 5xx are temporary, other 4xx permanent.
type httpPoster struct{ url string }

func (p httpPoster) Post(ctx context.Context, target string, msg bot.Message) (string, error) {
	body, _ := json.Marshal(msg)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url+"/post?channel="+target, strings.NewReader(string(body)))
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	id, _ := io.ReadAll(resp.Body)
	switch {
	case resp.StatusCode == http.StatusOK:
		return string(id), nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return "", fmt.Errorf("http %d", resp.StatusCode)
	default:
		return "", fmt.Errorf("http %d: %w", resp.StatusCode, bot.ErrPermanent)
	}
}

// flakyAPI answers the given statuses in turn, then 200, and counts the
// messages it accepted.
func flakyAPI(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32, *atomic.Int32) {
	var calls, accepted atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1))
		if n <= len(statuses) {
			w.WriteHeader(statuses[n-1])
			return
		}
		accepted.Add(1)
		fmt.Fprintf(w, "1700000000.%06d", n)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls, &accepted
}

func digestsTotal(t *testing.T, reg *prometheus.Registry, result string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "briefbot_digests_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "result" && l.GetValue() == result {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

// withAPI returns a scheduler whose slack poster talks to url.
func (e *env) withAPI(url string, reg *prometheus.Registry, specs ...bot.ScheduleSpec) *bot.Scheduler {
	e.t.Helper()
	s, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedules: specs, Store: openStore(e.t, e.path), KB: e.kb.Load,
		Posters: map[string]bot.Poster{"slack": httpPoster{url}},
		Metrics: bot.NewMetrics(reg), Now: e.clock.Now, Sleep: e.clock.Sleep, Owner: "api",
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

func TestDeliver429Then500Then200(t *testing.T) {
	t.Run("PostLatest", func(t *testing.T) {
		e := newEnv(t, day.Add(9*time.Hour+time.Minute))
		srv, calls, accepted := flakyAPI(t, 429, 500)
		reg := prometheus.NewRegistry()
		s := e.withAPI(srv.URL, reg, daily("morning", "slack:C1"))
		res, err := s.PostLatest(context.Background(), "morning", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !res.Claimed || len(res.Delivered) != 1 || len(res.Failed) != 0 || len(res.Pending) != 0 {
			t.Errorf("PostLatest = %+v", res)
		}
		if calls.Load() != 3 || accepted.Load() != 1 {
			t.Errorf("API saw %d calls and accepted %d, want 3 and exactly 1", calls.Load(), accepted.Load())
		}
		if got := digestsTotal(t, reg, "posted"); got != 1 {
			t.Errorf("digests posted metric = %v", got)
		}
		again, err := s.PostLatest(context.Background(), "morning", e.clock.Now())
		if err != nil || again.Claimed || accepted.Load() != 1 {
			t.Errorf("second PostLatest = %+v, %v; accepted %d", again, err, accepted.Load())
		}
	})
	t.Run("serve", func(t *testing.T) {
		e := newEnv(t, day.Add(9*time.Hour))
		srv, calls, accepted := flakyAPI(t, 429, 500)
		s := e.withAPI(srv.URL, prometheus.NewRegistry(), daily("morning", "slack:C1"))
		for _, after := range []time.Duration{0, 10 * time.Second, 30 * time.Second, 60 * time.Second, 90 * time.Second, 10 * time.Minute} {
			e.clock.Set(day.Add(9*time.Hour + after))
			e.tick(s)
		}
		// Retries at +30s (after the 429) and +90s (after the 500).
		if calls.Load() != 3 || accepted.Load() != 1 {
			t.Errorf("API saw %d calls and accepted %d, want 3 and exactly 1", calls.Load(), accepted.Load())
		}
		if logs := e.Logs(); logs != "" && strings.Contains(logs, "given up") {
			t.Errorf("gave up:\n%s", logs)
		}
	})
}

func TestDeliverGivesUp(t *testing.T) {
	t.Run("permanent", func(t *testing.T) {
		e := newEnv(t, day.Add(9*time.Hour))
		srv, calls, _ := flakyAPI(t, 404, 404, 404)
		reg := prometheus.NewRegistry()
		s := e.withAPI(srv.URL, reg, daily("morning", "slack:C1"))
		res, err := s.PostLatest(context.Background(), "morning", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Err, "404") || calls.Load() != 1 {
			t.Errorf("PostLatest = %+v after %d calls, want given up after one", res, calls.Load())
		}
		if got := digestsTotal(t, reg, "failed"); got != 1 {
			t.Errorf("digests failed metric = %v", got)
		}
	})
	t.Run("expired", func(t *testing.T) {
		e := newEnv(t, day.Add(9*time.Hour))
		statuses := make([]int, 100)
		for i := range statuses {
			statuses[i] = 503
		}
		srv, calls, accepted := flakyAPI(t, statuses...)
		reg := prometheus.NewRegistry()
		s := e.withAPI(srv.URL, reg, daily("morning", "slack:C1"))
		for h := 0; h <= 24; h++ { // slack down for a day: retried, then given up
			e.clock.Set(day.Add(9*time.Hour + time.Duration(h)*time.Hour))
			if err := s.Deliver(context.Background(), e.clock.Now()); err != nil {
				t.Fatal(err)
			}
			if h == 0 {
				e.tick(s)
			}
		}
		st := openStore(t, e.path)
		if n, _ := st.Pending(context.Background()); n != 0 || accepted.Load() != 0 || calls.Load() < 5 {
			t.Errorf("pending %d, %d calls, %d accepted; want retried, then given up", n, calls.Load(), accepted.Load())
		}
		if got := digestsTotal(t, reg, "failed"); got != 1 {
			t.Errorf("digests failed metric = %v", got)
		}
	})
}

func TestPostLatestTwoProcessesOnePost(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour+time.Minute))
	srv, _, accepted := flakyAPI(t)
	a := e.withAPI(srv.URL, prometheus.NewRegistry(), daily("morning", "slack:C1"))
	b := e.withAPI(srv.URL, prometheus.NewRegistry(), daily("morning", "slack:C1"))
	var wg sync.WaitGroup
	results := make([]bot.PostResult, 2)
	for i, s := range []*bot.Scheduler{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.PostLatest(context.Background(), "morning", e.clock.Now())
			if err != nil {
				t.Error(err)
			}
			results[i] = r
		}()
	}
	wg.Wait()
	if accepted.Load() != 1 || results[0].Claimed == results[1].Claimed {
		t.Errorf("accepted %d posts, results %+v; want one post by one claimer", accepted.Load(), results)
	}
}

// raceSchedulers ticks n schedulers on their own store connections at the
// same moment, a few times, and checks one post per target.
func raceSchedulers(t *testing.T, e *env, stores []bot.Store) {
	spec := daily("morning", "slack:C1", "discord:900")
	var ss []*bot.Scheduler
	for i, st := range stores {
		ss = append(ss, e.schedulerOn(st, fmt.Sprint("replica", i), spec))
	}
	for round := range 3 {
		e.clock.Set(day.Add(9*time.Hour + time.Duration(round)*time.Second))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for _, s := range ss {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				now := e.clock.Now()
				if err := s.RunDue(context.Background(), now); err != nil {
					t.Error(err)
				}
				if err := s.Deliver(context.Background(), now); err != nil {
					t.Error(err)
				}
			}()
		}
		close(start)
		wg.Wait()
	}
	if s, d := len(e.slack.Posts()), len(e.disc.Posts()); s != 1 || d != 1 {
		t.Errorf("racing schedulers posted %d to slack and %d to discord, want 1 each", s, d)
	}
}

func TestRaceTwoSchedulersSQLite(t *testing.T) {
	e := newEnv(t, day)
	raceSchedulers(t, e, []bot.Store{openStore(t, e.path), openStore(t, e.path), openStore(t, e.path)})
}

func TestCrashBetweenClaimAndPost(t *testing.T) {
	t.Run("before the lease", func(t *testing.T) {
		e := newEnv(t, day.Add(9*time.Hour))
		dead := e.scheduler("dead", daily("morning", "slack:C1"))
		if err := dead.RunDue(context.Background(), e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		// The process dies here; a new one starts.
		e.clock.Set(day.Add(9*time.Hour + time.Minute))
		s := e.scheduler("new", daily("morning", "slack:C1"))
		e.tick(s)
		e.tick(s)
		if n := len(e.slack.Posts()); n != 1 {
			t.Errorf("%d posts after recovery, want exactly 1", n)
		}
	})
	t.Run("while posting", func(t *testing.T) {
		e := newEnv(t, day.Add(9*time.Hour))
		dead := e.scheduler("dead", daily("morning", "slack:C1"))
		if err := dead.RunDue(context.Background(), e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		st := openStore(t, e.path)
		if got, err := st.Lease(context.Background(), "dead", e.clock.Now(), bot.DefaultLease, 10); err != nil || len(got) != 1 {
			t.Fatalf("Lease = %v, %v", got, err)
		}
		s := e.scheduler("new", daily("morning", "slack:C1"))
		e.tick(s) // the dead process's lease still holds
		if n := len(e.slack.Posts()); n != 0 {
			t.Fatalf("posted while another process held the lease")
		}
		e.clock.Set(e.clock.Now().Add(bot.DefaultLease))
		e.tick(s)
		e.tick(s)
		if n := len(e.slack.Posts()); n != 1 {
			t.Errorf("%d posts after the lease ran out, want exactly 1", n)
		}
	})
}

// flakyStore fails Delivered the given number of times.
type flakyStore struct {
	bot.Store
	fail atomic.Int32
}

func (f *flakyStore) Delivered(ctx context.Context, id int64, platformID string, now time.Time) error {
	if f.fail.Add(-1) >= 0 {
		return fmt.Errorf("database is locked")
	}
	return f.Store.Delivered(ctx, id, platformID, now)
}

func TestDeliveredNotRecordedIsNotPostedAgain(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	st := &flakyStore{Store: openStore(t, e.path)}
	st.fail.Store(2)
	s := e.schedulerOn(st, "a", daily("morning", "slack:C1"))
	ctx := context.Background()
	if err := s.RunDue(ctx, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, true, false} { // errors while the store fails
		e.clock.Set(e.clock.Now().Add(time.Minute))
		if err := s.Deliver(ctx, e.clock.Now()); (err != nil) != want {
			t.Errorf("Deliver #%d = %v, want error %v", i+1, err, want)
		}
	}
	if n := len(e.slack.Posts()); n != 1 {
		t.Errorf("%d posts, want 1: a post whose delivery was not recorded must not be repeated", n)
	}
	if n, _ := st.Pending(ctx); n != 0 {
		t.Errorf("pending = %d after the store recovered", n)
	}
}

// TestFeedAlertIsNotADigest delivers a feed alert through the outbox: it
// is posted like a digest but not counted as one.
func TestFeedAlertIsNotADigest(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	srv, _, accepted := flakyAPI(t)
	reg := prometheus.NewRegistry()
	s := e.withAPI(srv.URL, reg)
	alerts, err := bot.NewFeedAlerts(bot.FeedAlertOptions{Store: openStore(t, e.path), Targets: []string{"slack:C9"}, After: 1})
	if err != nil {
		t.Fatal(err)
	}
	if queued, err := alerts.Failed(context.Background(), "https://example.org/feed.xml", 1, errors.New("http status 502"), e.clock.Now()); err != nil || !queued {
		t.Fatalf("Failed = %v, %v; want queued", queued, err)
	}
	if err := s.Deliver(context.Background(), e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if accepted.Load() != 1 {
		t.Errorf("alerts posted = %d, want 1", accepted.Load())
	}
	if n := digestsTotal(t, reg, "posted"); n != 0 {
		t.Errorf("digests posted = %v after a feed alert, want 0", n)
	}
}
