package faq

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

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
