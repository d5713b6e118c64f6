package text

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// tokensRef is the rune-slice tokenizer Tokens replaced; Tokens must agree
// with it on every input.
func tokensRef(s string) []string {
	var out []string
	rs := []rune(s)
	n := len(rs)
	var buf []rune
	for i := 0; i < n; {
		r := rs[i]
		if !isWordRune(r) {
			i++
			continue
		}
		// Dotted acronym: L.L. (at least two letter-dot pairs, or L.L at the end).
		if j, ok := acronymEndRef(rs, i); ok {
			buf = buf[:0]
			for k := i; k < j; k++ {
				if rs[k] != '.' {
					buf = append(buf, foldRune(rs[k]))
				}
			}
			out = append(out, string(buf))
			i = j
			continue
		}
		buf = buf[:0]
		j := i
		for j < n {
			c := rs[j]
			switch {
			case isWordRune(c):
				buf = append(buf, foldRune(c))
				j++
				continue
			case isApostrophe(c) && j+1 < n && unicode.IsLetter(rs[j+1]) && j > i && unicode.IsLetter(rs[j-1]):
				buf = append(buf, '\'')
				j++
				continue
			case c == ',' && j > i && isDigit(rs[j-1]) && thousandsGroupRef(rs, j+1):
				j++ // drop the separator
				continue
			case c == '.' && j > i && isDigit(rs[j-1]) && j+1 < n && isDigit(rs[j+1]):
				buf = append(buf, '.')
				j++
				continue
			}
			break
		}
		out = appendWord(out, string(buf))
		i = j
	}
	return out
}

// acronymEnd reports whether a dotted acronym ("U.S.", "e.g.", "U.S") starts
// at i and where it ends: single letters each followed by a dot, at least two
// of them, or one and a final single letter.
func acronymEndRef(rs []rune, i int) (int, bool) {
	n := len(rs)
	if i > 0 && (isWordRune(rs[i-1]) || rs[i-1] == '.') {
		return 0, false
	}
	j, pairs := i, 0
	for j+1 < n && unicode.IsLetter(rs[j]) && rs[j+1] == '.' {
		pairs++
		j += 2
	}
	if pairs >= 1 && j < n && unicode.IsLetter(rs[j]) && (j+1 == n || !isWordRune(rs[j+1])) {
		return j + 1, true
	}
	if pairs >= 2 && (j == n || !isWordRune(rs[j])) {
		return j, true
	}
	return 0, false
}

// thousandsGroup reports whether exactly three digits start at i and are not
// followed by another digit.
func thousandsGroupRef(rs []rune, i int) bool {
	if i+3 > len(rs) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isDigit(rs[k]) {
			return false
		}
	}
	return i+3 == len(rs) || !isDigit(rs[i+3])
}

func TestTokensMatchReference(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "sample", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "briefings", "testdata", "*", "*"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("no sample files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if got, want := Tokens(line), tokensRef(line); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: Tokens(%q) = %q, want %q", f, line, got, want)
			}
		}
	}
}

func FuzzTokensMatchReference(f *testing.F) {
	for _, s := range []string{"U.S. and U.K.", "don't 1,000 3.5 O’Brien", "Zelenskyy’s café", "a.b.c", "x\xffy", "U.S", "1,2,3,444,5555", "ǅemal A.Ǆ."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tokens(s), tokensRef(s); !reflect.DeepEqual(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", s, got, want)
		}
	})
}

var _ = unicode.IsLetter
