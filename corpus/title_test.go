package corpus

import "testing"

func TestTitle(t *testing.T) {
	tests := []struct {
		name, file, doc, want string
	}{
		{"first line headline", "a.txt",
			"City Council Approves Budget\nThe council voted 7 to 2 on Tuesday. The mayor welcomed it.\n",
			"City Council Approves Budget"},
		{"sentence-case headline", "a.txt",
			"Drivers walk out over pay; talks to resume Monday\nBus drivers stopped work at dawn, leaving thousands stranded.\n",
			"Drivers walk out over pay; talks to resume Monday"},
		{"headline with final period", "a.txt",
			"Mayor, Union Reach Deal on Transit Pay.\n\nThe agreement ends a nine-day strike that left riders stranded.\n",
			"Mayor, Union Reach Deal on Transit Pay."},
		{"after breadcrumb and caption", "a.txt",
			"Home / Local / Transit\nRiders wait at a bus stop in Riverside, March 3, 2025. REUTERS/Jane Doe/File Photo\nStrike Ends After Nine Days\nBuses ran again on Friday morning.\n",
			"Strike Ends After Nine Days"},
		{"never a pull quote", "a.txt",
			"“We will not back down,” the union said.\nThe strike entered its second week on Monday as talks stalled.\nWhat Comes Next\nA vote is planned for Friday.\n",
			"What Comes Next"},
		{"first paragraph is a sentence: first heading", "a.txt",
			"Bus drivers in the city stopped work at dawn on Monday, leaving thousands of commuters stranded across the region.\nThe union wants a 6% raise.\nWhy the Talks Failed\nBoth sides blamed each other.\n",
			"Why the Talks Failed"},
		{"no heading: shortened first sentence", "a.txt",
			"Bus drivers in the city stopped work at dawn on Monday, leaving thousands of commuters stranded across the region. The union wants a raise.\nThe authority said it would not negotiate under pressure.\n",
			"Bus drivers in the city stopped work at dawn on Monday, leaving…"},
		{"front matter wins", "a.md",
			"---\ntitle: The Real Title\n---\n\n# The Real Title\n\nBody text goes here.\n",
			"The Real Title"},
		{"markdown heading", "a.md",
			"# Release 4.0 Is Out\n\nThe team shipped the release on Monday.\n",
			"Release 4.0 Is Out"},
		{"html title", "a.html",
			"<html><head><title>Strike Ends | City News</title><meta property=\"og:title\" content=\"Strike Ends After Nine Days\"></head><body><article><h1>Strike Ends After Nine Days</h1><p>Buses ran again on Friday morning after the union and the authority agreed on a new contract that raises pay by six percent over three years.</p><p>Riders welcomed the news, though many said the strike had cost them days of work and wages they would not get back.</p></article></body></html>",
			"Strike Ends After Nine Days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.file, []byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.want {
				t.Errorf("title %q, want %q", a.Title, tt.want)
			}
			if len(a.Blocks) > 0 && a.Blocks[0].Text == a.Title && a.Blocks[0].Kind != Heading {
				t.Errorf("title left as the first paragraph")
			}
		})
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct {
		name, title, site, url, want string
	}{
		{"pipe", "Water prices rise again | The Gazette", "", "", "Water prices rise again"},
		{"dash with site name", "Water prices rise again - Gazette", "The Gazette", "", "Water prices rise again"},
		{"dash with host", "Water prices rise again - Metro Post", "", "https://www.metropost.example/a", "Water prices rise again"},
		{"dash kept when unknown", "Water prices rise again - and again", "", "", "Water prices rise again - and again"},
		{"brackets", "Weekly Edition for March 26 [LWN.net]", "", "", "Weekly Edition for March 26"},
		{"short head kept", "Budget | Gazette", "", "", "Budget | Gazette"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stripSiteName(tt.title, tt.site, tt.url); got != tt.want {
				t.Errorf("stripSiteName(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}
