package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word, a number or one punctuation mark of a sentence.
type token struct {
	start, end int
	text       string // as written
	lower      string // lowercased; a dotted acronym without its dots ("u.s." -> "us")
	word       bool   // letters or digits (not punctuation)
	digit      bool   // starts with a digit
	capital    bool   // starts with an upper-case letter
	allCaps    bool   // two or more letters, all upper case ("IBM", "U.S.")
	first      bool   // the first word of the sentence (or of a quotation)
}

// scan splits s into tokens. Words keep their inner apostrophes
// ("O'Brien"), hyphens ("Knowles-Carter", "26-FEB-1987") and, between
// digits, their separators ("1,000", "3.5", "15:01", "1986/87"); a
// possessive "'s" is a token of its own; "U.S." is one token.
func scan(s string) []token { return appendScan(nil, s) }

// appendScan appends the tokens of s, as scan returns them, to toks.
func appendScan(toks []token, s string) []token {
	first := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
			continue
		case !isWordRune(r):
			toks = append(toks, token{start: i, end: i + size, text: s[i : i+size], lower: s[i : i+size]})
			if r == '.' || r == '!' || r == '?' || r == ':' || r == ';' || r == '"' || r == '“' || r == '(' {
				first = true
			}
			i += size
			continue
		}
		j := wordEnd(s, i)
		t := token{start: i, end: j, text: s[i:j], word: true, first: first}
		first = false
		t.lower = strings.ToLower(t.text)
		if strings.Contains(t.lower, ".") && !unicode.IsDigit(r) {
			t.lower = strings.ReplaceAll(t.lower, ".", "")
		}
		t.digit = unicode.IsDigit(r)
		t.capital = unicode.IsUpper(r)
		letters, upper := 0, 0
		for _, c := range t.text {
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			}
		}
		t.allCaps = letters >= 2 && upper == letters
		toks = append(toks, t)
		i = j
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordEnd returns where the word starting at i ends.
func wordEnd(s string, i int) int {
	if j, ok := dottedAcronym(s, i); ok {
		return j
	}
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		next, nsize := utf8.DecodeRuneInString(s[j+size:])
		if j+size >= len(s) || !isWordRune(next) {
			break
		}
		switch r {
		case '\'', '’':
			// "'s" then a non-letter is a possessive: a token of its own.
			if (next == 's' || next == 'S') && !followedByLetter(s, j+size+nsize) {
				return j
			}
			if !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
				return j
			}
		case '-':
		case '.', ',', ':', '/':
			if !unicode.IsDigit(prev) || !unicode.IsDigit(next) {
				return j
			}
			// "1,000" and "3.5" but not "1987,1988": a comma groups three digits.
			if r == ',' && !threeDigits(s, j+size) {
				return j
			}
		default:
			return j
		}
		j += size
	}
	return j
}

func followedByLetter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func threeDigits(s string, i int) bool {
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n == 3
}

// dottedAcronym reads "U.S." or "U.S" (single letters each followed by a
// dot, at least two) at i.
func dottedAcronym(s string, i int) (int, bool) {
	j, n := i, 0
	for j+1 < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsUpper(r) || j+size >= len(s) || s[j+size] != '.' {
			break
		}
		after := j + size + 1
		if after < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[after:]); unicode.IsLetter(next) && !unicode.IsUpper(next) {
				break
			}
		}
		j = after
		n++
		if j >= len(s) {
			break
		}
		if next, _ := utf8.DecodeRuneInString(s[j:]); !unicode.IsUpper(next) {
			break
		}
	}
	if n >= 2 {
		return j, true
	}
	return i, false
}
