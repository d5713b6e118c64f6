package bot

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings"
)

// TestEchoedTextIsCleaned: user text repeated in a message keeps no
// bidirectional override or zero-width character that could disguise it,
// and no line or paragraph separator that could break its line.
func TestEchoedTextIsCleaned(t *testing.T) {
	const sly = "don\u202Ebas\u202C\u200B gas\u2066\u2069\u200F\uFEFF\u2060\u200D\u061C\tprices"
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"no issue title", noIssueMessage(sly, nil).Title, "No issue matches “donbas gas prices”"},
		{"answer title from the question", AnswerMessage(briefings.Answer{Question: sly, Answered: true, Kind: briefings.KindPassage}).Title, "donbas gas prices"},
		{"unknown command", unknownCommandMessage("as\u202Ek").Sections[0].Text, "I don't know /ask."},
		{"quoted", quote(" \u200Bhello\u202E "), "“hello”"},
		{"line and paragraph separators", quote("gas\u2028prices\u2029now\u2028"), "“gas prices now”"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.HasPrefix(tc.got, tc.want) {
				t.Errorf("got %q, want it to start with %q", tc.got, tc.want)
			}
			for _, r := range tc.got {
				if (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || (r >= 0x200B && r <= 0x200F) || r == 0xFEFF || r == 0x2060 || r == 0x061C || r == 0x2028 || r == 0x2029 {
					t.Errorf("%q keeps U+%04X", tc.got, r)
				}
			}
		})
	}
	if got := cleanEcho("Ünïcödé, 日本語 and emoji 🙂 stay"); got != "Ünïcödé, 日本語 and emoji 🙂 stay" {
		t.Errorf("ordinary text changed: %q", got)
	}
}
