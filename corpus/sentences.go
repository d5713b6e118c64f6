package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitSentences splits a paragraph into sentences. Whitespace is folded
// first; every returned sentence is trimmed and non-empty, and joining
// them with single spaces gives back the folded text (Chinese and Japanese
// sentences, which end in "。", "！" or "？", are joined without one).
//
// A sentence ends at ".", "?", "!" or an ellipsis, after any closing quotes
// or brackets, when the next word starts a new sentence (an upper-case
// letter, a digit or an opening quote). It does not end after titles and
// common abbreviations (Mr., Dr., Gov., St., e.g., i.e., Feb. 24, No. 5),
// initials (J. K. Rowling), decimals (3.5) or a leading section number
// ("2.1. What is ..."). After a dotted acronym (U.S., U.K., a.m.) it ends
// only when the next word is one that usually starts a sentence ("The",
// "He", "But").
func SplitSentences(text string) []string {
	text = fold(text)
	if text == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '。' || r == '！' || r == '？' {
			// Chinese and Japanese full stops end a sentence as they
			// are, with no space after them.
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 != '。' && r2 != '！' && r2 != '？' && !isCloseQuote(r2) && r2 != '）' {
					break
				}
				j += s2
			}
			out = append(out, strings.TrimRight(text[start:j], " "))
			for j < len(text) && text[j] == ' ' {
				j++
			}
			start, i = j, j
			continue
		}
		if r != '.' && r != '?' && r != '!' && r != '…' {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if r2 != '.' && r2 != '?' && r2 != '!' && r2 != '…' {
				break
			}
			j += s2
		}
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !isCloseQuote(r2) && r2 != ')' && r2 != ']' {
				break
			}
			j += s2
		}
		if j >= len(text) {
			break
		}
		if text[j] != ' ' {
			i = j
			continue
		}
		k := j + 1
		if splitHere(text[start:i], text[i:j], text[k:]) {
			out = append(out, text[start:j])
			start = k
		}
		i = j
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	for i, s := range out {
		if strings.Count(s, " ") >= maxSentenceWords {
			return capSentences(out[:i:i], out[i:])
		}
	}
	return out
}

// maxSentenceWords is the longest sentence SplitSentences returns. Text
// without sentence ends (a dump of words, a list run together on one line)
// is cut into pieces of at most this many words, so that no answer, summary
// line or title is built from one endless "sentence".
const maxSentenceWords = 120

// capSentences appends the sentences of rest to out, cutting each one
// longer than maxSentenceWords: after the last comma, semicolon or dash in
// its second half when there is one, otherwise after the limit's last word.
func capSentences(out, rest []string) []string {
	for _, s := range rest {
		for strings.Count(s, " ") >= maxSentenceWords {
			cut, clause, n := 0, 0, 0
			for i := 0; i < len(s); i++ {
				if s[i] != ' ' {
					continue
				}
				n++
				if n > maxSentenceWords/2 && i > 0 && strings.ContainsRune(",;:", rune(s[i-1])) {
					clause = i
				}
				if n == maxSentenceWords {
					cut = i
					break
				}
			}
			if clause > 0 {
				cut = clause
			}
			out = append(out, s[:cut])
			s = s[cut+1:]
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitHere decides whether the terminator term, after the sentence so far
// (before) and followed by rest, ends a sentence.
func splitHere(before, term, rest string) bool {
	next, word := nextWord(rest)
	switch {
	case next == 0:
		return false
	case unicode.IsLower(next):
		return false
	case !unicode.IsUpper(next) && !unicode.IsDigit(next) && !unicode.Is(unicode.Sc, next):
		return false
	}
	if strings.ContainsAny(term, "?!…") || strings.Contains(term, "..") {
		return true
	}
	tok := before
	if sp := strings.LastIndexByte(before, ' '); sp >= 0 {
		tok = before[sp+1:]
	}
	tok = strings.TrimLeftFunc(tok, func(r rune) bool { return isOpenQuote(r) || r == '(' || r == '[' })
	if tok == "" {
		return true
	}
	low := strings.ToLower(tok)
	digitNext := unicode.IsDigit(next)
	switch {
	case isSectionNumber(tok) && (tok == before || strings.HasSuffix(strings.TrimSuffix(before, tok), ": ")):
		return false // "2.1. What is Debian?" or "Steps: 1. Open ..."
	case digitNext && numberAbbrevs[low]:
		return false // "No. 5", "Feb. 24", "p. 12"
	case utf8.RuneCountInString(tok) == 1 && unicode.IsUpper([]rune(tok)[0]):
		// An initial ("J. K. Rowling", "Donald J. Trump"), unless a
		// one-letter name ends the sentence: "to run A. In some cases".
		return sentenceStarters[strings.ToLower(word)] && !prevCapitalised(before, tok)
	case titleAbbrevs[low]:
		return false // "Mr. Smith", "Gov. Slyusar"
	case innerAbbrevs[low]:
		return false // "e.g. The", "et al. The"
	case isAcronym(tok) || softAbbrevs[low] || numberAbbrevs[low]:
		// "U.S.", "a.m.", "Jr.", "Inc.", "Feb.": a sentence ends only
		// before a word that usually starts one.
		return sentenceStarters[strings.ToLower(word)]
	}
	return true
}

// prevCapitalised reports whether the word before tok at the end of
// before starts with an upper-case letter.
func prevCapitalised(before, tok string) bool {
	rest := strings.TrimSuffix(before, tok)
	rest = strings.TrimRight(rest, " ")
	if sp := strings.LastIndexByte(rest, ' '); sp >= 0 {
		rest = rest[sp+1:]
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// nextWord returns the first letter or digit of rest, skipping opening
// quotes and brackets, and the word it starts.
func nextWord(rest string) (rune, string) {
	rest = strings.TrimLeftFunc(rest, func(r rune) bool { return isOpenQuote(r) || r == '(' || r == '[' })
	r, _ := utf8.DecodeRuneInString(rest)
	if r == utf8.RuneError {
		return 0, ""
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	if end < 0 {
		end = len(rest)
	}
	return r, rest[:end]
}

// isAcronym reports whether tok (without its final period) is a dotted
// abbreviation of one- or two-letter parts: "U.S", "a.m", "Ph.D".
func isAcronym(tok string) bool {
	if !strings.Contains(tok, ".") {
		return false
	}
	for _, part := range strings.Split(tok, ".") {
		n := utf8.RuneCountInString(part)
		if n == 0 || n > 2 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func isSectionNumber(tok string) bool {
	if tok == "" || len(tok) > 12 {
		return false
	}
	for _, r := range tok {
		if r != '.' && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Abbreviations are compared lower-case and without their final period.
var (
	// titleAbbrevs come before a name and never end a sentence.
	titleAbbrevs = set("mr", "mrs", "ms", "mx", "dr", "prof", "gov", "govs", "sen", "sens",
		"rep", "reps", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm",
		"cmdr", "cdr", "insp", "det", "supt", "rev", "hon", "pres", "fr", "st", "mt", "ft",
		"messrs", "mme", "mlle", "gov't", "sec", "atty", "amb", "brig", "cmdt", "rt")
	// innerAbbrevs are used inside sentences and never end one.
	innerAbbrevs = set("e.g", "i.e", "cf", "vs", "viz", "al", "approx", "ca", "resp", "incl",
		"esp", "dept", "est", "ref", "min", "max", "avg", "ave", "blvd", "rd", "univ", "assn")
	// numberAbbrevs come before a number: "No. 5", "Feb. 24".
	numberAbbrevs = set("no", "nos", "nr", "vol", "vols", "p", "pp", "fig", "figs", "art",
		"sec", "ch", "chap", "para", "ed", "op", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec", "tel", "ext", "pt", "pts")
	// softAbbrevs may end a sentence (company suffixes, Jr.).
	softAbbrevs = set("jr", "sr", "inc", "ltd", "co", "corp", "llc", "plc", "bros", "etc")
	// sentenceStarters are words that usually start a sentence.
	sentenceStarters = set("the", "a", "an", "he", "she", "it", "they", "we", "i", "you",
		"this", "that", "these", "those", "there", "his", "her", "its", "their", "our", "my",
		"but", "and", "or", "so", "yet", "in", "on", "at", "for", "after", "before", "when",
		"while", "if", "as", "however", "meanwhile", "still", "also", "then", "now", "some",
		"many", "most", "both", "each", "what", "why", "how", "who", "where", "which",
		"although", "though", "since", "because", "during", "according", "officials", "it's",
		"it’s", "there's", "there’s", "one", "no", "not", "all", "other", "such", "last", "next")
)
