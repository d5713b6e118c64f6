package bot_test

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestPreviewMatchesPostAndWritesNothing(t *testing.T) {
	e := newEnv(t, day.Add(9*time.Hour))
	e.kb.Store(sampleKB(t, 2))
	s := e.scheduler("a", daily("morning", "slack:C1"))
	e.tick(s)
	e.kb.Store(sampleKB(t, 4))
	e.clock.Set(day.Add(33 * time.Hour))
	ctx := context.Background()
	for range 2 { // previewing twice changes nothing
		p, err := s.Preview(ctx, "morning", e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		if p.Claimed || p.Skip || len(articlesListed(p.Message)) != 2 {
			t.Fatalf("Preview = claimed %v, skip %v, %d articles; want the 2 new ones", p.Claimed, p.Skip, len(articlesListed(p.Message)))
		}
	}
	p, _ := s.Preview(ctx, "morning", e.clock.Now())
	res, err := s.PostLatest(ctx, "morning", e.clock.Now())
	if err != nil || len(res.Delivered) != 1 {
		t.Fatalf("PostLatest = %+v, %v", res, err)
	}
	posts := e.slack.Posts()
	if got := posts[len(posts)-1].Msg; !reflect.DeepEqual(got, p.Message) {
		t.Errorf("posted message differs from the preview:\n%+v\n%+v", got, p.Message)
	}
	after, err := s.Preview(ctx, "morning", e.clock.Now())
	if err != nil || !after.Claimed {
		t.Errorf("Preview after posting = %+v, %v; want Claimed", after, err)
	}
	if _, err := s.Preview(ctx, "nope", e.clock.Now()); err == nil {
		t.Error("Preview of an unknown schedule succeeded")
	}
}
