package cite

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus"
)

// Summary sizes and weights.
const (
	MinSummary      = 3
	MaxSummary      = 5
	rankPool        = 120  // LexRank runs over at most this many sentences
	maxConsidered   = 1500 // sentences of one issue read at all
	edgeThreshold   = 0.08 // cosine below which two sentences are not linked
	damping         = 0.85
	sameArticleEdge = 0.4 // weight of a link between two sentences of one article
	mmrLambda       = 0.7
	redundantCos    = 0.45 // a sentence this close to a chosen one adds nothing
	sameFactCos     = 0.8  // this close: the same fact, merged as a source
	numberBoost     = 1.5
	shareBoost      = 2.0
	sameArticle     = 0.12 // MMR penalty per chosen sentence from the same article
	minWords        = 6
	maxWords        = 60
	pronounPenalty  = 0.4
)

// scored is a sentence with its rank in a summary.
type scored struct {
	ID    int32
	art   int32
	score float64
	v     vector
}

// summarize picks 3-6 sentences for a set of sentence ids: central ones
// (LexRank over tf-idf cosine), not redundant (MMR), not boilerplate,
// each cited; near-identical sentences from other articles become extra
// sources. Chosen sentences come in article then position order.
func summarize(ix *Index, arts []corpus.Article, ids []Weighted, n int) []Cited {
	c, _ := SummarizeIDs(ix, arts, ids, n)
	return c
}

// SummarizeIDs is summarize that also returns the ids of the chosen
// sentences.
func SummarizeIDs(ix *Index, arts []corpus.Article, ids []Weighted, n int) ([]Cited, []int32) {
	ranked := RankSentences(ix, ids)
	chosen := pickMMR(ranked, n)
	out := cite(ix, arts, chosen, ranked)
	used := make([]int32, len(chosen))
	for i, c := range chosen {
		used[i] = c.ID
	}
	return out, used
}

// Weighted is a sentence id with a prior weight: how surely it is about
// the subject.
type Weighted struct {
	ID int32
	W  float64
}

// WithNeighbours returns the sentences of ids (weight 1) and the sentence
// that follows each in the same block (weight 0.6): the next sentence
// often carries the figures of the one naming the subject. After a
// question heading (an FAQ's question) the neighbour is the first sentence
// of the paragraph under it, which answers it.
func WithNeighbours(ix *Index, ids []int32) []Weighted {
	out := make([]Weighted, 0, 2*len(ids))
	for k, id := range ids {
		out = append(out, Weighted{id, 1})
		next := id + 1
		if int(next) >= len(ix.Sents) {
			continue
		}
		s, n := &ix.Sents[id], &ix.Sents[next]
		under := (s.Title || (s.BlockKind() == corpus.Heading || s.alone) && strings.HasSuffix(s.Text, "?")) && n.BlockKind() == corpus.Para
		if n.Art == s.Art && (n.block == s.block || under) && (k+1 == len(ids) || ids[k+1] != next) {
			out = append(out, Weighted{next, 0.6})
		}
	}
	return out
}

// RankSentences returns the eligible sentences of ids with their LexRank
// score (times their quality and prior weight), best first.
func RankSentences(ix *Index, ids []Weighted) []scored {
	if len(ids) > maxConsidered {
		// A big issue: an even sample in corpus order is plenty to find
		// its central sentences, and keeps the cost flat.
		step := (len(ids) + maxConsidered - 1) / maxConsidered
		sample := make([]Weighted, 0, maxConsidered)
		for i := 0; i < len(ids); i += step {
			sample = append(sample, ids[i])
		}
		ids = sample
	}
	pool := make([]scored, 0, len(ids))
	for _, x := range ids {
		if w := quality(&ix.Sents[x.ID]); w > 0 {
			pool = append(pool, scored{ID: x.ID, art: ix.Sents[x.ID].Art, score: w * x.W, v: ix.vec(int(x.ID))})
		}
	}
	if len(pool) == 0 {
		return nil
	}
	if len(pool) > rankPool {
		pool = prefilter(pool, rankPool)
	}
	pr := lexRank(pool)
	for i := range pool {
		pool[i].score *= pr[i]
	}
	sort.SliceStable(pool, func(a, b int) bool {
		if pool[a].score != pool[b].score {
			return pool[a].score > pool[b].score
		}
		return pool[a].ID < pool[b].ID
	})
	return pool
}

// prefilter keeps the k sentences closest to the centroid of the pool, so
// LexRank stays cheap on big issues.
func prefilter(pool []scored, k int) []scored {
	centroid := make(map[int32]float64)
	for _, s := range pool {
		for i, t := range s.v.ids {
			centroid[t] += s.v.w[i]
		}
	}
	sim := make([]float64, len(pool))
	for j, s := range pool {
		for i, t := range s.v.ids {
			sim[j] += s.v.w[i] * centroid[t]
		}
		sim[j] *= s.score
	}
	order := make([]int, len(pool))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return sim[order[a]] > sim[order[b]] })
	out := make([]scored, 0, k)
	for _, i := range order[:k] {
		out = append(out, pool[i])
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// lexRank is the stationary distribution of a random walk over the
// sentence similarity graph (weighted LexRank), by power iteration. Two
// sentences of the same article are linked more weakly than sentences of
// different articles, and the walk restarts evenly over articles rather
// than sentences, so one article repeating itself does not own the centre.
func lexRank(pool []scored) []float64 {
	n := len(pool)
	w := make([][]float64, n)
	deg := make([]float64, n)
	for i := range w {
		w[i] = make([]float64, n)
	}
	perArt := make(map[int32]int)
	for _, s := range pool {
		perArt[s.art]++
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			c := cosine(pool[i].v, pool[j].v)
			if c < edgeThreshold {
				continue
			}
			if pool[i].art == pool[j].art {
				c *= sameArticleEdge
			}
			w[i][j], w[j][i] = c, c
			deg[i] += c
			deg[j] += c
		}
	}
	restart := make([]float64, n)
	for i, s := range pool {
		restart[i] = 1 / float64(len(perArt)*perArt[s.art])
	}
	p := make([]float64, n)
	copy(p, restart)
	next := make([]float64, n)
	for iter := 0; iter < 60; iter++ {
		var dangling float64
		for i := range p {
			if deg[i] == 0 {
				dangling += p[i]
			}
		}
		var diff float64
		for j := 0; j < n; j++ {
			s := 0.0
			for i := 0; i < n; i++ {
				if w[i][j] > 0 {
					s += p[i] * w[i][j] / deg[i]
				}
			}
			next[j] = (1-damping)*restart[j] + damping*(s+dangling*restart[j])
			diff += math.Abs(next[j] - p[j])
		}
		p, next = next, p
		if diff < 1e-9 {
			break
		}
	}
	return p
}

// pickMMR chooses up to n sentences by maximal marginal relevance, never
// two that say nearly the same thing. It stops early, after the minimum,
// once the remaining sentences are much weaker than the first.
func pickMMR(ranked []scored, n int) []scored {
	chosen := pickMMRAt(ranked, n, redundantCos, nil)
	if len(chosen) < MinSummary {
		// Few sentences: accept closer ones rather than too short a summary.
		chosen = pickMMRAt(ranked, MinSummary, 0.7, chosen)
	}
	return chosen
}

func pickMMRAt(ranked []scored, n int, redundant float64, chosen []scored) []scored {
	if len(ranked) == 0 {
		return chosen
	}
	top := ranked[0].score
	used := make([]bool, len(ranked))
	for i, s := range ranked {
		for _, c := range chosen {
			if c.ID == s.ID {
				used[i] = true
			}
		}
	}
	for len(chosen) < n {
		best, bestVal := -1, math.Inf(-1)
		for i, s := range ranked {
			if used[i] {
				continue
			}
			maxSim, same := 0.0, 0.0
			for _, c := range chosen {
				maxSim = max(maxSim, cosine(s.v, c.v))
				if c.art == s.art {
					same++
				}
			}
			if maxSim >= redundant {
				used[i] = true
				continue
			}
			val := mmrLambda*s.score/top - (1-mmrLambda)*maxSim - sameArticle*same
			if val > bestVal {
				best, bestVal = i, val
			}
		}
		if best < 0 || len(chosen) >= MinSummary && ranked[best].score < 0.2*top {
			break
		}
		used[best] = true
		chosen = append(chosen, ranked[best])
	}
	return chosen
}

// cite turns chosen sentences into Cited values in reading order; every
// other ranked sentence that states the same fact in another article adds
// its article as a source.
func cite(ix *Index, arts []corpus.Article, chosen, ranked []scored) []Cited {
	sort.Slice(chosen, func(a, b int) bool { return chosen[a].ID < chosen[b].ID })
	out := make([]Cited, 0, len(chosen))
	for _, c := range chosen {
		s := &ix.Sents[c.ID]
		srcs := []Source{SourceOf(&arts[s.Art])}
		for _, r := range ranked {
			o := &ix.Sents[r.ID]
			if o.Art == s.Art || HasSource(srcs, arts[o.Art].ID) {
				continue
			}
			if cosine(c.v, r.v) >= sameFactCos || corpus.NearDuplicate(s.Text, o.Text) {
				srcs = append(srcs, SourceOf(&arts[o.Art]))
			}
		}
		out = append(out, Cited{Text: s.Text, Sources: srcs})
	}
	return out
}

var (
	creditMark = regexp.MustCompile(`\b[A-Z]{3,}/|(?i)\b(?:photo|image|credit|caption)s?\s*[:/]|(?i)file photo`)
	readerWord = regexp.MustCompile(`(?i)\b(?:you|your)\b`)
)

// promptWords open a call to action rather than a statement.
var promptWords = SetOf("click", "tap", "read", "share", "subscribe", "follow", "sign", "leave", "comment", "watch", "listen", "download", "see", "related")

// pronounLeads start a sentence that leans on the one before it.
var pronounLeads = SetOf("this", "these", "that", "those", "it", "they", "he", "she", "such", "its", "their", "his", "her", "them", "here", "there")

// connectiveLeads start a sentence that answers the one before it.
var connectiveLeads = SetOf("but", "and", "yet", "so", "however", "also", "still", "instead", "thus", "meanwhile")

// quality weighs a sentence as summary material: 0 for boilerplate
// (headings, questions, captions, prompts, quote fragments, very short or
// unfinished sentences), less for sentences that lean on their context,
// more for sentences carrying figures.
func quality(s *Sentence) float64 {
	if s.BlockKind() == corpus.Heading || s.Title || s.quote || s.part || IsBoilerplate(s.Text) {
		return 0
	}
	w := 1.0
	first := strings.ToLower(strings.Trim(firstWord(s.Text), "“\"‘',"))
	if promptWords[first] {
		return 0
	}
	switch {
	case pronounLeads[first]:
		w *= pronounPenalty
	case first == "the" && GenericWords[strings.ToLower(secondWord(s.Text))]:
		w *= 0.6 // "The details are…": leans on what came before
	case EarlyDemonstrative(s.Text):
		w *= 0.4 // "Ukraine rejects this ultimatum"
	case connectiveLeads[first]:
		w *= 0.7
	}
	if (strings.Contains(s.Text, "you") || strings.Contains(s.Text, "You")) && readerWord.MatchString(s.Text) {
		w *= 0.3
	}
	if s.alone && s.BlockKind() == corpus.Para && strings.Count(s.Text, " ") < 12 {
		w *= 0.5 // a short line on its own: often a subheading
	}
	w *= figureWeight(s.Text)
	return w
}

// IsBoilerplate reports whether a sentence is not summary material at all.
func IsBoilerplate(t string) bool {
	n := strings.Count(t, " ") + 1
	if n < minWords || n > maxWords {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "\"”’')"))
	if !strings.ContainsRune(".!", last) {
		return true // questions, headings, captions, lead-ins ending in ':'
	}
	if strings.ContainsAny(t, ":/") || strings.Contains(t, "hoto") {
		if creditMark.MatchString(t) {
			return true
		}
	}
	if promptWords[strings.ToLower(firstWord(t))] {
		return true
	}
	if StartsWithQuote(t) && strings.ContainsRune("”\"", lastRune(t)) {
		return true // a bare quotation, with no one saying it
	}
	if strings.Count(t, "(") != strings.Count(t, ")") {
		return true // a fragment of a parenthesis split from its other half
	}
	if xrefRe.MatchString(t) {
		return true
	}
	return unbalancedQuote(t)
}

// xrefRe is a cross-reference that sends the reader elsewhere instead of
// saying something: "For more information see Section 10.2, …".
var xrefRe = regexp.MustCompile(`(?i)^(for (more|further|additional|other) (information|details|info|possibilities|options)|(more|further|additional)( \w+)? (information|details|documentation) (is|are|can be|on|about)|for details|see also|please (see|refer|read|consult)|refer to|(see|read) (section|chapter|the section|the chapter|below|above))\b`)

// unbalancedQuote reports a quotation opened or closed but not both: a
// fragment of a quote split from its other half.
func unbalancedQuote(t string) bool {
	open := strings.Count(t, "“")
	closeQ := strings.Count(t, "”")
	if open != closeQ {
		return true
	}
	return strings.Count(t, "\"")%2 == 1
}

func lastRune(t string) rune {
	r, _ := utf8.DecodeLastRuneInString(t)
	return r
}

// EarlyDemonstrative reports "this", "these" or "such" among the first
// words of a sentence: it points back at something said before.
func EarlyDemonstrative(t string) bool {
	fs := strings.Fields(t)
	for i := 1; i < len(fs) && i < 5; i++ {
		switch strings.ToLower(fs[i]) {
		case "this", "these", "such":
			return true
		}
	}
	return false
}

func secondWord(t string) string {
	fs := strings.Fields(t)
	if len(fs) < 2 {
		return ""
	}
	return strings.Trim(fs[1], ",;:")
}

func firstWord(t string) string {
	if i := strings.IndexFunc(t, unicode.IsSpace); i > 0 {
		return t[:i]
	}
	return t
}

// figureWeight favours sentences carrying figures: a share ("95%", "90
// percent") most, then any number, count-word like "20-point" or date.
func figureWeight(t string) float64 {
	i := strings.IndexFunc(t, unicode.IsDigit)
	switch {
	case i < 0:
		return 1
	case strings.Contains(t[i:], "%") || strings.Contains(t[i:], " percent"):
		return shareBoost
	default:
		return numberBoost
	}
}

// SourceOf returns the Source of an article.
func SourceOf(a *corpus.Article) Source { return Source{ID: a.ID, Title: a.Title, URL: a.URL} }

// IsCredit reports a photo credit or caption mark in t ("AFP/", "Photo:").
func IsCredit(t string) bool { return creditMark.MatchString(t) }

// IsPrompt reports a call to action: t opens with "click", "share",
// "subscribe" or the like.
func IsPrompt(t string) bool { return promptWords[strings.ToLower(firstWord(t))] }
