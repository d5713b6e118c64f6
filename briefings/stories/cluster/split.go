package cluster

import "math"

// Splitting: two stories of one kind (two fights of one boxer, two
// earthquakes in one country) share so many words that single-pass
// clustering joins them; their articles still form two dense groups, each
// with its own names, places and details.
const (
	// splitMin is how many articles each part of a split story needs:
	// the centroids of a few articles are alike by few features, and a
	// story of three and four articles falls apart too easily.
	splitMin = 6
	// splitBelow: a story splits when the centroids of its two parts are
	// less similar than this.
	splitBelow = 0.5
	// splitGain: and when its articles are, on average, this much more
	// similar to their part's centroid than to the whole story's.
	splitGain = 1.1
	// splitRounds bounds the rounds of 2-means.
	splitRounds = 8
	// splitMax bounds the articles of a story that may split: a story of
	// hundreds of articles is a running story, not two events.
	splitMax = 400
)

// split divides each story whose articles form two dense groups that are
// far apart into the two.
func (c *clusterer) split() {
	to := make([]int, len(c.vecs))
	n := len(c.groups)
	for gi, g := range c.groups {
		for _, m := range g.members {
			to[m] = gi
		}
		if len(g.members) < 2*splitMin || len(g.members) > splitMax {
			continue
		}
		b, ok := c.twoMeans(g)
		if !ok {
			continue
		}
		for _, m := range b {
			to[m] = n
		}
		n++
	}
	c.rebuild(to)
}

// twoMeans divides a group's members into two by spherical 2-means,
// seeded by the member least like the group and the member least like
// that one, and reports whether the two parts are far apart and each
// dense.
//
// It returns the members of the second part.
func (c *clusterer) twoMeans(g *group) (b []int, ok bool) {
	cent := centroidVec(g)
	seedA, low := -1, math.Inf(1)
	for _, m := range g.members {
		if s := dot(c.vecs[m], cent); s < low {
			seedA, low = m, s
		}
	}
	seedB, low := -1, math.Inf(1)
	for _, m := range g.members {
		if s := dot(c.vecs[m], c.vecs[seedA]); s < low && m != seedA {
			seedB, low = m, s
		}
	}
	ca, cb := c.vecs[seedA], c.vecs[seedB]
	side := make([]bool, len(g.members)) // true: part b
	for round := 0; round < splitRounds; round++ {
		changed := round == 0
		pa, pb := &group{cent: map[int32]float64{}}, &group{cent: map[int32]float64{}}
		for k, m := range g.members {
			inB := dot(c.vecs[m], cb) > dot(c.vecs[m], ca)
			if inB != side[k] {
				changed = true
			}
			side[k] = inB
			if inB {
				pb.add(c.vecs[m], c.dates[m])
			} else {
				pa.add(c.vecs[m], c.dates[m])
			}
		}
		if pa.norm2 == 0 || pb.norm2 == 0 {
			return nil, false
		}
		ca, cb = centroidVec(pa), centroidVec(pb)
		if !changed {
			break
		}
	}
	whole, parts, na := 0.0, 0.0, 0
	for k, m := range g.members {
		whole += dot(c.vecs[m], cent)
		if side[k] {
			b = append(b, m)
			parts += dot(c.vecs[m], cb)
		} else {
			na++
			parts += dot(c.vecs[m], ca)
		}
	}
	if na < splitMin || len(b) < splitMin || whole <= 0 {
		return nil, false
	}
	return b, dot(ca, cb) < splitBelow && parts/whole >= splitGain
}
