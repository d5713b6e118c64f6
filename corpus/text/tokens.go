package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	return AppendTokens(nil, s)
}

// AppendTokens appends the tokens of s, as Tokens returns them, to dst and
// returns the extended slice. A token written in s exactly as it is
// returned (already lowercase, nothing folded or dropped) is a substring of
// s rather than a copy.
func AppendTokens(dst []string, s string) []string {
	var stack [64]byte
	buf := stack[:0]
	n := len(s)
	for i := 0; i < n; {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiClass[c] == classOther {
				i++
				continue
			}
			// Fast path: a word of two ASCII letters or more, or of ASCII
			// digits, ended by what cannot extend it.
			if j, tok, ok := asciiWord(s, i, buf[:0]); ok {
				if tok == nil {
					dst = append(dst, s[i:j])
				} else {
					dst = append(dst, string(tok))
				}
				i = j
				continue
			}
		}
		r, size := runeAt(s, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		// Dotted acronym: L.L. (at least two letter-dot pairs, or L.L at the end).
		if j, ok := acronymEnd(s, i); ok {
			buf = buf[:0]
			for k := i; k < j; {
				c, cs := runeAt(s, k)
				if c != '.' {
					buf = utf8.AppendRune(buf, foldRune(c))
				}
				k += cs
			}
			dst = append(dst, string(buf))
			i = j
			continue
		}
		buf = buf[:0]
		same := true // buf equals s[i:j]
		j := i
		for j < n {
			c, cs := runeAt(s, j)
			switch {
			case isWordRune(c):
				f := foldRune(c)
				if f != c {
					same = false
				}
				buf = utf8.AppendRune(buf, f)
				j += cs
				continue
			case isApostrophe(c) && j+cs < n && isLetterAt(s, j+cs) && j > i && isLetterBefore(s, j):
				if c != '\'' {
					same = false
				}
				buf = append(buf, '\'')
				j += cs
				continue
			case c == ',' && j > i && isDigitBefore(s, j) && thousandsGroup(s, j+1):
				same = false // drop the separator
				j++
				continue
			case c == '.' && j > i && isDigitBefore(s, j) && j+1 < n && isDigitAt(s, j+1):
				buf = append(buf, '.')
				j++
				continue
			}
			break
		}
		if same {
			dst = appendWord(dst, s[i:j])
		} else {
			dst = appendWord(dst, string(buf))
		}
		i = j
	}
	return dst
}

// asciiWord reads the word at i when it is plain: ASCII letters only (two
// or more) or ASCII digits only, followed by the end of s or an ASCII rune
// that is neither a word rune nor one of ' ` , . (which may extend it). It
// returns where the word ends and, when it holds capitals, its lowercase
// form (in buf); tok is nil when the word is s[i:j] as is.
func asciiWord(s string, i int, buf []byte) (j int, tok []byte, ok bool) {
	class := asciiClass[s[i]]
	upper := false
	for j = i; j < len(s); j++ {
		c := s[j]
		if c >= utf8.RuneSelf {
			return 0, nil, false
		}
		k := asciiClass[c]
		if k == classOther {
			switch c {
			case '\'', '`', ',', '.':
				return 0, nil, false
			}
			break
		}
		if k != class {
			return 0, nil, false
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if class == classLetter && j-i < 2 {
		return 0, nil, false // maybe an acronym
	}
	if !upper {
		return j, nil, true
	}
	for k := i; k < j; k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return j, buf, true
}

// runeAt decodes the rune at byte i of s.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isLetterAt(s string, i int) bool {
	r, _ := runeAt(s, i)
	return unicode.IsLetter(r)
}

func isDigitAt(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isDigit(r)
}

// isLetterBefore and isDigitBefore look at the rune ending at byte i.
func isLetterBefore(s string, i int) bool {
	if c := s[i-1]; c < utf8.RuneSelf {
		return asciiClass[c] == classLetter
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

func isDigitBefore(s string, i int) bool {
	if c := s[i-1]; c < utf8.RuneSelf {
		return asciiClass[c] == classDigit
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isDigit(r)
}

// acronymEnd reports whether a dotted acronym ("U.S.", "e.g.", "U.S") starts
// at byte i and where it ends: single letters each followed by a dot, at
// least two of them, or one and a final single letter.
func acronymEnd(s string, i int) (int, bool) {
	n := len(s)
	if i > 0 {
		if c := s[i-1]; c == '.' {
			return 0, false
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); isWordRune(r) {
			return 0, false
		}
	}
	j, pairs := i, 0
	for j < n {
		r, size := runeAt(s, j)
		if j+size >= n || !unicode.IsLetter(r) || s[j+size] != '.' {
			break
		}
		pairs++
		j += size + 1
	}
	if pairs == 0 || j > n {
		return 0, false
	}
	if j < n {
		r, size := runeAt(s, j)
		if unicode.IsLetter(r) {
			if j+size == n {
				return j + size, true
			}
			if r2, _ := runeAt(s, j+size); !isWordRune(r2) {
				return j + size, true
			}
		}
	}
	if pairs >= 2 {
		if j == n {
			return j, true
		}
		if r, _ := runeAt(s, j); !isWordRune(r) {
			return j, true
		}
	}
	return 0, false
}

// thousandsGroup reports whether exactly three digits start at byte i and
// are not followed by another digit.
func thousandsGroup(s string, i int) bool {
	k := i
	for range 3 {
		if k >= len(s) {
			return false
		}
		r, size := runeAt(s, k)
		if !isDigit(r) {
			return false
		}
		k += size
	}
	return k == len(s) || !isDigitAt(s, k)
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

const (
	classOther = iota
	classLetter
	classDigit
)

// asciiClass classifies the ASCII runes as letters, digits or other.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = classLetter, classLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] != classOther
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] == classDigit
	}
	return unicode.IsDigit(r)
}

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
