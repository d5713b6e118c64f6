package corpus

import "testing"

func TestHTMLHeadline(t *testing.T) {
	page := func(title, h1 string) string {
		return `<!DOCTYPE html><html><head><title>` + title + `</title></head><body>
<nav><a href="/">Home</a> | <a href="/business">Business</a></nav>
<article><h1>` + h1 + `</h1>
<p>Northbank said on Thursday that hackers had stolen the names and account numbers of about two million customers.</p>
<p>The lender said that card numbers and passwords were not taken, and that the money of its customers was safe.</p>
<p>The regulator confirmed it was investigating the breach and could fine the bank up to four per cent of its turnover.</p>
</article></body></html>`
	}
	tests := []struct {
		name, title, h1, want string
	}{
		{"section before the headline", "Business - Northbank breach: regulator opens inquiry - The Ledger",
			"Northbank breach: regulator opens inquiry", "Northbank breach: regulator opens inquiry"},
		{"label before the headline", "Transfer news: Rivera close to £85m move as talks resume | Sport | The Ledger",
			"Rivera close to £85m move as talks resume", "Rivera close to £85m move as talks resume"},
		{"no title", "", "Rivera close to £85m move as talks resume", "Rivera close to £85m move as talks resume"},
		{"title other than the h1", "Northbank confirms data breach", "Live updates from the newsroom", "Northbank confirms data breach"},
		{"h1 a small part of the title", "Northbank data breach and what it means for the customers of the bank",
			"Northbank data breach", "Northbank data breach and what it means for the customers of the bank"},
		{"label before a short headline", "Help Centre: Parking permits FAQ", "Parking permits FAQ", "Parking permits FAQ"},
		{"curly quotes without a declared charset", "News - Marsh: “We should have checked” the supplier",
			"Marsh: “We should have checked” the supplier", "Marsh: “We should have checked” the supplier"},
	}
	logo := `<!DOCTYPE html><html><head><title>Banks fined — The Daily Ledger</title></head><body>
<header><a href="/"><h1>The Daily Ledger</h1></a></header><h1 class="masthead">The Daily Ledger</h1>
<article><h2>Banks fined</h2>
<p>Two banks were fined on Thursday for leaking the account numbers of about two million customers to a supplier.</p>
<p>The regulator said the banks had not checked how the supplier protected the data it was given.</p>
</article></body></html>`
	if a, err := Parse("logo.html", []byte(logo)); err != nil || a.Title == "The Daily Ledger" {
		t.Errorf("a page whose h1 is the site's name: title %q, %v", a.Title, err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("page.html", []byte(page(tt.title, tt.h1)))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.want {
				t.Errorf("title %q, want %q", a.Title, tt.want)
			}
			for _, b := range a.Blocks {
				if b.Text == tt.want {
					t.Errorf("the headline is also a block of the body")
				}
			}
		})
	}
}
