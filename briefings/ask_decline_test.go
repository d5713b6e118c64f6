package briefings

import (
	"testing"
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
