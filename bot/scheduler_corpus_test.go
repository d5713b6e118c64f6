package bot_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

// TestSchedulerSyntheticCorpus runs digests over a corpus the scheduler
// was not tuned on, with publication dates: a first run lists the newest
// articles, the next run exactly the ones that arrived since.
func TestSchedulerSyntheticCorpus(t *testing.T) {
	dir, err := corpustest.WriteFiles(t.TempDir(), 30, 7)
	if err != nil {
		t.Fatal(err)
	}
	arts, _, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 20 {
		t.Fatalf("synthetic corpus has %d articles", len(arts))
	}
	build := func(as []corpus.Article) *briefings.KB {
		kb, err := briefings.Build(context.Background(), as, briefings.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return kb
	}
	old, all := arts[:len(arts)-8], arts
	e := newEnv(t, day.Add(9*time.Hour))
	e.kb.Store(build(old))
	spec := daily("morning", "slack:C1")
	spec.MaxItems = 4
	s := e.scheduler("a", spec)
	e.tick(s)

	posts := e.slack.Posts()
	if len(posts) != 1 {
		t.Fatalf("first run: %d posts", len(posts))
	}
	listed := articlesListed(posts[0].Msg)
	if len(listed) == 0 || len(listed) > 4 {
		t.Fatalf("first run lists %d articles, want 1..4", len(listed))
	}
	// The first run lists the newest articles first, by publication date,
	// then undated ones.
	var dates []time.Time
	byID := map[string]corpus.Article{}
	for _, a := range old {
		byID[a.ID] = a
		if !a.Published.IsZero() {
			dates = append(dates, a.Published)
		}
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].After(dates[j]) })
	for i, it := range listed {
		got := byID[it.Citations[0].ID].Published
		if i < len(dates) && !got.Equal(dates[i]) || i >= len(dates) && !got.IsZero() {
			t.Errorf("first run item %d published %v, want %d-th newest", i, got, i+1)
		}
	}

	// Eight articles arrive; the next digest lists them and nothing else.
	e.kb.Store(build(all))
	spec.MaxItems = 20
	s2, err := bot.NewScheduler(bot.SchedulerOptions{
		Schedules: []bot.ScheduleSpec{spec}, Store: openStore(t, e.path), KB: e.kb.Load,
		Posters: map[string]bot.Poster{"slack": e.slack}, Now: e.clock.Now, MaxChars: 1 << 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Set(day.Add(33 * time.Hour))
	e.tick(s2)
	posts = e.slack.Posts()
	if len(posts) != 2 {
		t.Fatalf("%d posts, want 2", len(posts))
	}
	fresh := map[string]bool{}
	for _, a := range all[len(old):] {
		fresh[a.ID] = true
	}
	listed = articlesListed(posts[1].Msg)
	if len(listed) != len(fresh) {
		t.Errorf("second digest lists %d articles, want the %d new ones", len(listed), len(fresh))
	}
	for _, it := range listed {
		if !fresh[it.Citations[0].ID] {
			t.Errorf("second digest lists old article %q", it.Text)
		}
	}
}
