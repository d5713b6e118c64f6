package answer

import (
	"testing"

	"github.com/briefbot/briefbot/corpus/search"
)

func TestMisspeltQuestionWord(t *testing.T) {
	tests := []struct {
		term search.QueryTerm
		want string // "" for none
	}{
		{search.QueryTerm{Word: "wat"}, "what"},
		{search.QueryTerm{Word: "hwo"}, "who"},
		{search.QueryTerm{Word: "wich"}, "which"},
		{search.QueryTerm{Word: "wat", Known: true}, ""},      // a word of the corpus
		{search.QueryTerm{Word: "wat", Corrected: "war"}, ""}, // already corrected
		{search.QueryTerm{Word: "ho"}, ""},                    // too short to tell
		{search.QueryTerm{Word: "whatever"}, ""},              // too long
		{search.QueryTerm{Word: "kremlin"}, ""},               // no question word
	}
	for _, tt := range tests {
		t.Run(tt.term.Word, func(t *testing.T) {
			got, ok := misspeltQuestionWord(tt.term)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("misspeltQuestionWord(%+v) = %q, %v; want %q", tt.term, got, ok, tt.want)
			}
		})
	}
}

func TestTypedNumber(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"11", true},
		{"2024", true},
		{"two", false},
		{"windows", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := typedNumber(tt.word); got != tt.want {
				t.Errorf("typedNumber(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}
