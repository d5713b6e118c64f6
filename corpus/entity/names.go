package entity

import (
	"strings"

	"github.com/briefbot/briefbot/corpus/text"
)

// titles come before a person's name ("Mr", "King", "Finance Minister").
var titles = set("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "king", "queen", "prince",
	"princess", "president", "premier", "chancellor", "pope", "emperor", "empress", "senator", "sen",
	"rep", "representative", "congressman", "congresswoman", "governor", "gov", "general", "gen",
	"colonel", "col", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "admiral", "adm", "bishop",
	"archbishop", "cardinal", "rev", "reverend", "father", "professor", "prof", "judge", "justice",
	"minister", "secretary", "under-secretary", "chairman", "chairwoman", "mayor", "sheikh", "shah",
	"sultan", "tsar", "czar", "duke", "duchess", "baron", "baroness", "ayatollah", "imam", "rabbi",
	"treasurer", "ambassador", "commissioner", "chief", "director", "spokesman", "spokeswoman", "analyst",
	"economist", "lobbyist", "vice", "deputy", "saint", "st", "marquis", "count", "countess", "emir", "khan")

// roleWords may sit between a title's parts ("Secretary of State",
// "Queensland Primary Industries Minister") without being the name.
var roleWords = set("of", "state", "finance", "foreign", "defense", "defence", "agriculture", "trade",
	"prime", "treasury", "economic", "affairs", "energy", "interior", "industries", "primary", "home",
	"executive", "general", "chief", "senior", "managing", "board", "federal", "reserve", "the", "for",
	"and", "mines", "oil", "labour", "labor", "health", "education", "transport", "justice", "commerce")

// orgSuffixes end an organisation's name ("Waste Management Inc").
var orgSuffixes = set("inc", "incorporated", "ltd", "limited", "corp", "corporation", "co", "cos",
	"company", "plc", "ag", "sa", "nv", "bv", "gmbh", "llc", "lp", "ab", "spa", "kk", "group", "holdings",
	"bank", "trust", "association", "institute", "institution", "university", "college", "school", "academy",
	"party", "ministry", "department", "agency", "authority", "board", "bureau", "commission", "committee",
	"council", "federation", "union", "organisation", "organization", "foundation", "society", "church",
	"army", "navy", "force", "court", "congress", "parliament", "senate", "assembly", "exchange",
	"service", "services", "records", "airlines", "airways", "motors", "industries", "systems",
	"technologies", "technology", "communications", "electric", "resources", "partners", "securities",
	"fund", "times", "post", "journal", "news", "guild", "league", "club", "orchestra", "band", "museum",
	"hospital", "reserve", "office", "studios", "pictures", "entertainment", "network", "telecom",
	"brothers", "associates", "enterprises", "international", "petroleum", "chemical", "chemicals",
	"pharmaceuticals", "mining", "steel", "oil", "energy", "media", "press", "magazine", "dynasty",
	"administration", "treasury", "government", "cabinet", "police", "guard", "legion", "nations")

// orgHeads start an organisation's name before "of" ("Bank of England").
var orgHeads = set("university", "bank", "ministry", "department", "church", "institute", "museum",
	"college", "school", "academy", "house", "order", "society", "league", "federation", "council",
	"commission", "office", "board", "organisation", "organization", "association", "union", "court")

// placeSuffixes end a place's name ("Sichuan Province", "Yangtze River").
var placeSuffixes = set("city", "county", "province", "river", "lake", "mountains", "mountain", "island",
	"islands", "sea", "ocean", "bay", "valley", "desert", "peninsula", "street", "avenue", "square", "park",
	"bridge", "airport", "canal", "strait", "coast", "region", "district", "prefecture", "borough",
	"village", "town", "kingdom", "republic", "plateau", "basin", "gulf", "hills", "heights", "falls",
	"harbour", "harbor", "channel", "state", "territory", "road", "station", "base", "centre", "center", "palace",
	"castle", "cathedral", "temple", "stadium", "hall", "theatre", "theater", "building", "tower")

// compass words before a place make a larger place ("North Atlantic").
var compass = set("north", "south", "east", "west", "northern", "southern", "eastern", "western",
	"central", "northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater")

var placeHeads = set("mount", "mt", "lake", "fort", "port", "cape", "gulf", "isle", "sea")

// placePrepositions come before a place ("in Houston", "from Texas").
var placePrepositions = set("in", "at", "from", "near", "to", "across", "outside", "inside", "throughout",
	"towards", "toward", "into", "via", "around")

// connectors may join the words of one name ("Bank of England", "Rio de Janeiro").
var connectors = set("of", "de", "da", "di", "del", "la", "le", "van", "von", "der", "du", "and", "&", "for", "the", "al", "bin", "y")

// nameStop are capitalised words that are not names on their own.
var nameStop = set("i", "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they",
	"we", "you", "his", "her", "its", "their", "our", "in", "on", "at", "but", "and", "or", "if", "when",
	"while", "after", "before", "during", "since", "as", "for", "with", "by", "from", "to", "of", "is",
	"was", "are", "were", "however", "also", "there", "here", "what", "who", "which", "where", "how", "why",
	"reuter", "reuters", "shr", "net", "revs", "oper", "qtr", "vs", "cts", "mln", "dlrs", "ii", "iii", "iv",
	"vi", "vii", "viii", "ix", "xi", "xii")

// names finds persons, places and organisations.
func (f *finder) names() {
	f.nameTaken = f.marks(nameMarks)
	words, caps := 0, 0
	for _, t := range f.toks {
		if t.word && !t.digit {
			words++
			if t.allCaps {
				caps++
			}
		}
	}
	if words >= 4 && caps*10 >= words*7 {
		return // a headline in capitals: capitalisation says nothing
	}
	f.gazetteerPlaces()
	for i := 0; i < len(f.toks); {
		if !f.capWord(i) {
			i++
			continue
		}
		j := f.runEnd(i)
		f.classify(i, j)
		i = j
	}
}

// capWord reports whether token i can be part of a name.
func (f *finder) capWord(i int) bool {
	t := f.at(i)
	if t == nil || !t.word || t.digit || !t.capital || f.nameTaken[i] || f.numTaken[i] {
		return false
	}
	if _, isMonth := months[t.lower]; isMonth {
		return false
	}
	return !weekdays[t.lower]
}

// runEnd returns the end of the run of capitalised words starting at i,
// taking connectors between capitalised words ("Bank of England").
func (f *finder) runEnd(i int) int {
	j := i + 1
	for j < len(f.toks) {
		switch {
		case f.capWord(j):
			j++
		case f.toks[j].text == "." && j == i+1 && titles[f.toks[i].lower]:
			j++ // "Mr."
		case connectors[f.toks[j].lower] && !f.toks[j].capital && f.capWord(j+1):
			j += 2
		case connectors[f.toks[j].lower] && !f.toks[j].capital && f.toks[j+min(1, len(f.toks)-j-1)].lower == "the" && f.capWord(j+2):
			j += 3
		default:
			return j
		}
	}
	return j
}

// gazetteerPlaces marks the places of the gazetteer, longest match first.
func (f *finder) gazetteerPlaces() {
	// b holds the candidate name; places[string(b)] does not allocate.
	var stack [128]byte
	for i := 0; i < len(f.toks); i++ {
		if !f.toks[i].word || !f.toks[i].capital {
			continue
		}
		for n := min(maxPlaceWords, len(f.toks)-i); n >= 1; n-- {
			b := stack[:0]
			ok := true
			for k := i; k < i+n; k++ {
				if !f.toks[k].word {
					ok = false
					break
				}
				if k > i {
					b = append(b, ' ')
				}
				b = append(b, f.toks[k].text...)
			}
			if !ok || !places[string(b)] {
				continue
			}
			// Part of a longer name that is no place: "New York Times",
			// "Bank of England", "Georgia Gulf Corp".
			if f.capWord(i+n) && orgSuffixes[f.lowerAt(f.runEnd(i+n)-1)] {
				break
			}
			if i >= 2 && f.lowerAt(i-1) == "of" && orgHeads[f.lowerAt(i-2)] {
				break
			}
			if i >= 1 && titles[f.lowerAt(i-1)] && f.toks[i-1].capital {
				break // "King George": a person
			}
			start := i
			if i >= 1 && compass[f.toks[i-1].lower] && f.toks[i-1].capital && !f.nameTaken[i-1] {
				start = i - 1 // "North Atlantic", "Western Europe"
			}
			f.nameAdd(Place, start, i+n)
			i += n - 1
			break
		}
	}
}

func (f *finder) nameAdd(k Kind, i, j int) {
	for x := i; x < j; x++ {
		f.nameTaken[x] = true
	}
	f.add(k, i, j)
}

// classify labels the capitalised run [i, j).
func (f *finder) classify(i, j int) {
	// Drop a sentence's first word when it is an ordinary word ("Managed
	// by her father, ..."), and leading words that are never names.
	for i < j && (nameStop[f.toks[i].lower] || (f.toks[i].first && text.Common(f.toks[i].lower) &&
		!givenNames[f.toks[i].text] && !titles[f.toks[i].lower] && !orgSuffixes[f.lowerAt(j-1)])) {
		i++
		for i < j && !f.capWord(i) {
			i++
		}
	}
	if i >= j {
		return
	}
	last := f.lowerAt(j - 1)
	first := f.toks[i]
	switch {
	case orgSuffixes[last] && (j-i > 1 || last == "army" || last == "navy" || last == "congress" || last == "parliament" || last == "senate"):
		f.nameAdd(Organisation, i, j)
		return
	case j-i > 2 && orgHeads[first.lower] && f.lowerAt(i+1) == "of":
		f.nameAdd(Organisation, i, j)
		return
	case placeSuffixes[last] && j-i > 1, placeHeads[first.lower] && j-i > 1:
		f.nameAdd(Place, i, j)
		return
	}
	// A title: the name is what follows the last title word that has a
	// name after it ("Finance Minister Edouard Balladur"). A title that
	// ends the run is part of a name ("Twilight Princess"), left to the
	// rules below.
	for k := j - 1; k >= i; k-- {
		if !titles[f.toks[k].lower] {
			continue
		}
		start := k + 1
		if start < j && f.toks[start].text == "." {
			start++
		}
		for start < j && (roleWords[f.toks[start].lower] || !f.capWord(start)) {
			start++
		}
		if start < j {
			f.nameAdd(Person, start, j)
			return
		}
	}
	// Split at connectors: what is left are names of their own.
	for k := i; k < j; k++ {
		if !f.capWord(k) {
			f.classify(i, k)
			f.classify(k+1, j)
			return
		}
	}
	switch {
	case givenNames[first.text] && (j-i > 1 || !first.first && !religionWords[first.lower] && !nationalityWords[first.lower]):
		f.nameAdd(Person, i, j)
	case j-i == 1 && first.allCaps && len(first.lower) <= 6:
		f.nameAdd(Organisation, i, j)
	case placePrepositions[f.lowerAt(i-1)] && !f.toks[i-1].capital && j-i <= 3:
		f.nameAdd(Place, i, j)
	case j-i >= 2 && j-i <= 4 && !f.nonName(i, j):
		f.nameAdd(Person, i, j)
	case j-i == 1 && (saidVerbs[f.lowerAt(j)] || (f.lowerAt(j) == "," && f.lowerAt(j+1) == "who")) && !f.nonName(i, j):
		f.nameAdd(Person, i, j)
	case !(first.first && text.Common(first.lower)) && !orgSuffixes[first.lower] && !titles[first.lower] && !f.classWord(i, j):
		f.nameAdd(Name, i, j)
	}
}

var saidVerbs = set("said", "says", "told", "added", "explained", "argued", "wrote")

// nonName reports whether the run [i, j) holds a word that a person's
// name does not: a nationality, a language, a common word in lower case
// elsewhere, or the first word of the sentence.
func (f *finder) nonName(i, j int) bool {
	for k := i; k < j; k++ {
		w := f.toks[k].lower
		if nationalityWords[w] || languageWords[w] || religionWords[w] || nameStop[w] || f.toks[k].allCaps {
			return true
		}
		if text.Common(w) && !givenNames[f.toks[k].text] {
			return true
		}
	}
	return false
}

// classWord reports whether the run [i, j) is one word of a word class
// ("American", "Buddhist"): those are found by wordClasses, not as names.
func (f *finder) classWord(i, j int) bool {
	if j-i != 1 {
		return false
	}
	w := f.toks[i].lower
	return nationalityWords[w] || languageWords[w] || religionWords[w]
}

// IsTitle reports whether a word (in any case) is one that comes before
// a person's name as a title or part of one ("President", "Chief",
// "Finance" in "Finance Minister").
func IsTitle(word string) bool {
	w := strings.ToLower(word)
	return titles[w] || roleWords[w] && w != "of" && w != "the" && w != "for" && w != "and"
}
