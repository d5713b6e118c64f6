package cluster

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

func article(id, title string, when time.Time, paras ...string) corpus.Article {
	a := corpus.Article{ID: id, Title: title, Published: when}
	for _, p := range paras {
		a.Blocks = append(a.Blocks, corpus.Block{Kind: corpus.Para, Text: p, Sentences: corpus.SplitSentences(p)})
	}
	return a
}

var day0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func day(n int) time.Time { return day0.Add(time.Duration(n) * 24 * time.Hour) }

// newsSet is two stories of three articles each, told in different words
// by different outlets, and two articles that belong to no story.
func newsSet() []corpus.Article {
	return []corpus.Article{
		article("t1", "Tesco bids for Safeway in takeover battle", day(0),
			"Tesco made a takeover offer for Safeway on Monday, valuing the supermarket chain at three billion pounds.",
			"Safeway's board said it would study the Tesco bid. Analysts expect Morrisons to make a rival offer for Safeway."),
		article("t2", "Morrisons joins battle for Safeway", day(2),
			"Morrisons launched a rival bid for Safeway, raising the stakes in the takeover battle with Tesco.",
			"The Safeway board will weigh both offers. Morrisons said its bid valued Safeway shares higher than Tesco's."),
		article("t3", "Safeway board backs Morrisons offer over Tesco", day(5),
			"The Safeway board recommended the Morrisons offer, rejecting Tesco's takeover bid for the supermarket chain.",
			"Tesco said it was considering whether to raise its bid for Safeway."),
		article("q1", "Earthquake hits Bandar Abbas in southern Iran", day(1),
			"A strong earthquake struck near Bandar Abbas in southern Iran, killing at least ten people, the Iranian Red Crescent said.",
			"The quake of magnitude 6.1 damaged villages on Qeshm Island near Bandar Abbas."),
		article("q2", "Iran quake toll rises near Bandar Abbas", day(2),
			"Rescuers searched collapsed houses on Qeshm Island after the earthquake near Bandar Abbas in southern Iran.",
			"The Iranian Red Crescent said the earthquake killed twelve people on Qeshm Island."),
		article("q3", "Qeshm Island villagers sleep outside after earthquake", day(3),
			"Villagers on Qeshm Island slept in tents after the earthquake that struck near Bandar Abbas.",
			"The Red Crescent sent tents and blankets to Qeshm Island, the Iranian agency said."),
		article("x1", "City council approves new cycle lanes", day(2),
			"The city council approved twelve kilometres of new cycle lanes along the river, to be built by next spring."),
		article("x2", "Local orchestra announces summer season", day(4),
			"The orchestra will play Mahler and Sibelius in its summer season at the concert hall by the harbour."),
	}
}

func TestFindGroupsStoriesAndLeavesTheRestOut(t *testing.T) {
	stories := Find(newsSet(), Options{})
	got := map[string][]string{}
	for _, s := range stories {
		got[s.Name] = s.Members
	}
	if len(stories) != 2 {
		t.Fatalf("got %d stories, want 2: %v", len(stories), got)
	}
	want := [][]string{{"t3", "t2", "t1"}, {"q3", "q2", "q1"}}
	for _, w := range want {
		found := false
		for _, s := range stories {
			if slices.Equal(s.Members, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no story with members %v (newest first); got %v", w, got)
		}
	}
}

func TestFindNamesSayWhatTheStoryIs(t *testing.T) {
	for _, s := range Find(newsSet(), Options{}) {
		if !strings.Contains(s.Name, " ") {
			t.Errorf("name %q is one word", s.Name)
		}
		switch s.Members[0] {
		case "t3":
			if !strings.Contains(s.Name, "Safeway") && !strings.Contains(s.Name, "Tesco") && !strings.Contains(s.Name, "Morrisons") {
				t.Errorf("takeover story named %q", s.Name)
			}
		case "q3":
			if !strings.Contains(s.Name, "Bandar Abbas") && !strings.Contains(s.Name, "Qeshm Island") {
				t.Errorf("earthquake story named %q", s.Name)
			}
		}
		for _, w := range strings.Fields(s.Name) {
			if r := w[0]; r < 'A' || r > 'Z' {
				if !smallWords[w] {
					t.Errorf("name %q is not in Title Case", s.Name)
				}
			}
		}
	}
}

func TestFindIsDeterministicWhateverTheOrder(t *testing.T) {
	arts := newsSet()
	want := fmt.Sprint(Find(arts, Options{}))
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		r.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
		if got := fmt.Sprint(Find(arts, Options{})); got != want {
			t.Fatalf("shuffled input gives\n%s\nwant\n%s", got, want)
		}
	}
}

func TestFindTimeWindowSplitsLikeEventsApart(t *testing.T) {
	arts := newsSet()
	// The third takeover article a year later is another story, and a
	// story of one article is none.
	arts[2].Published = day(400)
	for _, s := range Find(arts, Options{}) {
		if slices.Contains(s.Members, "t3") {
			t.Errorf("t3, a year later, joined %q %v", s.Name, s.Members)
		}
	}
	// Without a window it joins.
	joined := false
	for _, s := range Find(arts, Options{Window: -1}) {
		joined = joined || slices.Contains(s.Members, "t3")
	}
	if !joined {
		t.Error("with no window t3 joined no story")
	}
}

func TestFindNearDuplicatesCountOnce(t *testing.T) {
	arts := newsSet()
	dup := arts[3]
	dup.ID = "q1-copy"
	dup.Title = "Earthquake hits Bandar Abbas in south Iran"
	arts = append(arts, dup)
	for _, s := range Find(arts, Options{}) {
		if slices.Contains(s.Members, "q1") {
			if len(s.Members) != 4 || s.Size != 3 {
				t.Errorf("quake story: %d members, size %d; want 4 members, size 3", len(s.Members), s.Size)
			}
		}
	}
	// Two copies of one wire story are not a story.
	only := []corpus.Article{arts[3], dup}
	if got := Find(only, Options{}); len(got) != 0 {
		t.Errorf("two copies of one article made %d stories", len(got))
	}
	if got := Find(only, Options{MinSize: 1}); len(got) != 1 {
		t.Errorf("MinSize 1: %d stories, want 1", len(got))
	}
}

func TestFindForeignFunctionWordsMakeNoName(t *testing.T) {
	fr := []corpus.Article{
		article("f1", "La loi sur le projet de loi de finances", day(0),
			"Le projet de loi de finances a été adopté par les députés de la majorité. La loi prévoit une baisse des impôts pour les ménages.",
			"Le ministre Bruno Le Maire a défendu le projet de loi devant les députés à Paris."),
		article("f2", "Les députés adoptent le projet de loi de finances", day(1),
			"Les députés ont adopté le projet de loi de finances, défendu par Bruno Le Maire. La loi de finances sera examinée par le Sénat.",
			"Selon le ministre, la loi permettra une baisse des impôts."),
	}
	for _, s := range Find(fr, Options{}) {
		for _, w := range strings.Fields(strings.ToLower(s.Name)) {
			if foreignFunction[w] {
				t.Errorf("name %q holds the function word %q", s.Name, w)
			}
		}
	}
}

func TestFindEmpty(t *testing.T) {
	if got := Find(nil, Options{}); got == nil || len(got) != 0 {
		t.Errorf("Find(nil) = %#v, want an empty slice", got)
	}
}

func TestTitleCase(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"bank of England", "Bank of England"},
		{"costa rica plane crash", "Costa Rica Plane Crash"},
		{"NATO summit", "NATO Summit"},
		{"the iPhone launch", "The iPhone Launch"},
		{"Rio de Janeiro strike", "Rio de Janeiro Strike"},
	} {
		if got := titleCase(strings.Fields(tc.in)); got != tc.want {
			t.Errorf("titleCase(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitWords(t *testing.T) {
	ws := splitWords("Tesco's bid, said U.S. officials; O'Brien-led talks", nil)
	var got []string
	for _, w := range ws {
		s := w.key
		if w.brk {
			s = "|" + s
		}
		got = append(got, s)
	}
	want := []string{"|tesco", "bid", "|said", "us", "officials", "|o'brien", "led", "talks"}
	if !slices.Equal(got, want) {
		t.Errorf("splitWords = %v, want %v", got, want)
	}
}

func TestStrongest(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 200 {
		fs := make([]featWeight, n)
		for i := range fs {
			fs[i] = featWeight{f: uint64(r.IntN(50)), w: float64(r.IntN(8))}
		}
		want := slices.Clone(fs)
		slices.SortFunc(want, func(a, b featWeight) int {
			if a.w != b.w {
				return -cmpFloat(a.w, b.w)
			}
			return int(a.f) - int(b.f)
		})
		k := min(n, 1+n/3)
		got := slices.Clone(strongest(fs, k))
		slices.SortFunc(got, func(a, b featWeight) int {
			if a.w != b.w {
				return -cmpFloat(a.w, b.w)
			}
			return int(a.f) - int(b.f)
		})
		if !slices.Equal(got, want[:k]) {
			t.Fatalf("n=%d k=%d: strongest = %v, want %v", n, k, got, want[:k])
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestModelAddJoinsOrStartsAStory(t *testing.T) {
	set := newsSet()
	byID := map[string]corpus.Article{}
	for _, a := range set {
		byID[a.ID] = a
	}
	var base []corpus.Article
	for _, a := range set {
		if a.ID != "t3" && a.ID != "q2" && a.ID != "q3" {
			base = append(base, a)
		}
	}
	stories, m := Build(base, Options{})
	if len(stories) != 1 || !slices.Contains(stories[0].Members, "t1") {
		t.Fatalf("base stories: %v", stories)
	}
	before := m.Clone()
	t3 := byID["t3"]
	if p := m.Add(&t3); p.Story != 0 || p.Started {
		t.Errorf("t3 placed %+v, want it to join story 0", p)
	}
	q2 := byID["q2"]
	p := m.Add(&q2)
	if !p.Started || p.Partner != "q1" || p.Story != 1 {
		t.Fatalf("q2 placed %+v, want a new story 1 with q1", p)
	}
	q1 := byID["q1"]
	if name := Name(&q1, &q2); !strings.Contains(name, "Bandar Abbas") && !strings.Contains(name, "Qeshm Island") && !strings.Contains(name, "Iran") {
		t.Errorf("new story named %q", name)
	}
	q3 := byID["q3"]
	if p := m.Add(&q3); p.Story != 1 || p.Started {
		t.Errorf("q3 placed %+v, want it to join story 1", p)
	}
	x := article("x3", "Bakery wins award for sourdough", day(3), "A bakery on Mill Lane won a national award for its sourdough loaf.")
	if p := m.Add(&x); p.Story != -1 {
		t.Errorf("unrelated article placed %+v", p)
	}
	// The clone taken before is unchanged.
	if len(before.stories) != 1 || len(m.stories) != 2 {
		t.Errorf("clone has %d stories, the model %d; want 1 and 2", len(before.stories), len(m.stories))
	}
}

// FuzzFind feeds arbitrary text to the word splitter and the clustering:
// no panic, words without spaces, and the same stories twice.
func FuzzFind(f *testing.F) {
	f.Add("Tesco's bid, said U.S. officials; O'Brien-led talks", "La loi de finances a été adoptée par les députés.")
	f.Add("“It also said…” — 3.5% of 1,000", "NATO summit in Vilnius")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, w := range splitWords(a, nil) {
			if w.key == "" || strings.ContainsAny(w.key, " \t\n") {
				t.Fatalf("splitWords(%q): word %+v", a, w)
			}
		}
		arts := []corpus.Article{
			article("a", a, day(0), a, b),
			article("b", b, day(1), b, a),
			article("c", a+" "+b, day(2), a+" "+b),
		}
		first := fmt.Sprint(Find(arts, Options{}))
		if again := fmt.Sprint(Find(arts, Options{})); again != first {
			t.Fatalf("two runs differ:\n%s\n%s", first, again)
		}
	})
}
