package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The cache keeps, per source file, what Load made of it: the cleaned
// article (or the fact that nothing was left), and the short lines that
// the cross-file rule looks at with the ones it dropped. A file whose
// size and modification time are unchanged is taken from the cache
// without being read; the cross-file rule is then rerun on all files
// from their cached lines, and a cached article is used only when the
// rule drops exactly the same lines of its file as when it was cached.
// Otherwise the file is parsed again, so a cached Load returns what an
// uncached one does.

// cacheFormat is the version of the cache file's layout. Any change to
// cleaning is caught by the build stamp (cacheStamp); bump this when the
// layout or the meaning of what is stored changes.
const cacheFormat = 2

// cacheMagic opens every cache file.
const cacheMagic = "briefbot corpus cache\n"

// racyWindow is how long before a load's start a file must have been
// modified for its cache entry to be trusted by the next load. A file
// changed again within its timestamp's granularity (1-2 s on some file
// systems) keeps its modification time; such recent entries are parsed
// again until they are older.
const racyWindow = 2 * time.Second

// cacheStamp identifies the code that wrote a cache: the Go version, and
// the VCS revision of a clean build, else the executable's path, size and
// modification time. A cache written by other code is ignored, so a new
// build never reuses articles cleaned by the old one.
var cacheStamp = sync.OnceValue(func() string {
	s := fmt.Sprintf("%d %s", cacheFormat, runtime.Version())
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, kv := range bi.Settings {
			switch kv.Key {
			case "vcs.revision":
				rev = kv.Value
			case "vcs.modified":
				modified = kv.Value
			}
		}
		if rev != "" && modified == "false" {
			return s + " " + bi.Main.Path + "@" + rev
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			return fmt.Sprintf("%s %s %d %d", s, exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	return s
})

// cacheEntry is what the cache holds for one source file.
type cacheEntry struct {
	size, mtime int64
	// keys are the distinct SentenceKeys of the document's repeatable
	// units, in order; dropped says which of them the cross-file rule
	// blanked when the entry was made.
	keys    []string
	dropped []bool
	empty   bool    // nothing was left after cleaning (ErrEmpty)
	art     Article // when !empty; without Source and Duplicates
}

// corpusCache is a cache file's content: entries by absolute path.
type corpusCache struct {
	trustBefore int64 // unix nanoseconds; newer entries are not trusted
	entries     map[string]*cacheEntry
}

// cacheFile returns the cache file for a load of paths: one per set of
// paths, named by a hash of their absolute forms.
func cacheFile(dir string, paths []string) string {
	h := sha256.New()
	for _, p := range paths {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return filepath.Join(dir, "corpus-"+hex.EncodeToString(h.Sum(nil)[:8])+".cache")
}

// item is one file in a cached load.
type item struct {
	name, key   string // as listed, and absolute
	size, mtime int64
	stat        bool        // size and mtime are known
	hit         *cacheEntry // taken from the cache
	data        []byte      // read, to be parsed
	d           *doc
	keys        []string
	entry       *cacheEntry // the new entry; nil when not to be cached
	art         Article
	err         error
}

// loadCached is Load's work after expand, when a cache directory is set:
// the same result, with unchanged files taken from the cache.
func loadCached(ctx context.Context, paths, names []string, limit int64, dir string, log *slog.Logger, progress func(string, int, int), warn func(string, error)) ([]Article, error) {
	// The file system dates files by the wall clock: so must the cache.
	started := time.Now()
	file := cacheFile(dir, paths)
	c, err := readCache(file)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			log.Debug("corpus: ignore cache", "file", file, "err", err)
		}
		c = &corpusCache{entries: map[string]*cacheEntry{}}
	}
	cwd, _ := os.Getwd()
	stats := make([]item, len(names))
	parallel(len(names), func(i int) {
		it := &stats[i]
		it.name, it.key = names[i], names[i]
		if !filepath.IsAbs(it.name) && cwd != "" {
			it.key = filepath.Join(cwd, it.name)
		}
		if st, err := os.Stat(it.name); err == nil && st.Mode().IsRegular() {
			it.size, it.mtime, it.stat = st.Size(), st.ModTime().UnixNano(), true
		}
	})
	items := make([]item, 0, len(names))
	var fresh []int
	for i, it := range stats {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress("read", i+1, len(names))
		if e := c.entries[it.key]; it.stat && e != nil && e.size == it.size && e.mtime == it.mtime && it.size <= limit && it.mtime < c.trustBefore {
			it.hit = e
			items = append(items, it)
			continue
		}
		name := it.name
		data, err := readFile(name, limit)
		if err != nil {
			warn(name, err)
			continue
		}
		it.data = data
		fresh = append(fresh, len(items))
		items = append(items, it)
	}
	var parsed sync.Mutex
	done := 0
	parallel(len(fresh), func(i int) {
		it := &items[fresh[i]]
		if ctx.Err() != nil {
			return
		}
		it.d, it.err = parseFile(it.name, it.data)
		it.data = nil
		parsed.Lock()
		done++
		progress("parse", done, len(fresh))
		parsed.Unlock()
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	kept := items[:0]
	for _, it := range items {
		if it.err != nil {
			warn(it.name, it.err)
			continue
		}
		kept = append(kept, it)
	}
	count := make(map[string]int)
	for i := range kept {
		it := &kept[i]
		if it.hit != nil {
			it.keys = it.hit.keys
		} else {
			it.keys = repeatKeys(it.d)
		}
		for _, k := range it.keys {
			count[k]++
		}
	}
	var reparsed atomic.Int64
	parallel(len(kept), func(i int) {
		if kept[i].finish(count, limit) {
			reparsed.Add(1)
		}
	})
	refinished := int(reparsed.Load())
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	arts := make([]Article, 0, len(kept))
	entries := make(map[string]*cacheEntry, len(kept))
	changed := len(fresh) > 0 || refinished > 0
	for _, it := range kept {
		if it.entry != nil {
			entries[it.key] = it.entry
		} else {
			changed = true
		}
		if it.err != nil {
			warn(it.name, it.err)
			continue
		}
		arts = append(arts, it.art)
	}
	log.Debug("corpus: cache", "file", file, "files", len(names), "cached", len(kept)-len(fresh)-refinished, "parsed", len(fresh), "reparsed", refinished)
	if changed || len(entries) != len(c.entries) {
		next := &corpusCache{trustBefore: started.Add(-racyWindow).UnixNano(), entries: entries}
		if err := writeCache(file, next); err != nil {
			log.Info("corpus: cache not saved", "file", file, "err", err)
		}
	}
	return foldDuplicates(arts), nil
}

// finish makes it's article (or ErrEmpty) from the cache when the
// cross-file rule, given the counts of every document's keys, drops the
// same lines as when it was cached, and else by cleaning its document,
// parsed again if it came from the cache (then it reports true). It sets
// it.entry to what the cache is to keep.
func (it *item) finish(count map[string]int, limit int64) (reparsed bool) {
	if e := it.hit; e != nil {
		if sameDrops(e, count) {
			it.entry = e
			if e.empty {
				it.err = ErrEmpty
			} else {
				it.art = e.art
				it.art.Source = it.name
			}
			return false
		}
		data, err := readFile(it.name, limit)
		if err == nil {
			it.d, err = parseFile(it.name, data)
		}
		if err != nil {
			it.err = err
			return true
		}
		it.keys = repeatKeys(it.d)
		reparsed = true
	}
	dropped := make([]bool, len(it.keys))
	for j, k := range it.keys {
		dropped[j] = count[k] >= minRepeatDocs
	}
	blankRepeated(it.d, count)
	it.art, it.err = finish(it.d)
	it.d = nil
	if it.stat && (it.err == nil || errors.Is(it.err, ErrEmpty)) {
		e := &cacheEntry{size: it.size, mtime: it.mtime, keys: it.keys, dropped: dropped, empty: it.err != nil}
		if it.err == nil {
			e.art = it.art
			e.art.Source = ""
		}
		it.entry = e
	}
	return reparsed
}

// parseFile reads one file's document as build does.
func parseFile(name string, data []byte) (*doc, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	d, err := readDoc(name, data)
	if errors.Is(err, ErrUnsupported) {
		err = fmt.Errorf("skipped: %w", err)
	}
	return d, err
}

// repeatKeys returns the distinct keys of d's repeatable units, in order:
// what dropRepeatedLines counts for d.
func repeatKeys(d *doc) []string {
	var keys []string
	for _, u := range d.units {
		if !repeatable(u) {
			continue
		}
		if k := SentenceKey(u.text); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// blankRepeated blanks d's repeatable units whose key is in minRepeatDocs
// or more documents, as dropRepeatedLines does.
func blankRepeated(d *doc, count map[string]int) {
	for i, u := range d.units {
		if repeatable(u) && count[SentenceKey(u.text)] >= minRepeatDocs {
			d.units[i].text = ""
		}
	}
}

// sameDrops reports whether the cross-file rule drops the same lines of
// e's document now as when e was made.
func sameDrops(e *cacheEntry, count map[string]int) bool {
	for j, k := range e.keys {
		if (count[k] >= minRepeatDocs) != e.dropped[j] {
			return false
		}
	}
	return true
}

// readCache reads and checks a cache file. Any problem (missing, another
// version, damaged) is an error; the caller then does without.
func readCache(file string) (*corpusCache, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	head := len(cacheMagic) + 4
	if len(data) < head || string(data[:len(cacheMagic)]) != cacheMagic {
		return nil, errors.New("not a corpus cache")
	}
	body := data[head:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(cacheMagic):]) {
		return nil, errors.New("checksum mismatch")
	}
	return decodeCache(body)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// writeCache writes c to file atomically: a temporary file in the same
// directory, renamed over the old one.
func writeCache(file string, c *corpusCache) error {
	body := encodeCache(c)
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(file), ".corpus-*.tmp")
	if err != nil {
		return err
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], crc32.Checksum(body, castagnoli))
	_, err = f.Write(append([]byte(cacheMagic), sum[:]...))
	if err == nil {
		_, err = f.Write(body)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// foldDuplicates keeps the first article of each ID and lists the
// sources of the others in its Duplicates.
func foldDuplicates(arts []Article) []Article {
	var out []Article
	byID := make(map[string]int)
	for _, a := range arts {
		if j, ok := byID[a.ID]; ok {
			out[j].Duplicates = append(out[j].Duplicates, a.Source)
			continue
		}
		byID[a.ID] = len(out)
		out = append(out, a)
	}
	return out
}
