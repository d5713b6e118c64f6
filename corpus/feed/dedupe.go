package feed

import (
	"hash/fnv"
	"strings"

	"github.com/briefbot/briefbot/corpus"
)

// Near-duplicate texts: the same wire story on two sites differs in its
// furniture (a credit line, a sentence added or dropped) but shares most
// of its sentences.
const (
	// minNearWords is the shortest sentence, in words, that counts as
	// evidence; short ones ("He declined to comment.") are too common.
	minNearWords = 6
	// minNearSentences is the fewest long sentences an article needs to
	// be compared at all.
	minNearSentences = 3
	// nearShare is the share of the shorter article's long sentences
	// that must be in the longer one, and nearShareLonger the share of
	// the longer one's that must be in the shorter: a copy with a credit
	// line added is a duplicate, a follow-up that repeats a short story
	// and adds as much again is not.
	nearShare       = 0.8
	nearShareLonger = 0.6
)

// textIndex finds articles reported before whose text is the same as or
// nearly the same as a new one's. It keeps only hashes.
type textIndex struct {
	exact   map[string]string  // textKey -> Source
	bySent  map[uint64][]int32 // sentence hash -> articles having it
	sources []string           // article number -> Source
	counts  []int32            // article number -> distinct long sentences
	// kept is every article added, oldest first, so the index can be
	// rebuilt with only the newest.
	kept []textEntry
}

type textEntry struct {
	source string
	exact  string
	hashes []uint64
}

func newTextIndex() *textIndex {
	return &textIndex{exact: make(map[string]string), bySent: make(map[uint64][]int32)}
}

// sentenceHashes returns the distinct hashes of an article's long
// sentences, compared by corpus.SentenceKey.
func sentenceHashes(a *corpus.Article) []uint64 {
	seen := make(map[uint64]bool)
	var out []uint64
	for _, b := range a.Blocks {
		for _, s := range b.Sentences {
			k := corpus.SentenceKey(s)
			if strings.Count(k, " ")+1 < minNearWords {
				continue
			}
			h := fnv.New64a()
			h.Write([]byte(k))
			v := h.Sum64()
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// find returns the Source of an article reported before with the same
// or nearly the same text, and "" when there is none.
func (x *textIndex) find(a *corpus.Article) string {
	if src, ok := x.exact[textKey(a)]; ok {
		return src
	}
	hs := sentenceHashes(a)
	if len(hs) < minNearSentences {
		return ""
	}
	shared := make(map[int32]int)
	for _, h := range hs {
		for _, i := range x.bySent[h] {
			shared[i]++
		}
	}
	best, bestN := int32(-1), 0
	for i, n := range shared {
		shorter, longer := min(len(hs), int(x.counts[i])), max(len(hs), int(x.counts[i]))
		near := float64(n) >= nearShare*float64(shorter) && float64(n) >= nearShareLonger*float64(longer)
		if near && (n > bestN || n == bestN && i < best) {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return ""
	}
	return x.sources[best]
}

// add records an article under its Source.
func (x *textIndex) add(a *corpus.Article) {
	x.insert(textEntry{source: a.Source, exact: textKey(a), hashes: sentenceHashes(a)})
}

func (x *textIndex) insert(e textEntry) {
	x.kept = append(x.kept, e)
	x.exact[e.exact] = e.source
	if len(e.hashes) < minNearSentences {
		return
	}
	i := int32(len(x.sources))
	x.sources = append(x.sources, e.source)
	x.counts = append(x.counts, int32(len(e.hashes)))
	for _, h := range e.hashes {
		x.bySent[h] = append(x.bySent[h], i)
	}
}

// len returns how many articles the index holds.
func (x *textIndex) len() int { return len(x.kept) }

// keepNewest rebuilds the index with only the newest n articles and
// returns the Sources it still knows.
func (x *textIndex) keepNewest(n int) map[string]bool {
	old := x.kept[max(0, len(x.kept)-n):]
	*x = *newTextIndex()
	known := make(map[string]bool, len(old))
	for _, e := range old {
		x.insert(e)
		known[e.source] = true
	}
	return known
}

// remove rebuilds the index without the articles of the given sources.
func (x *textIndex) remove(sources map[string]bool) {
	old := x.kept
	*x = *newTextIndex()
	for _, e := range old {
		if !sources[e.source] {
			x.insert(e)
		}
	}
}
