package cluster

import (
	"math"
	"slices"
	"testing"
	"time"
)

// unitVec makes a vec of equal weights over ids (ascending).
func unitVec(ids ...int32) vec {
	v := vec{ids: slices.Sorted(slices.Values(ids))}
	for range ids {
		v.ws = append(v.ws, float32(1/math.Sqrt(float64(len(ids)))))
	}
	return v
}

func TestSplitDividesTwoEventsOfOneKind(t *testing.T) {
	// Articles 0-6 tell one fight, 7-13 another of the same boxer: they
	// share the boxer and the sport (ids 0, 1), each fight has its own
	// opponent, place and date (ids 10-14, 20-24).
	var vecs []vec
	for i := range 14 {
		base := int32(10)
		if i >= 7 {
			base = 20
		}
		k := int32(i % 7)
		vecs = append(vecs, unitVec(0, 1, base, base+1, base+2+k%3))
	}
	// A story told alike by all its articles.
	for i := range 14 {
		vecs = append(vecs, unitVec(30, 31, 32, 33+int32(i%3)))
	}
	c := newClusterer(vecs, make([]time.Time, len(vecs)), Options{}.withDefaults())
	for i := range vecs {
		if i == 0 || i == 14 {
			c.start(i)
			continue
		}
		c.join(i, i/14)
	}
	c.split()
	var sizes []int
	for _, g := range c.groups {
		sizes = append(sizes, len(g.members))
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{7, 7, 14}) {
		t.Errorf("group sizes after split = %v, want [7 7 14]", sizes)
	}
	for _, g := range c.groups {
		for _, m := range g.members {
			if (m < 7) != (g.members[0] < 7) || (m >= 14) != (g.members[0] >= 14) {
				t.Errorf("group %v mixes events", g.members)
				break
			}
		}
	}
}
