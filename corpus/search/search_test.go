package search

import (
	"reflect"
	"testing"
)

func docs(texts ...string) []Doc {
	out := make([]Doc, len(texts))
	for i, t := range texts {
		out[i] = Doc{ID: t, Fields: []string{t}, Payload: i}
	}
	return out
}

func top(ix *Index, q string) string {
	r := ix.Search(q, 3)
	if len(r.Hits) == 0 {
		return ""
	}
	return r.Hits[0].ID
}

func TestRanking(t *testing.T) {
	ix := New(docs(
		"Zelenskyy says the 20-point plan is about 90% ready.",
		"President Zelensky met Trump in Florida.",
		"Zelenskiy accused Russia of prolonging the conflict.",
		"The United States proposed a demilitarised zone in Donbas.",
		"Drone attacks knocked out power in Mykolaiv overnight.",
		"Security guarantees for Ukraine were discussed at length.",
		"Europe wants a role in the negotiations.",
	), Options{Synonyms: [][]string{{"ceasefire", "truce"}}})
	tests := []struct {
		name, q, want string
	}{
		{"glued number", "how close is the 20pt plan", "Zelenskyy says the 20-point plan is about 90% ready."},
		{"spaced number", "20 point plan", "Zelenskyy says the 20-point plan is about 90% ready."},
		{"number word", "twenty-point plan", "Zelenskyy says the 20-point plan is about 90% ready."},
		{"percent", "90 percent ready", "Zelenskyy says the 20-point plan is about 90% ready."},
		{"synonym US", "what did the U.S. propose", "The United States proposed a demilitarised zone in Donbas."},
		{"synonym Washington", "Washington proposal on donbas", "The United States proposed a demilitarised zone in Donbas."},
		{"typo", "drone atacks in mykolaev", "Drone attacks knocked out power in Mykolaiv overnight."},
		{"typo long word", "security guarentees", "Security guarantees for Ukraine were discussed at length."},
		{"stemming", "negotiating role for europe", "Europe wants a role in the negotiations."},
		{"name variant", "zelenskiy florida", "President Zelensky met Trump in Florida."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := top(ix, tt.q); got != tt.want {
				t.Errorf("top(%q) = %q, want %q (terms %+v)", tt.q, got, tt.want, ix.Analyze(tt.q))
			}
		})
	}
}

func TestNameVariantsFold(t *testing.T) {
	ix := New(docs("Zelenskyy spoke.", "Zelensky spoke again.", "Zelenskiy spoke once more.", "Austria and Australia."), Options{})
	a, b, c := ix.Terms("Zelenskyy"), ix.Terms("Zelensky"), ix.Terms("zelenskiy")
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, c) {
		t.Errorf("variants not folded: %v %v %v", a, b, c)
	}
	if reflect.DeepEqual(ix.Terms("Austria"), ix.Terms("Australia")) {
		t.Errorf("Austria and Australia folded")
	}
}

func TestCorrect(t *testing.T) {
	ix := New(docs("negotiations about territory and guarantees", "the plan and the 2022 invasion"), Options{})
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"territroy", "territory", true},   // transposition
		{"guarentees", "guarantees", true}, // 9+ letters: 2 edits allowed
		{"negotiatoins", "negotiations", true},
		{"plam", "", false},      // under 5 letters: none
		{"2023", "", false},      // numbers: none
		{"territory", "", false}, // known
		{"tertory", "", false},   // 2 edits on 7 letters
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got, ok := ix.Correct(tt.word)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Correct(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"abc", "abc", 0}, {"abc", "acb", 1}, {"kitten", "sitting", 3}, {"", "ab", 2}, {"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFieldWeightsAndTies(t *testing.T) {
	ix := New([]Doc{
		{ID: "body", Fields: []string{"other words", "refinery strike"}},
		{ID: "title", Fields: []string{"refinery strike", "other words"}},
		{ID: "title2", Fields: []string{"refinery strike", "other words"}},
	}, Options{FieldWeights: []float64{3, 1}})
	r := ix.Search("refinery", 3)
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	if want := []string{"title", "title2", "body"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
	if r.Hits[0].Coverage != 1 {
		t.Errorf("coverage = %v, want 1", r.Hits[0].Coverage)
	}
}

func TestUnknownWordsLowerCoverage(t *testing.T) {
	ix := New(docs("the plan for peace", "lunch menus"), Options{})
	r := ix.Search("plan for xylophones", 1)
	if len(r.Hits) != 1 || r.Hits[0].Coverage > 0.5 {
		t.Fatalf("hits = %+v, want one with coverage <= 0.5", r.Hits)
	}
	if r := ix.Search("the of and", 1); len(r.Hits) != 0 {
		t.Errorf("stopword query hits = %+v", r.Hits)
	}
}

func TestTypoLike(t *testing.T) {
	tests := []struct {
		typed, known string
		want         bool
	}{
		{"piont", "point", true},       // swap
		{"atacks", "attacks", true},    // doubled letter typed once
		{"refinary", "refinery", true}, // vowel mistaken
		{"propsal", "proposal", true},  // vowel left out
		{"demmands", "demands", true},  // letter doubled
		{"flight", "fight", false},     // another word
		{"price", "prime", false},      // consonant changed
		{"guarentees", "guarantees", true},
		{"zaporizhia", "zaporizhzhia", true}, // two edits: not judged
	}
	for _, tt := range tests {
		if got := TypoLike(tt.typed, tt.known); got != tt.want {
			t.Errorf("TypoLike(%q, %q) = %v, want %v", tt.typed, tt.known, got, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	ix := New(docs(
		"Ukrainian President Volodymyr Zelenskyy met reporters.",
		"Later, Ukrainian President Volodymyr Zelenskiy spoke again.",
		"Russian President Vladimir Putin declined.",
		"Russian President Vladimir Putin waited.",
		"The president said the war must end; Zelenskyy agreed.",
		"President Putin and President Zelenskyy did not meet.",
		"Ukraine and Russia keep fighting.",
	), Options{})
	// Two leaders of one country stay two people; neither is "the
	// Chinese leader".
	cn := New(docs(
		"Chinese President Xi Jinping spoke.", "Chinese President Xi Jinping left.",
		"Chinese Premier Li Qiang spoke.", "Chinese Premier Li Qiang left.",
		"China and Japan met.",
	), Options{})
	if a, b := cn.Terms("Chinese president"), cn.Terms("Chinese premier"); reflect.DeepEqual(a, b) {
		t.Errorf("Terms(Chinese president) = Terms(Chinese premier) = %v", a)
	}
	if got := cn.Terms("Chinese leader"); reflect.DeepEqual(got, cn.Terms("Jinping")) || reflect.DeepEqual(got, cn.Terms("Qiang")) {
		t.Errorf("Terms(Chinese leader) = %v folded into one of two leaders", got)
	}
	// A president is also the country's leader.
	for _, q := range []string{"Ukraine's leader", "the Ukrainian leader"} {
		if got, want := ix.Terms(q), ix.Terms("Zelenskyy"); !reflect.DeepEqual(got, want) {
			t.Errorf("Terms(%s) = %v, want %v", q, got, want)
		}
	}
	if got, want := ix.Terms("the Ukrainian president"), ix.Terms("Zelenskyy"); !reflect.DeepEqual(got, want) {
		t.Errorf("Terms(the Ukrainian president) = %v, want %v", got, want)
	}
	if got, want := ix.Terms("Russian President"), ix.Terms("Putin"); !reflect.DeepEqual(got, want) {
		t.Errorf("Terms(Russian President) = %v, want %v", got, want)
	}
	// "President" alone names several people: it stays a word.
	if got := ix.Terms("president"); reflect.DeepEqual(got, ix.Terms("Putin")) || reflect.DeepEqual(got, ix.Terms("Zelenskyy")) {
		t.Errorf("Terms(president) = %v folded into a person", got)
	}
}

func TestDerivedForms(t *testing.T) {
	ix := New(docs("the invasion began", "an agreement was reached", "a decision was made"), Options{})
	for _, pair := range [][2]string{{"invade", "invasion"}, {"agreement", "agree"}, {"decide", "decision"}, {"defend", "defence"}} {
		if a, b := ix.Terms(pair[0]), ix.Terms(pair[1]); !reflect.DeepEqual(a, b) {
			t.Errorf("Terms(%q) = %v, Terms(%q) = %v, want equal", pair[0], a, pair[1], b)
		}
	}
}

func TestCompounds(t *testing.T) {
	if got, want := compounds("install from CD-ROMs or e-mail; U.S.-led and 20-point"), []string{"cdroms", "email"}; !reflect.DeepEqual(got, want) {
		t.Errorf("compounds = %q, want %q", got, want)
	}
	ix := New(docs("How do I install Debian from CD-ROMs?", "Send e-mail to the list."), Options{})
	for q, want := range map[string]string{"install from cdrom": "How do I install Debian from CD-ROMs?", "email the list": "Send e-mail to the list."} {
		if got := top(ix, q); got != want {
			t.Errorf("top(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestAnalyzeSpeltNumbers(t *testing.T) {
	ix := New(docs("the two sides met for 2 hours"), Options{})
	for q, want := range map[string]bool{"two sides": true, "2 sides": false} {
		terms := ix.Analyze(q)
		if len(terms) == 0 || terms[0].Word != "2" || terms[0].Spelt != want {
			t.Errorf("Analyze(%q)[0] = %+v, want Word 2 with Spelt %v", q, terms, want)
		}
	}
}
