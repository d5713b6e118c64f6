package stories

import (
	"github.com/briefbot/briefbot/briefings/stories/cluster"
	"github.com/briefbot/briefbot/corpus"
)

// Plan says how a corpus's issues are found. A corpus of many stories
// gets one issue per story: articles grouped by what sets them apart
// (cluster.Find), each group named by its distinctive phrases. A corpus
// that is one story (most of its articles in one group, as a briefing
// pack on one negotiation is) or too small to hold two stories gets the
// facets of that story instead: its recurring phrases ("Security
// Guarantees", "Donbas"), each with the sentences that name it.
type Plan struct {
	// Stories are the stories found, biggest first.
	Stories []cluster.Story
	// Facets is set when the issues are the facets of one story; the
	// phrase counter must then see the index being built.
	Facets bool
	// Model places articles added later in the stories (see Set.Extend).
	Model *cluster.Model
}

// maxFacetArticles bounds the articles of a corpus whose issues may be
// facets: past it a corpus is many stories even when one dominates.
const maxFacetArticles = 200

// NewPlan clusters the articles into stories (with cluster's defaults)
// and decides between stories and facets.
func NewPlan(arts []corpus.Article) Plan {
	var p Plan
	p.Stories, p.Model = cluster.Build(arts, cluster.Options{})
	switch {
	case len(arts) <= 2:
		p.Facets = true
	case len(arts) <= maxFacetArticles && len(p.Stories) > 0 && 2*p.Stories[0].Size >= len(arts):
		p.Facets = true
	}
	return p
}
