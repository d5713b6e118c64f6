package text

import (
	"github.com/kljensen/snowball/english"
)

// Stem returns the English Snowball stem of a lowercased token
// (github.com/kljensen/snowball, english); the past of a verb of speech is
// stemmed as its base form ("said" as "say"). Numbers and tokens of one or
// two letters are returned unchanged.
func Stem(tok string) string {
	if base, ok := speechVerbs[tok]; ok {
		tok = base
	}
	if len(tok) <= 2 || isNumber(tok) {
		return tok
	}
	return english.Stem(tok, true)
}

// speechVerbs maps the irregular past forms of the verbs that report
// speech, the commonest verbs of news ("what did Trump say" finds "Trump
// said"), to their base form. Other irregular verbs keep their forms: their
// past forms are often words of their own (found, left, made).
var speechVerbs = map[string]string{
	"said": "say", "told": "tell", "spoke": "speak", "spoken": "speak",
	"wrote": "write", "written": "write",
}

// Terms returns the content terms of s: Tokens minus stopwords, stemmed.
// This is what indexes and similarity measures use.
func Terms(s string) []string {
	toks := Tokens(s)
	out := toks[:0]
	for _, t := range toks {
		if IsStopword(t) {
			continue
		}
		out = append(out, Stem(t))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// IsNumber reports whether tok is made of digits (with an optional decimal
// point), as Tokens produces them.
func IsNumber(tok string) bool { return isNumber(tok) }

func isNumber(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		if !isDigit(r) && r != '.' {
			return false
		}
	}
	return true
}
