package corpus

import "testing"

func TestAuthorName(t *testing.T) {
	tests := map[string]string{
		"By Sam O'Connell, Chief Football Writer. Last updated 21 November 2026": "Sam O'Connell",
		"Stavros Atlamazoglou":              "Stavros Atlamazoglou",
		"By Jane Roe, John Doe and Ann Poe": "Jane Roe, John Doe and Ann Poe",
		"by J. R. Smith | 3 March 2026":     "J. R. Smith",
		"Staff Reporter":                    "",
		"Mara Quist, Senior Correspondent":  "Mara Quist",
		"By Zoë Müller. Updated 2 May 2026": "Zoë Müller",
		"By Łukasz Ś. Nowak":                "Łukasz Ś. Nowak",
	}
	for in, want := range tests {
		if got := authorName(in); got != want {
			t.Errorf("authorName(%q) = %q, want %q", in, got, want)
		}
	}
}
