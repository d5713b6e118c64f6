package console

import (
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
			want:  "No\n\nDid you mean:\n  • x\n  • y\n",
			width: 40,
		},
		{
			name:  "long word kept whole, newlines kept",
			msg:   bot.Message{Sections: []bot.Section{{Text: "see https://example.com/a/very/long/path/indeed\nnext line"}}},
			width: 20,
			want:  "see\nhttps://example.com/a/very/long/path/indeed\nnext line\n",
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
