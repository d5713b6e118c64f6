package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// maxPending is how many articles of no story a Model keeps, newest
// first, for an added article to start a story with.
const maxPending = 500

// Model is what Build learned of a corpus's stories, kept to place the
// articles of a live corpus as they arrive: each joins its story or,
// with an earlier article of no story, starts one. A Model is not safe for
// concurrent use; Clone gives a copy to change while the original is read.
type Model struct {
	opts Options
	n    int              // articles seen
	df   map[uint64]int32 // document frequency of the features of stories and pending articles
	// stories[i] is Story i of Build's result, then the stories started
	// since.
	stories []*modelStory
	pending []pendingDoc // newest last
}

type modelStory struct {
	cent        map[uint64]float64
	norm2       float64
	first, last time.Time
}

type pendingDoc struct {
	id string
	v  map[uint64]float64
	at time.Time
}

// newModel keeps what placing later articles needs of a clustering.
func newModel(opts Options, arts []corpus.Article, order []int, c *clusterer, groups []*group, hashes []uint64, df map[uint64]int32) *Model {
	m := &Model{opts: opts, n: len(arts), df: map[uint64]int32{}}
	inStory := make([]bool, len(c.vecs))
	for _, g := range groups {
		ms := &modelStory{cent: make(map[uint64]float64, len(g.cent)), norm2: g.norm2, first: g.first, last: g.last}
		for id, w := range g.cent {
			h := hashes[id]
			ms.cent[h] = w
			m.df[h] = df[h]
		}
		for _, i := range g.members {
			inStory[i] = true
		}
		m.stories = append(m.stories, ms)
	}
	// The newest articles of no story, which a new one may pair with.
	st := newStemmer()
	for i := len(c.vecs) - 1; i >= 0 && len(m.pending) < maxPending; i-- {
		if inStory[i] {
			continue
		}
		// Its batch vector holds only what it shares with the corpus;
		// what it says alone may be what the next article shares.
		d, _ := readDoc(&arts[order[i]], st, nil, false)
		v := weigh(d, df, m.n)
		for h := range v {
			m.df[h] = df[h]
		}
		m.pending = append(m.pending, pendingDoc{id: arts[order[i]].ID, v: v, at: c.dates[i]})
	}
	slices.Reverse(m.pending)
	return m
}

// Clone returns a copy of m that Add may change while m is read.
func (m *Model) Clone() *Model {
	c := *m
	c.stories = slices.Clone(m.stories)
	c.pending = slices.Clone(m.pending)
	return &c
}

// Placement says where Add put an article.
type Placement struct {
	// Story is the index of the story the article joined or started
	// (Build's stories first, then those started since); -1 for none.
	Story int
	// Started is set when the article started Story with Partner, the ID
	// of an earlier article of no story (Name names the new story).
	Started bool
	Partner string
}

// Add places an article: in the story whose centroid is most similar, if
// that reaches the threshold and the story is near in time; else in a new
// story with the most similar earlier article of no story; else nowhere
// (the article waits for one like it).
func (m *Model) Add(a *corpus.Article) Placement {
	m.n++
	d, _ := readDoc(a, newStemmer(), nil, false)
	v := m.vector(d)
	best, bs := -1, m.opts.Threshold
	for i, s := range m.stories {
		if !s.near(a.Published, m.opts.Window) {
			continue
		}
		dot, shared := 0.0, 0
		for h, w := range v {
			if c, ok := s.cent[h]; ok {
				dot += w * c
				shared++
			}
		}
		if shared < minShared {
			continue
		}
		if sim := dot / math.Sqrt(s.norm2); sim >= bs {
			best, bs = i, sim
		}
	}
	if best >= 0 {
		m.stories[best] = m.stories[best].with(v, a.Published)
		return Placement{Story: best}
	}
	partner, ps := -1, m.opts.Threshold
	for i, p := range m.pending {
		if !a.Published.IsZero() && !p.at.IsZero() && m.opts.Window >= 0 && absDur(a.Published.Sub(p.at)) > m.opts.Window {
			continue
		}
		dot, shared := 0.0, 0
		for h, w := range v {
			if c, ok := p.v[h]; ok {
				dot += w * c
				shared++
			}
		}
		if shared >= minShared && dot >= ps {
			partner, ps = i, dot
		}
	}
	if partner < 0 {
		m.pending = append(m.pending, pendingDoc{id: a.ID, v: v, at: a.Published})
		if len(m.pending) > maxPending {
			m.pending = slices.Delete(slices.Clone(m.pending), 0, len(m.pending)-maxPending)
		}
		return Placement{Story: -1}
	}
	p := m.pending[partner]
	s := (&modelStory{cent: map[uint64]float64{}}).with(p.v, p.at).with(v, a.Published)
	m.stories = append(m.stories, s)
	m.pending = slices.Delete(slices.Clone(m.pending), partner, partner+1)
	return Placement{Story: len(m.stories) - 1, Started: true, Partner: p.id}
}

// vector weighs a new article's features by the model's document
// frequencies (a feature it does not know counts as the article's own).
func (m *Model) vector(d doc) map[uint64]float64 { return weigh(d, m.df, m.n) }

// weigh is an article's unit vector of its strongest features by TF-IDF,
// those df does not know counting as the article's own.
func weigh(d doc, df map[uint64]int32, articles int) map[uint64]float64 {
	n := float64(articles)
	fs := make([]featWeight, 0, len(d.feats))
	for _, x := range d.feats {
		f, tf := unpack(x)
		k := max(df[f], 1)
		w := (1 + math.Log(tf)) * max(math.Log(n/float64(k)), 0.05)
		if f&nameBit != 0 {
			w *= 1.5
		}
		fs = append(fs, featWeight{f, w})
	}
	fs = strongest(fs, maxFeatures)
	norm := 0.0
	for _, x := range fs {
		norm += x.w * x.w
	}
	norm = math.Sqrt(norm)
	v := make(map[uint64]float64, len(fs))
	for _, x := range fs {
		v[x.f] = x.w / norm
	}
	return v
}

// with returns the story with an article's vector added, leaving s as it
// was (an older Model may still read it).
func (s *modelStory) with(v map[uint64]float64, t time.Time) *modelStory {
	n := &modelStory{cent: make(map[uint64]float64, len(s.cent)+len(v)), norm2: s.norm2, first: s.first, last: s.last}
	for h, w := range s.cent {
		n.cent[h] = w
	}
	for h, w := range v {
		old := n.cent[h]
		n.cent[h] = old + w
		n.norm2 += (old+w)*(old+w) - old*old
	}
	if !t.IsZero() {
		if n.first.IsZero() || t.Before(n.first) {
			n.first = t
		}
		if n.last.IsZero() || t.After(n.last) {
			n.last = t
		}
	}
	return n
}

func (s *modelStory) near(t time.Time, w time.Duration) bool {
	g := group{first: s.first, last: s.last}
	return g.near(t, w)
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// Name names a story of a few articles (one Model.Add started): the
// phrases most of them hold, best first, made a name as Find makes them.
func Name(arts ...*corpus.Article) string {
	type cand struct {
		key, sf string
		s       float64
	}
	st := newStemmer()
	docs := make([]doc, len(arts))
	for i, a := range arts {
		docs[i], _ = readDoc(a, st, nil, true)
	}
	held := map[string]int{}
	occ := map[string]int{}
	form := map[string]string{}
	for _, d := range docs {
		for key, p := range d.phrases {
			held[key]++
			occ[key] += p.n
			if form[key] == "" {
				form[key] = p.sf
			}
		}
	}
	var cs []cand
	for key, n := range held {
		sf := form[key]
		if (len(arts) > 1 && n < 2) || !nameable(key, sf) {
			continue
		}
		words := strings.Count(sf, " ") + 1
		s := float64(occ[key]) * (1 + 0.2*float64(min(words, 3)-1))
		if key[0] == 'e' {
			s *= 1.3
		}
		cs = append(cs, cand{key, sf, s})
	}
	slices.SortFunc(cs, func(x, y cand) int {
		if r := cmp.Compare(y.s, x.s); r != 0 {
			return r
		}
		return cmp.Compare(x.key, y.key)
	})
	var phrases []string
	for _, c := range cs {
		if len(phrases) == 12 {
			break
		}
		phrases = append(phrases, c.sf)
	}
	return nameOf(phrases)
}
