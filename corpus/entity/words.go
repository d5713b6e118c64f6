package entity

// Word classes that answer "what religion", "what colour", "what
// language" and "what nationality" questions. Matched on lowercased
// whole words.
var (
	religionWords = set("christian", "christians", "christianity", "catholic", "catholics", "catholicism",
		"roman catholic", "protestant", "protestants", "protestantism", "orthodox", "anglican", "lutheran",
		"methodist", "baptist", "presbyterian", "calvinist", "evangelical", "mormon", "quaker", "muslim",
		"muslims", "moslem", "islam", "islamic", "sunni", "shia", "shiite", "buddhist", "buddhists",
		"buddhism", "hindu", "hindus", "hinduism", "jewish", "jew", "jews", "judaism", "sikh", "sikhism",
		"taoist", "taoism", "daoism", "confucian", "confucianism", "shinto", "jain", "jainism", "zoroastrian",
		"zoroastrianism", "pagan", "paganism", "atheist", "atheism", "agnostic", "lamaism", "tibetan buddhism",
		"animist", "animism", "bahá'í", "bahai", "deist")
	colourWords = set("red", "orange", "yellow", "green", "blue", "indigo", "violet", "purple", "pink",
		"brown", "black", "white", "grey", "gray", "silver", "gold", "golden", "crimson", "scarlet", "maroon",
		"navy", "turquoise", "beige", "ivory", "cream", "tan", "teal", "cyan", "magenta", "amber", "bronze")
	languageWords = set("english", "french", "german", "spanish", "portuguese", "italian", "dutch",
		"russian", "polish", "czech", "slovak", "hungarian", "romanian", "bulgarian", "greek", "turkish",
		"arabic", "hebrew", "persian", "farsi", "urdu", "hindi", "bengali", "punjabi", "tamil", "chinese",
		"mandarin", "cantonese", "japanese", "korean", "vietnamese", "thai", "malay", "indonesian",
		"tagalog", "swahili", "latin", "sanskrit", "tibetan", "mongolian", "swedish", "norwegian", "danish",
		"finnish", "icelandic", "welsh", "gaelic", "irish", "catalan", "basque", "yiddish", "ukrainian",
		"serbian", "croatian", "albanian", "armenian", "georgian", "esperanto", "zulu", "afrikaans")
	nationalityWords = set("american", "british", "english", "scottish", "welsh", "irish", "french",
		"german", "spanish", "portuguese", "italian", "dutch", "belgian", "swiss", "austrian", "swedish",
		"norwegian", "danish", "finnish", "icelandic", "polish", "czech", "slovak", "hungarian", "romanian",
		"bulgarian", "greek", "turkish", "russian", "soviet", "ukrainian", "serbian", "croatian", "chinese",
		"japanese", "korean", "vietnamese", "thai", "indian", "pakistani", "bangladeshi", "afghan",
		"iranian", "iraqi", "syrian", "lebanese", "israeli", "palestinian", "jordanian", "saudi", "egyptian",
		"libyan", "tunisian", "algerian", "moroccan", "nigerian", "kenyan", "ethiopian", "south african",
		"canadian", "mexican", "brazilian", "argentine", "argentinian", "chilean", "peruvian", "colombian",
		"venezuelan", "cuban", "australian", "mongol", "mongolian", "tibetan", "taiwanese", "filipino",
		"indonesian", "malaysian", "singaporean", "european", "african", "asian", "latin american",
		"arab", "kurdish", "jamaican", "zimbabwean", "tanzanian", "ugandan", "norman", "roman", "persian",
		"prussian", "bavarian", "byzantine", "ottoman", "han", "manchu")
)

// wordClassList is the order in which wordClasses tries the classes;
// capital: the word counts only when capitalised.
var wordClassList = []struct {
	k       Kind
	words   map[string]bool
	capital bool
}{
	{Religion, religionWords, false},
	{Language, languageWords, true},
	{Nationality, nationalityWords, true},
	{Colour, colourWords, false},
}

// wordClasses finds religion, colour, language and nationality words.
// A word may be more than one ("French"). Languages and nationalities
// count only when capitalised; colours only in lower case or at the start
// of a sentence (not "Mr Brown").
func (f *finder) wordClasses() {
	var stack [64]byte
	for i := 0; i < len(f.toks); i++ {
		t := &f.toks[i]
		if !t.word || t.digit || (f.nameTaken != nil && f.nameTaken[i]) || f.numTaken[i] {
			continue // "American Express Co", "154 mln Swiss francs": part of a name or an amount
		}
		// two is the word and the next, as "roman catholic"; looked up
		// as string(two), which does not allocate.
		var two []byte
		if i+1 < len(f.toks) && f.toks[i+1].word {
			two = append(append(append(stack[:0], t.lower...), ' '), f.toks[i+1].lower...)
		}
		for _, c := range wordClassList {
			switch {
			case len(two) > 0 && c.words[string(two)] && (!c.capital || t.capital):
				f.add(c.k, i, i+2)
			case c.words[t.lower] && (!c.capital || t.capital):
				if c.k == Colour && t.capital && !t.first {
					continue
				}
				if c.k == Language && !f.languageUse(i) {
					continue
				}
				f.add(c.k, i, i+1)
			}
		}
	}
}

// languageUse reports whether the language word at i names the language
// ("in French", "speak English", "Chinese is spoken", "French and
// Latin") rather than qualifying a noun ("Chinese servers").
func (f *finder) languageUse(i int) bool {
	switch f.lowerAt(i - 1) {
	case "in", "into", "from", "speak", "speaks", "spoke", "spoken", "speaking", "learn", "learned", "taught", "teach", "write", "wrote", "written", "translated", "and", "or":
		return true
	}
	next := f.at(i + 1)
	if next == nil || !next.word {
		return true
	}
	switch next.lower {
	case "language", "languages", "and", "or", "is", "was", "are", "were", "has", "had", "as", "with", "by":
		return true
	}
	return languageWords[next.lower]
}
