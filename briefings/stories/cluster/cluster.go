package cluster

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// Defaults, fixed in advance on the tuning sets (see testdata/README.md).
const (
	// DefaultThreshold is the cosine similarity an article needs with a
	// story's centroid to join it.
	DefaultThreshold = 0.28
	// DefaultWindow is how far in time an article may stand from the
	// nearest article of a story it joins.
	DefaultWindow = 21 * 24 * time.Hour
	// DefaultMinSize is the number of distinct articles a story needs.
	DefaultMinSize = 2

	maxFeatures = 48   // features kept per article
	mergeRatio  = 1.15 // stories merge at this multiple of the threshold
	stayRatio   = 0.8  // an article stays in its story down to this multiple
	// duplicateShare is the share of word triples two articles' leads
	// have in common when they are one article run twice.
	duplicateShare = 0.5
	// minShared is how many features an article must share with a story
	// to join it: one shared name or phrase is a coincidence, not a story.
	minShared = 3
)

// Options tunes Find. The zero value uses the defaults.
type Options struct {
	// Threshold is the cosine similarity to join a story; 0 means
	// DefaultThreshold.
	Threshold float64
	// Window bounds the time between an article and a story it joins;
	// 0 means DefaultWindow, a negative value no bound. Undated articles
	// join regardless of time.
	Window time.Duration
	// MinSize is the number of distinct articles (near-duplicates from
	// two outlets count once) a story needs; 0 means DefaultMinSize.
	MinSize int
}

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.MinSize <= 0 {
		o.MinSize = DefaultMinSize
	}
	return o
}

// Story is one group of articles about the same story.
type Story struct {
	// Name says what the story is, in Title Case.
	Name string
	// Phrases are the story's distinctive phrases, best first (the name
	// is made of the first ones); summaries can look for them.
	Phrases []string
	// Members are the IDs of the story's articles, newest first (undated
	// ones last, in ID order).
	Members []string
	// Size counts the distinct members: near-duplicates count once.
	Size int
	// First and Last are the dates of the oldest and newest dated member;
	// zero when no member is dated.
	First, Last time.Time
}

// vec is a sparse unit vector: feature ids ascending with their weights.
type vec struct {
	ids []int32
	ws  []float32
}

func dot(a, b vec) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			s += float64(a.ws[i]) * float64(b.ws[j])
			i++
			j++
		}
	}
	return s
}

// Find groups articles into stories and names them, biggest story first
// (then the most recent). Articles that belong to no story of MinSize
// distinct articles are left out; the result is empty, not nil, when no
// story is found.
func Find(arts []corpus.Article, opts Options) []Story {
	s, _ := Build(arts, opts)
	return s
}

// Build is Find that also returns the model of the stories found, to
// place articles added later (Model.Add).
func Build(arts []corpus.Article, opts Options) ([]Story, *Model) {
	opts = opts.withDefaults()
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	// Time order, undated articles last, then by ID: the same articles in
	// any order give the same stories.
	slices.SortStableFunc(order, func(a, b int) int {
		ta, tb := arts[a].Published, arts[b].Published
		if ta.IsZero() != tb.IsZero() {
			if ta.IsZero() {
				return 1
			}
			return -1
		}
		if c := ta.Compare(tb); c != 0 {
			return c
		}
		return cmp.Compare(arts[a].ID, arts[b].ID)
	})
	docs := readAll(arts, order)
	vecs, hashes, df := vectors(docs)
	for i := range docs {
		docs[i].feats = nil // weighed: what is left of them is in vecs
	}
	dates := make([]time.Time, len(order))
	for i, ai := range order {
		dates[i] = arts[ai].Published
	}
	c := newClusterer(vecs, dates, opts)
	c.singlePass()
	c.reassign()
	c.merge()
	c.split()
	stories, groups := c.stories(arts, order, docs)
	return stories, newModel(opts, arts, order, c, groups, hashes, df)
}

// readAll reads every article's features, in order, on as many
// goroutines as there are processors.
func readAll(arts []corpus.Article, order []int) []doc {
	docs := make([]doc, len(order))
	workers := min(runtime.GOMAXPROCS(0), 1+len(order)/200)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			st := newStemmer()
			var buf []word
			for i := w; i < len(order); i += workers {
				docs[i], buf = readDoc(&arts[order[i]], st, buf, false)
				docs[i].idx = order[i]
			}
		})
	}
	wg.Wait()
	return docs
}

// vectors weighs each article's features by TF-IDF, keeps its strongest
// ones and scales it to unit length. A feature only one article has can
// link no two articles and is dropped.
//
// It also returns the hash of each feature id and the document frequency
// of every feature.
func vectors(docs []doc) ([]vec, []uint64, map[uint64]int32) {
	df := map[uint64]int32{}
	for _, d := range docs {
		for _, x := range d.feats {
			f, _ := unpack(x)
			df[f]++
		}
	}
	ids := map[uint64]int32{}
	var hashes []uint64
	n := float64(len(docs))
	out := make([]vec, len(docs))
	type fw = featWeight
	type idWeight struct {
		id int32
		w  float32
	}
	var tmp []fw
	var pairs []idWeight
	for i, d := range docs {
		tmp = tmp[:0]
		for _, x := range d.feats {
			f, tf := unpack(x)
			k := df[f]
			// A feature most articles have says nothing of any story
			// (and would make long posting lists).
			if k < 2 || float64(k) > 0.25*n+25 {
				continue
			}
			w := (1 + math.Log(tf)) * max(math.Log(n/float64(k)), 0.05)
			if f&nameBit != 0 {
				w *= 1.5
			}
			tmp = append(tmp, fw{f, w})
		}
		tmp = strongest(tmp, maxFeatures)
		norm := 0.0
		for _, x := range tmp {
			norm += x.w * x.w
		}
		norm = math.Sqrt(norm)
		// Ids are given in feature order within an article, the first
		// article first: the same articles give the same ids.
		slices.SortFunc(tmp, func(a, b fw) int { return cmp.Compare(a.f, b.f) })
		pairs = pairs[:0]
		for _, x := range tmp {
			id, ok := ids[x.f]
			if !ok {
				id = int32(len(ids))
				ids[x.f] = id
				hashes = append(hashes, x.f)
			}
			pairs = append(pairs, idWeight{id, float32(x.w / norm)})
		}
		slices.SortFunc(pairs, func(a, b idWeight) int { return cmp.Compare(a.id, b.id) })
		v := vec{ids: make([]int32, len(pairs)), ws: make([]float32, len(pairs))}
		for k, p := range pairs {
			v.ids[k], v.ws[k] = p.id, p.w
		}
		out[i] = v
	}
	return out, hashes, df
}

// strongest reorders fs so that its first k are the k of highest weight
// (ties by feature) and returns them, in no order.
func strongest(fs []featWeight, k int) []featWeight {
	if len(fs) <= k {
		return fs
	}
	better := func(a, b featWeight) bool { return a.w > b.w || (a.w == b.w && a.f < b.f) }
	lo, hi := 0, len(fs)-1
	for lo < hi {
		// Quickselect, the middle element as pivot.
		p := fs[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for better(fs[i], p) {
				i++
			}
			for better(p, fs[j]) {
				j--
			}
			if i <= j {
				fs[i], fs[j] = fs[j], fs[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return fs[:k]
		}
	}
	return fs[:k]
}
