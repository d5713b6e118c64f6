package cluster

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/text"
)

// word is one word of a sentence as it was written and as it is compared.
type word struct {
	raw   string // as written: "Lohan", "NATO"
	key   string // folded: "lohan", "nato"
	cap   bool   // starts with an upper-case letter
	upper bool   // written all in capitals (an acronym), two letters or more
	// brk is true when punctuation other than a hyphen or an apostrophe
	// stands between this word and the one before, so no phrase spans it.
	brk bool
}

// splitWords splits a sentence into words: runs of letters and digits with
// inner apostrophes and dots ("O'Brien", "U.S."); a possessive "'s" is
// dropped. Hyphens join nothing: "Costa-Rica" is two words without a break.
func splitWords(s string, out []word) []word {
	brk := true
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && !isAlnum(c) {
			if c != '-' && c != ' ' && c != '\'' && c != '\t' {
				brk = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if r != '-' && r != ' ' && r != '\'' && r != '’' && r != '\u00a0' && r != '\t' {
				brk = true
			}
			i += n
			continue
		}
		j := i + n
		// inner: the word holds a dot or an apostrophe; lower: it holds
		// an ASCII lowercase letter (so it is no acronym).
		inner, lower := false, false
		for j < len(s) {
			if c := s[j]; isAlnum(c) {
				lower = lower || c >= 'a' && c <= 'z'
				j++
				continue
			}
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				lower = lower || unicode.IsLower(r2)
				j += n2
				continue
			}
			// An apostrophe or a dot between two letters stays inside.
			if r2 == '\'' || r2 == '’' || r2 == '.' {
				if r3, _ := utf8.DecodeRuneInString(s[j+n2:]); unicode.IsLetter(r3) && !(r2 == '.' && unicode.IsLower(r3)) {
					inner = true
					j += n2
					continue
				}
			}
			break
		}
		raw := s[i:j]
		if inner {
			if j < len(s) && s[j] == '.' && strings.Contains(raw, ".") {
				// The last dot of an acronym ("U.S.") ends no phrase.
				j++
			}
			if k := strings.LastIndexAny(raw, "'’"); k > 0 {
				if tail := strings.ToLower(raw[k:]); tail == "'s" || tail == "’s" {
					raw = raw[:k]
				}
			}
		}
		w := word{raw: raw, brk: brk}
		w.cap = unicode.IsUpper(r)
		if w.cap && j-i >= 2 && !lower {
			w.upper = strings.ToUpper(raw) == raw && strings.IndexFunc(raw, unicode.IsLetter) >= 0
		}
		w.key = fold(raw)
		if inner && strings.ContainsAny(w.key, ".’") {
			w.key = keyCleaner.Replace(w.key)
		}
		out = append(out, w)
		brk = false
		i = j
	}
	return out
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// fold is text.Fold without a copy for the common case, a word already
// in lowercase ASCII.
func fold(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return text.Fold(s)
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return s
	}
	return strings.ToLower(s)
}

var keyCleaner = strings.NewReplacer(".", "", "’", "'")

// isNumeric reports whether a folded word is made of digits.
func isNumeric(k string) bool {
	for _, r := range k {
		if !unicode.IsDigit(r) && r != '\'' {
			return false
		}
	}
	return k != ""
}

// function reports whether a folded word is a function word, in English
// or in one of the other languages whose articles a corpus may hold.
func function(k string) bool {
	return text.IsStopword(k) || foreignFunction[k] || newsFiller[k]
}

// content reports whether a folded word can carry a story: not a function
// word, not a number, and at least three letters long.
func content(k string) bool {
	return len(k) >= 3 && !function(k) && !isNumeric(k)
}

// foreignFunction holds the commonest function words of French, German,
// Spanish, Portuguese, Italian and Dutch, so that they never make a name
// ("De La", "La Loi") nor a feature.
var foreignFunction = setOf(
	// French
	"le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "au", "aux", "ce", "cette", "ces",
	"dans", "par", "pour", "sur", "avec", "qui", "que", "quoi", "ne", "pas", "plus", "se", "sa", "son", "ses",
	"il", "elle", "ils", "elles", "nous", "vous", "leur", "leurs", "mais", "ou", "où", "dont", "été", "etre",
	"être", "avait", "sont", "fait", "comme", "aussi", "tout", "tous", "entre", "depuis", "selon", "sans",
	"lors", "apres", "après", "avant", "encore", "deja", "déjà", "ont", "sera", "peut", "doit", "lui",
	// German
	"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "ist", "im",
	"mit", "von", "zu", "zum", "zur", "auf", "für", "fur", "nicht", "sich", "auch", "als", "bei", "nach",
	"wie", "aus", "noch", "nur", "oder", "aber", "wird", "werden", "wurde", "hat", "haben", "sind", "war",
	"dass", "daß", "es", "er", "sie", "wir", "ihr", "über", "uber", "vor", "bis", "durch", "gegen", "unter",
	// Spanish and Portuguese
	"el", "los", "las", "del", "y", "es", "por", "para", "con", "una", "uno", "su", "sus", "al", "lo",
	"como", "más", "mas", "pero", "sin", "sobre", "este", "esta", "entre", "también", "tambien", "ha",
	"o", "os", "as", "da", "do", "das", "dos", "em", "no", "na", "nos", "nas", "um", "uma", "com", "não",
	"nao", "ao", "à", "pelo", "pela", "seu", "sua", "foi", "são", "sao", "muito",
	// Italian and Dutch
	"il", "di", "della", "dei", "delle", "che", "non", "per", "gli", "nel", "nella", "è", "sono",
	"het", "een", "van", "en", "op", "te", "dat", "niet", "voor", "met", "zijn", "er", "aan", "ook",
	"bij", "door", "naar", "uit", "dan", "wordt", "werd", "heeft",
)

// newsFiller holds words every news story uses whatever it is about
// (the days of the week, reporting verbs, datelines), which would make
// unrelated stories look alike and never say what a story is.
var newsFiller = setOf(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"said", "says", "say", "told", "reported", "according", "added", "percent", "pct",
	"mln", "dlrs", "billion", "million", "year", "years", "week", "weeks", "month", "months",
	"today", "yesterday", "tomorrow", "time", "people", "news", "reuters", "reuter",
	"ap", "afp", "cnn", "bbc", "photo", "photos", "caption", "hide", "image", "images", "video",
	"click", "read", "share", "comments", "advertisement", "updated", "published", "copyright",
	"first", "last", "also", "just", "like", "one", "two", "three", "later",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"january", "february", "march", "april", "june", "july", "august", "september", "october",
	"november", "december", "mr", "mrs", "ms", "dr", "inc", "corp", "co", "ltd", "plc",
)

// questionWords never make a name ("Neon Which"); they are kept as
// features, where they do no harm.
var questionWords = setOf("what", "which", "when", "where", "who", "whom", "whose", "why", "how", "whether", "while")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// englishShare is the share of an article's words that are among the
// commonest English function words; English prose runs at 0.25 to 0.4,
// other languages below 0.08.
func englishShare(ws []word) float64 { return share(ws, englishCore) }

// share is the share of ws whose key is in set.
func share(ws []word, set map[string]bool) float64 {
	if len(ws) == 0 {
		return 0
	}
	n := 0
	for _, w := range ws {
		if set[w.key] {
			n++
		}
	}
	return float64(n) / float64(len(ws))
}

var englishCore = setOf("the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "was",
	"as", "by", "it", "at", "from", "his", "he", "be", "has", "have", "are", "were", "this", "which",
	"an", "but", "not", "they", "their", "its", "been", "who", "will", "would", "had", "or")
