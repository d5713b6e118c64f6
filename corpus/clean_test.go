package corpus

import (
	"strings"
	"testing"
)

// blocksOf parses a document and renders its blocks one per line, marked
// "P", "H" or "*".
func blocksOf(t *testing.T, name, doc string) string {
	t.Helper()
	a, err := Parse(name, []byte(doc))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var b strings.Builder
	for _, bl := range a.Blocks {
		b.WriteString(map[BlockKind]string{Para: "P ", Heading: "H ", Item: "* "}[bl.Kind] + bl.Text + "\n")
	}
	return b.String()
}

const body = "The water board raised prices by 4% on Monday, the first increase since 2019.\n"

func TestCleanRules(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"agency photo credit caption",
			"Water Prices Rise\nA worker checks a pipe in Lakeside, May 2, 2024. AGENCY/Jane Smith/File Photo\n" + body,
			"P " + body},
		{"video caption with agency",
			"Water Prices Rise\n" + body + "Residents queue at a water point in Lakeside. (Reuters)\n",
			"P " + body},
		{"labelled image credit",
			"Water Prices Rise\n" + body + "Image: Example Photos / John Roe\n",
			"P " + body},
		{"photo by credit",
			"Water Prices Rise\n" + body + "(Photo by Lee Park for the Gazette)\n",
			"P " + body},
		{"markup slugs",
			"Water Prices Rise\n#hero_image\nimage-12\nwide-banner.jpg\n" + body,
			"P " + body},
		{"share and comment prompts",
			"Water Prices Rise\nShare this article\nClick to print (Opens in new window)\n" + body + "3 Comments\nLeave a comment\nPost a Comment\n",
			"P " + body},
		{"breadcrumb and counters",
			"Home > Business > Utilities\nWater Prices Rise\n14 250\n" + body,
			"P " + body},
		{"author box and bio",
			"Water Prices Rise\n" + body + "About the author: Ana Lima\nAna Lima covers utilities and the environment for the paper.\n",
			"P " + body},
		{"bio without a box",
			"Water Prices Rise\n" + body + "Ana Lima is a reporter covering utilities and energy for the Gazette.\n",
			"P " + body},
		{"related links list",
			"Water Prices Rise\n" + body + "See also:\n- Drought ends in the south\n- Five ways to save water at home\n",
			"P " + body},
		{"related links as short lines",
			"Water Prices Rise\n" + body + "MORE FROM THE GAZETTE\nDrought ends in the south\nFive ways to save water\n",
			"P " + body},
		{"promotional dek",
			"Water Prices Rise\nDiscover what the new prices mean for your household bill this year.\n" + body,
			"P " + body},
		{"teaser repeated below",
			"The board raised water prices by 4% on Monday.\nWater Prices Rise\n" + body + "The board raised water prices by 4% on Monday, citing the cost of new pipes.\n",
			"P " + body + "P The board raised water prices by 4% on Monday, citing the cost of new pipes.\n"},
		{"tags and date lines",
			"Water Prices Rise\nUpdated: March 3, 2025 10:15 am\n" + body + "Tags: water, prices, utilities\n",
			"P " + body},
		{"trailing short lines",
			"Water Prices Rise\n" + body + "Newsletter\nFollow us\nPrivacy Policy\n\n\n\n",
			"P " + body},
		{"keeps headings items and quotes",
			"Water Prices Rise\n" + body + "What It Means for Households\n“We had no choice,” the chairman said.\n• Bills rise by $3 a month.\n• Discounts stay for pensioners.\n",
			"P " + body + "H What It Means for Households\nP “We had no choice,” the chairman said.\n* Bills rise by $3 a month.\n* Discounts stay for pensioners.\n"},
		{"quoted question is dialogue, not a heading",
			"Water Prices Rise\n" + body + "“Will prices rise again next year?”\nThe chairman did not answer the question.\n",
			"P " + body + "P “Will prices rise again next year?”\nP The chairman did not answer the question.\n"},
		{"citation marks and back matter",
			"Water Prices Rise\nThe water board raised prices by 4% on Monday,[3] the first increase since 2019.[edit]\n" + strings.Repeat("Residents protested at the town hall on Tuesday.\n", 1) + "Critics said the board ignored the drought.[a]\nReferences\n^ Board minutes, March 2025.\n^ a b Gazette, 4 March 2025.\n",
			"P " + body + "P Residents protested at the town hall on Tuesday.\nP Critics said the board ignored the drought.\n"},
		{"stray leading punctuation",
			"Water Prices Rise\n" + body + ".After the vote, the board met residents.\n",
			"P " + body + "P After the vote, the board met residents.\n"},
		{"navigation menu and kicker",
			"Home\nNews\nSport\nWeather\nLocal\nOpinion\nWater Prices Rise Again\n" + body,
			"P " + body},
		{"bylines and relative dates",
			"Water Prices Rise\nBy Ana Lima and Ben Cole, Gazette\nPublished 2 hours ago\n" + body,
			"P " + body},
		{"byline and date lines",
			"Water Prices Rise\nBy Ana Lima March 3, 2025\n9:41 AM ET\nAna Lima | Updated 3/4/2025\n" + body,
			"P " + body},
		{"byline with reading time",
			"Water Prices Rise\nBy Ana Lima, Utilities Correspondent · Published 20 November 2026 · 5 min read\nBen Cole · 22 November 2026 · 3 min read\n" + body,
			"P " + body},
		{"cookie banner",
			"Water Prices Rise\nWe use cookies and similar technologies. Accept | Customise\n" + body +
				"This website uses cookies to improve your experience. By continuing to browse you agree to our use of cookies. Learn more\n",
			"P " + body},
		{"an article about cookies stays",
			"Water Prices Rise\n" + body + "The regulator said websites that use cookies must let visitors refuse them as easily as they accept them.\n",
			"P " + body + "P The regulator said websites that use cookies must let visitors refuse them as easily as they accept them.\n"},
		{"follow prompt and correction notice",
			"Water Prices Rise\n" + body + "The board will review the prices again next year.\nFollow us on Twitter and Instagram for the latest utilities news. Share this article\n" +
				"This article was amended on 22 November 2026 to correct the spelling of the chairman's name.\n",
			"P " + body + "P The board will review the prices again next year.\n"},
		{"review note",
			"Water Prices Rise\nLast reviewed by the Customer Team on 1 September 2026. Questions? Email help@example.com.\n" + body +
				"This page was last updated on March 3, 2025.\n",
			"P " + body},
		{"a sentence about a review stays",
			"Water Prices Rise\n" + body + "The prices were reviewed by the regulator in 2024 and found fair.\n",
			"P " + body + "P The prices were reviewed by the regulator in 2024 and found fair.\n"},
		{"Q and A labels",
			"Library Card FAQ\n\nQ: How many books can I borrow at once?\nA: You can borrow up to 20 items at a time, including no more than 5 DVDs.\n\nQ: What if I return a book late? A: We no longer charge late fees.\n",
			"H How many books can I borrow at once?\nP You can borrow up to 20 items at a time, including no more than 5 DVDs.\nH What if I return a book late?\nP We no longer charge late fees.\n"},
		{"a lone label stays",
			"Water Prices Rise\n" + body + "A: the old tariff, B: the new one.\n",
			"P " + body + "P A: the old tariff, B: the new one.\n"},
		{"pull quote without a full stop",
			"Water Prices Rise\n" + body + "\"We had no choice but to raise prices this year\"\n\"We had no choice but to raise prices this year, and we are sorry,\" the chairman said.\n",
			"P " + body + "P \"We had no choice but to raise prices this year, and we are sorry,\" the chairman said.\n"},
		{"story tips and inbox pitches",
			"Water Prices Rise\n" + body + "Do you have a story? Email news@example.com\nGet the latest news sent straight to your inbox. Sign up to our free daily newsletter.\n" +
				"The board will review the prices again next year.\n",
			"P " + body + "P The board will review the prices again next year.\n"},
		{"readers' comments",
			"Water Prices Rise\n" + body + "The board will review the prices again next year.\n2 Comments\nJoe says:\nThis is a scandal, prices are too high already!\nReply\n",
			"P " + body + "P The board will review the prices again next year.\n"},
		{"pull quote lifted from a paragraph",
			"Water Prices Rise\n" + body + "“We had no choice but to raise prices this year.”\nThe chairman said: “We had no choice but to raise prices this year. Pipes are old.”\n",
			"P " + body + "P The chairman said: “We had no choice but to raise prices this year. Pipes are old.”\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := blocksOf(t, "doc.txt", tt.doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"hard-wrapped mail",
			"Hello all,\n\nThe meeting on the new water prices moved to Thursday at the town\nhall, because the council chamber is being painted this week and\nnobody wants to breathe that in.\n\nPlease bring the budget papers we sent last month, and your\nquestions about the new tariff for large households.\n",
			"P Hello all,\nP The meeting on the new water prices moved to Thursday at the town hall, because the council chamber is being painted this week and nobody wants to breathe that in.\nP Please bring the budget papers we sent last month, and your questions about the new tariff for large households.\n"},
		{"wrapped items and numbered questions",
			"Water FAQ\n=========\n\n1.1. Why did the water board raise\nprices this year?\n\n    Because the pipes in the old town need replacing, and the\n    state cut its grant for maintenance by a third last spring.\n\n    * Pipes: most were laid before 1960 and leak about a fifth\n      of the water they carry.\n    * Grants: down from $9 million to $6 million.\n\n1.2. When do the new prices start?\n\n    On the first of next month, for every bill sent after that.\n",
			"H 1.1. Why did the water board raise prices this year?\nP Because the pipes in the old town need replacing, and the state cut its grant for maintenance by a third last spring.\n* Pipes: most were laid before 1960 and leak about a fifth of the water they carry.\n* Grants: down from $9 million to $6 million.\nH 1.2. When do the new prices start?\nP On the first of next month, for every bill sent after that.\n"},
		{"item wrapped in unwrapped text",
			"Water Prices Rise\nThe board listed the changes that start on the first of next month for every household in the city, whatever its size.\n- Bills rise by $3 a month for\n  most households.\n- Discounts stay.\nResidents were angry.\n",
			"P The board listed the changes that start on the first of next month for every household in the city, whatever its size.\n* Bills rise by $3 a month for most households.\n* Discounts stay.\nP Residents were angry.\n"},
		{"line per paragraph",
			"Water Prices Rise\nThe water board raised prices by 4% on Monday.\nResidents were angry.\nWhat Comes Next\nA vote on discounts is due in May.\n",
			"P The water board raised prices by 4% on Monday.\nP Residents were angry.\nH What Comes Next\nP A vote on discounts is due in May.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := blocksOf(t, "doc.txt", tt.doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMetaFromLines(t *testing.T) {
	tests := []struct {
		name, doc, byline, published string
	}{
		{"byline with date", "Water Prices Rise\nBy Ana Lima | March 3, 2025\n" + body, "Ana Lima", "2025-03-03"},
		{"updated line", "Water Prices Rise\nUpdated: Sept. 14, 2024 10:15 am\n" + body, "", "2024-09-14"},
		{"ordinal date", "Water Prices Rise\nPublished on March 1st, 2023\n" + body, "", "2023-03-01"},
		{"numeric date", "Water Prices Rise\nPosted 2024-11-05\n" + body, "", "2024-11-05"},
		{"date at the bottom is not the article's", "Water Prices Rise\n" + body + strings.Repeat("More about prices follows here.\n", 8) + "Posted 2024-11-05\n", "", ""},
		{"nothing", "Water Prices Rise\n" + body, "", ""},
		{"time of day in GMT", "Water Prices Rise\nPublished 23 November 2026, 07:12 GMT\n" + body, "", "2026-11-23 07:12"},
		{"time of day with pm and zone", "Water Prices Rise\nBy Ana Lima | March 3, 2025 at 9:41 p.m. ET\n" + body, "Ana Lima", "2025-03-04 02:41"},
		{"time of day am", "Water Prices Rise\nUpdated: Sept. 14, 2024 10:15 am\n" + body, "", "2024-09-14 10:15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("doc.txt", []byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if !a.Published.IsZero() {
				got = a.Published.Format("2006-01-02")
				if strings.Contains(tt.published, ":") {
					got = a.Published.UTC().Format("2006-01-02 15:04")
				}
			}
			if a.Byline != tt.byline || got != tt.published {
				t.Errorf("byline %q published %q, want %q %q", a.Byline, got, tt.byline, tt.published)
			}
		})
	}
}
