package text

import (
	"strings"
	"unicode"
)

// Tokens splits text into lowercased word tokens. Tokens are runs of letters
// and digits (Unicode-aware, common Latin accents folded: "é" -> "e").
//
//   - Apostrophes are folded (’ -> ') and kept inside words ("o'brien");
//     possessive 's and the clitics 'm 're 've 'll 'd are dropped
//     ("Trump's" -> "trump"); n't becomes a separate "not" ("don't" ->
//     "do", "not"; "can't" -> "can", "not"; "won't" -> "will", "not").
//   - Hyphens and other punctuation split words ("20-point" -> "20", "point").
//   - Dotted acronyms are joined ("U.S." -> "us").
//   - Numbers are normalised: letters and digits split ("20pt" -> "20", "pt"),
//     thousands separators dropped ("1,000" -> "1000"), decimals kept
//     ("3.5"), signs such as % dropped ("95%" -> "95").
//
// It returns nil for text without words.
func Tokens(s string) []string {
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
		if j, ok := acronymEnd(rs, i); ok {
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
			case c == ',' && j > i && isDigit(rs[j-1]) && thousandsGroup(rs, j+1):
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
func acronymEnd(rs []rune, i int) (int, bool) {
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
func thousandsGroup(rs []rune, i int) bool {
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

// appendWord splits a raw word into tokens (letters/digits apart, clitics
// handled) and appends them.
func appendWord(out []string, w string) []string {
	if strings.IndexByte(w, '\'') >= 0 {
		switch {
		case strings.HasSuffix(w, "n't"):
			base := w[:len(w)-3]
			switch base {
			case "ca":
				base = "can"
			case "wo":
				base = "will"
			case "sha":
				base = "shall"
			}
			if base != "" {
				out = appendWord(out, base)
			}
			return append(out, "not")
		}
		for _, suf := range clitics {
			if strings.HasSuffix(w, suf) && len(w) > len(suf) {
				w = w[:len(w)-len(suf)]
				break
			}
		}
		if strings.IndexByte(w, '\'') >= 0 {
			return append(out, w)
		}
	}
	// Split at letter/digit boundaries; a decimal point stays with digits.
	start := 0
	kind := 0 // 1 letter, 2 digit
	for i, r := range w {
		k := 1
		if isDigit(r) || (r == '.' && kind == 2) {
			k = 2
		}
		if kind != 0 && k != kind {
			out = append(out, w[start:i])
			start = i
		}
		kind = k
	}
	if start < len(w) {
		out = append(out, strings.TrimRight(w[start:], "."))
	}
	return out
}

var clitics = []string{"'s", "'m", "'re", "'ve", "'ll", "'d"}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || unicode.IsDigit(r) }

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`'
}

// foldRune lowercases r and folds common Latin accents to plain letters.
func foldRune(r rune) rune {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	r = unicode.ToLower(r)
	if f, ok := latinFold[r]; ok {
		return f
	}
	return r
}

var latinFold = map[rune]rune{}

func init() {
	groups := map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě",
		'g': "ĝğġģ", 'h': "ĥħ", 'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ",
		'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏő", 'r': "ŕŗř",
		's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűų", 'w': "ŵ",
		'y': "ýÿŷ", 'z': "źżž",
	}
	for base, s := range groups {
		for _, r := range s {
			latinFold[r] = base
		}
	}
}

// Fold lowercases s and folds common Latin accents, as Tokens does to the
// letters of its tokens.
func Fold(s string) string {
	return strings.Map(foldRune, s)
}
