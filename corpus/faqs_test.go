package corpus

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// faqCase is a real FAQ in testdata/faqs, with its entries counted by
// hand: which blocks are entries, how many there are, and answers that
// must come out whole (their last words, and code when they have some).
type faqCase struct {
	file    string
	entries int
	isEntry func(Block) bool
	answers []wantAnswer
}

type wantAnswer struct {
	question string // the entry's heading or term, exactly
	ends     string // the answer's last block contains this
	code     string // a code block of the answer contains this ("" for none)
}

// atLevel is an entry test for FAQs whose questions are headings of one
// level.
func atLevel(level int) func(Block) bool {
	return func(b Block) bool { return b.Kind == Heading && b.Level == level }
}

var realFAQs = []faqCase{
	{
		file: "sindresorhus-apps-faq.md", entries: 57, isEntry: atLevel(3),
		answers: []wantAnswer{
			{question: "How can I report a bug or suggest a feature?", ends: "align with the app's vision and user demand."},
			{question: "I previously bought the app on the App Store but it still says I need to pay", ends: "can prevent access to previous purchases."},
			{question: "Your app is using a lot of CPU", ends: ""},
			{question: "How do I find the bundle identifier of a Mac app?", code: "osascript"},
			{question: "My question is not answered here", ends: ""},
		},
	},
	{
		file: "git-lfs-faq.adoc", entries: 16, isEntry: func(b Block) bool { return b.Kind == Term },
		answers: []wantAnswer{
			{question: "Does Git LFS provide a way to track files by size?", ends: "we recommend using patterns rather than --above."},
			{question: "Why do I end up with some of my working tree files constantly showing as modified?", ends: "nobody is introducing such problems.", code: `git commit -m "Fix broken LFS files"`},
			{question: "I'm using Git LFS, but I still see GitHub's large file error. How do I fix this?", ends: "not allowed as path separators."},
			{question: "Why are LFS files not included when I archive a subdirectory?", code: `rm -fr "$temp"`},
		},
	},
	{
		file: "discordpy-faq.rst", entries: 23, isEntry: atLevel(2),
		answers: []wantAnswer{
			{question: "Where can I use await?", ends: "inside async def functions and nowhere else."},
			{question: "What does \"blocking\" mean?", code: "await channel.send(js['file'])"},
			{question: "How do I set the \"Playing\" status?", code: "client = discord.Client(activity=activity)"},
			{question: "My bot's commands are not showing up!", ends: "scopes=(\"bot\", \"applications.commands\"))."},
			{question: "How do I restrict a command to a specific guild?", code: "tree.copy_global_to(guild=discord.Object(123456789012345678))"},
		},
	},
	{
		file: "python-gui-faq.rst", entries: 4,
		isEntry: func(b Block) bool { return b.Kind == Heading && isQuestion(b.Text) },
		answers: []wantAnswer{
			{question: "What GUI toolkits exist for Python?", ends: "can be found on the python wiki."},
			{question: "I can't get key bindings to work in Tkinter: why?", ends: "(but not for labels; see the takefocus option)."},
		},
	},
	{
		file: "zlib-faq.txt", entries: 44, isEntry: func(b Block) bool { return b.Kind == Heading },
		answers: []wantAnswer{
			{question: "Is zlib Y2K-compliant?", ends: "zlib doesn't handle dates."},
			{question: "compress() returns Z_BUF_ERROR.", ends: `not by value ("as long").`},
			{question: "How can I make a Unix shared library?", code: "./configure"},
			{question: "Is zlib under the GNU license?", ends: "Please read the license in zlib.h."},
			{question: "Can you please sign these lengthy legal documents and fax them back to us so that we can use your software in our product?", ends: "No. Go away. Shoo."},
		},
	},
	{
		file: "dlib-faq.html", entries: 12,
		isEntry: func(b Block) bool { return b.Kind == Heading && isQuestion(b.Text) },
		answers: []wantAnswer{
			{question: "How can I cite dlib?", code: "author = {Davis E. King},"},
			{question: "How do I set the size of a matrix at runtime?", code: "row_vect.set_size(5);"},
			{question: "Why is RVM training is really slow?", ends: ""},
		},
	},
}

// TestRealFAQEntries loads each real FAQ and checks that every entry the
// hand count found comes out as a heading or term with an answer under
// it, and that the answers listed come out whole, code included.
func TestRealFAQEntries(t *testing.T) {
	for _, c := range realFAQs {
		t.Run(c.file, func(t *testing.T) {
			arts, warns, err := Load(context.Background(), []string{filepath.Join("testdata", "faqs", c.file)}, Options{})
			if err != nil || len(warns) > 0 || len(arts) != 1 {
				t.Fatalf("load: %v, warnings %v, %d articles", err, warns, len(arts))
			}
			a := arts[0]
			entries := 0
			answers := map[string][]Block{}
			for i, b := range a.Blocks {
				if !c.isEntry(b) {
					continue
				}
				entries++
				var ans []Block
				for _, x := range a.Blocks[i+1:] {
					if b.EndedBy(x) {
						break
					}
					ans = append(ans, x)
				}
				if len(ans) == 0 {
					t.Errorf("entry %q has no answer", b.Text)
				}
				if strings.ContainsAny(b.Text, "`*{}[]") && !strings.Contains(b.Text, "[More") {
					t.Errorf("markup left in entry %q", b.Text)
				}
				answers[b.Text] = ans
			}
			if entries != c.entries {
				t.Errorf("%d entries, want %d (counted by hand)", entries, c.entries)
			}
			for _, w := range c.answers {
				ans, ok := answers[w.question]
				if !ok {
					t.Errorf("entry %q not found", w.question)
					continue
				}
				if w.ends != "" && !strings.Contains(ans[len(ans)-1].Text, w.ends) {
					t.Errorf("answer to %q ends %q, want it to hold %q", w.question, ans[len(ans)-1].Text, w.ends)
				}
				if w.code != "" && !answerHasCode(ans, w.code) {
					t.Errorf("answer to %q lost its code %q", w.question, w.code)
				}
			}
			golden(t, "faq_"+strings.ReplaceAll(c.file, ".", "_")+".golden", render(a, false))
		})
	}
}

func answerHasCode(ans []Block, code string) bool {
	for _, b := range ans {
		if b.Kind == Code && strings.Contains(b.Text, code) {
			return true
		}
	}
	return false
}
