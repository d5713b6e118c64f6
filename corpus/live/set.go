package live

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/corpus"
)

// Set is the current corpus: one article per source document (a file
// path, a page URL), kept in a deterministic order. It is safe for
// concurrent use.
type Set struct {
	mu      sync.Mutex
	entries map[string]*entry // by key(Source)
	order   []*entry          // entries sorted by compare
	version uint64
	cache   []corpus.Article // nil when stale
}

type entry struct {
	art  corpus.Article
	key  string
	file bool // a local file (sorted by path) rather than a URL
}

// key is the map key of a source: a file path cleaned, so "./a.txt" and
// "a.txt" are one file; anything else (a URL, "sample:NAME") as it is.
func key(src string) string {
	if isFile(src) {
		return filepath.Clean(src)
	}
	return src
}

func isFile(src string) bool {
	return src != "" && !strings.Contains(src, "://") && !strings.HasPrefix(src, "sample:")
}

// NewSet returns a set holding articles, as returned by corpus.Load: an
// article's Duplicates (other files with the same content) become
// entries of their own, so each can later change or go on its own.
func NewSet(articles []corpus.Article) *Set {
	s := &Set{entries: make(map[string]*entry, len(articles))}
	for _, a := range articles {
		dups := a.Duplicates
		a.Duplicates = nil
		s.put(a)
		for _, d := range dups {
			if isFile(d) {
				c := a
				c.Source = d
				s.put(c)
			} else {
				s.addLink(a.Source, d)
			}
		}
	}
	s.version = 0
	return s
}

// Version counts the changes made to the set; it moves whenever
// Articles would return something different.
func (s *Set) Version() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version
}

// Len returns the number of source documents in the set (Articles may
// return fewer: documents with the same content are one article).
func (s *Set) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Get returns the article of a source, and false when there is none.
func (s *Set) Get(source string) (corpus.Article, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key(source)]
	if !ok {
		return corpus.Article{}, false
	}
	return e.art, true
}

// Put adds articles or replaces those with the same Source, and returns
// how many changed (an article identical in ID, links and metadata to the
// one it replaces is no change). Articles without a Source are ignored.
func (s *Set) Put(arts ...corpus.Article) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, a := range arts {
		if s.put(a) {
			n++
		}
	}
	return n
}

func (s *Set) put(a corpus.Article) bool {
	if a.Source == "" {
		return false
	}
	k := key(a.Source)
	old, ok := s.entries[k]
	if ok && same(&old.art, &a) {
		return false
	}
	if ok {
		s.unorder(old)
	}
	e := &entry{art: a, key: k, file: isFile(a.Source)}
	s.entries[k] = e
	i, _ := slices.BinarySearchFunc(s.order, e, compare)
	s.order = slices.Insert(s.order, i, e)
	s.changed()
	return true
}

// unorder takes an entry out of the order.
func (s *Set) unorder(e *entry) {
	i, found := slices.BinarySearchFunc(s.order, e, compare)
	if found && s.order[i] == e {
		s.order = slices.Delete(s.order, i, i+1)
		return
	}
	s.order = slices.DeleteFunc(s.order, func(x *entry) bool { return x == e })
}

// drop deletes the entry with key k.
func (s *Set) drop(k string) {
	if e, ok := s.entries[k]; ok {
		s.unorder(e)
		delete(s.entries, k)
		s.changed()
	}
}

// same reports whether replacing a with b changes nothing a reader sees.
func same(a, b *corpus.Article) bool {
	return a.ID == b.ID && a.Source == b.Source && a.URL == b.URL && a.Title == b.Title &&
		a.Site == b.Site && a.Byline == b.Byline && a.Published.Equal(b.Published) &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Duplicates, b.Duplicates)
}

// Remove drops the articles of the given sources and returns how many
// were there. A directory path also drops every file below it.
func (s *Set) Remove(sources ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, src := range sources {
		n += s.remove(src)
	}
	return n
}

func (s *Set) remove(src string) int {
	k := key(src)
	n := 0
	if _, ok := s.entries[k]; ok {
		s.drop(k)
		n++
	}
	if isFile(src) {
		prefix := k + string(filepath.Separator)
		for ek, e := range s.entries {
			if e.file && strings.HasPrefix(ek, prefix) {
				s.drop(ek)
				n++
			}
		}
	}
	return n
}

// ReplaceFiles makes the local files of the set exactly those of
// articles (as returned by a full corpus.Load of the corpus paths),
// keeping every article that did not come from a file (feeds, pages). It
// returns how many sources changed. A full Load now and then keeps in
// force the cleaning rule that needs every document (lines repeated
// across files are boilerplate), which Reload of single files cannot.
func (s *Set) ReplaceFiles(articles []corpus.Article) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	keep := make(map[string]bool)
	n := 0
	for _, a := range articles {
		dups := a.Duplicates
		a.Duplicates = nil
		if isFile(a.Source) {
			keep[key(a.Source)] = true
		}
		if s.put(a) {
			n++
		}
		for _, d := range dups {
			if !isFile(d) {
				if s.addLink(a.Source, d) {
					n++
				}
				continue
			}
			keep[key(d)] = true
			c := a
			c.Source = d
			if s.put(c) {
				n++
			}
		}
	}
	for k, e := range s.entries {
		if e.file && !keep[k] {
			s.drop(k)
			n++
		}
	}
	return n
}

// Prune removes the articles that did not come from a file and were
// published before cutoff (undated ones stay), and returns how many. It
// bounds a corpus fed by feeds forever; files stay until they are
// deleted.
func (s *Set) Prune(cutoff time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, e := range s.entries {
		if !e.file && !e.art.Published.IsZero() && e.art.Published.Before(cutoff) {
			s.drop(k)
			n++
		}
	}
	return n
}

// AddLink records link as another address of the article of source (the
// same story found under another URL) and reports whether it was new.
// It does nothing for an unknown source.
func (s *Set) AddLink(source, link string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addLink(source, link)
}

func (s *Set) addLink(source, link string) bool {
	e, ok := s.entries[key(source)]
	if !ok || link == "" || link == e.art.Source || link == e.art.URL || slices.Contains(e.art.Duplicates, link) {
		return false
	}
	e.art.Duplicates = append(slices.Clip(e.art.Duplicates), link)
	s.changed()
	return true
}

func (s *Set) changed() {
	s.version++
	s.cache = nil
}

// Articles returns the corpus: one article per distinct content (ID), in
// a deterministic order: local files first, by path; then articles from
// URLs, by Published time (undated first) and then URL. Of several
// sources with the same content, the first in that order keeps the
// article and the others are listed in its Duplicates, as corpus.Load
// does. The slice is shared until the next change and must not be
// modified.
func (s *Set) Articles() []corpus.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cache != nil {
		return s.cache
	}
	out := make([]corpus.Article, 0, len(s.order))
	byID := make(map[string]int, len(s.order))
	for _, e := range s.order {
		if i, ok := byID[e.art.ID]; ok && e.art.ID != "" {
			first := &out[i]
			first.Duplicates = append(slices.Clip(first.Duplicates), e.art.Source)
			for _, d := range e.art.Duplicates {
				if !slices.Contains(first.Duplicates, d) {
					first.Duplicates = append(first.Duplicates, d)
				}
			}
			continue
		}
		byID[e.art.ID] = len(out)
		out = append(out, e.art)
	}
	s.cache = out
	return out
}

func compare(a, b *entry) int {
	if a.file != b.file {
		if a.file {
			return -1
		}
		return 1
	}
	if !a.file {
		if c := a.art.Published.Compare(b.art.Published); c != 0 {
			return c
		}
	}
	return strings.Compare(a.key, b.key)
}

// Reload brings the set up to date with the given files, as reported by
// a folder watcher: a file that exists is read with corpus.Load and put
// in (or removed, with a warning, when it no longer holds an article); a
// path that is gone is removed, with every file below it when it was a
// directory; an existing directory is loaded whole. It returns how many
// sources changed. It fails only when ctx ends.
//
// A file loaded alone does not benefit from the rule corpus.Load applies
// across documents (short lines repeated in three or more files are
// dropped as boilerplate); a full Load at start-up and now and then keeps
// that rule in force.
func (s *Set) Reload(ctx context.Context, paths []string, opts corpus.Options) (int, []corpus.Warning, error) {
	var warns []corpus.Warning
	n := 0
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return n, warns, fmt.Errorf("reload: %w", err)
		}
		info, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			n += s.Remove(p)
			continue
		}
		if err != nil {
			warns = append(warns, corpus.Warning{Source: p, Err: err})
			continue
		}
		arts, w, err := corpus.Load(ctx, []string{p}, opts)
		warns = append(warns, w...)
		if err != nil {
			if ctx.Err() != nil {
				return n, warns, fmt.Errorf("reload: %w", ctx.Err())
			}
			warns = append(warns, corpus.Warning{Source: p, Err: err})
			continue
		}
		s.mu.Lock()
		if info.IsDir() {
			// files below the directory that are gone or no longer articles
			keep := make(map[string]bool)
			for _, a := range arts {
				keep[key(a.Source)] = true
				for _, d := range a.Duplicates {
					keep[key(d)] = true
				}
			}
			prefix := key(p) + string(filepath.Separator)
			for ek, e := range s.entries {
				if e.file && strings.HasPrefix(ek, prefix) && !keep[ek] {
					s.drop(ek)
					n++
				}
			}
		} else if len(arts) == 0 {
			n += s.remove(p)
		}
		for _, a := range arts {
			dups := a.Duplicates
			a.Duplicates = nil
			if s.put(a) {
				n++
			}
			for _, d := range dups {
				c := a
				c.Source = d
				if s.put(c) {
					n++
				}
			}
		}
		s.mu.Unlock()
	}
	return n, warns, nil
}
