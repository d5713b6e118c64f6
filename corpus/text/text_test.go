package text

import (
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"punctuation only", " -- ... !", nil},
		{"lowercase", "Hello World", []string{"hello", "world"}},
		{"curly possessive", "Zelenskyy’s plan", []string{"zelenskyy", "plan"}},
		{"straight possessive", "Trump's team", []string{"trump", "team"}},
		{"plural possessive", "the countries' leaders", []string{"the", "countries", "leaders"}},
		{"hyphen number", "the 20-point plan", []string{"the", "20", "point", "plan"}},
		{"glued unit", "a 20pt plan", []string{"a", "20", "pt", "plan"}},
		{"thousands", "1,000 troops and 2,500,000 people", []string{"1000", "troops", "and", "2500000", "people"}},
		{"percent", "95% done", []string{"95", "done"}},
		{"decimal", "grew 3.5 percent.", []string{"grew", "3.5", "percent"}},
		{"list commas", "1,2,3", []string{"1", "2", "3"}},
		{"acronym", "the U.S. and the U.K.", []string{"the", "us", "and", "the", "uk"}},
		{"acronym no final dot", "U.S", []string{"us"}},
		{"acronym hyphen", "U.S.-backed talks", []string{"us", "backed", "talks"}},
		{"initial not acronym", "plan A. Then", []string{"plan", "a", "then"}},
		{"negation", "don't and can't and won't", []string{"do", "not", "and", "can", "not", "and", "will", "not"}},
		{"clitics", "they're we've I'll", []string{"they", "we", "i"}},
		{"inner apostrophe", "O’Brien", []string{"o'brien"}},
		{"accents", "Zelenskyy café Ñandú", []string{"zelenskyy", "cafe", "nandu"}},
		{"cyrillic", "Київ", []string{"київ"}},
		{"sentence end number", "in 2025.", []string{"in", "2025"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"negotiations", "negoti"},
		{"negotiating", "negoti"},
		{"guarantees", "guarante"},
		{"guaranteed", "guarante"},
		{"running", "run"},
		{"2025", "2025"},
		{"3.5", "3.5"},
		{"us", "us"},
		{"said", "say"},
		{"told", "tell"},
		{"written", "write"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Stem(tt.in); got != tt.want {
				t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		tok  string
		want bool
	}{
		{"the", true}, {"and", true}, {"would", true},
		{"who", false}, {"what", false}, {"when", false}, {"where", false},
		{"why", false}, {"how", false}, {"which", false},
		{"not", false}, {"no", false}, {"never", false}, {"without", false},
		{"us", false}, {"plan", false},
	}
	for _, tt := range tests {
		t.Run(tt.tok, func(t *testing.T) {
			if got := IsStopword(tt.tok); got != tt.want {
				t.Errorf("IsStopword(%q) = %v, want %v", tt.tok, got, tt.want)
			}
		})
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"question", "How close is the 20-point plan?", []string{"how", "close", "20", "point", "plan"}},
		{"variants agree", "the 20pt plans", []string{"20", "pt", "plan"}},
		{"negation kept", "Why didn't they sign?", []string{"whi", "not", "sign"}},
		{"all stopwords", "the and of", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terms(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
