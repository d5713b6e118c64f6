package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/search"
	"github.com/briefbot/briefbot/corpus/text"
)

// answerType is what kind of fact a question asks for.
type answerType int

const (
	anyType answerType = iota
	dateType
	numberType
	nameType
	// durationType is a span of time: a number of hours, days, years.
	durationType
)

// howAdjectives turn "how" into a question about an amount ("how long").
var howAdjectives = map[string]answerType{
	"long": durationType, "many": numberType, "much": numberType, "old": numberType,
	"far": numberType, "big": numberType, "often": numberType, "soon": dateType,
	"large": numberType, "close": numberType,
}

// whatNouns turn "what" into a question about a kind of fact ("what
// year", "what length").
var whatNouns = map[string]answerType{
	"year": dateType, "date": dateType, "day": dateType, "month": dateType, "time": dateType,
	"length": durationType, "duration": durationType,
	"percentage": numberType, "amount": numberType, "number": numberType, "price": numberType,
	"cost": numberType, "size": numberType,
}

// frame finds the words of a question that say what kind of fact it asks
// for (when, who, where, "how long") and the type of that fact. It reads
// the question's words as typed, stopwords included ("how much"); the
// returned indexes point into terms, at those of the framing words that
// are terms.
func frame(q string, terms []search.QueryTerm) (answerType, []int) {
	words := text.Tokens(q)
	termAt := func(w string) []int {
		for i, t := range terms {
			if t.Word == w && t.Of == 0 {
				return []int{i}
			}
		}
		return nil
	}
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch w {
		case "when":
			return dateType, termAt(w)
		case "who", "whom", "whose", "where":
			return nameType, termAt(w)
		case "how":
			typ, ok := howAdjectives[next]
			if !ok {
				return anyType, nil
			}
			idx := termAt(w)
			if j := termAt(next); len(idx) == 1 && len(j) == 1 {
				idx = append(idx, j[0])
			}
			return typ, idx
		case "what", "which":
			// "what year", "what ceasefire length": the noun that says
			// what kind of fact is wanted comes within two words.
			for k := i + 1; k < len(words) && k <= i+2; k++ {
				typ, ok := whatNouns[words[k]]
				if !ok {
					continue
				}
				idx := termAt(w)
				if j := termAt(words[k]); len(idx) == 1 && len(j) == 1 {
					idx = append(idx, j[0])
				}
				return typ, idx
			}
			return anyType, nil
		}
	}
	return anyType, nil
}

// whyFrames are the other ways to ask "why": "what is the purpose of",
// "what was the reason for", "how come", "for what reason".
var whyFrames = regexp.MustCompile(`(?i)^\s*(?:what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+the\s+(?:main\s+|real\s+)?(?:purpose|reason|point|goal|aim|motive|motivation)s?\s+(?:of|for|behind)|how\s+come|for\s+what\s+(?:reason|purpose))\s+`)

// reframe rewrites a question's framing words to the plain question word
// they stand for ("what is the purpose of the trip" asks "why the trip"),
// so that it matches FAQ questions written the plain way.
func reframe(q string) string {
	if loc := whyFrames.FindStringIndex(q); loc != nil {
		return "why " + q[loc[1]:]
	}
	return q
}

// timeUnits name spans of time; after a number they make a duration.
var timeUnits = map[string]bool{
	"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true, "hours": true,
	"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true,
	"year": true, "years": true, "decade": true, "decades": true, "century": true, "centuries": true,
}

var dateWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tomorrow": true,
	"weekend": true, "ago": true,
}

// factsOf returns the kinds of fact s holds, as a bit set of answerType:
// a date or time word or a year (dateType), a number (numberType), a
// capitalised word inside a sentence (nameType).
func factsOf(s string) uint8 {
	var sc factScan
	for _, tok := range text.Tokens(s) {
		sc.add(tokenFacts(tok))
	}
	return sc.facts(s)
}

// Token facts beyond the answer types (bits 1-4): a time unit ("hours"),
// and a word that counts what follows it ("two", "30", "a"). Bit 0 is
// left free for callers that cache token facts.
const (
	timeUnitFact uint8 = 1 << 6
	counterFact  uint8 = 1 << 7
)

// tokenFacts is the part of factsOf one token decides.
func tokenFacts(tok string) uint8 {
	var f uint8
	if dateWords[tok] || len(tok) == 4 && text.IsNumber(tok) && (tok[:2] == "19" || tok[:2] == "20") {
		f |= 1 << dateType
	}
	if text.IsNumber(tok) || numberWordSet[tok] {
		f |= 1<<numberType | counterFact
	}
	if tok == "a" || tok == "an" {
		f |= counterFact
	}
	if timeUnits[tok] {
		f |= timeUnitFact
	}
	return f
}

// factScan gathers the facts of a text from its tokens' facts, in order:
// a time unit right after a counting word makes a duration ("two hours",
// "half a century", "30-day", "an hour"); one alone does not ("for years").
type factScan struct {
	f       uint8
	counter bool // the previous token counts
}

func (sc *factScan) add(tf uint8) {
	sc.f |= tf &^ (timeUnitFact | counterFact | 1)
	if tf&timeUnitFact != 0 && sc.counter {
		sc.f |= 1 << durationType
	}
	sc.counter = tf&counterFact != 0
}

// facts returns the facts gathered, with a name inside s.
func (sc *factScan) facts(s string) uint8 {
	if hasInnerCapital(s) {
		return sc.f | 1<<nameType
	}
	return sc.f
}

var numberWordSet = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "dozen": true, "hundred": true,
	"thousand": true, "million": true, "billion": true, "half": true, "several": true,
}

// hasInnerCapital reports whether a word other than a sentence's first
// starts with a capital letter.
func hasInnerCapital(s string) bool { return innerCapitalBeyond(s, nil) }

// innerCapitalBeyond is hasInnerCapital counting only the capitalised
// words for which asked (when not nil) is false: a name the question
// already uses does not answer "who".
func innerCapitalBeyond(s string, asked func(word string) bool) bool {
	start := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) && r2 != '\'' && r2 != '’' {
					break
				}
				j += n2
			}
			if !start && unicode.IsUpper(r) && !text.IsStopword(strings.ToLower(s[i:j])) && (asked == nil || !asked(s[i:j])) {
				return true
			}
			start = false
			i = j
			continue
		}
		if r == '.' || r == '?' || r == '!' || r == '“' || r == '"' || r == ':' {
			start = true
		}
		i += n
	}
	return false
}

// askedWord returns a test of whether a word is one of the question's
// (as the index reads it: stemmed, name variants folded).
func (a *Answerer) askedWord(terms []search.QueryTerm) func(string) bool {
	seen := map[string]bool{}
	return func(w string) bool {
		if v, ok := seen[w]; ok {
			return v
		}
		ts := a.ix.Terms(w)
		v := len(ts) > 0
		for _, t := range ts {
			found := false
			for _, q := range terms {
				if q.Term == t {
					found = true
					break
				}
			}
			v = v && found
		}
		seen[w] = v
		return v
	}
}

// namesBeyond reports whether a candidate's answer text (an FAQ answer or
// issue summary, or a passage's sentence with its neighbours) holds a name
// the question does not already use.
func (a *Answerer) namesBeyond(c *candidate, asked func(string) bool) bool {
	if c.kind != KindPassage {
		return innerCapitalBeyond(c.answer, asked)
	}
	for i := max(0, c.center-1); i <= c.center+1 && i < len(c.sentences); i++ {
		if innerCapitalBeyond(c.sentences[i], asked) {
			return true
		}
	}
	return false
}
