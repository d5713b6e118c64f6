package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/postgres"
	"github.com/briefbot/briefbot/bot/postgres/pgtest"
)

// crashingStore keeps its lease when the replica stops, as a process
// killed with SIGKILL does.
type crashingStore struct{ *postgres.Store }

func (crashingStore) DropLease(context.Context, string, string) error { return nil }

func isPoller(r *replica) bool {
	return strings.Contains(r.logs.String(), "this replica polls the feeds")
}

// TestTwoReplicasShareOneCorpus runs two replicas on one PostgreSQL: each
// page is fetched once in all, both answer every item; when the polling
// replica dies without giving up its lease, the other takes over.
func TestTwoReplicasShareOneCorpus(t *testing.T) {
	dsn := pgtest.DSN(t)
	site := newFeedSite(t, 0, 10)
	feedURL := site.URL + "/rss.xml"
	cfg := feedConfig(t, t.TempDir(), feedURL, fmt.Sprintf("{ driver: postgres, dsn: %q }", dsn))
	crash := func(s bot.Store) bot.Store { return crashingStore{s.(*postgres.Store)} }
	r1 := startReplica(t, cfg, crash)
	r2 := startReplica(t, cfg, crash)
	waitFor(t, 30*time.Second, "both replicas to hold 10 articles", func() bool { return r1.articles() == 10 && r2.articles() == 10 })
	fetches := 0
	for i := range 10 {
		fetches += site.pageHits(i)
	}
	if fetches != 10 {
		t.Errorf("%d page fetches for 10 items with two replicas, want 10", fetches)
	}
	for _, r := range []*replica{r1, r2} {
		if n := answered(r, site, 0, 10); n != 10 {
			t.Errorf("a replica answers %d of 10 items", n)
		}
	}
	poller, other := r1, r2
	if isPoller(r2) {
		poller, other = r2, r1
	}
	if isPoller(other) {
		t.Fatal("both replicas poll the feeds")
	}

	site.window(0, 15)
	poller.kill()
	killed := time.Now()
	feedDue(t, other.store, feedURL)
	timing := other.a.lib.timing()
	waitFor(t, 10*timing.lease, "the other replica to take over", func() bool { return isPoller(other) })
	takeover := time.Since(killed)
	waitFor(t, 30*time.Second, "15 articles on the other replica", func() bool { return other.articles() == 15 })
	for i := 10; i < 15; i++ {
		if h := site.pageHits(i); h != 1 {
			t.Errorf("page %d fetched %d times", i, h)
		}
	}
	if takeover > timing.lease+2*timing.renew {
		t.Errorf("takeover took %v, lease %v", takeover, timing.lease)
	}
	t.Logf("fetches per item with two replicas: %.2f; takeover after the poller died: %v (lease %v, renewal every %v)",
		float64(fetches)/10, takeover.Round(10*time.Millisecond), timing.lease, timing.renew)
}
