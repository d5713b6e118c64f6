package entity

import (
	"strconv"
	"strings"
	"unicode"
)

var numberWords = set("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
	"million", "billion", "trillion", "dozen", "dozens", "hundreds", "thousands", "millions", "billions",
	"mln", "bln", "half", "quarter", "several")

// multipliers scale the number before them ("3.5 billion", "two mln").
var multipliers = set("hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "dozen")

var currencySymbols = set("$", "£", "€", "¥", "us$", "usd", "gbp", "eur", "jpy", "c$", "a$", "hk$", "rmb")

// currencyWords follow an amount ("27 dlrs", "30 mln stg", "1.08 billion crowns").
var currencyWords = set("dollar", "dollars", "dlr", "dlrs", "cent", "cents", "ct", "cts", "pound", "pounds",
	"stg", "sterling", "euro", "euros", "yen", "franc", "francs", "mark", "marks", "crown", "crowns",
	"krona", "kronor", "krone", "kroner", "lira", "lire", "peso", "pesos", "rupee", "rupees", "yuan",
	"renminbi", "rouble", "roubles", "ruble", "rubles", "guilder", "guilders", "sdr", "sdrs", "shilling",
	"shillings", "rand", "riyal", "riyals", "dinar", "dinars", "won", "baht", "ringgit", "escudo",
	"escudos", "peseta", "pesetas", "schilling", "schillings", "drachma", "drachmas", "real", "reais")

// currencyAdjectives sit between an amount and its currency: "154 mln Swiss francs".
var currencyAdjectives = set("us", "u.s.", "canadian", "australian", "swiss", "french", "hong", "kong",
	"new", "zealand", "singapore", "taiwan", "belgian", "danish", "swedish", "norwegian", "saudi", "mexican",
	"hk", "west", "german", "japanese", "deutsche", "dutch", "south", "african", "indian", "brazilian")

var percentWords = set("%", "pct", "percent", "percentage", "per")

var timeUnits = set("second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours",
	"hr", "hrs", "day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months", "year",
	"years", "yr", "yrs", "decade", "decades", "century", "centuries", "millennium", "millennia")

var months = map[string]bool{ // true: the name alone is a date ("in January")
	"january": true, "february": true, "march": false, "april": true, "may": false, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": false, "feb": false, "mar": false, "apr": false, "jun": false, "jul": false, "aug": false,
	"sep": false, "sept": false, "oct": false, "nov": false, "dec": false,
}

var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

var dayWords = set("today", "yesterday", "tomorrow", "tonight")

// yearCues come before a year ("in 1987", "fiscal 1986/87").
var yearCues = set("in", "since", "until", "till", "by", "of", "from", "to", "before", "after", "during",
	"fiscal", "year", "due", "early", "late", "mid", "around", "circa", "c", "between", "and", "through", "throughout", "the", "spring", "summer", "autumn", "fall", "winter")

var timeWords = set("noon", "midnight", "midday")
var timeSuffixes = set("am", "pm", "a.m.", "p.m.", "gmt", "est", "edt", "cst", "pst", "bst", "cet", "utc", "o'clock", "hrs", "hours")

// numeric finds dates, times, amounts, percentages, durations and numbers.
func (f *finder) numeric() {
	f.numTaken = f.marks(numMarks)
	f.dates()
	f.times()
	f.amounts()
	f.years()
}

// take marks tokens [i, j) as inside a numeric span and adds it.
func (f *finder) take(k Kind, i, j int) {
	for x := i; x < j; x++ {
		f.numTaken[x] = true
	}
	f.add(k, i, j)
}

// at returns token i, or nil when i is out of range.
func (f *finder) at(i int) *token {
	if i < 0 || i >= len(f.toks) {
		return nil
	}
	return &f.toks[i]
}

func (f *finder) lowerAt(i int) string {
	if t := f.at(i); t != nil {
		return t.lower
	}
	return ""
}

// isNum reports whether token i is a number in figures ("1,000", "3.5",
// "1-1/2") or in words ("five").
func (f *finder) isNum(i int) bool {
	t := f.at(i)
	if t == nil || !t.word {
		return false
	}
	if t.digit {
		return numericText(t.lower)
	}
	return numberWords[t.lower] && !(t.lower == "one" && !f.numberContext(i))
}

// numberContext tells "one" the number from "one" the pronoun: a number
// is followed by a multiplier, a unit or a noun-ish word, not by "of" or a
// verb... which we approximate by what follows.
func (f *finder) numberContext(i int) bool {
	n := f.lowerAt(i + 1)
	return multipliers[n] || currencyWords[n] || timeUnits[n] || percentWords[n]
}

// numericText: digits with separators, optionally a fraction ("1-1/16").
func numericText(s string) bool {
	if s == "" || !unicode.IsDigit(rune(s[0])) {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && !strings.ContainsRune(".,/-", r) {
			return false
		}
	}
	return true
}

// numberRun returns the end of the number phrase starting at i ("two
// hundred and fifty", "3.5 billion", "1.08 billion"), or i when there is none.
func (f *finder) numberRun(i int) int {
	if !f.isNum(i) {
		return i
	}
	j := i + 1
	for j < len(f.toks) {
		switch {
		case multipliers[f.lowerAt(j)] || (numberWords[f.lowerAt(j)] && !f.toks[j].digit && numberWords[f.lowerAt(j-1)]):
			j++
		case f.lowerAt(j) == "and" && numberWords[f.lowerAt(j+1)] && !f.toks[j+1].digit && multipliers[f.lowerAt(j-1)]:
			j += 2
		default:
			return j
		}
	}
	return j
}

// dates finds month-based dates, weekdays, "today", ISO and Reuters
// dates, decades and centuries.
func (f *finder) dates() {
	for i := 0; i < len(f.toks); i++ {
		t := f.toks[i]
		if f.numTaken[i] || !t.word {
			continue
		}
		alone, isMonth := months[strings.TrimSuffix(t.lower, ".")]
		switch {
		case isMonth && t.capital:
			start, end := i, i+1
			if f.at(end) != nil && f.toks[end].text == "." {
				end++ // "Feb."
			}
			dayBefore := i > 0 && f.dayNumber(i-1)
			if dayBefore {
				start = i - 1
			}
			dayAfter := f.dayNumber(end)
			if dayAfter {
				end++
			}
			// ", 1981" or " 1981"
			if f.lowerAt(end) == "," && isYear(f.lowerAt(end+1)) && (dayAfter || dayBefore) {
				end += 2
			} else if isYear(f.lowerAt(end)) {
				end++
			}
			if alone || end-start > 1 && !(end == i+2 && f.toks[i+1].text == ".") {
				f.take(Date, start, end)
				i = end - 1
			}
		case weekdays[t.lower] && t.capital, dayWords[t.lower]:
			f.take(Date, i, i+1)
		case t.digit && isISODate(t.lower):
			f.take(Date, i, i+1)
		case t.digit && isDecade(t.lower):
			start := i
			if i > 0 && f.lowerAt(i-1) == "the" {
				start = i - 1
			}
			f.take(Date, start, i+1)
		case (t.digit || numberWords[t.lower] || ordinalWords[t.lower]) && isOrdinal(t.lower) && (f.lowerAt(i+1) == "century" || f.lowerAt(i+1) == "centuries"):
			f.take(Date, i, i+2)
			i++
		}
	}
}

var ordinalWords = set("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
	"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
	"eighteenth", "nineteenth", "twentieth", "twenty-first")

func isOrdinal(s string) bool {
	if ordinalWords[s] {
		return true
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(s, suf); ok {
			if _, err := strconv.Atoi(n); err == nil {
				return true
			}
		}
	}
	return false
}

// dayNumber: "4", "4th", "21st" as a day of the month.
func (f *finder) dayNumber(i int) bool {
	t := f.at(i)
	if t == nil || !t.digit {
		return false
	}
	s := t.lower
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		s = strings.TrimSuffix(s, suf)
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= 31
}

// isYear: 1000 to 2099 in four figures, or "1986/87".
func isYear(s string) bool {
	y, rest, _ := strings.Cut(s, "/")
	if len(y) != 4 {
		return false
	}
	n, err := strconv.Atoi(y)
	if err != nil || n < 1000 || n > 2099 {
		return false
	}
	if rest != "" {
		if _, err := strconv.Atoi(rest); err != nil || (len(rest) != 2 && len(rest) != 4) {
			return false
		}
	}
	return true
}

// isISODate: 2006-01-02, 26-feb-1987, 02/01/2006.
func isISODate(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' })
	if len(parts) != 3 {
		return false
	}
	if _, isMonth := months[parts[1]]; isMonth {
		return isYear(parts[2])
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return false
		}
	}
	return isYear(parts[0]) || isYear(parts[2])
}

// isDecade: "1990s", "1800s", "90s".
func isDecade(s string) bool {
	n, ok := strings.CutSuffix(s, "s")
	if !ok || (len(n) != 4 && len(n) != 2) || !strings.HasSuffix(n, "0") {
		return false
	}
	_, err := strconv.Atoi(n)
	return err == nil
}

// times finds clock times: "15:01", "3 pm", "noon", "1000 EST".
func (f *finder) times() {
	for i := 0; i < len(f.toks); i++ {
		t := f.toks[i]
		if f.numTaken[i] || !t.word {
			continue
		}
		switch {
		case timeWords[t.lower]:
			f.take(Time, i, i+1)
		case t.digit && isClock(t.lower):
			end := i + 1
			if timeSuffixes[f.lowerAt(end)] {
				end++
			}
			f.take(Time, i, end)
			i = end - 1
		case t.digit && f.isNum(i) && timeSuffixes[f.lowerAt(i+1)] && f.lowerAt(i+1) != "hours" && f.lowerAt(i+1) != "hrs" && clockNumber(t.lower):
			f.take(Time, i, i+2)
			i++
		}
	}
}

func isClock(s string) bool {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(m) < 2 {
		return false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m[:2])
	return err1 == nil && err2 == nil && hh <= 24 && mm < 60
}

// clockNumber: 1 to 12, or 0000 to 2400 as a time of day.
func clockNumber(s string) bool {
	n, err := strconv.Atoi(s)
	if err != nil {
		return false
	}
	return (n >= 1 && n <= 12) || (len(s) == 4 && n%100 < 60 && n <= 2400)
}

// amounts finds money, percentages, durations and plain numbers.
func (f *finder) amounts() {
	for i := 0; i < len(f.toks); i++ {
		if f.numTaken[i] {
			continue
		}
		t := f.toks[i]
		// "$5", "US$ 3 mln", "£30".
		if currencySymbols[t.lower] {
			if end := f.numberRun(i + 1); end > i+1 && !f.numTaken[i+1] {
				f.take(Money, i, end)
				i = end - 1
				continue
			}
		}
		// "10-year", "20-point": a number joined to its unit.
		if t.digit && strings.Contains(t.lower, "-") {
			num, unit, _ := strings.Cut(t.lower, "-")
			if numericText(num) && timeUnits[unit] {
				f.take(Duration, i, i+1)
				continue
			}
		}
		end := f.numberRun(i)
		if end == i {
			continue
		}
		if isYear(t.lower) && end == i+1 && f.yearHere(i) {
			continue // years() takes it
		}
		k, unitEnd := f.unit(end)
		if k == None {
			k, unitEnd = Number, end
		}
		f.take(k, i, unitEnd)
		i = unitEnd - 1
	}
}

// unit reads what follows a number at i: a currency, a percent sign or a
// unit of time. It returns the kind and where the amount ends, or None.
func (f *finder) unit(i int) (Kind, int) {
	w := f.lowerAt(i)
	switch {
	case w == "%" || w == "pct" || w == "percent":
		if f.lowerAt(i+1) == "point" || f.lowerAt(i+1) == "points" {
			return Percent, i + 2
		}
		return Percent, i + 1
	case w == "per" && f.lowerAt(i+1) == "cent":
		return Percent, i + 2
	case w == "percentage" && (f.lowerAt(i+1) == "point" || f.lowerAt(i+1) == "points"):
		return Percent, i + 2
	case currencyWords[w] && !(w == "mark" || w == "marks" || w == "real" || w == "won" || w == "rand" || w == "crown") || ((w == "marks" || w == "mark") && f.toks[i].capital):
		return Money, i + 1
	case timeUnits[w]:
		return Duration, i + 1
	}
	// "154 mln Swiss francs", "50 mln Australian dlr"
	for j := i; j < i+2 && j < len(f.toks); j++ {
		if !currencyAdjectives[f.lowerAt(j)] {
			break
		}
		if currencyWords[f.lowerAt(j+1)] {
			return Money, j + 2
		}
	}
	return None, i
}

// yearHere reports whether the year-like number at i reads as a year:
// after a cue word ("in 1987"), in brackets, or not followed by a
// lower-case word that it would count ("1500 people").
func (f *finder) yearHere(i int) bool {
	if yearCues[f.lowerAt(i-1)] || f.lowerAt(i-1) == "(" || f.lowerAt(i+1) == ")" {
		return true
	}
	n := f.at(i + 1)
	if n == nil || !n.word {
		return true
	}
	if k, _ := f.unit(i + 1); k != None {
		return false
	}
	return !countNouns[n.lower]
}

// countNouns after a four-figure number make it a count, not a year
// ("1500 people", "2000 tonnes").
var countNouns = set("people", "persons", "men", "women", "children", "workers", "employees", "jobs",
	"troops", "soldiers", "students", "tonnes", "tons", "barrels", "bpd", "shares", "feet", "foot", "metres",
	"meters", "miles", "kilometres", "kilometers", "km", "acres", "hectares", "units", "cars", "homes",
	"houses", "deaths", "cases", "copies", "votes", "members", "pages", "words", "items", "points", "times")

// years takes the year-like numbers amounts left.
func (f *finder) years() {
	for i, t := range f.toks {
		if !f.numTaken[i] && t.digit && isYear(t.lower) {
			f.take(Date, i, i+1)
		}
	}
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
