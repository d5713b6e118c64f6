package slack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// TestPostResumes: when a later part of a long message fails, Post called
// again for the same message posts only the parts Slack has not accepted;
// a day later, or for another channel, it starts over.
func TestPostResumes(t *testing.T) {
	gaveUp := []reply{{}, {status: 500}, {status: 500}, {status: 500}, {status: 500}, {status: 500}}
	parts, _ := Render(longMessage())
	if len(parts) < 2 {
		t.Fatalf("the long message has %d parts", len(parts))
	}
	for _, tc := range []struct {
		name      string
		target    string
		after     time.Duration
		wantTexts []string // of the second Post's calls
		wantTS    string
	}{
		{"same message", "C123", 0, texts(parts[1:]), "1700000000.000001"},
		{"another channel", "C456", 0, texts(parts), "1700000000.000007"},
		{"a day later", "C123", bot.PartialPostTTL + time.Minute, texts(parts), "1700000000.000007"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, rec, _ := postFixture(t, gaveUp...)
			now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			a.now = func() time.Time { return now }
			ctx := context.Background()
			ts, err := a.Post(ctx, "C123", longMessage())
			if err == nil || !strings.Contains(err.Error(), "part 2 of") || ts != "1700000000.000001" {
				t.Fatalf("first Post = %q, %v, want part 2 failing after part 1 was posted", ts, err)
			}
			_, before := rec.recorded()
			now = now.Add(tc.after)
			ts, err = a.Post(ctx, tc.target, longMessage())
			if err != nil {
				t.Fatalf("second Post: %v", err)
			}
			if ts != tc.wantTS {
				t.Errorf("second Post ts %q, want %q", ts, tc.wantTS)
			}
			_, calls := rec.recorded()
			var got []string
			for _, c := range calls[len(before):] {
				got = append(got, c.Get("text"))
			}
			if strings.Join(got, "\n") != strings.Join(tc.wantTexts, "\n") {
				t.Errorf("second Post sent\n%q\nwant\n%q", got, tc.wantTexts)
			}
		})
	}
}

// texts are the fallback texts of parts.
func texts(parts []slack.Msg) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p.Text)
	}
	return out
}
