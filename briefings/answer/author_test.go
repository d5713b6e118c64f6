package answer

import "testing"

func TestAboutAuthor(t *testing.T) {
	tests := []struct {
		q, rest string
		ok      bool
	}{
		{"who wrote the piece on how russia could torpedo the talks", "the on how russia could torpedo the talks", true},
		{"Who is the author of the article about harbour dredging?", "is the of the about harbour dredging", true},
		{"who wrote the linux kernel", "", false},           // about the kernel, not an article
		{"what did the article say about tolls", "", false}, // not who
	}
	for _, tt := range tests {
		rest, ok := aboutAuthor(tt.q)
		if ok != tt.ok || rest != tt.rest {
			t.Errorf("aboutAuthor(%q) = %q, %v; want %q, %v", tt.q, rest, ok, tt.rest, tt.ok)
		}
	}
}
