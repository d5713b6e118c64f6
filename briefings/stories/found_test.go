package stories

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

func newsArticle(id, title string, day int, paras ...string) corpus.Article {
	a := corpus.Article{ID: id, Title: title, Published: time.Date(2026, 3, 2+day, 9, 0, 0, 0, time.UTC)}
	for _, p := range paras {
		a.Blocks = append(a.Blocks, corpus.Block{Kind: corpus.Para, Text: p, Sentences: corpus.SplitSentences(p)})
	}
	return a
}

// newsDesk is two stories, a takeover battle and an earthquake, told by
// several outlets, and two articles of no story.
func newsDesk() []corpus.Article {
	return []corpus.Article{
		newsArticle("t1", "Tesco bids for Safeway in takeover battle", 0,
			"Tesco made a takeover offer for Safeway on Monday, valuing the supermarket chain at three billion pounds.",
			"Safeway's board said it would study the Tesco bid. Analysts expect Morrisons to make a rival offer for Safeway."),
		newsArticle("t2", "Morrisons joins battle for Safeway", 2,
			"Morrisons launched a rival bid for Safeway, raising the stakes in the takeover battle with Tesco.",
			"It said its bid valued Safeway shares higher than Tesco's. The Safeway board will weigh both offers."),
		newsArticle("t3", "Safeway board backs Morrisons offer over Tesco", 5,
			"The Safeway board recommended the Morrisons offer, rejecting Tesco's takeover bid for the supermarket chain.",
			"However, Tesco said it was considering whether to raise its bid for Safeway."),
		newsArticle("q1", "Earthquake hits Bandar Abbas in southern Iran", 1,
			"A strong earthquake struck near Bandar Abbas in southern Iran, killing at least ten people, the Iranian Red Crescent said.",
			"The quake of magnitude 6.1 damaged villages on Qeshm Island near Bandar Abbas."),
		newsArticle("q2", "Iran quake toll rises near Bandar Abbas", 2,
			"Rescuers searched collapsed houses on Qeshm Island after the earthquake near Bandar Abbas in southern Iran.",
			"The Iranian Red Crescent said the earthquake killed twelve people on Qeshm Island."),
		newsArticle("x1", "City council approves new cycle lanes", 2,
			"The city council approved twelve kilometres of new cycle lanes along the river, to be built by next spring."),
		newsArticle("x2", "Local orchestra announces summer season", 4,
			"The orchestra will play Mahler and Sibelius in its summer season at the concert hall by the harbour."),
	}
}

func buildSet(arts []corpus.Article, specs []Spec) (*cite.Index, *Set) {
	lx := cite.NewLexicon()
	pc := NewPhraseCounter(lx)
	plan := NewPlan(arts)
	var visit func(int32, *cite.Sentence, []cite.Word)
	if plan.Facets {
		visit = pc.Visit
	}
	ix := cite.BuildIndex(arts, lx, visit)
	pc.Index = ix
	return ix, Build(ix, arts, specs, nil, pc, plan)
}

func TestBuildIssuesAreStories(t *testing.T) {
	arts := newsDesk()
	_, set := buildSet(arts, nil)
	if len(set.Issues) != 2 {
		t.Fatalf("%d issues, want the 2 stories: %+v", len(set.Issues), set.Issues)
	}
	for _, is := range set.Issues {
		if len(is.Summary) == 0 {
			t.Errorf("issue %q has no summary", is.Name)
		}
		for _, c := range is.Summary {
			if dangling(c.Text) {
				t.Errorf("issue %q: summary sentence %q leans on a sentence not there", is.Name, c.Text)
			}
			if len(c.Sources) == 0 {
				t.Errorf("issue %q: uncited sentence %q", is.Name, c.Text)
			}
		}
	}
	takeover := set.Issues[0]
	if !slices.Equal(takeover.ArticleIDs, []string{"t3", "t2", "t1"}) {
		t.Errorf("first issue %q has %v, want the takeover's three articles, newest first", takeover.Name, takeover.ArticleIDs)
	}
}

func TestBuildConfiguredIssuesWin(t *testing.T) {
	arts := newsDesk()
	_, set := buildSet(arts, []Spec{{Name: "Supermarket takeover", Keywords: []string{"Safeway", "takeover"}}})
	if set.Issues[0].Name != "Supermarket takeover" {
		t.Fatalf("first issue %q, want the configured one", set.Issues[0].Name)
	}
	for _, is := range set.Issues[1:] {
		if slices.Contains(is.ArticleIDs, "t1") {
			t.Errorf("found issue %q repeats the configured one", is.Name)
		}
	}
}

func TestExtendPlacesNewArticles(t *testing.T) {
	all := newsDesk()
	var base []corpus.Article
	for _, a := range all {
		if a.ID != "q2" && a.ID != "t3" {
			base = append(base, a)
		}
	}
	_, set := buildSet(base, nil)
	if len(set.Issues) != 1 {
		t.Fatalf("base: %d issues, want 1", len(set.Issues))
	}
	arts := append(slices.Clone(base), all[2], all[4]) // t3, q2
	lx := cite.NewLexicon()
	ix := cite.BuildIndex(arts, lx, nil)
	nk := set.Extend(ix, arts, nil, len(base))
	if len(nk.Issues) != 2 {
		t.Fatalf("extended: %d issues, want 2: %+v", len(nk.Issues), nk.Issues)
	}
	if got := nk.Issues[0].ArticleIDs; !slices.Equal(got, []string{"t3", "t2", "t1"}) {
		t.Errorf("takeover after t3 arrived: %v", got)
	}
	quake := nk.Issues[1]
	if !slices.Equal(quake.ArticleIDs, []string{"q2", "q1"}) || len(quake.Summary) == 0 {
		t.Errorf("new story %q: %v, %d summary sentences", quake.Name, quake.ArticleIDs, len(quake.Summary))
	}
	if !strings.Contains(quake.Name, "Bandar Abbas") && !strings.Contains(quake.Name, "Qeshm") && !strings.Contains(quake.Name, "Iran") {
		t.Errorf("new story named %q", quake.Name)
	}
	if len(set.Issues) != 1 || !slices.Equal(set.Issues[0].ArticleIDs, []string{"t2", "t1"}) {
		t.Errorf("the original set changed: %+v", set.Issues)
	}
}

func TestDangling(t *testing.T) {
	for s, want := range map[string]bool{
		"It said its bid was higher.":         true,
		"However, Tesco may raise its offer.": true,
		"“Also, we will not sell,” he said.":  true,
		"Tesco made a takeover offer.":        false,
		"Italy joined the talks.":             false,
	} {
		if got := dangling(s); got != want {
			t.Errorf("dangling(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestExtendFromEmpty: a live corpus that starts empty (a feed-only bot)
// gets its stories as the articles arrive, one With at a time.
func TestExtendFromEmpty(t *testing.T) {
	_, set := buildSet(nil, nil)
	var arts []corpus.Article
	for _, a := range newsDesk() {
		arts = append(arts, a)
		ix := cite.BuildIndex(arts, cite.NewLexicon(), nil)
		set = set.Extend(ix, arts, nil, len(arts)-1)
	}
	if len(set.Issues) != 2 {
		t.Fatalf("%d issues after the articles arrived one by one, want 2: %+v", len(set.Issues), set.Issues)
	}
	for _, is := range set.Issues {
		if len(is.ArticleIDs) < 2 || len(is.Summary) == 0 || is.Name == "" {
			t.Errorf("issue %+v", is)
		}
	}
}
