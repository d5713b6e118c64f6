package cluster

import (
	"strings"
	"testing"
)

func TestNameOfSaysNothingTwice(t *testing.T) {
	for _, tc := range []struct {
		phrases []string
		want    string
	}{
		{[]string{"GDP", "gross domestic product", "real gross domestic", "Statistics Canada"}, "GDP Statistics Canada"},
		{[]string{"gross domestic product", "GDP", "Statistics Canada"}, "Gross Domestic Product"},
		{[]string{"AMC", "American Motors", "Chrysler"}, "AMC Chrysler"},
		{[]string{"Ecuador", "Ecuadorean", "pipeline"}, "Ecuador Pipeline"},
		{[]string{"ivory coast", "Ivorian", "cocoa talks"}, "Ivory Coast Cocoa Talks"},
		{[]string{"prices", "price", "oil"}, "Prices Oil"},
	} {
		if got := nameOf(tc.phrases); got != tc.want {
			t.Errorf("nameOf(%q) = %q, want %q", tc.phrases, got, tc.want)
		}
	}
}

func TestNameableRejectsTableWordsAndVerbs(t *testing.T) {
	for _, tc := range []struct {
		key, sf string
		want    bool
	}{
		{"prevs", "Revs", false},
		{"poper net", "Oper net", false},
		{"pdlrs", "dlrs", false},
		{"pmths", "Mths", false},
		{"pshrs", "Shrs", false},
		{"egnp", "GNP", true},
		{"eguin.l", "GUIN.L", false},
		{"pintla.o", "Intla.o", false},
		{"emoni.mi", "MONI.MI", false},
		{"eu.s", "U.S.", true},
		{"pstock split", "stock split", true},
		{"pobama overturns bush", "obama overturns bush", false},
		{"pseasonally adjusted unemployment", "seasonally adjusted unemployment", true},
	} {
		if got := nameable(tc.key, tc.sf); got != tc.want {
			t.Errorf("nameable(%q) = %v, want %v", tc.sf, got, tc.want)
		}
	}
}

func TestTableLinesMakeNoNames(t *testing.T) {
	a := article("e1", "Acme Corp Year Net", day(0),
		"Revs 50.1 mln vs 45.2 mln.",
		"Oper net 3.4 mln vs 2.9 mln.",
		"Note: Oper net excludes extraordinary gain of 1.2 mln dlrs.",
		"Acme Corp said its widget factory in Ohio ran at full capacity.")
	d, _ := readDoc(&a, newStemmer(), nil, true)
	for k, p := range d.phrases {
		if w := strings.ToLower(p.sf); strings.Contains(w, "oper") || strings.Contains(w, "revs") || strings.Contains(w, "extraordinary") {
			t.Errorf("phrase %q (%s) from a table line", p.sf, k)
		}
	}
	if _, ok := d.phrases["pwidget factori"]; !ok {
		var keys []string
		for k := range d.phrases {
			keys = append(keys, k)
		}
		t.Errorf("no phrase %q from prose; have %q", "widget factory", keys)
	}
}

func TestRankPhrasesShowsNamesAsWritten(t *testing.T) {
	stat := func(sf string, docs, n int) *phraseStat {
		return &phraseStat{docs: docs, n: n, surfaces: map[string]int{sf: n}}
	}
	stats := map[string]*phraseStat{
		"plindsay lohan": stat("lindsay lohan", 5, 9), // from headlines
		"elindsay lohan": stat("Lindsay Lohan", 3, 3),
		"prehab":         stat("rehab", 4, 6),
	}
	total := map[string]int{"plindsay lohan": 9, "elindsay lohan": 3, "prehab": 20}
	got := rankPhrases(stats, total, map[string]int{}, 10, 5, 50)
	if len(got) != 2 || got[0] != "Lindsay Lohan" {
		t.Errorf("rankPhrases = %q, want Lindsay Lohan first and once", got)
	}
}
