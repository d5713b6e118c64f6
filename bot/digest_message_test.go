package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestDigestMessageGolden(t *testing.T) {
	until := time.Date(2026, 3, 8, 9, 0, 0, 0, time.FixedZone("EST", -5*3600))
	a := briefings.Source{ID: "a1", Title: "Talks resume in Geneva", URL: "https://example.org/a1"}
	b := briefings.Source{ID: "b2", Title: "Grain corridor reopens"}
	tests := []struct {
		name string
		d    briefings.Digest
	}{
		{"full", briefings.Digest{
			Until: until,
			Lead:  "2 new articles on Talks and Grain.",
			Issues: []briefings.DigestIssue{
				{IssueID: "talks", Name: "Talks", Points: []briefings.Cited{
					{Text: "Delegations met for six hours.", Sources: []briefings.Source{a}},
					{Text: "Both sides called the meeting useful.", Sources: []briefings.Source{a, b}},
				}},
				{IssueID: "empty", Name: "No points"},
				{IssueID: "grain", Name: "Grain", Points: []briefings.Cited{
					{Text: "Ships left Odesa on Monday.", Sources: []briefings.Source{b}},
				}},
			},
			Articles: []briefings.DigestArticle{
				{Source: a, Summary: "Negotiators returned to the table."},
				{Source: b},
			},
		}},
		{"empty", briefings.Digest{Until: until, Empty: true, Lead: "Nothing new.", Issues: []briefings.DigestIssue{}}},
		{"no_date", briefings.Digest{Lead: "1 new article.", Articles: []briefings.DigestArticle{{Source: b, Summary: "Ships sail."}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.MarshalIndent(DigestMessage(tt.d), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "digest_message_"+tt.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("DigestMessage mismatch (run with -update to accept)\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestDigestMessageSample checks the message of a real digest cites every
// new article and every point, whatever the corpus says.
func TestDigestMessageSample(t *testing.T) {
	kb, err := briefings.Build(context.Background(), corpus.Sample(), briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := kb.Digest(briefings.DigestOptions{Until: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if d.Empty {
		t.Fatal("first digest of the sample corpus is empty")
	}
	m := DigestMessage(d)
	if m.Visibility != Channel || m.Title == "" || len(m.Sections) == 0 || m.Sections[0].Text != d.Lead {
		t.Fatalf("bad message head: %+v", m)
	}
	cited := map[string]bool{}
	for _, s := range m.Sections {
		for _, it := range s.Items {
			if it.Text == "" || len(it.Citations) == 0 {
				t.Errorf("section %q: item without text or citation: %+v", s.Heading, it)
			}
			for _, c := range it.Citations {
				cited[c.ID] = true
			}
		}
	}
	for _, a := range d.Articles {
		if !cited[a.ID] {
			t.Errorf("article %s not cited", a.ID)
		}
	}
}

// TestDigestArticleTitleEndsASentence: a headline's own final mark is kept
// as cited (renderers link the title by it) and never followed by a colon.
func TestDigestArticleTitleEndsASentence(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"period", "Talks resume in Geneva.", "Talks resume in Geneva. Negotiators returned."},
		{"question", "Who pays for the grain corridor?", "Who pays for the grain corridor? Negotiators returned."},
		{"exclamation", "Ceasefire holds!", "Ceasefire holds! Negotiators returned."},
		{"inside quotes", `Minister: "We will not sign."`, `Minister: "We will not sign." Negotiators returned.`},
		{"ellipsis", "And then…", "And then… Negotiators returned."},
		{"no final mark", "Talks resume in Geneva", "Talks resume in Geneva: Negotiators returned."},
		{"abbreviation kept whole", "Talks resume in the U.S.", "Talks resume in the U.S. Negotiators returned."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := briefings.Source{ID: "a1", Title: tt.title, URL: "https://example.org/a1"}
			m := DigestMessage(briefings.Digest{Articles: []briefings.DigestArticle{{Source: src, Summary: "Negotiators returned."}}})
			it := m.Sections[len(m.Sections)-1].Items[0]
			if it.Text != tt.want {
				t.Errorf("item = %q, want %q", it.Text, tt.want)
			}
			if len(it.Citations) != 1 || it.Citations[0].Title != tt.title {
				t.Errorf("the item must cite the title as it is: %+v", it.Citations)
			}
		})
	}
}
