package answer

import (
	"testing"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/entity"
	"github.com/briefbot/briefbot/corpus/search"
	"github.com/briefbot/briefbot/corpus/text"
)

func TestHoldsKind(t *testing.T) {
	tests := []struct {
		name, s, q string
		want       bool
	}{
		{"a person for who", "The plan was drafted by Steve Witkoff in March.", "who drafted the plan", true},
		{"only the question's own name", "Apple makes the iPod.", "who founded Apple", false},
		{"a place for where", "The talks were held in Geneva.", "where were the talks held", true},
		{"no place", "The talks were held last week.", "where were the talks held", false},
		{"a religion", "His family were Buddhists.", "what religion was his family", true},
		{"no religion", "His family were farmers.", "what religion was his family", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := holdsKind(tt.s, tt.q, entity.Expect(tt.q)); got != tt.want {
				t.Errorf("holdsKind(%q, %q) = %v, want %v", tt.s, tt.q, got, tt.want)
			}
		})
	}
}

func TestAntonymSwap(t *testing.T) {
	tests := []struct {
		q, a string
		want float64
	}{
		{"how many successors was Toghun the first of", "Toghun was the last of the nine successors", 1},
		{"how many successors was Toghun the first of", "Toghun was the first of the nine successors", 0},
		{"what happened before the war", "After the war, prices rose.", 1},
		{"what happened in the war", "After the war, prices rose.", 0},
	}
	for _, tt := range tests {
		qTok, aToks := text.Tokens(tt.q), text.Tokens(tt.a)
		if got := antonymSwap(qTok, answerHas(qTok, aToks), aToks); got != tt.want {
			t.Errorf("antonymSwap(%q, %q) = %v, want %v", tt.q, tt.a, got, tt.want)
		}
	}
}

// TestConfidenceNeverAboveRules: the model only takes confidence away from
// the rule-based confidence, so an answer the rules decline stays declined.
func TestConfidenceNeverAboveRules(t *testing.T) {
	if confidenceModel.Bias > 0 {
		t.Errorf("bias %v > 0", confidenceModel.Bias)
	}
	for i, w := range confidenceModel.Weights {
		switch {
		case i == featRaw && w != 1:
			t.Errorf("weight of the rule-based confidence = %v, want 1", w)
		case i != featRaw && w > 0:
			t.Errorf("weight of %s = %v > 0", featureNames[i], w)
		}
	}
	a := Build(testBase(t, corpus.Sample(), nil))
	for _, q := range []string{"what is the 20 point plan", "who is steve witkoff", "what is the capital of australia", "when did russia invade ukraine"} {
		res, ms, ok := a.matches(q)
		if !ok {
			continue
		}
		ms[0].answer = a.answerOf(&ms[0], res)
		raw, margin := a.confidence(res, ms)
		x := a.features(q, res, ms, raw, margin, ms[0].answer)
		if p := a.probability(raw, x); p > raw+1e-9 && raw > 0.01 && raw < 0.99 {
			t.Errorf("%q: probability %.3f above the rule-based %.3f", q, p, raw)
		}
		for i, v := range x {
			if i != featRaw && v < 0 {
				t.Errorf("%q: feature %s = %v < 0", q, featureNames[i], v)
			}
		}
	}
}

// TestNameSenseApostrophes: a curly apostrophe reads as a straight one.
func TestNameSenseApostrophes(t *testing.T) {
	q := "what is the capital of australia?"
	var res search.Result
	for _, tok := range []string{"capital", "australia"} {
		res.Terms = append(res.Terms, search.QueryTerm{Word: tok, Term: text.Stem(tok), Weight: 1, Known: true})
		res.Weight++
	}
	straight := nameSense(q, res, "said Australia's Capital Markets.")
	curly := nameSense(q, res, "said Australia’s Capital Markets.")
	if straight != curly {
		t.Errorf("nameSense: %v with a straight apostrophe, %v with a curly one", straight, curly)
	}
}

func TestNameSense(t *testing.T) {
	tests := []struct {
		name, q, a string
		want       bool // some of the question's weight is flagged
	}{
		{"a common word only inside a name", "what is the capital of australia?",
			"Unilever Australia Ltd is issuing bonds, said County NatWest Capital Markets as lead manager.", true},
		{"the word in its own sense", "what is the capital of australia?",
			"Canberra is the capital of Australia.", false},
		{"a name the question names more of", "how much did sterling m3 rise in january",
			"The broad measure of U.K. money supply, Sterling M3, rose 1.1 pct in January.", false},
		{"a leading stopword makes no name", "what did the army say",
			"The Army said it will renegotiate the contract.", false},
		{"a name the question capitalises", "how big is Capital",
			"The bonds were placed by County NatWest Capital Markets.", false},
		{"a title before a person's name", "who is the president of france",
			"French President Francois Mitterrand said.", false},
		{"a title of two words", "what did the police say",
			"Police Chief Daryl Gates said the inquiry was closed.", false},
		{"a headline in capitals", "what is the capital of australia?",
			"THE NATION'S CAPITAL IS CANBERRA", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res search.Result
			for _, tok := range text.Tokens(tt.q) {
				if text.IsStopword(tok) {
					continue
				}
				res.Terms = append(res.Terms, search.QueryTerm{Word: tok, Term: text.Stem(tok), Weight: 1, Known: true})
				res.Weight++
			}
			if got := nameSense(tt.q, res, tt.a) > 0; got != tt.want {
				t.Errorf("nameSense(%q, %q) = %v, want flagged %v", tt.q, tt.a, nameSense(tt.q, res, tt.a), tt.want)
			}
		})
	}
}

// FuzzNameSense: any question and answer give a share in [0, 1].
func FuzzNameSense(f *testing.F) {
	f.Add("what is the capital of australia?", "said County NatWest Capital Markets.")
	f.Add("who is the president of france", "French President Francois Mitterrand said.")
	f.Add("État’s CAPITAL", "L’ÉTAT Capital-Markets & Co’s 1987")
	f.Fuzz(func(t *testing.T, q, a string) {
		var res search.Result
		for _, tok := range text.Tokens(q) {
			res.Terms = append(res.Terms, search.QueryTerm{Word: tok, Term: text.Stem(tok), Weight: 1, Known: true})
			res.Weight++
		}
		if v := nameSense(q, res, a); v < 0 || v > 1 || v != v {
			t.Fatalf("nameSense(%q, %q) = %v", q, a, v)
		}
	})
}
