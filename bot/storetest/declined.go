package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// testDeclinedQueries: only declined questions come back, from since on,
// oldest first, with their fields.
func testDeclinedQueries(t *testing.T, open Opener) {
	ctx, s := context.Background(), open(t)
	if got := must(s.DeclinedQueries(ctx, time.Time{})); len(got) != 0 {
		t.Errorf("DeclinedQueries on an empty log = %+v", got)
	}
	for _, q := range []bot.QueryLog{
		{Platform: "slack", UserHash: "h1", Question: "old", Kind: "none", Confidence: 0.1, At: t0.Add(-48 * time.Hour)},
		{Platform: "slack", UserHash: "h1", Question: "answered", Kind: "passage", Answered: true, Confidence: 0.9, At: t0.Add(-time.Hour)},
		{Platform: "discord", UserHash: "h2", Question: "what is the capital of australia?", Kind: "none", Confidence: 0.2, At: t0},
		{Platform: "slack", UserHash: "h3", Question: "capital of australia", Kind: "none", Confidence: 0.25, At: t0.Add(-time.Minute)},
	} {
		if err := s.LogQuery(ctx, q); err != nil {
			t.Fatalf("LogQuery = %v", err)
		}
	}
	got := must(s.DeclinedQueries(ctx, t0.Add(-24*time.Hour)))
	if len(got) != 2 {
		t.Fatalf("DeclinedQueries(1 day) = %+v, want the 2 declined questions of the last day", got)
	}
	want := bot.QueryLog{Platform: "slack", UserHash: "h3", Question: "capital of australia", Kind: "none", Confidence: 0.25, At: t0.Add(-time.Minute)}
	if got[0] != want {
		t.Errorf("DeclinedQueries[0] = %+v, want %+v (oldest first)", got[0], want)
	}
	if got[1].Question != "what is the capital of australia?" || !got[1].At.Equal(t0) {
		t.Errorf("DeclinedQueries[1] = %+v", got[1])
	}
	if all := must(s.DeclinedQueries(ctx, time.Time{})); len(all) != 3 {
		t.Errorf("DeclinedQueries(zero) = %d entries, want 3", len(all))
	}
	if none := must(s.DeclinedQueries(ctx, t0.Add(time.Second))); len(none) != 0 {
		t.Errorf("DeclinedQueries(after the last) = %+v", none)
	}
}
