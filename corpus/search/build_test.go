package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus/text"
)

// TestTextPieces checks that Text, reading a text a piece between spaces
// at a time, holds the tokens and the letter words of the whole text read
// at once.
func TestTextPieces(t *testing.T) {
	texts := []string{
		"", " ", "  ", "a", "Ab", "U.S. troops", "U.S", "the U.S", "e.g. this", "1,000 people", "1, 000", "3.5 million",
		"don't  won't", "O'Brien’s plan", "20-point plan", "Zelenskyy said: “We won’t.”", "Éric Zemmour, Paris",
		"naïve café  ÉCOLE", "a1b2c3 x-ray", " leading and trailing ", "non\u00a0breaking space", "tab\there",
		"US and UK. Then US", "x. y. z.", "A. B. C", "'quoted' `tick`", "10,000,000 and 1,00",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "Z", "Q", "1", "9", " ", " ", "  ", ".", ",", "'", "’", "-", "é", "É", "ß",
		"\u00a0", "ing", "US", "n't", "'s", ":", "—", "‐", "\t", "\u0301"}
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(12) {
			sb.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, sb.String())
	}
	b := NewBuilder(Options{})
	ref := NewBuilder(Options{})
	for _, s := range texts {
		id := b.Text(s)
		var got []string
		for _, r := range b.Tokens(id) {
			got = append(got, b.Token(r))
		}
		if want := text.Tokens(s); !slices.Equal(got, want) {
			t.Fatalf("%q: tokens %q, want %q", s, got, want)
		}
		got = got[:0]
		for _, w := range b.appendWords(nil, id) {
			got = append(got, fmt.Sprintf("%s/%d", b.words[w.id()], w.flags()))
		}
		var want []string
		for _, w := range ref.letterWords(nil, s) {
			want = append(want, fmt.Sprintf("%s/%d", ref.words[w.id()], w.flags()))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: letter words %q, want %q", s, got, want)
		}
	}
}
