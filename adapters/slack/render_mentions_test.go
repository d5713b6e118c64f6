package slack

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// noticeMessage is a subscription notice addressed to two users, with
// mention-like text that must stay text.
func noticeMessage() bot.Message {
	return bot.Message{
		Title:      "New on the issues you follow",
		Visibility: bot.Channel,
		Sections: []bot.Section{{Heading: "Donbas", Items: []bot.Item{
			{Text: "Negotiators met again. <!channel> <@U999> @here"},
		}}},
		Footer:   "/unsubscribe Donbas to stop these",
		Mentions: []string{"U01ABC", "W02DEF"},
	}
}

func TestRenderMentionsGolden(t *testing.T) {
	golden(t, "mentions.golden.json", renderJSON(t, noticeMessage()))
}

func TestMentionUnits(t *testing.T) {
	many := make([]string, 400)
	for i := range many {
		many[i] = "U" + strings.Repeat("0", 8) + string(rune('A'+i%26)) + string(rune('A'+i/26))
	}
	for _, tc := range []struct {
		name      string
		ids       []string
		wantTexts int
		want      string // the first text, when set
	}{
		{"none", nil, 0, ""},
		{"two", []string{"U1", "W2"}, 1, "<@U1> <@W2>"},
		{"repeats and markup dropped", []string{"U1", "U1", "<!channel>", "U2|x", "U3>", "", "U4"}, 1, "<@U1> <@U4>"},
		{"a long list is split", many, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			us := mentionUnits(tc.ids)
			if len(us) != tc.wantTexts {
				t.Fatalf("%d texts, want %d", len(us), tc.wantTexts)
			}
			for i, u := range us {
				text := u.block.(*slack.SectionBlock).Text.Text
				if runes(text) > maxTextRunes {
					t.Errorf("text %d has %d characters", i, runes(text))
				}
				if i == 0 && tc.want != "" && text != tc.want {
					t.Errorf("text %q, want %q", text, tc.want)
				}
			}
		})
	}
}
