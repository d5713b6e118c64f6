package briefings

import (
	"testing"

	"github.com/briefbot/briefbot/corpus/search"
)

// TestAskDeclinesContentless: a question that names nothing (a bare
// number, only question words and the commonest verbs) is declined however
// well its words match the corpus.
func TestAskDeclinesContentless(t *testing.T) {
	kb := sampleKB(t, Options{})
	for _, q := range []string{"1", "2022", "what is 95", "what happened", "what is new", "how much", "yes", "hello", "ok thanks"} {
		t.Run(q, func(t *testing.T) {
			if a := kb.Ask(q); a.Answered {
				t.Errorf("Ask(%q) answered %q (confidence %.2f), want a decline", q, a.Title, a.Confidence)
			}
		})
	}
	// A number with a word that names something still answers.
	if a := kb.Ask("what is the 20-point plan"); !a.Answered {
		t.Errorf("Ask(20-point plan) declined")
	}
}

// TestAskDeclinesForeign: a question about something the corpus never
// mentions is declined even when its other words match.
func TestAskDeclinesForeign(t *testing.T) {
	kb := sampleKB(t, Options{})
	for _, q := range []string{"what is the price of bitcoin", "what does the ceo of netflix say about ukraine"} {
		t.Run(q, func(t *testing.T) {
			if a := kb.Ask(q); a.Answered {
				t.Errorf("Ask(%q) answered %q (confidence %.2f), want a decline", q, a.Title, a.Confidence)
			}
		})
	}
}

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

// TestAskDeclinesForeignCommonWord: a common English word the corpus never
// uses carries the question ("budget", "cafeteria"); a figure typed in
// digits that no answer holds does too.
func TestAskDeclinesForeignCommonWord(t *testing.T) {
	kb := sampleKB(t, Options{})
	for _, q := range []string{"what is nato's budget for next year", "who runs the power plant cafeteria", "what is in the 45-point plan"} {
		t.Run(q, func(t *testing.T) {
			if a := kb.Ask(q); a.Answered {
				t.Errorf("Ask(%q) answered %q (confidence %.2f), want a decline", q, a.Title, a.Confidence)
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
