package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanLine folds non-breaking spaces and collapses whitespace.
func CleanLine(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") && strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\t') < 0 &&
		strings.IndexByte(s, '\r') < 0 && !strings.Contains(s, "\u00a0") {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// StartsWithQuote reports whether s opens with a quotation mark: quoted
// speech, not a question the document asks.
func StartsWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("\"“‘'«„", r)
}

// sameQuestionKey reports questionKey(a) == questionKey(b) without
// making the keys.
func sameQuestionKey(a, b string) bool {
	ka, kb := keyReader{s: a}, keyReader{s: b}
	for {
		ra, rb := ka.next(), kb.next()
		if ra != rb {
			return false
		}
		if ra < 0 {
			return true
		}
	}
}

// keyReader reads the runes of questionKey(s) one at a time.
type keyReader struct {
	s       string
	i       int
	started bool // a word was read
	gap     bool // a space is due before the next word's runes
}

// next returns the next rune of the key, or -1 at its end.
func (k *keyReader) next() rune {
	for k.i < len(k.s) {
		r, size := rune(k.s[k.i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(k.s[k.i:])
		}
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			k.i += size
			k.gap = k.started
			continue
		}
		if k.gap {
			k.gap = false
			return ' '
		}
		k.i += size
		k.started = true
		return r
	}
	return -1
}

// QuestionKey is the form under which two questions count as the same.
func QuestionKey(q string) string {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

func HasSource(ss []Source, id string) bool {
	for _, s := range ss {
		if s.ID == id {
			return true
		}
	}
	return false
}

func NonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
