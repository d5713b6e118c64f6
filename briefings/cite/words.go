package cite

// Generic word lists for phrase discovery. They are about English and news
// writing in general, never about a particular topic.

// phraseBreaks are words that end a candidate phrase (besides the stopwords
// of corpus/text): question words, negations, auxiliaries and common verbs
// and adverbs, so that candidate phrases are mostly noun phrases.
var phraseBreaks = SetOf(
	"what", "who", "when", "where", "why", "how", "which", "not", "no", "never",
	"nor", "without", "yes", "also", "even", "still", "already", "now", "today",
	"yesterday", "tomorrow", "later", "soon", "ago", "well", "almost", "nearly",
	"likely", "many", "several", "every", "another", "one", "two", "three",
	"four", "five", "six", "seven", "eight", "nine", "ten", "first", "second",
	"third", "last", "next", "new", "latest", "recent", "recently", "current",
	"currently", "major", "key", "main", "big", "bigger", "large", "great",
	"good", "best", "better", "high", "higher", "long", "possible", "potential",
	"significant", "important", "clear", "different", "certain", "full", "real",
	"little", "less", "least", "like", "unlike", "among", "across", "around",
	"along", "amid", "alongside", "toward", "towards", "despite", "beyond",
	"according", "including", "regarding", "following", "said", "say", "says",
	"saying", "told", "tell", "tells", "added", "adds", "stated", "states",
	"noted", "asked", "ask", "wrote", "called", "calls", "call", "make", "makes",
	"made", "making", "take", "takes", "took", "taken", "give", "gives", "gave",
	"given", "go", "goes", "went", "gone", "going", "come", "comes", "came",
	"see", "sees", "saw", "seen", "know", "knows", "knew", "known", "think",
	"thinks", "thought", "believe", "believes", "want", "wants", "wanted",
	"seek", "seeks", "sought", "need", "needs", "needed", "remain", "remains",
	"remained", "continue", "continues", "continued", "show", "shows", "showed",
	"shown", "expect", "expects", "expected", "include", "includes", "included",
	"involve", "involves", "use", "used", "uses", "help", "helps", "keep",
	"keeps", "kept", "put", "set", "become", "becomes", "became", "seem",
	"seems", "seemed", "appear", "appears", "appeared", "suggest", "suggests",
	"suggested", "plans", "planned", "aims", "aimed", "hopes", "focus",
	"focused", "discuss", "discussed", "discusses", "reached", "agreed",
	"mean", "means", "meant", "held", "hold", "holds", "met", "meet", "meets",
	"work", "works", "worked", "way", "ways", "lot", "lots", "thing", "things",
	"something", "anything", "nothing", "everyone", "someone", "anyone",
	"s", "etc", "i.e", "e.g", "mr", "mrs", "ms", "dr", "per", "cent",
	"behind", "beside", "besides", "near", "onto", "via", "versus", "vs",
	"whereas", "whilst", "amongst", "upon", "ahead", "away", "back", "instead",
)

// GenericWords are news words that alone never name an issue: a phrase
// made only of them is dropped ("peace talks" keeps "peace").
var GenericWords = SetOf(
	"talk", "talks", "negotiation", "negotiations", "deal", "deals", "agreement",
	"agreements", "issue", "issues", "question", "questions", "matter",
	"official", "officials", "country", "countries", "leader", "leaders",
	"government", "governments", "week", "weeks", "day", "days", "year",
	"years", "month", "months", "time", "times", "people", "report", "reports",
	"news", "statement", "statements", "effort", "efforts", "process", "progress",
	"role", "part", "parts", "side", "sides", "point", "points", "number",
	"state", "meeting", "meetings", "president", "minister", "spokesman",
	"spokeswoman", "press", "conference", "interview", "article", "story",
	"update", "updates", "analysis", "conclusion", "summary", "introduction",
	"overview", "background", "context", "reply", "comment", "comments", "share",
	"detail", "details", "plan", "plans", "proposal", "proposals", "idea",
	"ideas", "term", "terms", "case", "cases", "change", "changes", "result",
	"results", "future", "end", "group", "groups", "member", "members",
	"situation", "development", "developments", "decision", "decisions",
	"position", "level", "levels", "area", "areas", "world", "public",
	"support", "concern", "concerns", "challenge", "challenges", "problem",
	"problems", "step", "steps", "move", "moves", "stage", "event", "events",
	"percent", "recent", "week's", "weekend", "morning", "evening", "night",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"faq", "faqs", "takeaways", "highlights", "read", "click", "image", "photo",
	"video", "author", "editor", "source", "sources", "reporter", "reporters",
	"writer", "chief", "head", "team", "teams", "office", "war", "wars",
	"peace", "conflict", "conflicts", "crisis", "discussion", "discussions",
	"region", "regions", "house", "demand", "demands", "call", "calls",
	"million", "millions", "billion", "billions", "thousand", "thousands",
	"hundred", "hundreds", "dollar", "dollars", "euro", "euros",
	"fix", "fixes", "release", "releases", "version", "versions", "system",
	"systems", "file", "files", "program", "programs", "information", "pay",
	"thanks", "users", "user", "section", "sections", "chapter", "chapters",
)

// TitleWords precede a person's name ("President X", "envoy X").
var TitleWords = SetOf(
	"president", "minister", "chancellor", "secretary", "spokesman",
	"spokeswoman", "spokesperson", "envoy", "governor", "gov", "mayor",
	"senator", "sen", "representative", "rep", "mr", "mrs", "ms", "dr",
	"general", "gen", "ceo", "chairman", "chairwoman", "chair", "director",
	"professor", "prof", "judge", "justice", "king", "queen", "prince",
	"princess", "pope", "adviser", "advisor", "expert", "analyst", "leader",
	"commissioner", "ambassador", "councillor", "councilor", "councilman",
	"councilwoman", "coach", "captain", "officer", "sheriff", "chief", "premier",
	"deputy", "vice", "founder", "manager", "economist", "author", "reporter",
)

// speechVerbs follow a person's name ("X said").
var speechVerbs = SetOf(
	"said", "says", "told", "added", "stated", "argued", "wrote", "noted",
	"explained", "warned", "insisted", "insists", "confirmed", "announced",
	"emphasized", "emphasised", "reiterated", "acknowledged", "indicated",
	"predicts", "predicted", "believes", "believed", "suggested", "suggests",
	"urged", "urges", "claimed", "claims", "asked", "replied", "tweeted",
	"posted", "thinks", "hopes", "admitted", "declared", "mentioned",
)

func SetOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// OrgWords end the names of organisations, which act rather than are
// discussed.
var OrgWords = SetOf("authority", "association", "council", "committee", "commission", "ministry",
	"department", "agency", "chamber", "union", "party", "company", "corporation", "inc", "ltd",
	"board", "office", "institute", "university", "bank", "court", "parliament", "congress",
	"senate", "assembly", "government", "administration", "federation", "foundation", "society",
	"service", "services", "police", "army", "staff", "group", "club", "league", "times", "post", "news")

var locatives = SetOf("in", "at", "on", "near", "along", "beneath", "under", "through", "outside", "inside")
