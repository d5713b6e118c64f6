package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// TestPostResumes: when a later part of a long message fails, Post called
// again for the same message sends only the parts not yet accepted, in
// text channels and in a forum post's thread; another message, or the same
// one after a day, starts over.
func TestPostResumes(t *testing.T) {
	long := renderCases[len(renderCases)-1].msg // two parts
	gaveUp := []canned{{500, unavailable}, {500, unavailable}, {500, unavailable}, {500, unavailable}, {500, unavailable}}
	for _, tc := range []struct {
		name   string
		target string
		typ    discordgo.ChannelType
		script map[string][]canned
		// retry is the message posted again, and after how long.
		retry      bot.Message
		after      time.Duration
		wantRetry  []string // calls of the second Post
		wantRetrID string
	}{
		{
			name: "text channel", target: "c", typ: discordgo.ChannelTypeGuildText,
			script:     map[string][]canned{"POST /api/v9/channels/c/messages": append([]canned{{200, `{"id":"p1"}`}}, gaveUp...)},
			retry:      long,
			wantRetry:  []string{"POST /api/v9/channels/c/messages"},
			wantRetrID: "p1",
		},
		{
			name: "forum thread", target: "f", typ: discordgo.ChannelTypeGuildForum,
			script:     map[string][]canned{"POST /api/v9/channels/thread-1/messages": gaveUp},
			retry:      long,
			wantRetry:  []string{"POST /api/v9/channels/thread-1/messages"},
			wantRetrID: "thread-1",
		},
		{
			name: "another message starts over", target: "c", typ: discordgo.ChannelTypeGuildText,
			script:     map[string][]canned{"POST /api/v9/channels/c/messages": append([]canned{{200, `{"id":"p1"}`}}, gaveUp...)},
			retry:      func() bot.Message { m := long; m.Title += " (2)"; return m }(),
			wantRetry:  []string{"POST /api/v9/channels/c/messages", "POST /api/v9/channels/c/messages"},
			wantRetrID: "msg-1",
		},
		{
			name: "a day later starts over", target: "c", typ: discordgo.ChannelTypeGuildText,
			script:     map[string][]canned{"POST /api/v9/channels/c/messages": append([]canned{{200, `{"id":"p1"}`}}, gaveUp...)},
			retry:      long,
			after:      bot.PartialPostTTL + time.Minute,
			wantRetry:  []string{"POST /api/v9/channels/c/messages", "POST /api/v9/channels/c/messages"},
			wantRetrID: "msg-1",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t)
			api.channels[tc.target] = tc.typ
			for route, answers := range tc.script {
				api.fail(route, answers...)
			}
			now := testNow
			a, _ := newTestAdapter(t, api, &fakeCore{}, Options{Token: "secret", Now: func() time.Time { return now }})
			ctx := context.Background()
			id, err := a.Post(ctx, tc.target, long)
			if err == nil || !strings.Contains(err.Error(), "part 2 of 2") {
				t.Fatalf("first Post = %q, %v, want part 2 failing", id, err)
			}
			firstCalls := len(api.all())
			now = now.Add(tc.after)
			id, err = a.Post(ctx, tc.target, tc.retry)
			if err != nil {
				t.Fatalf("second Post: %v", err)
			}
			if id != tc.wantRetrID {
				t.Errorf("second Post id %q, want %q", id, tc.wantRetrID)
			}
			var got []string
			for _, c := range api.all()[firstCalls:] {
				got = append(got, c.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.wantRetry, "\n") {
				t.Errorf("second Post calls\n%v\nwant\n%v", got, tc.wantRetry)
			}
			if len(tc.wantRetry) == 1 {
				body := string(api.all()[firstCalls].Body)
				if strings.Contains(body, long.Title) || !strings.Contains(body, long.Footer) {
					t.Errorf("resumed with the wrong part: %.300s", body)
				}
			}
			// Finished: the same message again is a new post.
			before := len(api.all())
			if _, err := a.Post(ctx, tc.target, tc.retry); err != nil {
				t.Fatal(err)
			}
			if n := len(api.all()) - before; n != 2 {
				t.Errorf("posting the finished message again made %d calls, want 2", n)
			}
		})
	}
}
