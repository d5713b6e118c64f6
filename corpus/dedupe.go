package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// contentID returns the stable id of an article: the first 12 hex digits
// of the SHA-256 of its cleaned title and block texts. The source path,
// URL and dates do not count, so the same article stored twice gets the
// same id.
func contentID(a *Article) string {
	n := len(a.Title)
	for _, b := range a.Blocks {
		n += len(b.Text) + 2
	}
	buf := make([]byte, 0, n)
	buf = append(buf, a.Title...)
	for _, b := range a.Blocks {
		buf = append(buf, '\n', byte('0'+b.Kind))
		buf = append(buf, b.Text...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:6])
}

// SentenceKey returns the normalised form of a sentence, for comparing
// sentences from different articles: lower-cased, quotes, apostrophes and
// punctuation removed (except inside numbers such as "3.5", "1,000" and
// before "%"), dashes and slashes turned into spaces, and whitespace folded.
// Two sentences that differ only in typography have the same key. It
// returns "" for a text without letters or digits.
func SentenceKey(s string) string {
	return string(AppendSentenceKey(make([]byte, 0, len(s)), s))
}

// AppendSentenceKey appends SentenceKey(s) to b.
func AppendSentenceKey(b []byte, s string) []byte {
	b0 := len(b)
	space := true
	var prev rune
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			b = append(b, byte(r))
			space = false
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r+'a'-'A'))
			space = false
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b = utf8.AppendRune(b, unicode.ToLower(r))
			space = false
		case r == '%' && isASCIIDigit(prev):
			b = append(b, '%')
		case (r == '.' || r == ',') && isASCIIDigit(prev) && i+1 < len(s) && isASCIIDigit(rune(s[i+1])):
			b = append(b, byte(r))
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ':
			// apostrophes join: "don’t" and "dont" agree
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
		prev = r
		i += size
	}
	for len(b) > b0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

func isASCIIDigit(r rune) bool { return '0' <= r && r <= '9' }

// NearDuplicate reports whether two sentences say the same thing in nearly
// the same words: the Jaccard similarity of the word pairs (bigrams) of
// their SentenceKeys is at least 0.8. Identical keys are duplicates; two
// texts without words are not.
func NearDuplicate(a, b string) bool {
	return Similarity(a, b) >= 0.8
}

// Similarity returns the Jaccard similarity in [0,1] of the word bigrams of
// two texts' SentenceKeys (single words for one-word texts). It is 1 for
// texts with the same key and 0 when either has no words.
func Similarity(a, b string) float64 {
	ka, kb := SentenceKey(a), SentenceKey(b)
	if ka == "" || kb == "" {
		return 0
	}
	if ka == kb {
		return 1
	}
	sa, sb := shingles(ka), shingles(kb)
	inter := 0
	for s := range sa {
		if sb[s] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func shingles(key string) map[string]bool {
	m := make(map[string]bool, strings.Count(key, " ")+1)
	if !strings.Contains(key, " ") {
		if key != "" {
			m[key] = true
		}
		return m
	}
	forBigrams(key, func(bg string) { m[bg] = true })
	return m
}

// forBigrams calls f with each pair of adjacent words of a key (words
// separated by single spaces), as substrings of key.
func forBigrams(key string, f func(string)) {
	start := 0 // start of the previous word
	prevEnd := -1
	for i := 0; i <= len(key); i++ {
		if i < len(key) && key[i] != ' ' {
			continue
		}
		if prevEnd >= 0 {
			f(key[start:i])
			start = prevEnd + 1
		}
		prevEnd = i
	}
}

// containment returns the share of a's word bigrams found in b: 1 when
// everything a says is also in b.
func containment(a, b string) float64 {
	ka, kb := SentenceKey(a), SentenceKey(b)
	if ka == "" || kb == "" {
		return 0
	}
	sa, sb := shingles(ka), shingles(kb)
	in := 0
	for s := range sa {
		if sb[s] {
			in++
		}
	}
	return float64(in) / float64(len(sa))
}
