package bot

import (
	"strings"
	"testing"
)

// TestSubscribeSaysHowNewsArrives: the reply to /subscribe promises news
// as it arrives only where the bot can post it; in the terminal chat it
// points to /brief instead.
func TestSubscribeSaysHowNewsArrives(t *testing.T) {
	b := newTestBot(t, Options{Store: newFakeStore()})
	name := b.KB().Issues()[0].Name
	for _, tt := range []struct {
		platform, want, not string
	}{
		{PlatformConsole, "/brief " + name, "as it arrives."},
		{"slack", "as it arrives", "/brief"},
	} {
		t.Run(tt.platform, func(t *testing.T) {
			r := req("subscribe", name)
			r.Platform = tt.platform
			m := b.Handle(t.Context(), r)
			if len(m.Sections) == 0 || !strings.Contains(m.Sections[0].Text, tt.want) || strings.Contains(m.Sections[0].Text, tt.not) {
				t.Errorf("subscribe on %s = %+v, want %q", tt.platform, m, tt.want)
			}
		})
	}
}
