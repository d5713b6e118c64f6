package stories

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/briefings/stories/cluster"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/text"
)

// Discovery limits.
const (
	maxIssues     = 8
	maxCandidates = 48
	minSeedShare  = 0.06 // of the best candidate's score
	maxAliases    = 6
	minSeeds      = 3 // fewer seeds than this: titled phrases may seed too
)

// Set is the issues of a knowledge base, with what With needs to
// extend them: issueSents[i] holds the sentence ids about issues[i],
// sorted; seqs[i] the term sequences that mark them, chosen[i] the ids of
// its summary's sentences.
type Set struct {
	Issues []Issue
	Sents  [][]int32
	seqs   [][][]int32
	chosen [][]int32
	// model places added articles in the stories; story[i] is the index
	// in it of issues[i], -1 for an issue that is no found story, and
	// issueOf the inverse (-1 for a story that made no issue).
	model   *cluster.Model
	story   []int
	issueOf []int
	// termSets[i] holds the terms find matches against issues[i] beyond
	// its names; built once, on first use.
	termsOnce sync.Once
	termSets  []map[string]struct{}
}

// draft is an issue being assembled: its phrases, their term sequences and
// the sentences that mention them.
type draft struct {
	spec    *Spec
	members []*phraseStat
	phrases []string  // display forms, the name first
	seqs    [][]int32 // term id sequences that mark a sentence as about it
	sents   []int32   // sorted sentence ids
	score   float64
	// story is set for an issue that is a found story: its members are
	// arts (article indexes), its sentences theirs.
	story    *cluster.Story
	storyIdx int
	arts     []int32
}

// Build discovers the issues of the corpus as plan says (the stories
// found, or the facets of one story from pc, the phrase counter that saw
// the index built), merges the configured ones (which come first and
// replace discovered issues they overlap), and gives each its articles and
// summary.
func Build(ix *cite.Index, arts []corpus.Article, specs []Spec, synonyms [][]string, pc *phraseCounter, plan Plan) *Set {
	set := &Set{Issues: []Issue{}}
	// A corpus of stories, or one too small to say (a live corpus that
	// starts empty), keeps the model to place the articles added later.
	if plan.Model != nil && (!plan.Facets || len(arts) <= 2) {
		set.model = plan.Model
		set.issueOf = make([]int, len(plan.Stories))
		for k := range set.issueOf {
			set.issueOf[k] = -1
		}
	}
	if len(ix.Sents) == 0 && len(specs) == 0 {
		return set
	}
	var configured []*draft
	for i := range specs {
		spec := &specs[i]
		d := &draft{spec: spec}
		for _, p := range append(append([]string{spec.Name}, spec.Aliases...), spec.Keywords...) {
			d.addPhrase(ix, p)
		}
		configured = append(configured, d)
	}
	var discovered []*draft
	all := append([]*draft(nil), configured...)
	if plan.Facets && pc != nil {
		discovered = discover(ix, pc, synonymGroups(synonyms))
		matchSentences(ix, append(append([]*draft(nil), configured...), discovered...))
	} else {
		matchSentences(ix, configured)
		discovered = storyDrafts(ix, arts, plan.Stories)
	}
	for _, d := range discovered {
		if !overlapsAny(d, configured) && len(d.sents) > 0 {
			all = append(all, d)
		}
	}
	issues := make([]Issue, 0, len(all))
	ids := make(map[string]int)
	// A sentence naming several issues is less about each; a sentence
	// chosen for one summary is not repeated in a later one when others
	// can take its place.
	shared := make(map[int32]float64)
	for _, d := range all {
		if d.story != nil {
			continue // a story's summary is drawn from its own articles
		}
		for _, s := range d.sents {
			shared[s]++
		}
	}
	used := make(map[int32]bool)
	for _, d := range all {
		is, chosen := d.issue(ix, arts, shared, used)
		if d.spec == nil && (len(is.ArticleIDs) == 0 || len(is.Summary) == 0) {
			continue // a discovered issue with nothing to say is no issue
		}
		k := -1
		if d.story != nil && set.model != nil {
			k = d.storyIdx
			set.issueOf[k] = len(issues)
		}
		set.story = append(set.story, k)
		base := is.ID
		for n := 2; ids[is.ID] > 0; n++ {
			is.ID = base + "-" + strconv.Itoa(n)
		}
		ids[is.ID]++
		issues = append(issues, is)
		set.Sents = append(set.Sents, d.sents)
		set.seqs = append(set.seqs, d.seqs)
		set.chosen = append(set.chosen, chosen)
	}
	set.Issues = issues
	return set
}

// addPhrase adds a phrase the draft is known by; it is ignored when its
// terms never occur in the corpus.
func (d *draft) addPhrase(ix *cite.Index, p string) {
	p = cite.CleanLine(p)
	if p == "" {
		return
	}
	d.phrases = append(d.phrases, p)
	if seq, ok := ix.Lookup(p); ok {
		d.seqs = append(d.seqs, seq)
	}
}

// discover groups the best candidate phrases into issues.
func discover(ix *cite.Index, pc *phraseCounter, syn map[string]int) []*draft {
	cands := pc.candidates()
	if len(cands) > maxCandidates {
		cands = cands[:maxCandidates]
	}
	if len(cands) == 0 {
		return nil
	}
	// Sentence sets of the candidates, for co-occurrence.
	cd := make([]*draft, len(cands))
	for i, c := range cands {
		cd[i] = &draft{members: []*phraseStat{c}}
		cd[i].addPhrase(ix, c.display())
	}
	matchSentences(ix, cd)
	sentsOf := make(map[*phraseStat][]int32, len(cands))
	for i, c := range cands {
		sentsOf[c] = cd[i].sents
		if g, ok := syn[synonymKey(c.display())]; ok {
			c.synonym = g + 1
		}
	}

	top := 0.0
	for _, c := range cands {
		if c.seedable {
			top = max(top, c.score)
		}
	}
	// A lone common word does not found an issue when a longer phrase
	// holding it is common too ("route" beside "Old Town route").
	for _, c := range cands {
		if c.words != 1 || c.specific() {
			continue
		}
		for _, o := range cands {
			if o.words > 1 && 10*o.sf >= 3*c.sf && subset(wordKeys(c.key), wordKeys(o.key)) {
				c.seedable = false
				break
			}
		}
	}
	// Seeds first: the best candidates unrelated to a better one. In a
	// corpus too small for that to find a few issues (one or two articles),
	// a phrase of several words that a title or heading uses and the text
	// repeats may found one too ("Storm Fiona", "library card").
	var groups []*draft
	isSeed := make(map[*phraseStat]bool)
	seed := func(c *phraseStat) {
		related := false
		for _, g := range groups {
			if relation(c, g, sentsOf) > 0 {
				related = true
				break
			}
		}
		if !related {
			groups = append(groups, &draft{members: []*phraseStat{c}, score: c.score})
			isSeed[c] = true
		}
	}
	for _, c := range cands {
		if len(groups) < maxIssues && c.seedable && c.score >= minSeedShare*top {
			seed(c)
		}
	}
	if len(groups) < minSeeds {
		for _, c := range cands {
			if len(groups) < maxIssues && !isSeed[c] && c.words > 1 && c.sf >= 2 && c.hf > 0 && c.score >= minSeedShare*top {
				seed(c)
			}
		}
	}
	// Then every other candidate joins the group it is most related to.
	for _, c := range cands {
		if isSeed[c] {
			continue
		}
		var best *draft
		bestRel := 0
		for _, g := range groups {
			if r := relation(c, g, sentsOf); r > bestRel {
				best, bestRel = g, r
			}
		}
		if best != nil {
			best.members = append(best.members, c)
			best.score += c.score / 2
		}
	}
	for _, g := range groups {
		g.name()
		for k, m := range g.members {
			if k > 0 && !usable(m) {
				continue
			}
			if seq, ok := ix.Lookup(m.display()); ok {
				g.seqs = append(g.seqs, seq)
			}
		}
	}
	sort.SliceStable(groups, func(a, b int) bool { return groups[a].score > groups[b].score })
	return groups
}

// relation says how strongly candidate c belongs to group g: 3 when it
// contains or is contained in g's seed, 2 when it shares the seed's leading
// word or contains (or is contained in) another of g's phrases, 1 when it
// is mentioned mostly in the same sentences as the seed, 0 otherwise.
func relation(c *phraseStat, g *draft, sentsOf map[*phraseStat][]int32) int {
	ck := wordKeys(c.key)
	seed := g.members[0]
	sk := wordKeys(seed.key)
	if subset(ck, sk) || subset(sk, ck) || c.synonym > 0 && c.synonym == seed.synonym {
		return 3
	}
	if len(ck) > 1 && len(sk) > 1 && !genericKey(sk[0]) && (ck[0] == sk[0] || subset(sk[:1], ck)) {
		return 2 // "security assurances", "international security" with "security guarantees"
	}
	for _, m := range g.members[1:] {
		if !usable(m) {
			continue // a lone common word does not pull others in
		}
		mk := wordKeys(m.key)
		if subset(ck, mk) || subset(mk, ck) {
			return 2
		}
	}
	a, b := sentsOf[c], sentsOf[seed]
	common := text.IntersectCount(a, b)
	if n := min(len(a), len(b)); n >= 3 && common >= 2 && float64(common) >= 0.6*float64(n) {
		return 1
	}
	if len(ck) > 1 && len(sk) > 1 && ck[len(ck)-1] == sk[len(sk)-1] && !genericKey(sk[len(sk)-1]) && common >= 1 {
		return 1 // the same head, named together: "embankment route", "Old Town route"
	}
	return 0
}

// synonymGroups maps each phrase of the configured synonym groups to its
// group.
func synonymGroups(groups [][]string) map[string]int {
	m := make(map[string]int)
	for g, words := range groups {
		for _, w := range words {
			if k := synonymKey(w); k != "" {
				if _, dup := m[k]; !dup {
					m[k] = g
				}
			}
		}
	}
	return m
}

// synonymKey is the form under which a phrase matches a synonym.
func synonymKey(s string) string { return strings.Join(text.Terms(s), " ") }

// subset reports whether every key of a is in b.
func subset(a, b []string) bool {
	if len(a) > len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// usable reports whether a phrase may mark sentences and serve as an
// alias: several words, or a specific word.
func usable(p *phraseStat) bool { return p.words > 1 || p.specific() }

// name picks the group's name and aliases: the seed's display form, or the
// longest member that contains it and is nearly as frequent (a lone name
// or common word yields to a longer phrase more easily: "territorial" ->
// "territorial issues"). Aliases that only cut a longer one short
// ("zaporizhzhia nuclear" beside "zaporizhzhia nuclear power plant") are
// dropped.
func (g *draft) name() {
	seed := g.members[0]
	best := seed
	need := int32(2)
	if seed.words == 1 {
		need = 5
	}
	for _, m := range g.members[1:] {
		if m.words > best.words && subset(wordKeys(seed.key), wordKeys(m.key)) && need*m.sf >= seed.sf {
			best = m
		}
	}
	var forms []string
	for k, m := range g.members {
		if k == 0 || usable(m) {
			forms = append(forms, m.display())
		}
	}
	g.phrases = []string{best.display()}
	seen := map[string]bool{strings.ToLower(best.display()): true}
	for k, d := range forms {
		l := strings.ToLower(d)
		if seen[l] || k > 0 && cutShort(d, forms) {
			continue
		}
		seen[l] = true
		g.phrases = append(g.phrases, d)
	}
}

// cutShort reports whether phrase d is the start of a longer form, or the
// end of a longer name ("Town route" in "Old Town route").
func cutShort(d string, forms []string) bool {
	l := strings.ToLower(d)
	r, _ := utf8.DecodeRuneInString(d)
	for _, f := range forms {
		f = strings.ToLower(f)
		if len(f) <= len(l) {
			continue
		}
		if strings.HasPrefix(f, l+" ") || unicode.IsUpper(r) && strings.HasSuffix(f, " "+l) {
			return true
		}
	}
	return false
}

// overlapsAny reports whether a discovered draft covers the same ground as
// a configured one: a shared phrase, or mostly the same sentences.
func overlapsAny(d *draft, configured []*draft) bool {
	for _, c := range configured {
		for _, p := range d.seqs {
			for _, q := range c.seqs {
				if cite.ContainsSeq(p, q) || cite.ContainsSeq(q, p) {
					return true
				}
			}
		}
		if n := text.IntersectCount(d.sents, c.sents); n > 0 && 2*n >= len(d.sents) {
			return true
		}
	}
	return false
}

// matchSentences fills the sentence ids of every draft: the sentences in
// which one of its term sequences occurs.
func matchSentences(ix *cite.Index, ds []*draft) {
	for _, d := range ds {
		d.sents = d.sents[:0]
	}
	matchRange(ix, ds, 0, len(ix.Sents))
}

// matchRange appends to the sentence ids of every draft the sentences of
// [lo, hi) in which one of its term sequences occurs.
func matchRange(ix *cite.Index, ds []*draft, lo, hi int) {
	type ref struct {
		d   int
		seq []int32
	}
	byFirst := make(map[int32][]ref)
	for i, d := range ds {
		for _, s := range d.seqs {
			byFirst[s[0]] = append(byFirst[s[0]], ref{i, s})
		}
	}
	last := make([]int32, len(ds))
	for i := range last {
		last[i] = -1
	}
	for si := lo; si < hi; si++ {
		ts := ix.Terms(&ix.Sents[si])
		for k, t := range ts {
			for _, r := range byFirst[t] {
				if last[r.d] == int32(si) || !hasPrefix(ts[k:], r.seq) {
					continue
				}
				last[r.d] = int32(si)
				ds[r.d].sents = append(ds[r.d].sents, int32(si))
			}
		}
	}
}

func hasPrefix(ts, seq []int32) bool {
	if len(seq) > len(ts) {
		return false
	}
	for i, t := range seq {
		if ts[i] != t {
			return false
		}
	}
	return true
}

// slug turns a name into a stable id: lower case, words joined by "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "issue"
	}
	return b.String()
}

// titleCase writes a phrase as a name: each word capitalised except short
// function words inside it; words already capitalised are kept.
func titleCase(s string) string {
	fs := strings.Fields(s)
	for i, f := range fs {
		if i > 0 && smallWords[strings.ToLower(f)] {
			continue
		}
		fs[i] = capitalizeParts(f)
	}
	return strings.Join(fs, " ")
}

// capitalizeParts capitalises each hyphen-separated part of a word.
func capitalizeParts(w string) string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		for j, r := range p {
			if unicode.IsLetter(r) {
				parts[i] = p[:j] + string(unicode.ToUpper(r)) + p[j+len(string(r)):]
				break
			}
		}
	}
	return strings.Join(parts, "-")
}

var smallWords = cite.SetOf("a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "vs")

// issue turns a draft into an Issue: id, name, aliases, the articles about
// it (most mentions first, headings counting more) and its summary; it
// returns the ids of the summary's sentences too, and marks them used.
func (d *draft) issue(ix *cite.Index, arts []corpus.Article, shared map[int32]float64, used map[int32]bool) (Issue, []int32) {
	is := Issue{Aliases: []string{}, Summary: []cite.Cited{}, ArticleIDs: []string{}}
	if d.spec != nil {
		is.Name = d.spec.Name
		is.Aliases = cite.NonNilStrings(append([]string(nil), d.spec.Aliases...))
		is.Keywords = append([]string(nil), d.spec.Keywords...)
	} else {
		is.Name = titleCase(d.phrases[0])
		for _, p := range d.phrases[1:] {
			if len(is.Aliases) < maxAliases {
				is.Aliases = append(is.Aliases, p)
			}
		}
	}
	if d.story != nil {
		is.Name = d.story.Name
		is.ID = slug(is.Name)
		is.ArticleIDs = cite.NonNilStrings(slices.Clone(d.story.Members))
		var chosen []int32
		is.Summary, chosen = storySummary(ix, arts, d, used)
		for _, id := range chosen {
			used[id] = true
		}
		return is, chosen
	}
	is.ID = slug(is.Name)
	is.ArticleIDs = issueArticles(ix, arts, d.sents)
	pool := cite.WithNeighbours(ix, d.sents)
	n := make([]float64, len(pool))
	for i := range pool {
		n[i] = shared[pool[i].ID]
	}
	var chosen []int32
	is.Summary, chosen = issueSummary(ix, arts, pool, n, used)
	for _, id := range chosen {
		used[id] = true
	}
	return is, chosen
}

// issueArticles returns the ids of the articles of an issue's sentences,
// most mentions first (a title counting 4, a heading 3), then in article
// order.
func issueArticles(ix *cite.Index, articles []corpus.Article, sents []int32) []string {
	weight := make(map[int32]float64)
	for _, si := range sents {
		s := &ix.Sents[si]
		switch {
		case s.Title:
			weight[s.Art] += 4
		case s.BlockKind().Titles():
			weight[s.Art] += 3
		default:
			weight[s.Art]++
		}
	}
	arts := make([]int32, 0, len(weight))
	for a := range weight {
		arts = append(arts, a)
	}
	sort.Slice(arts, func(i, j int) bool {
		if weight[arts[i]] != weight[arts[j]] {
			return weight[arts[i]] > weight[arts[j]]
		}
		return arts[i] < arts[j]
	})
	out := make([]string, 0, len(arts))
	for _, a := range arts {
		out = append(out, articles[a].ID)
	}
	return out
}

// issueSummary summarises an issue from its sentences with their
// neighbours (pool); shared[i] is how many issues pool[i] is about. A
// sentence about several issues weighs less for each, and one used by an
// earlier issue's summary is left to it unless too few others remain. It
// returns the summary and the ids of its sentences.
func issueSummary(ix *cite.Index, arts []corpus.Article, pool []cite.Weighted, shared []float64, used map[int32]bool) ([]cite.Cited, []int32) {
	fresh := make([]cite.Weighted, 0, len(pool))
	for i := range pool {
		if n := shared[i]; n > 1 {
			pool[i].W /= n
		}
		if !used[pool[i].ID] {
			fresh = append(fresh, pool[i])
		}
	}
	sum, chosen := cite.SummarizeIDs(ix, arts, fresh, cite.MaxSummary)
	if len(sum) < cite.MinSummary {
		sum, chosen = cite.SummarizeIDs(ix, arts, pool, cite.MaxSummary)
	}
	return sum, chosen
}
