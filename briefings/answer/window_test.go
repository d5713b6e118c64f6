package answer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestJoinedRunes(t *testing.T) {
	for _, ss := range [][]string{nil, {""}, {"a"}, {"a", "b"}, {"Zelenskyy’s plan", "", "ünïcode"}, {"\xff", "\x80x"}} {
		if got, want := joinedRunes(ss), utf8.RuneCountInString(strings.Join(ss, " ")); got != want {
			t.Errorf("joinedRunes(%q) = %d, want %d", ss, got, want)
		}
	}
}
