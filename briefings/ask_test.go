package briefings

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

// checkContract fails when an answer breaks the contract of `ask -json`.
func checkContract(t *testing.T, a Answer) {
	t.Helper()
	if a.Answered != (a.Kind != KindNone) {
		t.Errorf("answered %v with kind %q", a.Answered, a.Kind)
	}
	switch a.Kind {
	case KindFAQ, KindIssue, KindPassage, KindNone:
	default:
		t.Errorf("kind %q", a.Kind)
	}
	if a.Sources == nil || a.Suggestions == nil {
		t.Errorf("nil sources or suggestions: %+v", a)
	}
	if a.Confidence < 0 || a.Confidence > 1 {
		t.Errorf("confidence %v out of [0,1]", a.Confidence)
	}
	if len(a.Suggestions) > 3 {
		t.Errorf("%d suggestions", len(a.Suggestions))
	}
	if a.Answered && len(a.Sources) == 0 && a.Kind != KindFAQ {
		t.Errorf("answer without sources: %+v", a)
	}
	if strings.ContainsAny(a.Answer, "*_`<>") && strings.Contains(a.Answer, "**") {
		t.Errorf("markup in answer: %q", a.Answer)
	}
}

func TestAskSample(t *testing.T) {
	kb := sampleKB(t, Options{})
	tests := []struct {
		name, q string
		kind    string // "" = any answered kind
		want    string // substring of the answer; "" for a decline
	}{
		{"faq paraphrase", "how close is the 20 point plan?", "", "90%"},
		{"glued number", "20pt plan status", "", "90%"},
		{"passage only", "where might trump and putin hold a summit", KindPassage, "Alaska"},
		{"typo in a name", "who is steve witkof", "", "Witkoff"},
		{"typos", "novoshaktinsk refinary strike", "", "Novoshakhtinsk"},
		{"name variant", "what did zelensky say about the donbas", "", "Donbas"},
		{"list after colon", "what conditions has moscow set for a peace deal", "", "NATO"},
		{"out of scope sharing words", "when is the team offsite meeting", KindNone, ""},
		{"out of scope plan", "what is the plan for lunch", KindNone, ""},
		{"out of scope capital", "what is the capital of australia", KindNone, ""},
		{"empty", "   ", KindNone, ""},
		{"stopwords only", "what is the", KindNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := kb.Ask(tt.q)
			checkContract(t, a)
			if a.Question != tt.q {
				t.Errorf("question = %q", a.Question)
			}
			if tt.kind == KindNone {
				if a.Answered {
					t.Fatalf("answered %s (%.2f): %s", a.Kind, a.Confidence, a.Answer)
				}
				if a.Answer != DefaultAnswerText {
					t.Errorf("decline text = %q", a.Answer)
				}
				return
			}
			if !a.Answered {
				t.Fatalf("declined (%.2f), suggestions %q", a.Confidence, a.Suggestions)
			}
			if tt.kind != "" && a.Kind != tt.kind {
				t.Errorf("kind = %s, want %s", a.Kind, tt.kind)
			}
			if !strings.Contains(strings.ToLower(a.Answer), strings.ToLower(tt.want)) {
				t.Errorf("answer %q does not contain %q", a.Answer, tt.want)
			}
			if len(a.Suggestions) != 0 {
				t.Errorf("suggestions on an answer: %q", a.Suggestions)
			}
		})
	}
}

func TestAskAdminFAQAndSynonyms(t *testing.T) {
	opts := Options{
		FAQ: []FAQEntry{{
			Question:   "Who runs this briefing bot?",
			Answer:     "The newsroom's tools team maintains it.",
			Alternates: []string{"who maintains the bot"},
		}},
		Synonyms:      [][]string{{"truce", "ceasefire"}},
		MinConfidence: 0.35,
		DefaultAnswer: "No idea.",
	}
	kb := sampleKB(t, opts)
	tests := []struct {
		name, q, kind, want string
	}{
		{"admin faq", "who runs the briefing bot", KindFAQ, "tools team"},
		{"admin alternate", "who maintains this bot?", KindFAQ, "tools team"},
		{"configured synonym", "how long was the truce putin rejected", "", "60-day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := kb.Ask(tt.q)
			checkContract(t, a)
			if !a.Answered || (tt.kind != "" && a.Kind != tt.kind) || !strings.Contains(a.Answer, tt.want) {
				t.Errorf("Ask(%q) = %s %.2f %q, want %s containing %q", tt.q, a.Kind, a.Confidence, a.Answer, tt.kind, tt.want)
			}
		})
	}
	if a := kb.Ask("what is the plan for lunch"); a.Answered || a.Answer != "No idea." {
		t.Errorf("decline = %+v, want the configured default answer", a)
	}
}

func TestAskSuggestions(t *testing.T) {
	// A threshold above any confidence forces the decline.
	kb := sampleKB(t, Options{MinConfidence: 1.1})
	tests := []struct {
		name, q string
		want    string // a word one of the suggestions must hold
	}{
		{"short fuzzy input", "20-point", "20-point"},
		{"related but unsure", "security guarantee format europe doubts", "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := kb.Ask(tt.q)
			checkContract(t, a)
			if a.Answered {
				t.Fatalf("answered with threshold 1.1")
			}
			found := false
			for _, s := range a.Suggestions {
				found = found || strings.Contains(strings.ToLower(s), tt.want)
			}
			if !found {
				t.Errorf("suggestions %q hold no %q", a.Suggestions, tt.want)
			}
		})
	}
}

func TestAskDeterministic(t *testing.T) {
	kb := sampleKB(t, Options{})
	for _, q := range []string{"security guarantees", "what did trump say", "donbas"} {
		first := kb.Ask(q)
		for i := 0; i < 5; i++ {
			if got := kb.Ask(q); got.Answer != first.Answer || got.Confidence != first.Confidence {
				t.Fatalf("Ask(%q) changed between calls", q)
			}
		}
	}
}

func TestAskEmptyCorpus(t *testing.T) {
	kb, err := Build(context.Background(), []corpus.Article{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := kb.Ask("anything at all?")
	checkContract(t, a)
	if a.Answered {
		t.Errorf("answered from an empty corpus: %+v", a)
	}
}

func TestAskConcurrent(t *testing.T) {
	kb := sampleKB(t, Options{})
	qs := []string{"how close is the 20 point plan", "who is steve witkof", "what is the plan for lunch", "donbas"}
	want := make([]Answer, len(qs))
	for i, q := range qs {
		want[i] = kb.Ask(q)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				j := (g + i) % len(qs)
				if got := kb.Ask(qs[j]); got.Answer != want[j].Answer || got.Confidence != want[j].Confidence {
					t.Errorf("concurrent Ask(%q) differs", qs[j])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestSuggestionsAreNearMisses: a declined question is offered FAQ
// questions and issues that share what it is about, not titles that only
// share a common word or letters spread over a long title.
func TestSuggestionsAreNearMisses(t *testing.T) {
	kb := sampleKB(t, Options{})
	tests := []struct {
		q    string
		want string // a suggestion must hold it; "" means no suggestion at all
	}{
		{"for how many years might the guarantees be valid", "Guarantees"},
		{"hello", ""},
		{"what is the security deposit for the apartment", ""},
		{"what is the plan for lunch", ""},
		{"is there a peace deal between israel and hamas", ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := kb.Ask(tt.q)
			if a.Answered {
				t.Skipf("answered (%s %.2f): no suggestions to check", a.Kind, a.Confidence)
			}
			if tt.want == "" {
				if len(a.Suggestions) > 0 {
					t.Errorf("suggestions %q for a question about something else", a.Suggestions)
				}
				return
			}
			found := false
			for _, s := range a.Suggestions {
				found = found || strings.Contains(s, tt.want)
			}
			if !found {
				t.Errorf("suggestions %q hold no %q", a.Suggestions, tt.want)
			}
		})
	}
}
