package corpus

import "testing"

func TestSentenceKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"quotes and case", "“We Won,” he said.", "we won he said"},
		{"apostrophes fold", "Ukraine’s plan isn't Ukraine's", "ukraines plan isnt ukraines"},
		{"numbers kept", "A 20-point plan, 90% agreed; 3.5 and 1,000.", "a 20 point plan 90% agreed 3.5 and 1,000"},
		{"dashes and slashes", "security—territory / land", "security territory land"},
		{"whitespace", "  many   spaces\n here ", "many spaces here"},
		{"no words", "— … !", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SentenceKey(tt.in); got != tt.want {
				t.Errorf("SentenceKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNearDuplicate(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"identical", "Putin rejected the ceasefire.", "Putin rejected the ceasefire.", true},
		{"typography only", "“Putin rejected the ceasefire,” officials said.", "\"Putin rejected the ceasefire\" officials said", true},
		{"one word more", "Thus far, Vladimir Putin and his Kremlin advisers have been quite clear: Either Russia gets what it wants, or the war continues.",
			"Thus far, Putin and his Kremlin advisers have been quite clear: Either Russia gets what it wants, or the war continues.", true},
		{"different facts", "Putin rejected the ceasefire.", "Zelenskyy accepted the ceasefire.", false},
		{"same words other order", "The strike ended on Monday after talks.", "After talks on Monday the strike ended.", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NearDuplicate(tt.a, tt.b); got != tt.want {
				t.Errorf("NearDuplicate = %v (similarity %.2f), want %v", got, Similarity(tt.a, tt.b), tt.want)
			}
		})
	}
}

func TestIDStable(t *testing.T) {
	doc := []byte("A Headline Here\n\nThe first paragraph says something.\n\nThe second one too.\n")
	a, err := Parse("a/one.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b/two.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID || len(a.ID) != 12 {
		t.Errorf("ids %q and %q, want the same 12 hex digits", a.ID, b.ID)
	}
	c, _ := Parse("c.txt", []byte("A Headline Here\n\nThe first paragraph says something else.\n"))
	if c.ID == a.ID {
		t.Errorf("different content, same id %q", a.ID)
	}
}
