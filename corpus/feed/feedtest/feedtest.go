// Package feedtest holds the contract every feed.StateStore must pass, so
// a SQL-backed store is checked by the same tests as feed.MemoryState.
package feedtest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus/feed"
)

// StateStore runs the contract tests against stores made by open; each
// test gets a fresh, empty store.
func StateStore(t *testing.T, open func(t *testing.T) feed.StateStore) {
	ctx := context.Background()
	now := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	const a, b = "https://a.example/rss", "https://b.example/atom"

	t.Run("unknown feed has the zero state", func(t *testing.T) {
		s := open(t)
		st, err := s.FeedState(ctx, a)
		if err != nil || !reflect.DeepEqual(st, feed.State{}) {
			t.Errorf("FeedState = %+v, %v; want the zero State", st, err)
		}
	})
	t.Run("state saved and replaced per feed", func(t *testing.T) {
		s := open(t)
		one := feed.State{ETag: `"v1"`, LastModified: "Fri, 20 Nov 2026 09:00:00 GMT", Checked: now}
		two := feed.State{ETag: `W/"v2"`, Checked: now.Add(time.Hour)}
		must(t, s.SaveFeedState(ctx, a, one))
		must(t, s.SaveFeedState(ctx, b, one))
		must(t, s.SaveFeedState(ctx, a, two))
		got, err := s.FeedState(ctx, a)
		if err != nil || got.ETag != two.ETag || got.LastModified != "" || !got.Checked.Equal(two.Checked) {
			t.Errorf("FeedState(a) = %+v, %v; want %+v", got, err, two)
		}
		got, err = s.FeedState(ctx, b)
		if err != nil || got.ETag != one.ETag || got.LastModified != one.LastModified || !got.Checked.Equal(one.Checked) {
			t.Errorf("FeedState(b) = %+v, %v; want %+v", got, err, one)
		}
	})
	t.Run("page retries kept with the state", func(t *testing.T) {
		s := open(t)
		r := map[string]feed.Retry{
			"https://x.example/1": {Attempts: 2, First: now.Add(-time.Hour)},
			"guid:42":             {Attempts: 1, First: now},
		}
		must(t, s.SaveFeedState(ctx, a, feed.State{ETag: `"v1"`, Retries: r}))
		r["guid:42"] = feed.Retry{Attempts: 9} // the store keeps its own copy
		got, err := s.FeedState(ctx, a)
		if err != nil || len(got.Retries) != 2 || got.Retries["guid:42"].Attempts != 1 || !got.Retries["guid:42"].First.Equal(now) ||
			got.Retries["https://x.example/1"].Attempts != 2 || !got.Retries["https://x.example/1"].First.Equal(now.Add(-time.Hour)) {
			t.Errorf("FeedState(a).Retries = %+v, %v; want the two saved", got.Retries, err)
		}
		must(t, s.SaveFeedState(ctx, a, feed.State{ETag: `"v2"`}))
		got, err = s.FeedState(ctx, a)
		if err != nil || got.Retries != nil {
			t.Errorf("FeedState(a).Retries = %+v, %v; want none after saving none", got.Retries, err)
		}
	})
	t.Run("seen items per feed", func(t *testing.T) {
		s := open(t)
		must(t, s.MarkSeen(ctx, a, []string{"https://x.example/1", "guid:42"}, now))
		must(t, s.MarkSeen(ctx, a, []string{"guid:42", "text:abc"}, now.Add(time.Minute)))
		got, err := s.SeenItems(ctx, a, []string{"https://x.example/1", "guid:42", "text:abc", "guid:43"})
		if err != nil || len(got) != 3 || !got["https://x.example/1"] || !got["guid:42"] || !got["text:abc"] || got["guid:43"] {
			t.Errorf("SeenItems(a) = %v, %v", got, err)
		}
		got, err = s.SeenItems(ctx, b, []string{"guid:42"})
		if err != nil || len(got) != 0 {
			t.Errorf("SeenItems(b) = %v, %v; want nothing: seen items are per feed", got, err)
		}
		got, err = s.SeenItems(ctx, a, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("SeenItems(no keys) = %v, %v", got, err)
		}
	})
	t.Run("concurrent use", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				url := fmt.Sprintf("https://%d.example/feed", i%2)
				if err := s.MarkSeen(ctx, url, []string{fmt.Sprint(i)}, now); err != nil {
					t.Error(err)
				}
				if err := s.SaveFeedState(ctx, url, feed.State{ETag: fmt.Sprint(i)}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		got, err := s.SeenItems(ctx, "https://0.example/feed", []string{"0", "2", "4", "6", "1"})
		if err != nil || len(got) != 4 {
			t.Errorf("SeenItems = %v, %v; want 0 2 4 6", got, err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
