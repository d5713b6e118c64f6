package cite

import (
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

func TestIsBoilerplate(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"The council will vote on the revised budget on March 18.", false},
		{"Security Guarantees for Ukraine: Key Takeaways", true},
		{"What streets will close during construction?", true},
		{"Click to summarize this article.", true},
		{"Photo: Riverton Ledger / Sam Keller", true},
		{"Russia’s President Vladimir Putin shakes hands in Osaka. REUTERS/Kevin Lamarque/File Photo", true},
		{"“We had a terrific meeting.", true},
		{"“We will demand that ironclad security guarantees become part of this agreement.”", true},
		{"Moscow has outlined specific conditions for a peace deal, including:", true},
		{"It works.", true},
		{"For more information see Section 10.2, “What tools does Debian provide to build custom kernels?”.", true},
		{"For more information on the available distributions read Section 6.1, “How many Debian distributions are there?”.", true},
		{"For other possibilities review Debian's archive directory structure at Section 6.7, “What are all those directories?”.", true},
		{"More detailed information on the use of each of these terms can be found in the Debian Policy manual.", true},
		{"See also the chapter on package management for the details of how dependencies work.", true},
		{"(The command upgrade keeps a package at its installed obsolete version if upgrading would need an extra package.", true},
		{"Debian has about 59,000 packages (in the main section) and runs on nine architectures.", false},
		{"The regulator said more information would be published by the bank on Monday.", false},
	} {
		if got := IsBoilerplate(tt.s); got != tt.want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestLexRankDeterministicAndCentral(t *testing.T) {
	ix := BuildIndex([]corpus.Article{{ID: "a", Blocks: []corpus.Block{
		{Kind: corpus.Para, Text: "x", Sentences: []string{
			"The tram budget rose to 610 million dollars this year.",
			"The tram budget is now 610 million dollars, officials said.",
			"The tram budget of 610 million dollars worries the council.",
			"Bakers on Canal Street sell bread every morning.",
		}},
	}}}, NewLexicon(), nil)
	ids := []Weighted{{0, 1}, {1, 1}, {2, 1}, {3, 1}}
	a, b := RankSentences(ix, ids), RankSentences(ix, ids)
	for i := range a {
		if a[i].ID != b[i].ID || a[i].score != b[i].score {
			t.Fatal("two rankings of the same sentences differ")
		}
	}
	if a[len(a)-1].ID != 3 {
		t.Errorf("the off-topic sentence ranks %v, want last", a)
	}
}
