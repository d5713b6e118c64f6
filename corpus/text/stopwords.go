package text

// IsStopword reports whether a lowercased token is a stopword. The list is a
// common English one minus the question words (who, what, when, where, why,
// how, which) and the negations (not, no, never, without, nor), which carry
// meaning in questions. "us" is not a stopword: Tokens turns "U.S." into it.
func IsStopword(tok string) bool {
	_, ok := stopwords[tok]
	return ok
}

var stopwords = map[string]struct{}{}

func init() {
	for _, w := range stopwordList {
		stopwords[w] = struct{}{}
	}
}

var stopwordList = []string{
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an",
	"and", "any", "are", "as", "at", "be", "because", "been", "before", "being",
	"below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
	"doing", "down", "during", "each", "either", "else", "etc", "ever", "few",
	"for", "from", "further", "get", "gets", "got", "had", "has", "have", "having",
	"he", "her", "here", "hers", "herself", "him", "himself", "his", "however",
	"i", "if", "in", "into", "is", "it", "its", "itself", "just", "let", "may",
	"me", "might", "more", "most", "much", "must", "my", "myself", "of", "off",
	"on", "once", "only", "or", "other", "others", "ought", "our", "ours",
	"ourselves", "out", "over", "own", "per", "please", "quite", "rather",
	"really", "same", "shall", "she", "should", "since", "so", "some", "such",
	"than", "that", "the", "their", "theirs", "them", "themselves", "then",
	"there", "these", "they", "this", "those", "though", "through", "thus", "to",
	"too", "under", "until", "up", "upon", "very", "via", "was", "we",
	"were", "whether", "while", "whom", "whose", "will", "with", "within",
	"would", "yet", "you", "your", "yours", "yourself", "yourselves",
	"s", "t", "d", "ll", "m", "re", "ve", "y",
}
