package answer

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/search"
)

// ReadPassages reads the passages of arts into a new answer index
// builder; see readPassages.
func ReadPassages(ctx context.Context, synonyms [][]string, arts []corpus.Article) (*Passages, error) {
	return readPassages(ctx, newAnswerBuilder(synonyms, defaultTuning), arts)
}

// New builds the answerer of base from the passages read by
// readPassagesOf.
func New(base *Base, pt *Passages) *Answerer {
	return newAnswererFrom(base, defaultTuning, pt)
}

// Build indexes the FAQ, the issues and every article passage.
func Build(kb *Base) *Answerer { return newAnswererTuned(kb, defaultTuning) }

func newAnswererTuned(kb *Base, tune tuning) *Answerer {
	pt, _ := readPassages(context.Background(), newAnswerBuilder(kb.Synonyms, tune), kb.Articles)
	return newAnswererFrom(kb, tune, pt)
}

// newAnswerBuilder returns the builder of the answer index.
func newAnswerBuilder(synonyms [][]string, tune tuning) *search.Builder {
	return search.NewBuilder(answerOptions(synonyms, tune))
}

// answerOptions are the options of the answer index.
func answerOptions(synonyms [][]string, tune tuning) search.Options {
	return search.Options{
		FieldWeights:  fieldWeights,
		Synonyms:      synonyms,
		QueryWeights:  questionWeights,
		UnknownWeight: tune.unknownWeight,
		IDFSmoothing:  tune.idfSmoothing,
	}
}

// Passages are the articles' passages read into the answer index's
// builder: everything of the passages' documents that does not depend on
// the FAQ and the issues, so that it can be read while they are built.
type Passages struct {
	ib *search.Builder
	// Per passage sentence: what the answerer keeps (faq not set yet),
	// the sentence, its text (-1: empty) and its heading's (-1: none).
	passages []passageRef
	sents    []string
	body     []search.Text
	heading  []search.Text
	title    []search.Text // per article (-1: none)
}

// readPassages reads every sentence, heading and title of the articles
// once into ib; a passage's fields are made of them. It fails only when
// ctx is cancelled.
func readPassages(ctx context.Context, ib *search.Builder, arts []corpus.Article) (*Passages, error) {
	n, heads, size := 0, 0, 0
	for _, art := range arts {
		size += len(art.Title)
		for _, b := range art.Blocks {
			if b.Kind == corpus.Heading {
				heads++
				size += len(b.Text)
				continue
			}
			for _, s := range blockSentences(b) {
				n++
				size += len(s)
			}
		}
	}
	ib.Grow(n+heads+len(arts), size, 0)
	pt := &Passages{
		ib:       ib,
		passages: make([]passageRef, 0, n),
		sents:    make([]string, 0, n),
		body:     make([]search.Text, 0, n),
		heading:  make([]search.Text, 0, n),
		title:    make([]search.Text, len(arts)),
	}
	text := func(s string) search.Text {
		if s == "" {
			return -1
		}
		return ib.Text(s)
	}
	// sentenceFacts is factsOf(s) for the text t of s, from its tokens,
	// each distinct token looked at once.
	var toks []int32
	var tokFacts []uint8 // per raw token: its facts with bit 0 set, 0 if not seen
	sentenceFacts := func(t search.Text, s string) uint8 {
		if t < 0 {
			return 0
		}
		var sc factScan
		toks = ib.AppendTokens(toks[:0], t)
		for _, id := range toks {
			for int(id) >= len(tokFacts) {
				tokFacts = append(tokFacts, 0)
			}
			if tokFacts[id] == 0 {
				tokFacts[id] = tokenFacts(ib.Token(id)) | 1
			}
			sc.add(tokFacts[id])
		}
		return sc.facts(s)
	}
	type headingText struct {
		heading string
		text    search.Text
	}
	var headings []headingText
	for ai, art := range arts {
		if ai%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		pt.title[ai] = text(art.Title)
		headings = headings[:0]
		pt.sents = appendPassages(pt.sents, art, func(heading string, ss []string) {
			h := search.Text(-1)
			found := false
			for _, ht := range headings {
				if ht.heading == heading {
					h, found = ht.text, true
					break
				}
			}
			if !found {
				h = text(heading)
				headings = append(headings, headingText{heading, h})
			}
			for _, s := range ss {
				pt.body = append(pt.body, text(s))
			}
			ts := pt.body[len(pt.body)-len(ss):]
			for i, s := range ss {
				pt.heading = append(pt.heading, h)
				pt.passages = append(pt.passages, passageRef{article: int32(ai), center: int32(i), n: int32(len(ss)), faq: -1,
					facts: sentenceFacts(ts[i], s)})
			}
		})
	}
	return pt, nil
}

// newAnswererFrom builds the answer index: the FAQ entries and the issues,
// then the passages read in pt.
func newAnswererFrom(kb *Base, tune tuning, pt *Passages) *Answerer {
	a := &Answerer{kb: kb, tune: tune}
	ib := pt.ib
	// field returns a field made of one text (none when empty).
	field := func(s string) []search.Text {
		if s == "" {
			return nil
		}
		return []search.Text{ib.Text(s)}
	}
	add := func(c candidate, fields ...[]search.Text) {
		c.self = len(a.cands)
		ib.Add(search.Doc{ID: c.kind, Payload: len(a.cands)}, fields...)
		a.cands = append(a.cands, c)
	}
	var keyTexts [][]string
	var inFAQ faqSentences
	for _, e := range kb.FAQ {
		if strings.TrimSpace(e.Answer) == "" {
			continue
		}
		// A passage inside a short FAQ answer is answered with the whole
		// answer; a long answer is a section, better cited by its passage.
		for _, para := range strings.Split(e.Answer, "\n") {
			if len(e.Answer) > maxLinkedAnswer {
				break
			}
			for _, s := range corpus.SplitSentences(para) {
				inFAQ.add(s, len(a.cands))
			}
		}
		key := strings.Join(append([]string{e.Question}, e.Alternates...), "\n")
		keyTexts = append(keyTexts, append(append([]string{e.Question}, e.Alternates...), subQuestions(e.Question)...))
		add(candidate{kind: KindFAQ, title: e.Question, answer: e.Answer, sources: nonNilSources(e.Sources)},
			field(key), field(e.Answer), nil, nil, nil)
		a.names = append(a.names, e.Question)
	}
	for _, is := range kb.Issues {
		var sum []string
		var srcs []cite.Source
		for _, c := range is.Summary {
			sum = append(sum, c.Text)
			for _, s := range c.Sources {
				if !cite.HasSource(srcs, s.ID) {
					srcs = append(srcs, s)
				}
			}
		}
		if len(sum) == 0 {
			continue
		}
		key := strings.Join(append([]string{is.Name}, is.Aliases...), "\n")
		keyTexts = append(keyTexts, append([]string{is.Name}, is.Aliases...))
		add(candidate{kind: KindIssue, title: is.Name, answer: strings.Join(sum, " "), sources: nonNilSources(srcs)},
			field(key), field(strings.Join(sum, " ")), field(strings.Join(is.Keywords, " ")), nil, nil)
		a.names = append(a.names, is.Name)
	}
	a.entries = len(a.cands)
	a.passages, a.sents = pt.passages, pt.sents
	ib.Grow(0, 0, len(a.passages))
	for i := range a.passages {
		p := &a.passages[i]
		p.faq = int32(inFAQ.find(a.sents[i]))
		// near is the previous and the next sentence, joined by a space
		// (or a space and the next one).
		var nearBuf [2]search.Text
		near := nearBuf[:0]
		if p.center > 0 && pt.body[i-1] >= 0 {
			near = append(near, pt.body[i-1])
		}
		if p.center+1 < p.n && pt.body[i+1] >= 0 {
			near = append(near, pt.body[i+1])
		}
		ib.Add(search.Doc{ID: KindPassage, Payload: a.entries + i},
			nil, optField(pt.body[i:i+1]), near, optField(pt.heading[i:i+1]), optField(pt.title[p.article:p.article+1]))
	}
	a.ix = ib.Build()
	// Ids for the terms of entries the index does not hold (none, as
	// they are indexed; but a set must hold all its terms).
	extra := map[string]int32{}
	for i := range a.cands {
		c := &a.cands[i]
		terms := sortedTerms(a.ix.Terms(c.answer))
		ids := make([]int32, len(terms))
		for j, t := range terms {
			id, ok := a.ix.TermID(t)
			if !ok {
				if id, ok = extra[t]; !ok {
					id = -1 - int32(len(extra))
					extra[t] = id
				}
			}
			ids[j] = id
		}
		slices.Sort(ids)
		c.terms = termSet{ids: ids, ix: a.ix}
		c.facts = factsOf(c.answer)
	}
	// The passages' terms, in one slab.
	a.termIDs, a.termEnd = ib.TakeTermIDs(pt.body)
	// A passage's facts include its neighbours', which its answer may show.
	own := make([]uint8, len(a.passages))
	for i := range a.passages {
		own[i] = a.passages[i].facts
	}
	for i := range a.passages {
		p := &a.passages[i]
		if p.center > 0 {
			p.facts |= own[i-1]
		}
		if p.center+1 < p.n {
			p.facts |= own[i+1]
		}
	}
	for i, texts := range keyTexts {
		for _, t := range texts {
			k := keyTerms{weight: map[string]float64{}}
			for _, term := range sortedTerms(a.ix.Terms(t)) {
				if w, ok := a.ix.IDF(term); ok {
					if v, low := questionWeights[term]; low {
						w *= v
					}
					k.weight[term] = w
					k.total += w
				}
			}
			if k.total > 0 {
				a.cands[i].keys = append(a.cands[i].keys, k)
			}
		}
	}
	return a
}

// optField is the field made of the one text t[0], or none when it is -1.
func optField(t []search.Text) []search.Text {
	if t[0] < 0 {
		return nil
	}
	return t
}

// faqSentences finds the FAQ entry whose answer holds a sentence, by the
// sentence's corpus.SentenceKey. Most sentences are ruled out by a hash
// of their first and last letters and digits, before their key is made.
type faqSentences struct {
	byKey map[string]int
	heads map[uint64]bool
	buf   []byte
}

// add records that entry holds sentence s, unless an earlier entry does.
func (f *faqSentences) add(s string, entry int) {
	k := corpus.SentenceKey(s)
	if k == "" {
		return
	}
	if f.byKey == nil {
		f.byKey, f.heads = map[string]int{}, map[uint64]bool{}
	}
	if _, dup := f.byKey[k]; !dup {
		f.byKey[k] = entry
	}
	f.heads[keyEnds(s)] = true
}

// find returns the entry holding s, or -1.
func (f *faqSentences) find(s string) int {
	if len(f.byKey) == 0 || !f.heads[keyEnds(s)] {
		return -1
	}
	f.buf = corpus.AppendSentenceKey(f.buf[:0], s)
	if e, ok := f.byKey[string(f.buf)]; ok {
		return e
	}
	return -1
}

// keyEnds hashes the first and the last 16 letters and digits of s,
// lower-cased as corpus.SentenceKey lowers them: two sentences with the
// same key hash the same (the key is those letters and digits in order,
// with spaces and some punctuation between).
func keyEnds(s string) uint64 {
	h := uint64(14695981039346656037) // FNV-1a
	for i, n := 0, 0; i < len(s) && n < 16; {
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			r = keyASCII(c)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			r = keyRune(r)
			i += size
		}
		if r >= 0 {
			h = (h ^ uint64(r)) * 1099511628211
			n++
		}
	}
	for i, n := len(s), 0; i > 0 && n < 16; {
		var r rune
		if c := s[i-1]; c < utf8.RuneSelf {
			r = keyASCII(c)
			i--
		} else {
			var size int
			r, size = utf8.DecodeLastRuneInString(s[:i])
			r = keyRune(r)
			i -= size
		}
		if r >= 0 {
			h = (h ^ uint64(r)) * 1099511628211
			n++
		}
	}
	return h
}

// keyASCII returns c lower-cased when it is a letter or digit, else -1.
func keyASCII(c byte) rune {
	switch {
	case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		return rune(c)
	case 'A' <= c && c <= 'Z':
		return rune(c + 'a' - 'A')
	}
	return -1
}

// keyRune returns the non-ASCII r lower-cased when it is a letter or
// digit, else -1.
func keyRune(r rune) rune {
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return -1
	}
	return unicode.ToLower(r)
}

// appendPassages appends the sentences of article a's passages to sents
// and calls f with each passage's heading (the latest one) and sentences,
// as they lie in the returned slice. A passage is a run of sentences that
// belong together: one paragraph, or consecutive list items.
func appendPassages(sents []string, a corpus.Article, f func(heading string, sentences []string)) []string {
	heading := ""
	for i := 0; i < len(a.Blocks); i++ {
		b := a.Blocks[i]
		start := len(sents)
		switch b.Kind {
		case corpus.Heading:
			heading = b.Text
			continue
		case corpus.Item:
			for ; i < len(a.Blocks) && a.Blocks[i].Kind == corpus.Item; i++ {
				sents = append(sents, blockSentences(a.Blocks[i])...)
			}
			i--
		default:
			ss := blockSentences(b)
			if len(ss) == 0 {
				continue
			}
			sents = append(sents, ss...)
			// A paragraph introducing a list ("including:") belongs with it.
			if strings.HasSuffix(strings.TrimSpace(ss[len(ss)-1]), ":") {
				for i+1 < len(a.Blocks) && a.Blocks[i+1].Kind == corpus.Item {
					i++
					sents = append(sents, blockSentences(a.Blocks[i])...)
				}
			}
		}
		if len(sents) > start {
			f(heading, sents[start:len(sents):len(sents)])
		}
	}
	return sents
}
