package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/corpus/text"
)

// Word is one whitespace-separated Word of a sentence, read once for both
// the term index and phrase discovery.
type Word struct {
	Surface     string // punctuation and possessive trimmed
	Info        *wordInfo
	Capital     bool // starts with an upper-case letter
	Possessive  bool
	BreakBefore bool
	BreakAfter  bool
}

// wordInfo is what a word form means, computed once per distinct form.
type wordInfo struct {
	lower  string  // its tokens joined by a space (lower-cased, folded)
	terms  []int32 // vocabulary ids of its content terms
	Key    int32   // id of its stems joined: the word's phrase key
	Brk    bool    // cannot be part of a phrase
	Number bool    // only numbers
	Role   uint8   // what lower is to phrase discovery: isTitle, isSpeech, isOrg, isLocative
}

// Word roles, looked up once per word form.
const (
	IsTitle    = 1 << iota // titleWords
	IsSpeech               // speechVerbs
	IsOrg                  // orgWords
	IsLocative             // locatives
)

// roleOf returns the roles of a lower-cased word form.
func roleOf(lower string) uint8 {
	var r uint8
	for _, m := range []struct {
		set  map[string]bool
		role uint8
	}{{TitleWords, IsTitle}, {speechVerbs, IsSpeech}, {OrgWords, IsOrg}, {locatives, IsLocative}} {
		if m.set[lower] {
			r |= m.role
		}
	}
	return r
}

const (
	leadPunct  = "\"“‘'([{«¿¡*•"
	trailPunct = ".,;:!?\"”’')]}»…*"
)

// Lexicon caches word forms, the term vocabulary and the word keys.
type Lexicon struct {
	forms    map[string]*wordInfo
	vocab    map[string]int32 // stem -> term id
	words    []string         // term id -> stem
	keys     map[string]int32 // word key (stems joined by " ") -> key id
	KeyNames []string
	// parent, when not nil, is the lexicon this one extends (see extend):
	// its forms, terms and keys are looked up first and are never
	// written; words and keyNames continue its ids.
	parent *Lexicon
}

func NewLexicon() *Lexicon {
	return &Lexicon{forms: make(map[string]*wordInfo), vocab: make(map[string]int32), keys: make(map[string]int32)}
}

// term returns the id of a stem, adding it.
func (lx *Lexicon) term(stem string) int32 {
	if id, ok := lx.vocab[stem]; ok {
		return id
	}
	if lx.parent != nil {
		if id, ok := lx.parent.vocab[stem]; ok {
			return id
		}
	}
	id := int32(len(lx.words))
	stem = strings.Clone(stem)
	lx.vocab[stem] = id
	lx.words = append(lx.words, stem)
	return id
}

// form returns the meaning of one word form (punctuation already trimmed).
func (lx *Lexicon) form(core string) *wordInfo {
	if wi, ok := lx.forms[core]; ok {
		return wi
	}
	if lx.parent != nil {
		if wi, ok := lx.parent.forms[core]; ok {
			return wi
		}
	}
	toks := text.Tokens(core)
	wi := &wordInfo{Key: -1}
	if len(toks) > 0 {
		allStop, allNum := true, true
		stems := make([]string, len(toks))
		for i, tk := range toks {
			stop := text.IsStopword(tk)
			if !stop {
				allStop = false
			}
			if !text.IsNumber(tk) {
				allNum = false
			}
			stems[i] = text.Stem(tk)
			if !stop {
				wi.terms = append(wi.terms, lx.term(stems[i]))
			}
		}
		wi.lower = strings.Join(toks, " ")
		wi.Number = allNum
		wi.Role = roleOf(wi.lower)
		wi.Brk = allStop || phraseBreaks[wi.lower]
		k := strings.Join(stems, " ")
		id, ok := lx.keys[k]
		if !ok && lx.parent != nil {
			id, ok = lx.parent.keys[k]
		}
		if !ok {
			id = int32(len(lx.KeyNames))
			lx.keys[k] = id
			lx.KeyNames = append(lx.KeyNames, k)
		}
		wi.Key = id
	}
	lx.forms[strings.Clone(core)] = wi
	return wi
}

// dashes become phrase breaks.
var dashes = strings.NewReplacer("—", " , ", "–", " , ", " - ", " , ", "|", " , ")

// ReadWords splits a sentence into words with phrase breaks marked; buf
// is reused.
func (lx *Lexicon) ReadWords(s string, buf []Word) []Word {
	if hasDash(s) {
		s = dashes.Replace(s)
	}
	out := buf[:0]
	for len(s) > 0 {
		i := indexSpace(s)
		var f string
		if i < 0 {
			f, s = s, ""
		} else {
			f, s = s[:i], s[i+1:]
		}
		if f == "" {
			continue
		}
		var w Word
		core := f
		if first, last := f[0], f[len(f)-1]; !isASCIIAlnum(first) || !isASCIIAlnum(last) || last == 's' {
			t := strings.TrimLeft(f, leadPunct)
			w.BreakBefore = len(t) != len(f)
			core = strings.TrimRight(t, trailPunct)
			if isAcronym(t) {
				core = t
			}
			w.BreakAfter = len(core) != len(t)
			for _, suf := range possessives {
				if strings.HasSuffix(core, suf) && len(core) > len(suf) {
					w.Possessive = suf == "’s" || suf == "'s"
					core = core[:len(core)-len(suf)]
					w.BreakAfter = true
					break
				}
			}
		}
		wi := lx.form(core)
		if wi.Key < 0 {
			if len(out) > 0 {
				out[len(out)-1].BreakAfter = true
			}
			continue
		}
		w.Surface = core
		w.Info = wi
		r, _ := utf8.DecodeRuneInString(core)
		w.Capital = unicode.IsUpper(r)
		out = append(out, w)
	}
	return out
}

// hasDash reports an em or en dash, a spaced hyphen or a bar in s.
func hasDash(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '|':
			return true
		case 0xE2: // — and – are E2 80 94 and E2 80 93
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x94 || s[i+2] == 0x93) {
				return true
			}
		case '-':
			if i > 0 && i+1 < len(s) && s[i-1] == ' ' && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// indexSpace is strings.IndexFunc(s, unicode.IsSpace) with an ASCII fast
// path.
func indexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return i
		}
		if c >= 0x80 {
			if j := strings.IndexFunc(s[i:], unicode.IsSpace); j >= 0 {
				return i + j
			}
			return -1
		}
	}
	return -1
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var possessives = []string{"’s", "'s", "’", "'"}

// isAcronym reports whether s is a dotted acronym such as "U.S." or "U.K.".
func isAcronym(s string) bool {
	if len(s) < 3 || !strings.HasSuffix(s, ".") {
		return false
	}
	for i, r := range s {
		if i%2 == 0 && !unicode.IsUpper(r) || i%2 == 1 && r != '.' {
			return false
		}
	}
	return true
}
