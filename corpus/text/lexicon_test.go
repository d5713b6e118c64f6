package text

import (
	"slices"
	"testing"
)

func TestRelated(t *testing.T) {
	tests := []struct {
		name, word string
		want       []string // each must be related
		none       bool     // nothing related
	}{
		{"synonym", "start", []string{"begin"}, false},
		{"inflected", "started", []string{"begin"}, false},
		{"more general verb", "started", []string{"create"}, false},
		{"derived", "invade", []string{"invasion"}, false},
		{"derived back", "invasion", []string{"invade"}, false},
		{"case", "Telephone", []string{"phone"}, false},
		{"number", "2022", nil, true},
		{"name", "zelenskyy", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Related(tt.word)
			if tt.none && len(got) != 0 {
				t.Fatalf("Related(%q) = %v, want none", tt.word, got)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Related(%q) = %v, lacks %q", tt.word, got, w)
				}
			}
			if len(got) > 16 {
				t.Errorf("Related(%q) has %d words, want at most 16", tt.word, len(got))
			}
		})
	}
}

func TestCommon(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"weather", true}, {"flights", true}, {"purpose", true},
		{"bitcoin", false}, {"zelenskyy", false}, {"42", false}, {"xqzt", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Common(tt.word); got != tt.want {
				t.Errorf("Common(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}

func TestRelatedPhrasal(t *testing.T) {
	tests := []struct {
		verb, particle string
		want           string // "" for none
	}{
		{"turned", "down", "reject"},
		{"set", "up", "establish"},
		{"turned", "blue", ""},
		{"zelenskyy", "up", ""},
	}
	for _, tt := range tests {
		t.Run(tt.verb+" "+tt.particle, func(t *testing.T) {
			got := RelatedPhrasal(tt.verb, tt.particle)
			if tt.want == "" {
				if got != nil {
					t.Errorf("RelatedPhrasal = %v, want nil", got)
				}
				return
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("RelatedPhrasal = %v, lacks %q", got, tt.want)
			}
		})
	}
}
