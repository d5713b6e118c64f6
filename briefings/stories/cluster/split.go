package cluster

import (
	"cmp"
	"math"
	"slices"
)

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
	// splitSeeds is how many seedings of 2-means are tried.
	splitSeeds = 16
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

// twoMeans divides a group's members into two by spherical 2-means and
// reports whether the two parts are far apart and each dense. It tries
// splitSeeds seedings, each from one of the members least like the group
// and the member least like that one, and keeps the division whose
// members are most like their parts' centroids.
//
// It returns the members of the second part.
func (c *clusterer) twoMeans(g *group) (b []int, ok bool) {
	cent := centroidVec(g)
	type member struct {
		m int
		s float64
	}
	ms := make([]member, len(g.members))
	whole := 0.0
	for k, m := range g.members {
		ms[k] = member{m, dot(c.vecs[m], cent)}
		whole += ms[k].s
	}
	slices.SortStableFunc(ms, func(x, y member) int { return cmp.Compare(x.s, y.s) })
	best, bestParts := []bool(nil), 0.0
	var bestA, bestB vec
	for _, seed := range ms[:min(splitSeeds, len(ms))] {
		side, ca, cb, parts := c.twoMeansFrom(g, seed.m)
		if side != nil && parts > bestParts {
			best, bestParts, bestA, bestB = side, parts, ca, cb
		}
	}
	if best == nil || whole <= 0 {
		return nil, false
	}
	for k, m := range g.members {
		if best[k] {
			b = append(b, m)
		}
	}
	if len(b) < splitMin || len(g.members)-len(b) < splitMin {
		return nil, false
	}
	return b, dot(bestA, bestB) < splitBelow && bestParts/whole >= splitGain
}

// twoMeansFrom runs spherical 2-means on a group's members seeded by
// member seed and the member least like it. It returns each member's
// side (true: the second part), the parts' centroids and the sum of the
// members' similarities to their part's centroid; side is nil when a part
// came out empty.
func (c *clusterer) twoMeansFrom(g *group, seed int) (side []bool, ca, cb vec, parts float64) {
	other, low := -1, math.Inf(1)
	for _, m := range g.members {
		if s := dot(c.vecs[m], c.vecs[seed]); s < low && m != seed {
			other, low = m, s
		}
	}
	ca, cb = c.vecs[seed], c.vecs[other]
	side = make([]bool, len(g.members))
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
			return nil, vec{}, vec{}, 0
		}
		ca, cb = centroidVec(pa), centroidVec(pb)
		if !changed {
			break
		}
	}
	for k, m := range g.members {
		if side[k] {
			parts += dot(c.vecs[m], cb)
		} else {
			parts += dot(c.vecs[m], ca)
		}
	}
	return side, ca, cb, parts
}
