package feedtest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/feed"
)

// Store runs the contract of a feed.Store: the StateStore contract, then
// saved polls, the change sequence, links, retention and atomicity. Each
// test gets a fresh, empty store from open.
func Store(t *testing.T, open func(t *testing.T) feed.Store) {
	StateStore(t, func(t *testing.T) feed.StateStore { return open(t) })
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	const fa, fb = "https://a.example/rss", "https://b.example/atom"

	t.Run("empty store has no changes", func(t *testing.T) {
		s := open(t)
		cs, err := s.Changes(ctx, 0, 10)
		if err != nil || len(cs) != 0 {
			t.Errorf("Changes = %v, %v; want none", cs, err)
		}
	})
	t.Run("a saved poll is read back whole", func(t *testing.T) {
		s := open(t)
		one := Article("https://x.example/1", now.Add(-time.Hour))
		two := Article("https://x.example/2", time.Time{})
		st := feed.State{ETag: `"e1"`, Checked: now, Failures: 0, Next: now.Add(30 * time.Minute),
			Retries: map[string]feed.Retry{"k3": {Attempts: 1, First: now}}}
		must(t, s.SavePoll(ctx, feed.Commit{
			Articles: []feed.StoredArticle{{Article: one, Feeds: []string{fa}}, {Article: two, Feeds: []string{fa, fb}}},
			Feeds:    []feed.FeedCommit{{URL: fa, State: st, Seen: []string{"k1", "k2"}}, {URL: fb, State: feed.State{Failures: 2}, Seen: []string{"k2"}}},
			Now:      now,
		}))
		cs, err := s.Changes(ctx, 0, 10)
		if err != nil || len(cs) != 2 {
			t.Fatalf("Changes = %d, %v; want 2", len(cs), err)
		}
		if cs[0].Seq <= 0 || cs[1].Seq <= cs[0].Seq {
			t.Errorf("sequence numbers %d, %d: want positive and increasing", cs[0].Seq, cs[1].Seq)
		}
		for i, want := range []corpus.Article{one, two} {
			c := cs[i]
			if c.Removed || c.Source != want.Source || !SameArticle(c.Article, want) || !c.Fetched.Equal(now) {
				t.Errorf("change %d = %+v; want %s fetched %v", i, c, want.Source, now)
			}
		}
		if !slices.Equal(cs[1].Feeds, []string{fa, fb}) {
			t.Errorf("feeds = %v", cs[1].Feeds)
		}
		got, err := s.FeedState(ctx, fa)
		if err != nil || got.ETag != st.ETag || !got.Checked.Equal(now) || !got.Next.Equal(st.Next) {
			t.Errorf("FeedState(a) = %+v, %v", got, err)
		}
		got, err = s.FeedState(ctx, fb)
		if err != nil || got.Failures != 2 {
			t.Errorf("FeedState(b) = %+v, %v; want 2 failures", got, err)
		}
		if got, err := s.FeedState(ctx, fa); err != nil || got.Retries["k3"].Attempts != 1 || !got.Retries["k3"].First.Equal(now) {
			t.Errorf("FeedState(a).Retries = %+v, %v; want k3 tried once", got.Retries, err)
		}
		seen, err := s.SeenItems(ctx, fa, []string{"k1", "k2", "k3"})
		if err != nil || len(seen) != 2 {
			t.Errorf("SeenItems = %v, %v", seen, err)
		}
		more, err := s.Changes(ctx, cs[1].Seq, 10)
		if err != nil || len(more) != 0 {
			t.Errorf("Changes after the last = %v, %v; want none", more, err)
		}
	})
	t.Run("saving a source again replaces it", func(t *testing.T) {
		s := open(t)
		a := Article("https://x.example/1", now)
		must(t, s.SavePoll(ctx, feed.Commit{Articles: []feed.StoredArticle{{Article: a, Feeds: []string{fa}}}, Now: now}))
		a.Title = "Changed"
		must(t, s.SavePoll(ctx, feed.Commit{Articles: []feed.StoredArticle{{Article: a, Feeds: []string{fb}}}, Now: now.Add(time.Hour)}))
		all, last, err := feed.LoadAll(ctx, s)
		if err != nil || len(all) != 1 || all[0].Article.Title != "Changed" || last == 0 {
			t.Fatalf("LoadAll = %+v, %d, %v; want the changed article", all, last, err)
		}
		if !all[0].Fetched.Equal(now) || !slices.Equal(all[0].Feeds, []string{fa, fb}) {
			t.Errorf("fetched %v feeds %v; want the first fetch time and both feeds", all[0].Fetched, all[0].Feeds)
		}
	})
	t.Run("links are added to stored articles", func(t *testing.T) {
		s := open(t)
		a := Article("https://x.example/1", now)
		must(t, s.SavePoll(ctx, feed.Commit{Articles: []feed.StoredArticle{{Article: a}}, Now: now}))
		_, before, err := feed.LoadAll(ctx, s)
		must(t, err)
		must(t, s.SavePoll(ctx, feed.Commit{Links: []feed.Merge{
			{Source: a.Source, URL: "https://mirror.example/1"},
			{Source: a.Source, URL: "https://mirror.example/1"},
			{Source: "https://unknown.example/", URL: "https://mirror.example/2"},
		}, Now: now}))
		cs, err := s.Changes(ctx, before, 10)
		if err != nil || len(cs) != 1 || !slices.Equal(cs[0].Article.Duplicates, []string{"https://mirror.example/1"}) {
			t.Errorf("Changes after a link = %+v, %v; want the article with the link once", cs, err)
		}
	})
	t.Run("retention by age and count", func(t *testing.T) {
		s := open(t)
		var arts []feed.StoredArticle
		for i := range 6 {
			arts = append(arts, feed.StoredArticle{Article: Article(fmt.Sprintf("https://x.example/%d", i), now.Add(time.Duration(i-6)*24*time.Hour))})
		}
		undated := Article("https://x.example/undated", time.Time{})
		arts = append(arts, feed.StoredArticle{Article: undated})
		must(t, s.SavePoll(ctx, feed.Commit{Articles: arts, Now: now}))
		gone, err := s.PruneArticles(ctx, now.Add(-4*24*time.Hour-time.Minute), 0)
		slices.Sort(gone)
		if err != nil || !slices.Equal(gone, []string{"https://x.example/0", "https://x.example/1"}) {
			t.Errorf("PruneArticles(age) = %v, %v; want 0 and 1", gone, err)
		}
		// left: 2..5 (days -4..-1) and the undated one, dated now
		gone, err = s.PruneArticles(ctx, time.Time{}, 3)
		slices.Sort(gone)
		if err != nil || !slices.Equal(gone, []string{"https://x.example/2", "https://x.example/3"}) {
			t.Errorf("PruneArticles(keep 3) = %v, %v; want 2 and 3", gone, err)
		}
		all, _, err := feed.LoadAll(ctx, s)
		must(t, err)
		var left []string
		for _, a := range all {
			left = append(left, a.Article.Source)
		}
		slices.Sort(left)
		if !slices.Equal(left, []string{"https://x.example/4", "https://x.example/5", "https://x.example/undated"}) {
			t.Errorf("left after retention: %v", left)
		}
		gone, err = s.PruneArticles(ctx, time.Time{}, 0)
		if err != nil || len(gone) != 0 {
			t.Errorf("PruneArticles(no limits) = %v, %v; want nothing", gone, err)
		}
	})
	t.Run("seen keys renewed while listed, forgotten long after", func(t *testing.T) {
		s := open(t)
		day := 24 * time.Hour
		listed := func(at time.Time, keys ...string) feed.Commit {
			if keys == nil {
				keys = []string{} // a feed listing nothing, not a 304
			}
			return feed.Commit{Now: at, Feeds: []feed.FeedCommit{{URL: fa, Listed: keys,
				RenewBefore: at.Add(-day), ForgetBefore: at.Add(-30 * day)}}}
		}
		seen := func(keys ...string) map[string]bool {
			t.Helper()
			got, err := s.SeenItems(ctx, fa, keys)
			must(t, err)
			return got
		}
		must(t, s.SavePoll(ctx, feed.Commit{Now: now, Feeds: []feed.FeedCommit{{URL: fa, Seen: []string{"k1", "k2", "k3"}}}}))
		must(t, s.SavePoll(ctx, feed.Commit{Now: now, Feeds: []feed.FeedCommit{{URL: fb, Seen: []string{"k2"}}}}))
		// k3 leaves the listing; a 304 (Listed nil) renews and forgets nothing
		must(t, s.SavePoll(ctx, listed(now.Add(20*day), "k1", "k2")))
		must(t, s.SavePoll(ctx, feed.Commit{Now: now.Add(40 * day), Feeds: []feed.FeedCommit{{URL: fa, ForgetBefore: now.Add(10 * day)}}}))
		if got := seen("k1", "k2", "k3"); len(got) != 3 {
			t.Fatalf("seen after a renewal and a 304 = %v; want all three", got)
		}
		// 40 days on: k3 was last listed 40 days ago, k1 and k2 20 days ago
		// and k2 is still listed
		must(t, s.SavePoll(ctx, listed(now.Add(40*day), "k2")))
		if got := seen("k1", "k2", "k3"); !got["k1"] || !got["k2"] || got["k3"] {
			t.Errorf("seen at day 40 = %v; want k1 and k2 (listed within 30 days), not k3", got)
		}
		must(t, s.SavePoll(ctx, listed(now.Add(51*day))))
		if got := seen("k1", "k2", "k3"); got["k1"] || !got["k2"] {
			t.Errorf("seen at day 51 = %v; want k2 (listed at day 40) and not k1 (day 20)", got)
		}
		// a key still listed is kept however old its seen time
		must(t, s.SavePoll(ctx, feed.Commit{Now: now.Add(200 * day), Feeds: []feed.FeedCommit{{URL: fa, Listed: []string{"k2"},
			ForgetBefore: now.Add(199 * day)}}}))
		if got := seen("k2"); !got["k2"] {
			t.Errorf("a listed key was forgotten")
		}
		if got, err := s.SeenItems(ctx, fb, []string{"k2"}); err != nil || !got["k2"] {
			t.Errorf("another feed's key = %v, %v; want kept", got, err)
		}
	})
	t.Run("a failed save records nothing", func(t *testing.T) {
		s := open(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		err := s.SavePoll(cctx, feed.Commit{
			Articles: []feed.StoredArticle{{Article: Article("https://x.example/1", now)}},
			Feeds:    []feed.FeedCommit{{URL: fa, Seen: []string{"k1"}, State: feed.State{ETag: "x"}}},
			Now:      now,
		})
		if err == nil {
			t.Fatal("SavePoll with a cancelled context succeeded")
		}
		cs, err := s.Changes(ctx, 0, 10)
		seen, err2 := s.SeenItems(ctx, fa, []string{"k1"})
		if err != nil || err2 != nil || len(cs) != 0 || len(seen) != 0 {
			t.Errorf("after a failed save: changes %v seen %v (%v, %v); want nothing", cs, seen, err, err2)
		}
	})
	t.Run("concurrent saves get distinct increasing numbers", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := Article(fmt.Sprintf("https://x.example/%d", i), now)
				errs <- s.SavePoll(ctx, feed.Commit{Articles: []feed.StoredArticle{{Article: a}}, Now: now})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var last int64
		var n int
		for {
			cs, err := s.Changes(ctx, last, 5)
			must(t, err)
			if len(cs) == 0 {
				break
			}
			for _, c := range cs {
				if c.Seq <= last {
					t.Fatalf("sequence %d after %d", c.Seq, last)
				}
				last = c.Seq
				n++
			}
		}
		if n != 16 {
			t.Errorf("%d changes; want 16", n)
		}
	})
}

// Article returns a small article with the given source and date, for
// store tests.
func Article(source string, published time.Time) corpus.Article {
	return corpus.Article{
		ID: "id-" + source, Title: "Title of " + source, URL: source, Source: source,
		Site: "Example", Byline: "A. Writer", Published: published, Tags: []string{"news"},
		Blocks: []corpus.Block{
			{Kind: corpus.Heading, Text: "A heading", Sentences: []string{"A heading"}},
			{Kind: corpus.Para, Text: "First sentence. Second one.", Sentences: []string{"First sentence.", "Second one."}},
		},
	}
}

// SameArticle reports whether a store gave back a as it was saved.
func SameArticle(a, b corpus.Article) bool {
	if a.ID != b.ID || a.Title != b.Title || a.URL != b.URL || a.Source != b.Source || a.Site != b.Site ||
		a.Byline != b.Byline || !a.Published.Equal(b.Published) || !slices.Equal(a.Tags, b.Tags) ||
		!slices.Equal(a.Duplicates, b.Duplicates) || len(a.Blocks) != len(b.Blocks) {
		return false
	}
	for i := range a.Blocks {
		x, y := a.Blocks[i], b.Blocks[i]
		if x.Kind != y.Kind || x.Text != y.Text || !slices.Equal(x.Sentences, y.Sentences) {
			return false
		}
	}
	return true
}
