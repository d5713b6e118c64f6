package entity

import "strings"

// whatNouns say what kind of fact a "what"/"which" question asks for
// ("what year", "which country", "what religion").
var whatNouns = map[string]Set{
	"year": SetOf(Date), "years": SetOf(Date), "date": SetOf(Date), "day": SetOf(Date),
	"month": SetOf(Date), "decade": SetOf(Date), "century": SetOf(Date), "era": SetOf(Date),
	"season": SetOf(Date), "time": SetOf(Time, Date), "hour": SetOf(Time),
	"percentage": SetOf(Percent), "percent": SetOf(Percent), "proportion": SetOf(Percent, Number),
	"share": SetOf(Percent, Number), "rate": SetOf(Percent, Number),
	"amount": SetOf(Number, Money), "number": SetOf(Number), "price": SetOf(Money), "cost": SetOf(Money),
	"value": SetOf(Money, Number), "sum": SetOf(Money, Number), "salary": SetOf(Money),
	"budget": SetOf(Money), "revenue": SetOf(Money), "profit": SetOf(Money), "population": SetOf(Number),
	"age": SetOf(Number, Duration), "length": SetOf(Duration, Number), "duration": SetOf(Duration),
	"period": SetOf(Duration, Date), "temperature": SetOf(Number), "size": SetOf(Number),
	"religion": SetOf(Religion), "faith": SetOf(Religion), "religious": SetOf(Religion),
	"colour": SetOf(Colour), "color": SetOf(Colour), "colours": SetOf(Colour), "colors": SetOf(Colour),
	"language": SetOf(Language), "languages": SetOf(Language), "tongue": SetOf(Language),
	"nationality": SetOf(Nationality), "ethnicity": SetOf(Nationality), "ethnic": SetOf(Nationality),
	"country": SetOf(Place), "countries": SetOf(Place), "city": SetOf(Place), "cities": SetOf(Place),
	"town": SetOf(Place), "state": SetOf(Place), "province": SetOf(Place), "region": SetOf(Place),
	"continent": SetOf(Place), "island": SetOf(Place), "river": SetOf(Place), "place": SetOf(Place),
	"location": SetOf(Place), "capital": SetOf(Place), "nation": SetOf(Place), "village": SetOf(Place),
	"area": SetOf(Place), "district": SetOf(Place), "borough": SetOf(Place),
	"company": SetOf(Organisation), "companies": SetOf(Organisation), "firm": SetOf(Organisation),
	"organisation": SetOf(Organisation), "organization": SetOf(Organisation), "party": SetOf(Organisation),
	"bank": SetOf(Organisation), "university": SetOf(Organisation), "school": SetOf(Organisation),
	"agency": SetOf(Organisation), "group": SetOf(Organisation, Person), "team": SetOf(Organisation),
	"band": SetOf(Organisation), "newspaper": SetOf(Organisation), "magazine": SetOf(Organisation),
	"network": SetOf(Organisation), "label": SetOf(Organisation), "studio": SetOf(Organisation),
	"ministry": SetOf(Organisation), "institution": SetOf(Organisation), "dynasty": SetOf(Organisation, Person),
	"person": SetOf(Person), "man": SetOf(Person), "woman": SetOf(Person), "king": SetOf(Person),
	"emperor": SetOf(Person), "president": SetOf(Person), "leader": SetOf(Person), "artist": SetOf(Person),
	"singer": SetOf(Person), "actor": SetOf(Person), "actress": SetOf(Person), "director": SetOf(Person),
	"composer": SetOf(Person), "author": SetOf(Person), "writer": SetOf(Person), "player": SetOf(Person),
	"analyst": SetOf(Person), "official": SetOf(Person), "minister": SetOf(Person), "chairman": SetOf(Person),
}

// howWords turn "how" into a question about an amount ("how many").
var howWords = map[string]Set{
	"many":  SetOf(Number, Money, Percent),
	"much":  SetOf(Money, Number, Percent),
	"long":  SetOf(Duration, Number, Date),
	"old":   SetOf(Number, Duration),
	"far":   SetOf(Number),
	"big":   SetOf(Number, Money, Percent),
	"large": SetOf(Number, Money, Percent),
	"high":  SetOf(Number, Percent, Money),
	"often": SetOf(Number, Duration),
	"soon":  SetOf(Date, Time, Duration),
	"tall":  SetOf(Number), "deep": SetOf(Number), "wide": SetOf(Number), "heavy": SetOf(Number),
	"fast": SetOf(Number), "low": SetOf(Number, Percent, Money), "small": SetOf(Number),
}

// Expect returns the kinds of fact that can answer question: who ->
// person or organisation, where -> place, when -> date or time, how many
// / how much -> number, money or percentage, "what religion" -> religion,
// "which country" -> place. It returns the empty set when the question
// does not say (why, how, what is X).
func Expect(question string) Set {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	sc.toks = appendScan(sc.toks[:0], question)
	var buf [32]string
	words := buf[:0]
	for _, t := range sc.toks {
		if t.word {
			words = append(words, t.lower)
		}
	}
	for i, w := range words {
		next := func(k int) string {
			if i+k < len(words) {
				return words[i+k]
			}
			return ""
		}
		switch w {
		case "who", "whom", "whose":
			return SetOf(Person, Organisation)
		case "where":
			// "where can I find the wiki", "where do I report a bug":
			// a resource or a channel, not a place on a map.
			if modal[next(1)] && (resourceVerbs[next(3)] || resourceVerbs[next(2)]) {
				return 0
			}
			return SetOf(Place)
		case "when":
			return SetOf(Date, Time)
		case "how":
			if next(1) == "far" && (next(2) == "along" || next(2) == "advanced") {
				return 0 // "how far along is the plan": how it is going
			}
			if s, ok := howWords[next(1)]; ok {
				// "how much money", "how many years", "how many percent"
				if n := next(2); timeUnits[n] && next(1) != "much" {
					return SetOf(Duration, Number)
				} else if currencyWords[n] || n == "money" {
					return SetOf(Money, Number)
				} else if percentWords[n] {
					return SetOf(Percent)
				}
				return s
			}
			return 0
		case "what", "which":
			// "what year", "what kind of religion", "which english town":
			// the noun that says what kind of fact is wanted comes within
			// a few words, before the verb.
			for k := 1; k <= 4 && i+k < len(words); k++ {
				n := words[i+k]
				if s, ok := whatNouns[n]; ok {
					return s
				}
				if k == 1 && isCopula(n) {
					continue // "what is the capital of"
				}
				if isVerbish(n) {
					break
				}
			}
			return 0
		}
	}
	// "In 1999, X did what" and statements without a question word.
	return 0
}

// isVerbish: the words after which a "what" question's noun has passed.
func isVerbish(w string) bool {
	switch w {
	case "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "can", "could",
		"will", "would", "should", "may", "might":
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 4
}

func isCopula(w string) bool {
	return w == "is" || w == "was" || w == "are" || w == "were"
}

var modal = map[string]bool{"can": true, "could": true, "do": true, "does": true, "should": true, "would": true, "will": true, "may": true, "might": true, "must": true}

// resourceVerbs after "where can I" ask for a resource, not a place.
var resourceVerbs = map[string]bool{"find": true, "get": true, "download": true, "obtain": true, "read": true,
	"see": true, "learn": true, "report": true, "ask": true, "send": true, "submit": true, "buy": true,
	"look": true, "search": true, "post": true, "discuss": true, "access": true, "view": true, "set": true,
	"change": true, "configure": true, "put": true, "store": true, "keep": true}
