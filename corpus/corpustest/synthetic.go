package corpustest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/briefbot/briefbot/corpus"
)

// DocSize is the approximate size in bytes of one generated document.
const DocSize = 5000

// SyntheticFiles returns n raw documents of about DocSize bytes each, keyed
// by file name ("synthetic/00042.txt"; every seventh one is Markdown with
// front matter). The same n and seed give the same bytes, and document i
// is the same whatever n is. Documents mix several topics (transit,
// software, health, energy, politics) with named people, organisations,
// places, numbers, dates and quotes; they have headings, bullet lists, a
// few questions with their answers, and the noise of web pages (share
// prompts, captions, counters, "Read also" lists) for cleaning to remove.
func SyntheticFiles(n int, seed int64) map[string][]byte {
	out := make(map[string][]byte, n)
	for i := 0; i < n; i++ {
		name, data := document(i, seed)
		out[name] = data
	}
	return out
}

// Names returns the keys of files in lexical order, the order Load uses.
func Names(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for k := range files {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// WriteFiles writes SyntheticFiles(n, seed) under dir, creating the
// directories needed, and returns dir/synthetic, the folder holding them.
func WriteFiles(dir string, n int, seed int64) (string, error) {
	for name, data := range SyntheticFiles(n, seed) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", fmt.Errorf("write synthetic corpus: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return "", fmt.Errorf("write synthetic corpus: %w", err)
		}
	}
	return filepath.Join(dir, "synthetic"), nil
}

// Synthetic returns n cleaned articles: SyntheticFiles(n, seed) parsed one
// by one with corpus.Parse, in name order. It panics if a document fails
// to parse, which would be a bug in the generator or the cleaner.
func Synthetic(n int, seed int64) []corpus.Article {
	arts := make([]corpus.Article, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				name, data := document(i, seed)
				a, err := corpus.Parse(name, data)
				if err != nil {
					panic(fmt.Sprintf("corpustest: parse %s: %v", name, err))
				}
				arts[i] = a
			}
		})
	}
	wg.Wait()
	return arts
}

// SyntheticArticle returns article i of Synthetic(n, seed), for any n > i:
// with i >= n, an article a corpus of n does not hold yet.
func SyntheticArticle(i int, seed int64) corpus.Article {
	name, data := document(i, seed)
	a, err := corpus.Parse(name, data)
	if err != nil {
		panic(fmt.Sprintf("corpustest: parse %s: %v", name, err))
	}
	return a
}

// gen writes one document.
type gen struct {
	r   *rand.Rand
	t   topic
	b   strings.Builder
	day int
}

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) person() (name, role string) {
	p := g.pick(g.t.people)
	name, role, _ = strings.Cut(p, "|")
	return name, role
}

func (g *gen) number() string {
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("%d%%", 5+g.r.IntN(90))
	case 1:
		return fmt.Sprintf("%d,%03d", 1+g.r.IntN(40), g.r.IntN(1000))
	case 2:
		return fmt.Sprintf("$%d.%d million", 1+g.r.IntN(900), g.r.IntN(10))
	case 3:
		return fmt.Sprintf("%d.%d%%", g.r.IntN(20), g.r.IntN(10))
	default:
		return fmt.Sprintf("%d", 12+g.r.IntN(4000))
	}
}

var months = []string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

func (g *gen) date() string {
	return fmt.Sprintf("%s %d", g.pick(months), 1+g.r.IntN(28))
}

// sentence returns one sentence of news prose about the topic.
func (g *gen) sentence() string {
	name, role := g.person()
	subj := g.pick(g.t.subjects)
	ph := g.pick(g.t.phrases)
	org := g.pick(g.t.orgs)
	place := g.pick(g.t.places)
	act := g.pick(g.t.actions)
	unit := g.pick(g.t.units)
	var s string
	switch g.r.IntN(12) {
	case 0:
		s = fmt.Sprintf("%s %s on %s, a move that affects about %s %s in %s.", capital(org), act, g.date(), g.number(), unit, place)
	case 1:
		s = fmt.Sprintf("“We are not going to accept %s without a serious plan for %s,” said %s, the %s.", ph, g.pick(g.t.phrases), name, role)
	case 2:
		s = fmt.Sprintf("According to %s, %s has already cost %s and could reach %s by the end of the year.", org, subj, g.number(), g.number())
	case 3:
		s = fmt.Sprintf("%s, the %s, told reporters in %s that %s would remain the main issue.", name, role, place, ph)
	case 4:
		s = fmt.Sprintf("Critics say %s ignores %s, while supporters point to a %s rise in %s.", subj, ph, g.number(), unit)
	case 5:
		s = fmt.Sprintf("The U.S. experience shows that %s can change quickly, Mr. %s noted.", ph, lastName(name))
	case 6:
		s = fmt.Sprintf("Since %s, %s have reported problems with %s in %s.", g.date(), unit, ph, place)
	case 7:
		s = fmt.Sprintf("%s said the decision on %s was expected within weeks, adding: “This is about %s, not politics.”", capital(org), subj, ph)
	case 8:
		s = fmt.Sprintf("A survey of %s %s found that %s favour changes to %s.", g.number(), unit, g.number(), ph)
	case 9:
		s = fmt.Sprintf("Officials in %s said %s and %s were linked, e.g. through %s.", place, ph, g.pick(g.t.phrases), subj)
	case 10:
		s = fmt.Sprintf("Is %s worth it? %s thinks so, arguing that %s will improve within %d months.", subj, name, ph, 2+g.r.IntN(22))
	default:
		s = fmt.Sprintf("%s %s after %s stalled, leaving %s uncertain.", capital(org), act, subj, ph)
	}
	return s
}

func (g *gen) para(n int) {
	for i := 0; i < n; i++ {
		if i > 0 {
			g.b.WriteByte(' ')
		}
		g.b.WriteString(g.sentence())
	}
	g.b.WriteString("\n\n")
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lastName(name string) string {
	f := strings.Fields(name)
	return f[len(f)-1]
}

var headings = []string{"What happens next", "The numbers behind %s", "Why %s matters", "Reaction in %s", "A long dispute over %s", "%s: the background"}

// document returns the name and bytes of document i.
func document(i int, seed int64) (string, []byte) {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), uint64(i)))}
	g.t = topics[g.r.IntN(len(topics))]
	md := i%7 == 3
	subj := g.pick(g.t.subjects)
	org := g.pick(g.t.orgs)
	title := fmt.Sprintf("%s %s as %s Deepens", headline(org), headline(g.pick(g.t.actions)), headline(subj))
	if md {
		fmt.Fprintf(&g.b, "---\ntitle: %q\nsource: Example %s Desk\nurl: https://news.example.com/%s/%d\npublished: 2025-%02d-%02dT08:00:00Z\ntags: [%s, %s]\n---\n\n",
			title, g.t.section, strings.ToLower(g.t.section), i, 1+g.r.IntN(12), 1+g.r.IntN(28), strings.ToLower(g.t.section), strings.ReplaceAll(g.pick(g.t.phrases), " ", "-"))
	} else {
		if g.r.IntN(2) == 0 {
			fmt.Fprintf(&g.b, "News / %s / %s\n\n", g.t.section, title)
		}
		fmt.Fprintf(&g.b, "%s\n\n", title)
		if g.r.IntN(2) == 0 {
			fmt.Fprintf(&g.b, "%d %d\n\n", g.r.IntN(50), g.r.IntN(300))
		}
		if g.r.IntN(3) == 0 {
			fmt.Fprintf(&g.b, "Image: %s / %s\n\n", g.pick([]string{"Shutterstock.com", "Wikimedia Commons", "Getty Images"}), g.pick([]string{"Anna Berg", "Lee Park", "File"}))
		}
	}
	g.para(3)
	for g.b.Len() < DocSize-1200 {
		h := g.pick(headings)
		if strings.Contains(h, "%s") {
			h = fmt.Sprintf(h, g.pick(g.t.phrases))
		}
		if md {
			g.b.WriteString("## ")
		}
		g.b.WriteString(capital(h) + "\n\n")
		g.para(2 + g.r.IntN(3))
		if g.r.IntN(3) == 0 {
			for k := 0; k < 3; k++ {
				g.b.WriteString("- " + g.sentence() + "\n")
			}
			g.b.WriteString("\n")
		}
		if g.r.IntN(4) == 0 {
			g.b.WriteString("Share this article\n\n")
		}
	}
	q := fmt.Sprintf("What does %s mean for %s?", g.pick(g.t.subjects), g.pick(g.t.units))
	if md {
		g.b.WriteString("## ")
	}
	g.b.WriteString(q + "\n\n")
	g.para(2)
	if g.r.IntN(2) == 0 {
		g.b.WriteString("Read also:\n")
		for k := 0; k < 3; k++ {
			fmt.Fprintf(&g.b, "- %s %s\n", headline(g.pick(g.t.orgs)), g.pick(g.t.actions))
		}
		g.b.WriteString("\n")
	}
	g.b.WriteString(g.pick([]string{"Leave a Reply", "COMMENTS", "Subscribe to our newsletter"}) + "\n")
	ext := ".txt"
	if md {
		ext = ".md"
	}
	return fmt.Sprintf("synthetic/%05d%s", i, ext), []byte(g.b.String())
}

// headline title-cases a phrase: "the transit strike" -> "The Transit Strike".
func headline(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		if i > 0 && (w == "the" || w == "of" || w == "a" || w == "by" || w == "for" || w == "on") {
			continue
		}
		f[i] = capital(w)
	}
	return strings.Join(f, " ")
}
