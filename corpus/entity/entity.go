package entity

import (
	"sort"
	"strings"
)

// Kind is a kind of fact.
type Kind uint8

// The kinds Find recognises and Expect asks for.
const (
	None Kind = iota
	Number
	Money
	Percent
	Date
	Time
	Duration
	Person
	Place
	Organisation
	Religion
	Colour
	Language
	Nationality
	// Name is a proper name of no kind Find can tell: a capitalised word
	// or run that is not a person, place or organisation it knows
	// ("Coldplay", "Midna"). It may answer who, where and which.
	Name
	numKinds
)

var kindNames = [numKinds]string{"none", "number", "money", "percent", "date", "time", "duration",
	"person", "place", "organisation", "religion", "colour", "language", "nationality", "name"}

// String returns the kind's lowercase name ("person").
func (k Kind) String() string {
	if k >= numKinds {
		return "none"
	}
	return kindNames[k]
}

// ParseKind returns the kind named s (as String writes it), or None.
func ParseKind(s string) Kind {
	s = strings.ToLower(strings.TrimSpace(s))
	for k, n := range kindNames {
		if n == s {
			return Kind(k)
		}
	}
	return None
}

// Set is a set of kinds.
type Set uint32

// SetOf returns the set of the given kinds.
func SetOf(kinds ...Kind) Set {
	var s Set
	for _, k := range kinds {
		if k != None {
			s |= 1 << k
		}
	}
	return s
}

// Has reports whether k is in s.
func (s Set) Has(k Kind) bool { return k != None && s&(1<<k) != 0 }

// Empty reports whether s holds no kind.
func (s Set) Empty() bool { return s == 0 }

// Kinds returns the kinds in s, in the order of the constants.
func (s Set) Kinds() []Kind {
	var out []Kind
	for k := Kind(1); k < numKinds; k++ {
		if s.Has(k) {
			out = append(out, k)
		}
	}
	return out
}

// String lists the kinds in s joined by "|" ("person|organisation"), or "".
func (s Set) String() string {
	var b strings.Builder
	for _, k := range s.Kinds() {
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString(k.String())
	}
	return b.String()
}

// Span is one fact found in a sentence: its kind and where it is, as byte
// offsets into the sentence (Text is sentence[Start:End]).
type Span struct {
	Kind       Kind
	Start, End int
	Text       string
}

// Find returns the facts in sentence, ordered by start offset (then by
// kind). Spans of the same kind never overlap; spans of different kinds
// may ("French" is a language and a nationality; "1987" in "26 Feb 1987"
// is part of a date). It returns nil when it finds nothing.
func Find(sentence string) []Span {
	toks := scan(sentence)
	if len(toks) == 0 {
		return nil
	}
	f := finder{s: sentence, toks: toks}
	f.numeric()
	f.names()
	f.wordClasses()
	if len(f.out) == 0 {
		return nil
	}
	sort.SliceStable(f.out, func(i, j int) bool {
		if f.out[i].Start != f.out[j].Start {
			return f.out[i].Start < f.out[j].Start
		}
		return f.out[i].Kind < f.out[j].Kind
	})
	return f.out
}

// Kinds returns the set of kinds Find finds in sentence.
func Kinds(sentence string) Set {
	var s Set
	for _, sp := range Find(sentence) {
		s |= SetOf(sp.Kind)
	}
	return s
}

// finder holds one sentence's tokens and the spans found so far.
type finder struct {
	s    string
	toks []token
	out  []Span
	// taken marks tokens already inside a span of each kind group, so
	// that a number inside a date is not also a bare number.
	numTaken  []bool
	nameTaken []bool
}

// add records a span over tokens [i, j).
func (f *finder) add(k Kind, i, j int) {
	if i >= j {
		return
	}
	start, end := f.toks[i].start, f.toks[j-1].end
	f.out = append(f.out, Span{Kind: k, Start: start, End: end, Text: f.s[start:end]})
}
