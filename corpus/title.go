package corpus

import (
	"strings"
)

// maxTitleWords is the longest headline taken from the text itself.
const maxTitleWords = 25

// takeTitle picks the article's title and returns the units left.
//
// A title given by the document's metadata (front matter, HTML) wins; the
// first unit is dropped when it repeats it. Otherwise the headline is the
// first unit when it is shaped like one (a heading, or a short title-cased
// line) and is not a pull quote; that unit then leaves the body. Failing
// that, the title is the first heading near the top (kept in the body), or
// else the first sentence, shortened to a dozen words.
func takeTitle(units []unit, given string) (string, []unit) {
	given = fold(given)
	if given != "" {
		if len(units) > 0 && Similarity(units[0].text, given) >= 0.8 && units[0].kind != Item {
			units = units[1:]
		}
		return given, units
	}
	if len(units) == 0 {
		return "", units
	}
	first := units[0]
	if len(units) > 1 && first.kind != Item && !isQuoteOnly(first.text) && words(first.text) <= maxTitleWords &&
		(first.kind == Heading || first.kind == Para && first.lines <= 2 && isTitleCase(first.text) && len(SplitSentences(first.text)) == 1) {
		return first.text, units[1:]
	}
	for i, u := range units {
		if i >= headSpan {
			break
		}
		if u.kind == Heading && !isQuoteOnly(u.text) && words(u.text) <= maxTitleWords {
			return u.text, units
		}
	}
	for _, u := range units {
		if u.kind == Para && !isQuoteOnly(u.text) {
			return shorten(firstSentence(u.text), 12), units
		}
	}
	return shorten(firstSentence(units[0].text), 12), units
}

func firstSentence(t string) string {
	if s := SplitSentences(t); len(s) > 0 {
		return s[0]
	}
	return t
}

// shorten cuts t to at most n words, ending with "…" when it cut, and
// drops a final period otherwise.
func shorten(t string, n int) string {
	f := strings.Fields(t)
	if len(f) <= n {
		return strings.TrimSuffix(t, ".")
	}
	cut := strings.Join(f[:n], " ")
	cut = strings.TrimRight(cut, ",;:–—-")
	return cut + "…"
}
