package console

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot"
)

func TestRenderText(t *testing.T) {
	a := bot.Citation{ID: "a", Title: "Alpha article"}
	b := bot.Citation{ID: "b", Title: "Beta article", URL: "https://example.com/b"}
	tests := []struct {
		name  string
		msg   bot.Message
		width int
		want  string
	}{
		{name: "empty", msg: bot.Message{}, want: ""},
		{name: "title only", msg: bot.Message{Title: "Hello"}, want: "Hello\n"},
		{
			name: "wrapped text with sources numbered once",
			msg: bot.Message{
				Title: "Answer",
				Sections: []bot.Section{
					{Text: "one two three four five six seven eight nine ten", Citations: []bot.Citation{a, b, a}},
					{Heading: "More", Items: []bot.Item{{Text: "item one", Citations: []bot.Citation{b}}, {Text: "item two"}}},
				},
				Footer: "From the FAQ",
			},
			width: 20,
			want: "Answer\n\none two three four\nfive six seven eight\nnine ten [1][2]\n\nMore\n  • item one [2]\n  • item two\n\n" +
				"Sources:\n  [1] Alpha article\n  [2] Beta article\n      <https://example.com/b>\n\nFrom the FAQ\n",
		},
		{
			name:  "suggestions",
			msg:   bot.Message{Title: "No", Suggestions: []string{"x", "y"}},
			want:  "No\n\nDid you mean:\n  1. x\n  2. y\n",
			width: 40,
		},
		{
			name:  "long word kept whole, newlines kept",
			msg:   bot.Message{Sections: []bot.Section{{Text: "see https://example.com/a/very/long/path/indeed\nnext line"}}},
			width: 20,
			want:  "see\nhttps://example.com/a/very/long/path/indeed\nnext line\n",
		},
		{
			name:  "list lines in text wrap under their text",
			msg:   bot.Message{Sections: []bot.Section{{Text: "Some uses are:\n\n- Find out all the options: dpkg --help.\n- Install it."}}},
			width: 24,
			want:  "Some uses are:\n\n- Find out all the\n  options: dpkg --help.\n- Install it.\n",
		},
		{
			name:  "narrow width falls back to the default",
			msg:   bot.Message{Title: strings.Repeat("word ", 10)},
			width: 5,
			want:  strings.TrimSpace(strings.Repeat("word ", 10)) + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RenderText(tt.msg, tt.width); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestRenderGolden renders fixed messages of every shape and compares
// them with testdata/render_*.golden (go test -update rewrites them).
func TestRenderGolden(t *testing.T) {
	src := []bot.Citation{
		{ID: "a1", Title: "Council approves the new tram line after a long debate", URL: "https://news.example/tram"},
		{ID: "b2", Title: "Budget: what the tram costs"},
	}
	tests := []struct {
		name  string
		msg   bot.Message
		width int
	}{
		{"answer", bot.Message{
			Title:    "When will the tram line open?",
			Sections: []bot.Section{{Text: "The council expects the first trams to run in spring 2028, after two years of building work on the eastern section, if the budget holds.", Citations: src}},
			Buttons:  []bot.Button{{Label: "Share to channel", Action: bot.ActionShare, Value: "ask|x"}},
			Footer:   "From the FAQ · confidence 91%",
		}, 60},
		{"decline", bot.Message{
			Title:       "No confident answer",
			Sections:    []bot.Section{{Text: "Sorry, I don't know that one."}},
			Suggestions: []string{"When will the tram line open?", "Tram Line", "Who pays for the tram?"},
			Footer:      "Did you mean one of these? Ask again with /ask.",
		}, 80},
		{"briefing", bot.Message{
			Title: "Briefing for Mon 2 Mar 2026",
			Sections: []bot.Section{
				{Text: "2 new articles since Sun 1 Mar 2026 on Tram Line and Budget."},
				{Heading: "Tram Line", Items: []bot.Item{
					{Text: "The council approved the eastern section by 31 votes to 12.", Citations: src[:1]},
					{Text: "Shops on the route will get compensation during the works.", Citations: src},
				}},
				{Heading: "New articles", Items: []bot.Item{
					{Text: src[0].Title, Citations: src[:1]},
					{Text: src[1].Title, Citations: src[1:]},
				}},
			},
		}, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RenderText(tt.msg, tt.width)
			golden := filepath.Join("testdata", "render_"+tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant (%s):\n%s", got, golden, want)
			}
		})
	}
}
