package briefings

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

func TestFAQSampleGolden(t *testing.T) {
	kb := buildKB(t, corpus.Sample(), Options{})
	faq := kb.FAQ()
	if len(faq) < 20 {
		t.Errorf("sample FAQ: %d entries, want at least 20", len(faq))
	}
	for _, e := range faq {
		if len(e.Sources) == 0 || e.Sources[0].ID == "" || e.Sources[0].Title == "" {
			t.Errorf("entry %q has no source", e.Question)
		}
		if strings.TrimSpace(e.Answer) == "" {
			t.Errorf("entry %q has no answer", e.Question)
		}
	}
	golden(t, "faq_sample.json", faq)
}

func TestFAQOtherGolden(t *testing.T) {
	golden(t, "faq_other.json", buildKB(t, otherArticles(t), Options{}).FAQ())
}

// debianFAQ parses the Debian FAQ's plain-text edition (a test fixture of
// package corpus).
func debianFAQ(t *testing.T) corpus.Article {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "corpus", "testdata", "debian-faq.en.txt.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	a, err := corpus.Parse("debian-faq.en.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var leadingNumber = regexp.MustCompile(`^(?:\d+(?:\.\d+)*\.?|Chapter \d+)\s`)

func TestFAQDebian(t *testing.T) {
	kb := buildKB(t, []corpus.Article{debianFAQ(t)}, Options{})
	faq := kb.FAQ()
	if len(faq) < 150 {
		t.Errorf("Debian FAQ: %d entries, want at least 150", len(faq))
	}
	var qs strings.Builder
	for _, e := range faq {
		qs.WriteString(e.Question + "\n")
		if leadingNumber.MatchString(e.Question) {
			t.Errorf("numbering left in question %q", e.Question)
		}
		if leadingNumber.MatchString(e.Answer) {
			t.Errorf("answer to %q starts with numbering: %.60q", e.Question, e.Answer)
		}
		if len(e.Question) > 20 && strings.Contains(e.Answer, "\n"+e.Question) {
			t.Errorf("answer to %q holds another question", e.Question)
		}
	}
	// Questions wrapped over two or three lines come back whole.
	for _, want := range []string{
		"What is the difference between Debian GNU/Linux and other Linux distributions? Why should I choose Debian over some other distribution?",
		"Why does the official stable released CD-ROM contain symlinks for `frozen' and `unstable'? I thought this CD contains just `stable'!",
		"I am currently tracking testing (bookworm). What will happen when a release is made? Will I still be tracking testing or will my machine be running the new stable distribution?",
		"The stable distributions really contains outdated packages. Just look at Kde, Gnome, Xorg or even the kernel. They are very old. Why is it so?",
		"OK, now I know what Debian is... what is Linux?!",
		"Some users like mawk, others like gawk; some like vim, others like elvis; some like trn, others like tin; how does Debian support diversity?",
	} {
		if !strings.Contains(qs.String(), want+"\n") {
			t.Errorf("question not found whole: %q", want)
		}
	}
	goldenBytes(t, "faq_debian_questions.txt", []byte(qs.String()))
}

func TestFAQAdminEntriesWin(t *testing.T) {
	admin := FAQEntry{
		Question:   "What is the 20-point plan?",
		Answer:     "The admin's answer.",
		Alternates: []string{"What is the “20-point plan,” and how close is it to completion?"},
	}
	faq := buildKB(t, corpus.Sample(), Options{FAQ: []FAQEntry{admin}}).FAQ()
	if faq[0].Question != admin.Question || faq[0].Answer != admin.Answer {
		t.Fatalf("first entry = %q, want the admin entry", faq[0].Question)
	}
	if faq[0].Sources == nil || faq[0].Alternates == nil {
		t.Error("admin entry: nil sources or alternates (JSON would print null)")
	}
	for _, e := range faq[1:] {
		if QuestionKey(e.Question) == QuestionKey(admin.Alternates[0]) {
			t.Errorf("extracted entry %q kept beside the admin entry that names it", e.Question)
		}
	}
}

func TestFAQExtract(t *testing.T) {
	para := func(s string) corpus.Block { return corpus.Block{Kind: corpus.Para, Text: s} }
	head := func(s string) corpus.Block { return corpus.Block{Kind: corpus.Heading, Text: s} }
	item := func(s string) corpus.Block { return corpus.Block{Kind: corpus.Item, Text: s} }
	tests := []struct {
		name   string
		blocks []corpus.Block
		want   []qaPair
	}{
		{
			name:   "question paragraph and answer",
			blocks: []corpus.Block{para("Why is the bridge closed?"), para("The deck is being repaired."), para("It reopens in May.")},
			want:   []qaPair{{"Why is the bridge closed?", "The deck is being repaired.\n\nIt reopens in May."}},
		},
		{
			name:   "answer stops at the next heading",
			blocks: []corpus.Block{head("Who pays for the repairs?"), para("The state pays two thirds."), head("Traffic"), para("Buses take the old road.")},
			want:   []qaPair{{"Who pays for the repairs?", "The state pays two thirds."}},
		},
		{
			name:   "bullets become lines",
			blocks: []corpus.Block{para("What will change for drivers?"), para("Three things:"), item("a new toll"), item("a lower speed limit")},
			want:   []qaPair{{"What will change for drivers?", "Three things:\n\n- a new toll\n- a lower speed limit"}},
		},
		{
			name:   "numbering stripped, Q and A prefixes",
			blocks: []corpus.Block{para("Q: How long will it take?"), para("A: About two years, the council says.")},
			want:   []qaPair{{"How long will it take?", "About two years, the council says."}},
		},
		{
			name:   "rhetorical question inside prose",
			blocks: []corpus.Block{para("Is this the end? Nobody knows, but the council will decide in May."), para("Work goes on meanwhile.")},
		},
		{
			name: "reader's questions answered in their paragraphs",
			blocks: []corpus.Block{
				para("How do I know if I was affected? The bank said it had written to all affected customers by post."),
				para("Will I get compensation? The bank said it would refund any customer who lost money. It also offers credit monitoring."),
				para("What will the regulator do? It can fine the bank up to 4% of its turnover."),
				para("Can I still use my card? Will it work abroad?"),
			},
			want: []qaPair{
				{"How do I know if I was affected?", "The bank said it had written to all affected customers by post."},
				{"Will I get compensation?", "The bank said it would refund any customer who lost money. It also offers credit monitoring."},
			},
		},
		{
			name: "a reader's question paragraph ends the answer before it",
			blocks: []corpus.Block{
				head("What if I lose my permit?"), para("Report it online and we will send a replacement."),
				para("Do I need a permit on Sundays? No. The zones operate Monday to Saturday."),
			},
			want: []qaPair{
				{"What if I lose my permit?", "Report it online and we will send a replacement."},
				{"Do I need a permit on Sundays?", "No. The zones operate Monday to Saturday."},
			},
		},
		{
			name:   "quoted question is speech",
			blocks: []corpus.Block{para("“Who will pay for it?”"), para("The mayor did not answer.")},
		},
		{
			name:   "question inside a bullet list is not a heading",
			blocks: []corpus.Block{item("Costs rose by a third."), item("Is it realistic?"), para("Officials are doubtful.")},
		},
		{
			name:   "question without answer",
			blocks: []corpus.Block{para("What is next?"), para("When does it open?"), para("In May, if all goes well.")},
			want:   []qaPair{{"When does it open?", "In May, if all goes well."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := extractFAQ(corpus.Article{Blocks: tt.blocks})
			if len(got) != len(tt.want) {
				t.Fatalf("got %d pairs %q, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("pair %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestFAQNumberedDocument(t *testing.T) {
	para := func(s string) corpus.Block { return corpus.Block{Kind: corpus.Para, Text: s} }
	var blocks []corpus.Block
	qs := []string{"What is it?", "Who made it?", "Where is it?", "How do I use it?", "Why is it free?"}
	for i, q := range qs {
		blocks = append(blocks, para(strings.Repeat("1.", 1)+string(rune('1'+i))+". "+q), para("An answer with a sentence."))
	}
	blocks = append(blocks, para("1.6. Authors"), para("Written by volunteers."), para("1.7. Feedback"), para("apt-get install foo"), para("Mail us."))
	got := extractFAQ(corpus.Article{Blocks: blocks})
	if len(got) != 7 {
		t.Fatalf("got %d entries, want 7: %q", len(got), got)
	}
	if got[5].question != "Authors" || got[6].answer != "apt-get install foo\n\nMail us." {
		t.Errorf("section entries = %q, %q", got[5], got[6])
	}
}

func TestFAQMarkdownShapes(t *testing.T) {
	doc := `# Frequently asked questions

## Accounts

### How do I reset my password?

Go to Settings, then Security, and choose "Reset password". A link arrives by email within a few minutes.

**How much does it cost?**

Ten dollars a month, billed yearly.

Q: Do you offer refunds?
A: Within 30 days of purchase, no questions asked.

1. What payment methods do you accept?

   Cards and bank transfers.

Why would anyone pay for this? Because it saves time. That is the pitch.
`
	a, err := corpus.Parse("faq.md", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := extractFAQ(a)
	want := []qaPair{
		{"How do I reset my password?", `Go to Settings, then Security, and choose "Reset password". A link arrives by email within a few minutes.`},
		{"How much does it cost?", "Ten dollars a month, billed yearly."},
		{"Do you offer refunds?", "Within 30 days of purchase, no questions asked."},
		{"What payment methods do you accept?", "Cards and bank transfers.\n\nWhy would anyone pay for this? Because it saves time. That is the pitch."},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d pairs %q, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("pair %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestFAQWrappedHeadingQuestion(t *testing.T) {
	blocks := []corpus.Block{
		{Kind: corpus.Heading, Text: "Can I change my"},
		{Kind: corpus.Para, Text: "username?"},
		{Kind: corpus.Para, Text: "Yes, once a month."},
	}
	got := extractFAQ(corpus.Article{Blocks: blocks})
	if len(got) != 1 || got[0].question != "Can I change my username?" || got[0].answer != "Yes, once a month." {
		t.Errorf("got %q", got)
	}
}
