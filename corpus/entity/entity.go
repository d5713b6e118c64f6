package entity

import (
	"cmp"
	"slices"
	"strings"
	"sync"
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
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	sc.toks = appendScan(sc.toks[:0], sentence)
	if len(sc.toks) == 0 {
		return nil
	}
	f := finder{s: sentence, toks: sc.toks, sc: sc}
	f.numeric()
	f.names()
	f.wordClasses()
	if len(f.out) == 0 {
		return nil
	}
	slices.SortStableFunc(f.out, func(a, b Span) int {
		if a.Start != b.Start {
			return cmp.Compare(a.Start, b.Start)
		}
		return cmp.Compare(a.Kind, b.Kind)
	})
	return f.out
}

// Any reports whether keep accepts one of the spans Find would return
// for sentence, in no particular order. It stops at the first span keep
// accepts, and so does less work than Find when one is found early (an
// amount before the names are looked for).
func Any(sentence string, keep func(Span) bool) bool {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	sc.toks = appendScan(sc.toks[:0], sentence)
	if len(sc.toks) == 0 {
		return false
	}
	f := finder{s: sentence, toks: sc.toks, sc: sc, out: sc.out[:0]}
	defer func() {
		clear(f.out)
		sc.out = f.out[:0]
	}()
	// Spans are only ever added: those of a step stay in Find's answer.
	checked := 0
	for _, step := range [...]func(*finder){(*finder).numeric, (*finder).names, (*finder).wordClasses} {
		step(&f)
		for ; checked < len(f.out); checked++ {
			if keep(f.out[checked]) {
				return true
			}
		}
	}
	return false
}

// scratch is what Find needs only while it runs (the tokens, the taken
// marks), kept in scratchPool for the next call: Find runs on every
// answer the answerer weighs.
type scratch struct {
	toks                []token
	numTaken, nameTaken []bool
	out                 []Span // Any's spans; Find's are returned
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledTokens is the most tokens a scratch keeps for reuse: one very
// long text does not pin a large buffer.
const maxPooledTokens = 4096

// release returns sc to scratchPool, keeping no strings of the text alive.
func (sc *scratch) release() {
	if cap(sc.toks) > maxPooledTokens || cap(sc.out) > maxPooledTokens {
		return
	}
	clear(sc.toks)
	sc.toks = sc.toks[:0]
	scratchPool.Put(sc)
}

// resetMarks returns buf resized to n, all false.
func resetMarks(buf *[]bool, n int) []bool {
	if cap(*buf) < n {
		*buf = make([]bool, n)
	}
	*buf = (*buf)[:n]
	clear(*buf)
	return *buf
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
	// sc holds buffers to reuse for the taken marks, or nil.
	sc *scratch
}

// The taken marks a finder keeps.
const (
	numMarks = iota
	nameMarks
)

// marks returns a slice of one false mark per token, for numTaken or
// nameTaken (which), reusing f.sc's buffer when there is one.
func (f *finder) marks(which int) []bool {
	if f.sc == nil {
		return make([]bool, len(f.toks))
	}
	if which == numMarks {
		return resetMarks(&f.sc.numTaken, len(f.toks))
	}
	return resetMarks(&f.sc.nameTaken, len(f.toks))
}

// add records a span over tokens [i, j).
func (f *finder) add(k Kind, i, j int) {
	if i >= j {
		return
	}
	start, end := f.toks[i].start, f.toks[j-1].end
	f.out = append(f.out, Span{Kind: k, Start: start, End: end, Text: f.s[start:end]})
}
