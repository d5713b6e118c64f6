package cite

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSameQuestionKey checks sameQuestionKey against comparing the keys.
func TestSameQuestionKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "B", "é", "É", "İ", "ß", "1", "٣", " ", "  ", "?", "-", "\u00a0", "\n", "\t", "\r",
		"Ⓐ", "Ⅻ", "\xff", "\xc2", "\uFFFD", "x", "X", ".", "’"}
	word := func() string {
		var sb strings.Builder
		for range rng.IntN(8) {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return sb.String()
	}
	for range 50000 {
		a := word()
		b := a
		switch rng.IntN(3) {
		case 0:
			b = word()
		case 1:
			b = strings.ToUpper(a) + alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := sameQuestionKey(a, b), QuestionKey(a) == QuestionKey(b); got != want {
			t.Fatalf("sameQuestionKey(%q, %q) = %v, keys %q and %q", a, b, got, QuestionKey(a), QuestionKey(b))
		}
	}
}
