// Command genlexicon writes corpus/text's lexicon (lexicon.txt.gz) from a
// WordNet 3.0 database: for every reasonably common English word, the
// common words that share one of its frequent senses (synonyms) and the
// words derived from it or it from them (create / creation / creator).
//
// It is run by hand (go generate in corpus/text) with WordNet installed,
// e.g. Debian's wordnet-base package; nothing needs it at run time. The
// output is deterministic: the same WordNet gives the same bytes.
//
// A sense is kept when its tagged-corpus count (cntlist.rev) is at least
// minCount and at least a share of the word's commonest sense (of any part
// of speech); a synonym
// when the synonym itself was tagged in that sense. Multiword expressions
// are skipped, but for phrasal verbs ("turn_down": reject, refuse), whose
// lines are keyed by the verb's stem and the particle. Every word with at least minCommon tagged uses has a line,
// even with no related words: the lexicon also says which words are common
// English. Lines are keyed by the English stem of the word (so
// "started" finds "start"'s line) and list at most maxRelated words:
// derived forms, then synonyms, then (for verbs) the words of the more
// general senses, each commonest first.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/corpus/text"
)

const (
	minCount   = 1    // tagged uses a sense needs
	minShare   = 0.1  // of the word's commonest sense
	maxRelated = 16   // words per line
	minLen     = 3    // shortest word kept
	derivBonus = 2000 // derived forms sort before synonyms,
	synBonus   = 1000 // synonyms before more general verbs
	minCommon  = 3    // tagged uses that make a word common
)

var posFiles = []struct{ pos, name string }{{"n", "noun"}, {"v", "verb"}, {"a", "adj"}, {"r", "adv"}}

// ssPos maps a sense key's synset type to the index file's part of speech.
var ssPos = map[string]string{"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}

type pointer struct {
	sym      string
	off, pos string
	src, tgt int
}

type synset struct {
	words []string
	ptrs  []pointer
}

type senseID struct{ lemma, pos string }

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet dict directory")
	out := flag.String("o", "lexicon.txt.gz", "output file")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		log.Fatal(err)
	}
}

func run(dir, out string) error {
	// counts[lemma pos][sense number-1] = tagged uses.
	counts := map[senseID][]int{}
	if err := eachLine(filepath.Join(dir, "cntlist.rev"), func(f []string) {
		if len(f) != 3 {
			return
		}
		key, rest, ok := strings.Cut(f[0], "%")
		if !ok || len(rest) == 0 {
			return
		}
		pos := ssPos[rest[:1]]
		n, err1 := strconv.Atoi(f[1])
		c, err2 := strconv.Atoi(f[2])
		if pos == "" || err1 != nil || err2 != nil || n < 1 {
			return
		}
		id := senseID{strings.ToLower(key), pos}
		for len(counts[id]) < n {
			counts[id] = append(counts[id], 0)
		}
		counts[id][n-1] += c
	}); err != nil {
		return err
	}
	// offsets[lemma pos] = synset offsets, commonest sense first.
	offsets := map[senseID][]string{}
	synsets := map[string]*synset{} // "pos offset"
	for _, p := range posFiles {
		if err := eachLine(filepath.Join(dir, "index."+p.name), func(f []string) {
			if len(f) < 4 || strings.HasPrefix(f[0], " ") {
				return
			}
			nsyn, err := strconv.Atoi(f[2])
			if err != nil || len(f) < nsyn {
				return
			}
			offsets[senseID{f[0], p.pos}] = f[len(f)-nsyn:]
		}); err != nil {
			return err
		}
		if err := eachLine(filepath.Join(dir, "data."+p.name), func(f []string) {
			if len(f) < 4 || len(f[0]) != 8 {
				return
			}
			s := parseSynset(f)
			if s != nil {
				synsets[p.pos+" "+f[0]] = s
			}
		}); err != nil {
			return err
		}
	}
	// count of lemma in synset (pos, off).
	countIn := func(lemma, pos, off string) int {
		id := senseID{lemma, pos}
		for i, o := range offsets[id] {
			if o == off {
				if c := counts[id]; i < len(c) {
					return c[i]
				}
				return 0
			}
		}
		return 0
	}
	total := func(lemma string) int {
		n := 0
		for _, p := range posFiles {
			for _, c := range counts[senseID{lemma, p.pos}] {
				n += c
			}
		}
		return n
	}
	related := map[string]map[string]int{} // stem -> word -> score
	add := func(from, to string, score int) {
		k := key(from)
		if text.Stem(to) == k {
			return
		}
		if related[k] == nil {
			related[k] = map[string]int{}
		}
		if score > related[k][to] {
			related[k][to] = score
		}
	}
	ids := make([]senseID, 0, len(offsets))
	for id := range offsets {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if ids[i].lemma != ids[j].lemma {
			return ids[i].lemma < ids[j].lemma
		}
		return ids[i].pos < ids[j].pos
	})
	for _, id := range ids {
		if !plainWord(id.lemma) && !(id.pos == "v" && phrasal(id.lemma)) {
			continue
		}
		// A sense must be common among all the word's senses, of every
		// part of speech: "plant" the verb is not what "plant" means.
		cs := counts[id]
		top := 0
		for _, p := range posFiles {
			for _, c := range counts[senseID{id.lemma, p.pos}] {
				top = max(top, c)
			}
		}
		for i, off := range offsets[id] {
			if i >= len(cs) || cs[i] < minCount || float64(cs[i]) < minShare*float64(top) {
				continue
			}
			s := synsets[id.pos+" "+off]
			if s == nil {
				continue
			}
			self := 0
			for wi, w := range s.words {
				if w == id.lemma {
					self = wi + 1
				}
			}
			for _, w := range s.words {
				if w == id.lemma || !plainWord(w) {
					continue
				}
				if c := countIn(w, id.pos, off); c >= 1 {
					add(id.lemma, w, synBonus+min(cs[i], c))
				}
			}
			// A verb's more general verbs (start: create, make), after
			// its synonyms.
			for _, p := range s.ptrs {
				if id.pos != "v" || p.sym != "@" {
					continue
				}
				t := synsets[p.pos+" "+p.off]
				if t == nil {
					continue
				}
				for _, w := range t.words {
					if plainWord(w) {
						if c := countIn(w, p.pos, p.off); c >= 1 {
							add(id.lemma, w, min(cs[i], c, synBonus-1))
						}
					}
				}
			}
			for _, p := range s.ptrs {
				if p.sym != "+" || (p.src != 0 && p.src != self) {
					continue
				}
				t := synsets[p.pos+" "+p.off]
				if t == nil || p.tgt < 1 || p.tgt > len(t.words) {
					continue
				}
				w := t.words[p.tgt-1]
				if plainWord(w) && total(w) >= minCount {
					add(id.lemma, w, derivBonus+cs[i])
				}
			}
		}
	}
	// Every common word gets a line, related words or not, so that the
	// lexicon also tells common English words from rare ones and names.
	for id := range offsets {
		if plainWord(id.lemma) && total(id.lemma) >= minCommon {
			if k := text.Stem(id.lemma); related[k] == nil {
				related[k] = map[string]int{}
			}
		}
	}
	keys := make([]string, 0, len(related))
	for k := range related {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	buf.WriteString("# Generated by corpus/text/internal/genlexicon from WordNet 3.0; see LEXICON-LICENSE.\n")
	for _, k := range keys {
		ws := make([]string, 0, len(related[k]))
		for w := range related[k] {
			ws = append(ws, w)
		}
		sc := related[k]
		sort.Slice(ws, func(i, j int) bool {
			if sc[ws[i]] != sc[ws[j]] {
				return sc[ws[i]] > sc[ws[j]]
			}
			return ws[i] < ws[j]
		})
		if len(ws) > maxRelated {
			ws = ws[:maxRelated]
		}
		fmt.Fprintln(&buf, strings.TrimSpace(k+" "+strings.Join(ws, " ")))
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, gz.Bytes(), 0o644)
}

// particles are the adverbs that make phrasal verbs ("turn down").
var particles = map[string]bool{"up": true, "down": true, "out": true, "off": true, "back": true, "over": true, "away": true}

// phrasal reports whether w is a phrasal verb: a plain verb and a particle
// ("turn_down").
func phrasal(w string) bool {
	v, p, ok := strings.Cut(w, "_")
	return ok && plainWord(v) && particles[p]
}

// key is a line's key: the stem of a word, or of a phrasal verb's verb
// joined to its particle ("turn_down" -> "turn_down", "turned down" too).
func key(w string) string {
	if v, p, ok := strings.Cut(w, "_"); ok {
		return text.Stem(v) + "_" + p
	}
	return text.Stem(w)
}

// plainWord reports whether w is one lowercase word of letters.
func plainWord(w string) bool {
	if len(w) < minLen {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// parseSynset reads a data.* line: offset lex_filenum ss_type w_cnt
// (word lex_id)... p_cnt (sym offset pos src/tgt)...
func parseSynset(f []string) *synset {
	n, err := strconv.ParseInt(f[3], 16, 32)
	if err != nil || len(f) < 4+2*int(n)+1 {
		return nil
	}
	s := &synset{}
	for i := 0; i < int(n); i++ {
		w := strings.ToLower(f[4+2*i])
		if j := strings.IndexByte(w, '('); j > 0 { // adjective markers: "(a)", "(p)"
			w = w[:j]
		}
		s.words = append(s.words, w)
	}
	at := 4 + 2*int(n)
	np, err := strconv.Atoi(f[at])
	if err != nil {
		return s
	}
	at++
	for i := 0; i < np && at+3 < len(f); i++ {
		st := f[at+3]
		src, _ := strconv.ParseInt(st[:2], 16, 32)
		tgt, _ := strconv.ParseInt(st[2:], 16, 32)
		s.ptrs = append(s.ptrs, pointer{sym: f[at], off: f[at+1], pos: normPos(f[at+2]), src: int(src), tgt: int(tgt)})
		at += 4
	}
	return s
}

func normPos(p string) string {
	if p == "s" {
		return "a"
	}
	return p
}

func eachLine(path string, fn func([]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read wordnet: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fn(strings.Fields(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read wordnet %s: %w", filepath.Base(path), err)
	}
	return nil
}
