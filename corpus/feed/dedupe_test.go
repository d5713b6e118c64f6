package feed

import (
	"fmt"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

func para(src string, sentences ...string) corpus.Article {
	a := corpus.Article{Source: src, Title: "Title of " + src}
	for _, s := range sentences {
		a.Blocks = append(a.Blocks, corpus.Block{Text: s, Sentences: []string{s}})
	}
	return a
}

func TestTextIndex(t *testing.T) {
	s1 := "The council voted on Friday to keep the night ferry running all winter."
	s2 := "Shift workers at the port said they had no other way home after midnight."
	s3 := "The extra cost of about 180,000 dollars will come from the harbour levy."
	s4 := "The operator will add a heated waiting room at the north pier before Christmas."
	s5 := "Opposition councillors said the money would be better spent on night buses."
	x := newTextIndex()
	x.add(ptr(para("https://a.example/ferry", s1, s2, s3, s4)))
	tests := []struct {
		name string
		art  corpus.Article
		want string
	}{
		{"identical text", para("https://b.example/1", s1, s2, s3, s4), "https://a.example/ferry"},
		{"typography differs", para("https://b.example/2", "The council voted on Friday to keep the night-ferry running all winter!", s2, s3, s4), "https://a.example/ferry"},
		{"a credit line added", para("https://b.example/3", s1, s2, s3, s4, "This story first appeared in the Eastport Courier newsletter."), "https://a.example/ferry"},
		{"shares two sentences", para("https://b.example/4", s1, s5, "Night buses will run every half hour from the central square.", "The new timetable starts on the first Monday of December."), ""},
		{"a follow-up twice as long", para("https://b.example/6", s1, s2, s3, s4, s5,
			"Night buses will run every half hour from the central square.",
			"The new timetable starts on the first Monday of December.",
			"The vote came after a petition signed by more than two thousand residents.",
			"The harbour master said the winter crossings would be reviewed in March."), ""},
		{"too short to compare", para("https://b.example/5", s1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := x.find(&tt.art); got != tt.want {
				t.Errorf("find = %q, want %q", got, tt.want)
			}
		})
	}
}

func ptr(a corpus.Article) *corpus.Article { return &a }

func TestTextIndexKeepNewest(t *testing.T) {
	x := newTextIndex()
	for i := range 10 {
		x.add(ptr(para(fmt.Sprintf("https://a.example/%d", i),
			fmt.Sprintf("Story %d opens with a long first sentence about the harbour.", i),
			fmt.Sprintf("Story %d goes on with a second long sentence about the ferry.", i),
			fmt.Sprintf("Story %d ends with a third long sentence about the weather.", i))))
	}
	known := x.keepNewest(4)
	if x.len() != 4 || len(known) != 4 || !known["https://a.example/9"] || known["https://a.example/5"] {
		t.Errorf("kept %d, known %v", x.len(), known)
	}
	again := para("https://b.example/9",
		"Story 9 opens with a long first sentence about the harbour.",
		"Story 9 goes on with a second long sentence about the ferry.",
		"Story 9 ends with a third long sentence about the weather.")
	if got := x.find(&again); got != "https://a.example/9" {
		t.Errorf("find after trimming = %q", got)
	}
	again.Source = "https://b.example/1"
	again.Blocks = para("", "Story 1 opens with a long first sentence about the harbour.",
		"Story 1 goes on with a second long sentence about the ferry.",
		"Story 1 ends with a third long sentence about the weather.").Blocks
	if got := x.find(&again); got != "" {
		t.Errorf("a forgotten story was found: %q", got)
	}
}
