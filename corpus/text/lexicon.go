package text

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed" // the lexicon
	"strings"
	"sync"
)

//go:generate go run ./internal/genlexicon -wordnet /usr/share/wordnet -o lexicon.txt.gz

// lexiconData is a general English lexicon generated from WordNet 3.0 (see
// LEXICON-LICENSE): one line per stem of a common word, "stem word
// word ...", the related words (if any) commonest first.
//
//go:embed lexicon.txt.gz
var lexiconData []byte

var (
	lexiconOnce sync.Once
	lexicon     map[string][]string
)

func loadLexicon() {
	lexicon = map[string][]string{}
	zr, err := gzip.NewReader(bytes.NewReader(lexiconData))
	if err != nil {
		return // an unreadable lexicon relates nothing
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if f := strings.Fields(line); len(f) > 0 {
			lexicon[f[0]] = f[1:]
		}
	}
}

// Related returns general English words related to word in one of its
// common senses: derived forms (invade: invasion; create: creation), then
// synonyms (start: begin, commence), then for verbs the more general verbs
// (start: create, make), each commonest first, at most sixteen. word may be inflected ("started"); it is matched by its stem. The
// result is nil for a word the lexicon does not hold, such as names and
// numbers, and must not be modified.
func Related(word string) []string {
	lexiconOnce.Do(loadLexicon)
	r := lexicon[Stem(strings.ToLower(word))]
	if len(r) == 0 {
		return nil
	}
	return r
}

// Common reports whether word (possibly inflected) is a common English
// word: one used a few times in WordNet's sense-tagged texts. Names,
// numbers, rare words and misspellings are not.
func Common(word string) bool {
	lexiconOnce.Do(loadLexicon)
	_, ok := lexicon[Stem(strings.ToLower(word))]
	return ok
}

// RelatedPhrasal is Related for a phrasal verb, a verb (possibly
// inflected) and its particle: RelatedPhrasal("turned", "down") holds
// "reject" and "refuse". The result is nil for a pair that is not a
// common phrasal verb, and must not be modified.
func RelatedPhrasal(verb, particle string) []string {
	lexiconOnce.Do(loadLexicon)
	r := lexicon[Stem(strings.ToLower(verb))+"_"+strings.ToLower(particle)]
	if len(r) == 0 {
		return nil
	}
	return r
}
