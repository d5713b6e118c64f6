package corpus

import (
	"encoding/binary"
	"errors"
	"strings"
	"time"
	"unsafe"
)

// The cache file, after its magic line and checksum, is a sequence of
// varints and length-prefixed strings:
//
//	stamp trustBefore count entry...
//	entry = length path size mtime keys dropped empty [article]
//	block = kind level anchor lang text sentences
//
// Each entry is prefixed with its length so that entries can be decoded in
// parallel. Decoded strings are slices of the file's bytes, read once, and
// a sentence that is a slice of its block's text is stored as an offset.

// maxLevel bounds a block's level in a cache file (headings go to 6,
// lists rarely past 10).
const maxLevel = 1 << 10

// errBadCache is returned for a cache file that does not decode.
var errBadCache = errors.New("damaged corpus cache")

// encodeCache returns the body of c's cache file.
func encodeCache(c *corpusCache) []byte {
	var e enc
	e.str(cacheStamp())
	e.varint(c.trustBefore)
	e.uvarint(uint64(len(c.entries)))
	var ent enc
	for path, ce := range c.entries {
		ent.b = ent.b[:0]
		ent.str(path)
		ent.varint(ce.size)
		ent.varint(ce.mtime)
		ent.uvarint(uint64(len(ce.keys)))
		for i, k := range ce.keys {
			ent.str(k)
			ent.bool(ce.dropped[i])
		}
		ent.bool(ce.empty)
		if !ce.empty {
			ent.article(&ce.art)
		}
		e.uvarint(uint64(len(ent.b)))
		e.b = append(e.b, ent.b...)
	}
	return e.b
}

// decodeCache reads a cache file's body. The strings it returns share
// body's memory, which must not change afterwards. It never panics on bad
// input.
func decodeCache(body []byte) (*corpusCache, error) {
	if len(body) == 0 {
		return nil, errBadCache
	}
	all := unsafe.String(&body[0], len(body))
	d := dec{s: all}
	stamp := d.str()
	if d.bad {
		return nil, errBadCache
	}
	if stamp != cacheStamp() {
		return nil, errors.New("written by another build")
	}
	c := &corpusCache{trustBefore: d.varint()}
	n := d.count()
	if d.bad {
		return nil, errBadCache
	}
	// Find the entries, then decode them on all CPUs.
	spans := make([]string, n)
	for i := range spans {
		spans[i] = d.str()
	}
	if d.bad || d.i != len(all) {
		return nil, errBadCache
	}
	paths := make([]string, n)
	entries := make([]*cacheEntry, n)
	parallel(n, func(i int) {
		paths[i], entries[i] = decodeEntry(spans[i])
	})
	c.entries = make(map[string]*cacheEntry, n)
	for i, e := range entries {
		if e == nil {
			return nil, errBadCache
		}
		c.entries[paths[i]] = e
	}
	return c, nil
}

// decodeEntry reads one entry; a nil entry when it is damaged.
func decodeEntry(s string) (string, *cacheEntry) {
	d := dec{s: s}
	path := d.str()
	ce := &cacheEntry{size: d.varint(), mtime: d.varint()}
	nk := d.count()
	ce.keys = make([]string, nk)
	ce.dropped = make([]bool, nk)
	for i := range nk {
		ce.keys[i] = d.str()
		ce.dropped[i] = d.bool()
	}
	ce.empty = d.bool()
	if !ce.empty {
		d.article(&ce.art)
	}
	if d.bad || d.i != len(d.s) {
		return "", nil
	}
	return path, ce
}

// enc appends varints and strings to b.
type enc struct{ b []byte }

func (e *enc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// strs writes a slice of strings, keeping nil apart from empty.
func (e *enc) strs(ss []string) {
	if ss == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(ss)) + 1)
	for _, s := range ss {
		e.str(s)
	}
}

// article writes a's fields but Source and Duplicates.
func (e *enc) article(a *Article) {
	e.str(a.ID)
	e.str(a.Title)
	e.str(a.URL)
	e.str(a.Site)
	e.str(a.Byline)
	// Load's dates are in UTC (parseDate).
	e.bool(a.Published.IsZero())
	if !a.Published.IsZero() {
		e.varint(a.Published.Unix())
		e.uvarint(uint64(a.Published.Nanosecond()))
	}
	e.strs(a.Tags)
	if a.Blocks == nil {
		e.uvarint(0)
	} else {
		e.uvarint(uint64(len(a.Blocks)) + 1)
	}
	for _, b := range a.Blocks {
		e.uvarint(uint64(b.Kind))
		e.uvarint(uint64(b.Level))
		e.str(b.Anchor)
		e.str(b.Lang)
		e.str(b.Text)
		offs, ok := offsets(b.Text, b.Sentences)
		e.bool(ok)
		if !ok {
			e.strs(b.Sentences)
			continue
		}
		e.uvarint(uint64(len(b.Sentences)) + 1)
		for _, o := range offs {
			e.uvarint(uint64(o))
		}
	}
}

// offsets returns where each sentence starts in text, when every one is
// found there in order (each start followed by the sentence's length);
// false when one is not, or when sentences is nil.
func offsets(text string, sentences []string) ([]int, bool) {
	if sentences == nil {
		return nil, false
	}
	offs := make([]int, 0, 2*len(sentences))
	at := 0
	for _, s := range sentences {
		i := strings.Index(text[at:], s)
		if i < 0 {
			return nil, false
		}
		offs = append(offs, at+i, len(s))
		at += i + len(s)
	}
	return offs, true
}

// dec reads what enc wrote from s; strings are slices of s. After the
// first problem bad is set and every read returns a zero value.
type dec struct {
	s   string
	i   int
	bad bool
}

func (d *dec) uvarint() uint64 {
	if d.bad {
		return 0
	}
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			break
		}
		c := d.s[d.i]
		d.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.bad = true
	return 0
}

func (d *dec) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a length and checks it against the bytes left (each
// element takes one at least), so bad input cannot make a huge slice.
func (d *dec) count() int {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *dec) str() string {
	n := d.count()
	if d.bad {
		return ""
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *dec) bool() bool {
	if d.bad || d.i >= len(d.s) {
		d.bad = true
		return false
	}
	c := d.s[d.i]
	d.i++
	if c > 1 {
		d.bad = true
	}
	return c == 1
}

// strs reads what enc.strs wrote.
func (d *dec) strs() []string {
	n := d.count()
	if n == 0 || d.bad {
		return nil
	}
	ss := make([]string, n-1)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

// article reads what enc.article wrote.
func (d *dec) article(a *Article) {
	a.ID = d.str()
	a.Title = d.str()
	a.URL = d.str()
	a.Site = d.str()
	a.Byline = d.str()
	if !d.bool() {
		sec := d.varint()
		a.Published = time.Unix(sec, int64(d.uvarint()%1e9)).UTC()
	}
	a.Tags = d.strs()
	n := d.count()
	if n == 0 || d.bad {
		return
	}
	a.Blocks = make([]Block, n-1)
	for i := range a.Blocks {
		b := &a.Blocks[i]
		b.Kind = BlockKind(d.uvarint())
		if lv := d.uvarint(); lv <= maxLevel {
			b.Level = int(lv)
		} else {
			d.bad = true
		}
		b.Anchor = d.str()
		b.Lang = d.str()
		b.Text = d.str()
		if !d.bool() {
			b.Sentences = d.strs()
			continue
		}
		ns := d.count()
		if ns == 0 || d.bad {
			d.bad = true
			return
		}
		b.Sentences = make([]string, ns-1)
		for j := range b.Sentences {
			at, l := d.uvarint(), d.uvarint()
			if at > uint64(len(b.Text)) || l > uint64(len(b.Text))-at {
				d.bad = true
				return
			}
			b.Sentences[j] = b.Text[at : at+l]
		}
	}
}
