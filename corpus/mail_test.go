package corpus

import (
	"testing"
	"time"
)

func TestParseMail(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		title     string
		byline    string
		published time.Time
		first     string
	}{
		{
			name: "announcement with folded subject",
			in: "From: Maria Lindqvist <maria@lists.example.org>\nTo: announce@lists.example.org\n" +
				"Subject: [ANNOUNCE] Tarn 4.0 released: new storage engine, Python 3.8\n support dropped\n" +
				"Date: Thu, 19 Nov 2026 16:05:11 +0100\n\nHi all,\n\nThe Tarn team is happy to announce the\n" +
				"release of Tarn 4.0, the first major release in almost two years, with a\nnew storage engine.\n\n" +
				"Cheers,\nMaria\n\n--\nMaria Lindqvist, release manager\n",
			title:     "Tarn 4.0 released: new storage engine, Python 3.8 support dropped",
			byline:    "Maria Lindqvist",
			published: time.Date(2026, 11, 19, 15, 5, 11, 0, time.UTC),
			first:     "The Tarn team is happy to announce the release of Tarn 4.0, the first major release in almost two years, with a new storage engine.",
		},
		{
			name:  "reply without date",
			in:    "Subject: Re: [tarn-users] Upgrade fails on ARM\nFrom: bob@example.org\n\nHello Maria!\n\nThe upgrade fails on ARM boards because the page size differs.\n",
			title: "Upgrade fails on ARM", byline: "bob@example.org",
			first: "The upgrade fails on ARM boards because the page size differs.",
		},
		{
			name:  "text starting with a label is no mail",
			in:    "Note: the meeting moved.\nSubject: budget\n\nThe council met on Monday to discuss the budget for next year.\n",
			title: "Subject: budget", first: "Note: the meeting moved.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("post.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("title %q, want %q", a.Title, tt.title)
			}
			if a.Byline != tt.byline {
				t.Errorf("byline %q, want %q", a.Byline, tt.byline)
			}
			if !a.Published.Equal(tt.published) {
				t.Errorf("published %v, want %v", a.Published, tt.published)
			}
			if len(a.Blocks) == 0 || a.Blocks[0].Text != tt.first {
				t.Errorf("blocks %+v, want the first %q", a.Blocks, tt.first)
			}
		})
	}
}
