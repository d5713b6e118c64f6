package stories

import (
	"testing"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

func TestTitleCaseAndSlug(t *testing.T) {
	for in, want := range map[string]string{
		"security guarantees":              "Security Guarantees",
		"20-point plan":                    "20-Point Plan",
		"NATO membership":                  "NATO Membership",
		"Zaporizhzhia nuclear power plant": "Zaporizhzhia Nuclear Power Plant",
		"freedom of the press":             "Freedom of the Press",
	} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
	if got := slug("20-Point Plan (draft)"); got != "20-point-plan-draft" {
		t.Errorf("slug = %q", got)
	}
}

func TestPhrasePruneKeepsRepeated(t *testing.T) {
	lx := cite.NewLexicon()
	pc := NewPhraseCounter(lx)
	pc.Index = cite.BuildIndex(corpus.Sample(), lx, pc.Visit)
	before := map[phraseKey]int32{}
	for _, p := range pc.stats {
		if p.sf > 1 {
			before[p.ids] = p.sf
		}
	}
	pc.prune()
	for _, p := range pc.stats {
		if p.words > 1 && p.sf < 2 {
			t.Fatalf("phrase seen once kept: %v", p.ids)
		}
		delete(before, p.ids)
	}
	if len(before) != 0 {
		t.Errorf("%d repeated phrases lost", len(before))
	}
	// Counting goes on after a prune.
	ws := lx.ReadWords("The security guarantees were discussed again.", nil)
	pc.Visit(int32(len(pc.Index.Sents)), &cite.Sentence{Art: 99}, ws)
	lx2 := cite.NewLexicon()
	pc2 := NewPhraseCounter(lx2)
	pc2.Index = cite.BuildIndex(corpus.Sample(), lx2, pc2.Visit)
	if got, want := len(pc.candidates()), len(pc2.candidates()); got < want-2 {
		t.Errorf("after prune %d candidates, before %d", got, want)
	}
}
