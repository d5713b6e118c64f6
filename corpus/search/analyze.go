package search

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/corpus/text"
)

// BuiltinSynonyms are the synonym groups every index knows. Members are
// words or phrases; each group folds to one term.
var BuiltinSynonyms = [][]string{
	{"US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America", "American", "Americans", "Washington"},
	{"UK", "U.K.", "United Kingdom", "Britain", "Great Britain", "British"},
	{"EU", "E.U.", "European Union"},
	{"UN", "U.N.", "United Nations"},
	{"point", "pt", "pts"},
	// Common abbreviations.
	{"documentation", "docs", "doc"},
	{"information", "info"},
	{"application", "applications", "app", "apps"},
	{"configuration", "config"},
	{"repository", "repo", "repos"},
	{"development", "developer", "dev", "devs"},
	{"directory", "dir"},
	{"library", "lib", "libs"},
	{"administrator", "admin"},
	{"environment", "env"},
	{"specification", "spec", "specs"},
	{"government", "govt"},
	{"international", "intl"},
	{"national", "natl"},
	{"department", "dept"},
	{"approximately", "approx"},
	{"distribution", "distributions", "distro", "distros"},
	{"operating system", "os"},
	{"database", "db"},
	{"command line", "cli"},
	{"user interface", "ui"},
	// Common English synonyms that questions use for the text's words.
	{"troops", "soldiers"},
	{"trip", "visit", "journey"},
	{"deal", "agreement", "pact"},
	{"talks", "negotiations"},
	{"begin", "start", "launch"},
	{"refuse", "reject", "decline"},
	{"country", "nation"},
	{"delete", "remove", "erase"},
	{"fix", "repair"},
	{"problem", "issue", "trouble"},
	{"purpose", "aim", "goal"},
	{"important", "crucial", "essential", "vital"},
	{"choose", "pick", "select"},
	{"ceasefire", "truce", "armistice"},
	{"attack", "strike", "assault"},
	{"money", "funds", "funding"},
	{"price", "cost"},
	{"buy", "purchase"},
	{"help", "assist", "assistance"},
}

// ignored tokens carry no meaning once numbers are normalised ("95%" and
// "95 percent" both keep only "95").
var ignored = map[string]bool{"percent": true, "pct": true, "cent": true}

var numberWords = map[string]string{
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
	"six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
	"eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
	"fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
	"nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
	"fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80",
	"ninety": "90", "hundred": "100",
}

// analyzer turns text into term keys. It is read-only after construction.
type analyzer struct {
	fold    map[string]string // name variant -> canonical token
	phrases map[string][][]string
	// phraseKey is what a matched synonym phrase becomes.
	phraseKey map[string]string
	stems     map[string]string // token -> stem cache filled at build time
}

// token is one analysed word.
type token struct {
	raw  string // lowercased token after number/name normalisation
	key  string // stem, or synonym group key
	stop bool
	// spelt is true for a number written as a word ("two" -> "2").
	spelt bool
}

func (a *analyzer) normalize(tok string) (string, bool) {
	if ignored[tok] {
		return "", false
	}
	if d, ok := numberWords[tok]; ok {
		return d, true
	}
	if f, ok := a.fold[tok]; ok {
		return f, true
	}
	return american(tok), true
}

// britishEndings are British spellings and their American forms, tried
// longest first. Both sides of a search go through the same mapping, so a
// word that merely looks British ("promise" -> "promize") still matches
// itself.
var britishEndings = []struct {
	from, to string
	min      int // shortest word the rule applies to
}{
	{"isations", "izations", 10}, {"isation", "ization", 9}, {"ising", "izing", 7},
	{"ised", "ized", 6}, {"ises", "izes", 6}, {"ise", "ize", 6},
	{"ysing", "yzing", 7}, {"ysed", "yzed", 6}, {"yse", "yze", 6},
	{"ours", "ors", 7}, {"our", "or", 6}, {"oured", "ored", 8}, {"ouring", "oring", 9},
	{"tres", "ters", 6}, {"tre", "ter", 5}, {"ence", "ense", 7},
	{"ogue", "og", 7}, {"ogues", "ogs", 8}, {"mme", "m", 8}, {"mmes", "ms", 9},
	{"lled", "led", 7}, {"lling", "ling", 8}, {"ller", "ler", 7},
}

// american maps a British spelling to the American one (finalised ->
// finalized, colour -> color, centre -> center, defence -> defense,
// catalogue -> catalog, programme -> program, travelled -> traveled).
func american(tok string) string {
	for _, e := range britishEndings {
		if len(tok) >= e.min && strings.HasSuffix(tok, e.from) {
			return tok[:len(tok)-len(e.from)] + e.to
		}
	}
	return tok
}

func (a *analyzer) stem(tok string) string {
	if s, ok := a.stems[tok]; ok {
		return s
	}
	return rootOf(text.Stem(tok))
}

// rootOf joins a few derived forms the English stemmer keeps apart, on
// stems of five letters or more: a verb in -d and its noun in -s (invad /
// invas, decid / decis, defend / defens, includ / inclus) and nouns in
// -ement (agreement / agre, settlement / settl), and the -ing the stemmer
// leaves when it strips -ness or -ly (willingness / willing / will).
func rootOf(stem string) string {
	if len(stem) >= 5 && !text.IsNumber(stem) {
		if strings.HasSuffix(stem, "d") {
			return stem[:len(stem)-1] + "s"
		}
		if strings.HasSuffix(stem, "ement") && len(stem) >= 9 {
			return stem[:len(stem)-5]
		}
		if strings.HasSuffix(stem, "ing") && len(stem) >= 7 {
			return stem[:len(stem)-3] // willingness -> willing -> will
		}
	}
	return stem
}

// words returns the normalised, stemmed tokens of s with synonym phrases
// folded, stopwords marked.
func (a *analyzer) words(s string) []token {
	return a.wordsOf(tokensOf(s))
}

// tokensOf is text.Tokens plus, at the end, each hyphenated compound of
// letters written as one word ("CD-ROM" -> "cd", "rom", ... "cdrom"), so
// that "cdrom" and "e-mail" / "email" match.
func tokensOf(s string) []string {
	toks := text.Tokens(s)
	if strings.IndexAny(s, "-‐‑") < 0 {
		return toks
	}
	return append(toks, compounds(s)...)
}

// compounds returns the hyphenated compounds of letters in s, folded and
// joined.
func compounds(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) || i > 0 && (unicode.IsLetter(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
			i++
			continue
		}
		var b strings.Builder
		parts, j := 0, i
		for {
			k := j
			for k < len(rs) && unicode.IsLetter(rs[k]) {
				k++
			}
			b.WriteString(text.Fold(string(rs[j:k])))
			parts++
			if k+1 < len(rs) && isHyphen(rs[k]) && unicode.IsLetter(rs[k+1]) {
				j = k + 1
				continue
			}
			j = k
			break
		}
		if parts >= 2 && (j == len(rs) || !unicode.IsDigit(rs[j])) {
			out = append(out, b.String())
		}
		i = j
	}
	return out
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// wordsOf is words over the tokens of a text.
func (a *analyzer) wordsOf(raw []string) []token {
	toks := make([]token, 0, len(raw))
	for _, r := range raw {
		n, ok := a.normalize(r)
		if !ok {
			continue
		}
		t := token{raw: n, spelt: n != r && numberWords[r] != ""}
		if text.IsStopword(n) {
			t.stop, t.key = true, n
		} else {
			t.key = a.stem(n)
		}
		toks = append(toks, t)
	}
	if len(a.phrases) == 0 {
		return toks
	}
	out := toks[:0]
	for i := 0; i < len(toks); {
		best, bestKey := 0, ""
		for _, p := range a.phrases[toks[i].key] {
			if len(p) > best && i+len(p) <= len(toks) && matchAt(toks[i:], p) {
				best, bestKey = len(p), a.phraseKey[strings.Join(p, " ")]
			}
		}
		if best == 0 {
			out = append(out, toks[i])
			i++
			continue
		}
		out = append(out, token{raw: toks[i].raw, key: bestKey})
		i += best
	}
	return out
}

func matchAt(toks []token, p []string) bool {
	for j, k := range p {
		if toks[j].key != k {
			return false
		}
	}
	return true
}

// addSynonyms registers groups; a member already in a group joins that
// group's key.
func (a *analyzer) addSynonyms(groups [][]string) {
	if a.phrases == nil {
		a.phrases = map[string][][]string{}
		a.phraseKey = map[string]string{}
	}
	for _, g := range groups {
		var members [][]string
		key := ""
		for _, m := range g {
			ws := a.words(m) // earlier groups already apply
			if len(ws) == 0 {
				continue
			}
			ks := make([]string, len(ws))
			for i, w := range ws {
				ks[i] = w.key
			}
			if key == "" && len(ws) == 1 && strings.HasPrefix(ws[0].key, "~") {
				key = ws[0].key
			}
			members = append(members, ks)
		}
		if len(members) < 2 {
			continue
		}
		if key == "" {
			key = "~" + strconv.Itoa(len(a.phraseKey)) + "~" + strings.Join(members[0], "_")
		}
		for _, m := range members {
			if len(m) == 1 && m[0] == key {
				continue
			}
			j := strings.Join(m, " ")
			if _, dup := a.phraseKey[j]; dup {
				continue
			}
			a.phraseKey[j] = key
			a.phrases[m[0]] = append(a.phrases[m[0]], m)
		}
	}
}
