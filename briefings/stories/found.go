package stories

import (
	"slices"
	"strings"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/stories/cluster"
	"github.com/briefbot/briefbot/corpus"
)

// Weights of a story's sentences as summary material.
const (
	namingWeight = 1.0 // a sentence naming one of the story's phrases
	leadWeight   = 0.8 // one of the first sentences of a member article
	bodyWeight   = 0.3 // any other sentence of a member article
	leadLen      = 3   // sentences of an article's lead, title excluded
	poolArticles = 25  // articles of a story its summary is drawn from, newest first
)

// storyDrafts turns found stories into drafts: the name and distinctive
// phrases, the member articles, and as sentences those of the members
// that name a phrase of the story or open an article.
func storyDrafts(ix *cite.Index, arts []corpus.Article, found []cluster.Story) []*draft {
	byID := make(map[string]int32, len(arts))
	for i := range arts {
		byID[arts[i].ID] = int32(i)
	}
	ds := make([]*draft, 0, len(found))
	for k := range found {
		s := &found[k]
		d := &draft{story: s, storyIdx: k}
		d.phrases = append(d.phrases, s.Name)
		for _, p := range s.Phrases {
			if len(d.phrases) > maxAliases {
				break
			}
			if !strings.EqualFold(p, s.Name) && !strings.Contains(strings.ToLower(s.Name), strings.ToLower(p)) {
				d.phrases = append(d.phrases, p)
			}
		}
		for _, p := range append([]string{s.Name}, s.Phrases...) {
			if seq, ok := ix.Lookup(p); ok && len(seq) > 0 {
				d.seqs = append(d.seqs, seq)
			}
		}
		for _, id := range s.Members {
			if a, ok := byID[id]; ok {
				d.arts = append(d.arts, a)
			}
		}
		ds = append(ds, d)
	}
	matchSentences(ix, ds)
	for _, d := range ds {
		d.sents = storySents(ix, d)
	}
	return ds
}

// storySents keeps, of the sentences naming a story's phrases, those of
// its member articles, and adds each member's title and lead.
func storySents(ix *cite.Index, d *draft) []int32 {
	member := make(map[int32]bool, len(d.arts))
	for _, a := range d.arts {
		member[a] = true
	}
	var out []int32
	for _, si := range d.sents {
		if member[ix.Sents[si].Art] {
			out = append(out, si)
		}
	}
	for _, a := range d.arts {
		lo, hi := ix.First[a], ix.First[a+1]
		for si := lo; si < hi && si <= lo+leadLen; si++ {
			out = append(out, si)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// storyPool weighs every sentence of a story's members as summary
// material: the sentences naming the story first, then the leads, then the
// rest; a sentence that leans on one before it ("It also...", "However,
// ...") is left out, for the sentence it points at may not be there.
func storyPool(ix *cite.Index, d *draft, naming []int32) []cite.Weighted {
	names := make(map[int32]bool, len(naming))
	for _, si := range naming {
		names[si] = true
	}
	// A big story's newest articles are plenty to find its core facts,
	// and keep the cost flat.
	arts := d.arts[:min(len(d.arts), poolArticles)]
	var pool []cite.Weighted
	for _, a := range slices.Sorted(slices.Values(arts)) {
		lo, hi := ix.First[a], ix.First[a+1]
		for si := lo; si < hi; si++ {
			s := &ix.Sents[si]
			if s.Title || dangling(s.Text) {
				continue
			}
			w := bodyWeight
			switch {
			case names[si]:
				w = namingWeight
			case si <= lo+leadLen:
				w = leadWeight
			}
			pool = append(pool, cite.Weighted{ID: si, W: w})
		}
	}
	return pool
}

// danglingLeads open a sentence that points at the one before it.
var danglingLeads = cite.SetOf("it", "its", "it's", "this", "these", "that", "those", "they", "their",
	"he", "she", "his", "her", "them", "such", "also", "however", "but", "and", "yet", "so", "still",
	"instead", "thus", "meanwhile", "moreover", "furthermore", "besides", "then", "there", "here",
	"nevertheless", "nonetheless", "otherwise", "likewise", "similarly", "additionally", "indeed")

// dangling reports whether a sentence opens with a word that points at
// the sentence before it.
func dangling(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	first := s
	if i := strings.IndexAny(s, " \t\n"); i >= 0 {
		first = s[:i]
	}
	w := strings.ToLower(strings.Trim(first, "“\"‘'(,:;—-"))
	w = strings.ReplaceAll(w, "’", "'")
	return danglingLeads[w]
}

// storySummary summarises a story: its most informative sentences first,
// each cited. It returns the ids of the chosen sentences too.
func storySummary(ix *cite.Index, arts []corpus.Article, d *draft, used map[int32]bool) ([]cite.Cited, []int32) {
	pool := storyPool(ix, d, d.sents)
	fresh := make([]cite.Weighted, 0, len(pool))
	for _, w := range pool {
		if !used[w.ID] {
			fresh = append(fresh, w)
		}
	}
	sum, chosen := cite.SummarizeIDs(ix, arts, fresh, cite.MaxSummary)
	if len(sum) < cite.MinSummary {
		fresh = pool
		sum, chosen = cite.SummarizeIDs(ix, arts, pool, cite.MaxSummary)
	}
	var order []int32
	for _, r := range cite.RankSentences(ix, fresh) {
		order = append(order, r.ID)
	}
	return informativeFirst(sum, chosen, order), chosen
}

// informativeFirst orders a summary, given in reading order (its
// sentence ids sorted), by the sentences' rank: most informative first.
func informativeFirst(sum []cite.Cited, chosen []int32, ranked []int32) []cite.Cited {
	if len(sum) != len(chosen) {
		return sum
	}
	rank := make(map[int32]int, len(ranked))
	for i, id := range ranked {
		rank[id] = i
	}
	order := make([]int, len(sum))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ra, oka := rank[chosen[a]]
		rb, okb := rank[chosen[b]]
		if !oka {
			ra = len(ranked)
		}
		if !okb {
			rb = len(ranked)
		}
		return ra - rb
	})
	out := make([]cite.Cited, len(sum))
	for i, k := range order {
		out[i] = sum[k]
	}
	return out
}
