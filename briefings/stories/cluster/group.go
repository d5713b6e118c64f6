package cluster

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// group is a story being built: its members and the sum of their vectors.
type group struct {
	members     []int
	cent        map[int32]float64
	norm2       float64
	first, last time.Time // dated members' span; zero when none is dated
}

func (g *group) add(v vec, t time.Time) {
	for k, id := range v.ids {
		old := g.cent[id]
		nw := old + float64(v.ws[k])
		g.cent[id] = nw
		g.norm2 += nw*nw - old*old
	}
	if !t.IsZero() {
		if g.first.IsZero() || t.Before(g.first) {
			g.first = t
		}
		if g.last.IsZero() || t.After(g.last) {
			g.last = t
		}
	}
}

// near reports whether an article dated t may join the group.
func (g *group) near(t time.Time, w time.Duration) bool {
	if w < 0 || t.IsZero() || g.first.IsZero() {
		return true
	}
	return !t.Before(g.first.Add(-w)) && !t.After(g.last.Add(w))
}

// clusterer holds the articles' vectors and the groups over them.
type clusterer struct {
	vecs   []vec
	dates  []time.Time
	opts   Options
	groups []*group
	of     []int // article -> group
	// postings lists, for each feature, the groups whose centroid has it.
	postings map[int32][]int32
	acc      []float64
	shared   []int32 // features shared, for the groups in touched
	touched  []int32
}

func newClusterer(vecs []vec, dates []time.Time, opts Options) *clusterer {
	of := make([]int, len(vecs))
	for i := range of {
		of[i] = -1
	}
	return &clusterer{vecs: vecs, dates: dates, opts: opts, of: of, postings: map[int32][]int32{}}
}

func (c *clusterer) join(i, gi int) {
	g := c.groups[gi]
	for _, id := range c.vecs[i].ids {
		if _, ok := g.cent[id]; !ok {
			c.postings[id] = append(c.postings[id], int32(gi))
		}
	}
	g.add(c.vecs[i], c.dates[i])
	g.members = append(g.members, i)
	c.of[i] = gi
}

func (c *clusterer) start(i int) {
	c.groups = append(c.groups, &group{cent: map[int32]float64{}})
	c.join(i, len(c.groups)-1)
}

// dots accumulates the dot products of v with every group's centroid that
// shares a feature with it, into c.acc for the groups in c.touched.
func (c *clusterer) dots(v vec) {
	for _, g := range c.touched {
		c.acc[g] = 0
		c.shared[g] = 0
	}
	c.touched = c.touched[:0]
	if len(c.acc) < len(c.groups) {
		c.acc = append(c.acc, make([]float64, len(c.groups)-len(c.acc))...)
		c.shared = append(c.shared, make([]int32, len(c.groups)-len(c.shared))...)
	}
	for k, id := range v.ids {
		w := float64(v.ws[k])
		for _, g := range c.postings[id] {
			if c.acc[g] == 0 {
				c.touched = append(c.touched, g)
			}
			c.acc[g] += w * c.groups[g].cent[id]
			c.shared[g]++
		}
	}
}

// singlePass puts each article, in time order, into the most similar
// group near it in time, or starts a group with it.
func (c *clusterer) singlePass() {
	for i := range c.vecs {
		c.dots(c.vecs[i])
		best, bs := -1, c.opts.Threshold
		for _, g := range c.touched {
			gr := c.groups[g]
			s := c.acc[g] / math.Sqrt(gr.norm2)
			if s >= bs && c.shared[g] >= minShared && gr.near(c.dates[i], c.opts.Window) && (s > bs || best < 0 || int(g) < best) {
				best, bs = int(g), s
			}
		}
		if best < 0 {
			c.start(i)
			continue
		}
		c.join(i, best)
	}
}

// reassign moves each article to the group it is most similar to now that
// every group is known, its own group measured without it. An article too
// far from every group, its own included, leaves to stand alone.
func (c *clusterer) reassign() {
	to := slices.Clone(c.of)
	for i := range c.vecs {
		own := c.of[i]
		c.dots(c.vecs[i])
		ownSim := 0.0
		if g := c.groups[own]; len(g.members) > 1 {
			d := c.acc[own]
			rest := g.norm2 - 2*d + 1
			if rest > 1e-9 {
				ownSim = (d - 1) / math.Sqrt(rest)
			}
		}
		best, bs := own, ownSim
		for _, g := range c.touched {
			if int(g) == own {
				continue
			}
			gr := c.groups[g]
			s := c.acc[g] / math.Sqrt(gr.norm2)
			if s >= c.opts.Threshold && s > bs && c.shared[g] >= minShared && gr.near(c.dates[i], c.opts.Window) {
				best, bs = int(g), s
			}
		}
		switch {
		case best != own:
			to[i] = best
		case len(c.groups[own].members) > 1 && ownSim < c.opts.Threshold*stayRatio:
			to[i] = -1
		}
	}
	c.rebuild(to)
}

// rebuild makes the groups anew from an assignment (-1: alone).
func (c *clusterer) rebuild(to []int) {
	c.groups = c.groups[:0]
	c.postings = map[int32][]int32{}
	c.acc, c.shared, c.touched = c.acc[:0], c.shared[:0], c.touched[:0]
	renum := map[int]int{}
	for i, g := range to {
		if g < 0 {
			c.start(i)
			continue
		}
		ng, ok := renum[g]
		if !ok {
			c.start(i)
			renum[g] = len(c.groups) - 1
			continue
		}
		c.join(i, ng)
	}
}

// merge joins groups whose centroids are close (the same story started
// twice), closest pair first, as long as the joined centroids stay close.
func (c *clusterer) merge() {
	type pair struct {
		a, b int
		s    float64
	}
	var pairs []pair
	limit := c.opts.Threshold * mergeRatio
	for a, g := range c.groups {
		v := centroidVec(g)
		c.dots(v)
		for _, b := range c.touched {
			if int(b) <= a {
				continue
			}
			h := c.groups[b]
			s := c.acc[b] / math.Sqrt(h.norm2)
			if s >= limit && overlapInTime(g, h, c.opts.Window) {
				pairs = append(pairs, pair{a, int(b), s})
			}
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if r := cmp.Compare(y.s, x.s); r != 0 {
			return r
		}
		if r := cmp.Compare(x.a, y.a); r != 0 {
			return r
		}
		return cmp.Compare(x.b, y.b)
	})
	root := make([]int, len(c.groups))
	for i := range root {
		root[i] = i
	}
	find := func(x int) int {
		for root[x] != x {
			root[x] = root[root[x]]
			x = root[x]
		}
		return x
	}
	for _, p := range pairs {
		a, b := find(p.a), find(p.b)
		if a == b {
			continue
		}
		ga, gb := c.groups[a], c.groups[b]
		if cosine(ga, gb) < limit || !overlapInTime(ga, gb, c.opts.Window) {
			continue
		}
		if b < a {
			a, b = b, a
			ga, gb = gb, ga
		}
		for id, w := range gb.cent {
			old := ga.cent[id]
			ga.cent[id] = old + w
			ga.norm2 += (old+w)*(old+w) - old*old
		}
		ga.members = append(ga.members, gb.members...)
		for _, t := range []time.Time{gb.first, gb.last} {
			if !t.IsZero() {
				ga.add(vec{}, t)
			}
		}
		root[b] = a
	}
	to := make([]int, len(c.vecs))
	for gi, g := range c.groups {
		for _, m := range g.members {
			to[m] = gi
		}
	}
	for i := range to {
		to[i] = find(to[i])
	}
	c.rebuild(to)
}

// centroidVec is a group's centroid as a unit vec.
func centroidVec(g *group) vec {
	v := vec{ids: make([]int32, 0, len(g.cent)), ws: make([]float32, 0, len(g.cent))}
	for id := range g.cent {
		v.ids = append(v.ids, id)
	}
	slices.Sort(v.ids)
	n := math.Sqrt(g.norm2)
	for _, id := range v.ids {
		v.ws = append(v.ws, float32(g.cent[id]/n))
	}
	return v
}

func cosine(a, b *group) float64 {
	if len(b.cent) < len(a.cent) {
		a, b = b, a
	}
	s := 0.0
	for id, w := range a.cent {
		s += w * b.cent[id]
	}
	return s / math.Sqrt(a.norm2*b.norm2)
}

func overlapInTime(a, b *group, w time.Duration) bool {
	if w < 0 || a.first.IsZero() || b.first.IsZero() {
		return true
	}
	return !b.first.After(a.last.Add(w)) && !a.first.After(b.last.Add(w))
}
