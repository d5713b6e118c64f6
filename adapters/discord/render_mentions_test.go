package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// notice is a subscription notice as the scheduler queues it for a Discord
// channel: the subscribers in Mentions, "@everyone" in the text.
var notice = bot.Message{
	Title:      "New on the issues you follow",
	Visibility: bot.Channel,
	Sections: []bot.Section{{Heading: "Donbas", Items: []bot.Item{
		{Text: "Negotiators discussed a demilitarised zone. @everyone <@999> @here", Citations: []bot.Citation{srcPlan}},
	}}},
	Footer:   "/unsubscribe Donbas to stop these",
	Mentions: []string{"80351110224678912", "41771983423143937"},
}

func TestRenderMentionsGolden(t *testing.T) {
	parts := renderer{customID: newButtonIDs().encode}.render(notice)
	checkLimits(t, parts)
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(parts); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("testdata", "mentions.golden.json"), got.Bytes())
}

func TestAddMentions(t *testing.T) {
	ids := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%019d", i+1))
		}
		return out
	}
	one := func() []part { return []part{{Embeds: []*discordgo.MessageEmbed{{Title: "t"}}}} }
	for _, tc := range []struct {
		name      string
		parts     []part
		ids       []string
		wantParts int
		wantUsers [][]string // per part; nil: no allowed users
	}{
		{"none", one(), nil, 1, [][]string{nil}},
		{"two", one(), []string{"1", "2"}, 1, [][]string{{"1", "2"}}},
		{"repeats and non-ids dropped", one(), []string{"1", "1", "everyone", "<@2>", "", "12345678901234567890123", "3"}, 1, [][]string{{"1", "3"}}},
		// 87 mentions of 19-digit ids fill 2,000 characters.
		{"a full content spills into the next part", []part{{}, {}}, ids(150), 2, [][]string{ids(87), ids(150)[87:]}},
		{"spill past the last part", one(), ids(90), 2, [][]string{ids(87), ids(90)[87:]}},
		{"100 users at most", one(), strings.Fields(seq(1, 130)), 2, [][]string{strings.Fields(seq(1, 100)), strings.Fields(seq(101, 130))}},
		{"later parts stay silent", []part{{}, {}}, []string{"7"}, 2, [][]string{{"7"}, nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := len(tc.parts)
			parts := addMentions(tc.parts, tc.ids)
			if len(parts) != tc.wantParts {
				t.Fatalf("%d parts, want %d", len(parts), tc.wantParts)
			}
			for i, p := range parts {
				var users []string
				if p.AllowedMentions != nil {
					users = p.AllowedMentions.Users
					if p.AllowedMentions.Parse == nil || len(p.AllowedMentions.Parse) != 0 {
						t.Errorf("part %d parses %v, want []", i, p.AllowedMentions.Parse)
					}
				}
				if !slices.Equal(users, tc.wantUsers[i]) {
					t.Errorf("part %d allows %v, want %v", i, users, tc.wantUsers[i])
				}
				if want := mentionText(users); p.Content != want {
					t.Errorf("part %d content %q, want %q", i, p.Content, want)
				}
				if len(users) > maxMentionUsers || runes(p.Content) > maxContent {
					t.Errorf("part %d: %d users, %d characters", i, len(users), runes(p.Content))
				}
				if i >= in && p.Embeds == nil {
					t.Errorf("added part %d has null embeds", i)
				}
			}
		})
	}
}

// seq is "from from+1 … to".
func seq(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "%d ", i)
	}
	return b.String()
}

// TestPostMentions: a posted subscription notice pings exactly its
// subscribers, whatever its text says.
func TestPostMentions(t *testing.T) {
	api := newFakeAPI(t)
	api.channels["c"] = discordgo.ChannelTypeGuildText
	a, _ := newTestAdapter(t, api, &fakeCore{}, Options{Token: "secret"})
	if _, err := a.Post(context.Background(), "c", notice); err != nil {
		t.Fatal(err)
	}
	c := api.next("POST", "/api/v9/channels/c/messages")
	var sent struct {
		Content         string `json:"content"`
		AllowedMentions struct {
			Parse []string `json:"parse"`
			Users []string `json:"users"`
		} `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(c.Body, &sent); err != nil {
		t.Fatal(err)
	}
	if want := "<@80351110224678912> <@41771983423143937>"; sent.Content != want {
		t.Errorf("content %q, want %q", sent.Content, want)
	}
	if sent.AllowedMentions.Parse == nil || len(sent.AllowedMentions.Parse) != 0 || !slices.Equal(sent.AllowedMentions.Users, notice.Mentions) {
		t.Errorf("allowed_mentions %+v, want parse [] and users %v", sent.AllowedMentions, notice.Mentions)
	}
	if !strings.Contains(string(c.Body), `@everyone`) || strings.Contains(string(c.Body), `"parse":["`) {
		t.Errorf("body %s", c.Body)
	}
}
