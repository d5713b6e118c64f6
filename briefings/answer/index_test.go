package answer

import "testing"

// TestFAQSentences checks that a sentence is linked to the FAQ entry
// whose answer holds it whenever their corpus.SentenceKey agree, whatever
// the hash that rules sentences out first.
func TestFAQSentences(t *testing.T) {
	var f faqSentences
	if got := f.find("Anything at all."); got != -1 {
		t.Errorf("empty: find = %d, want -1", got)
	}
	f.add("The Ministry said “the plan” costs 3.5% more — about €1,000 per household.", 0)
	f.add("Zelenskyy’s trip to Florida went ahead.", 1)
	f.add("!!!", 2) // no key: never found
	tests := []struct {
		name, s string
		want    int
	}{
		{"same", "The Ministry said “the plan” costs 3.5% more — about €1,000 per household.", 0},
		{"typography", `the ministry said "the plan" costs 3.5% more - about €1,000 per household`, 0},
		{"apostrophes", "Zelenskyys trip to Florida went ahead!", 1},
		{"upper case", "ZELENSKYY’S TRIP TO FLORIDA WENT AHEAD.", 1},
		{"other ending", "The Ministry said “the plan” costs 3.5% more — about €1,000 per family.", -1},
		{"other start", "A ministry said “the plan” costs 3.5% more — about €1,000 per household.", -1},
		{"no key", "!!!", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.find(tt.s); got != tt.want {
				t.Errorf("find(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}
