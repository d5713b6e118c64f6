package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// DefaultMaxFileSize is the size limit used when Options.MaxFileSize is 0.
const DefaultMaxFileSize = 16 << 20

// Options tune Load. The zero value is ready to use.
type Options struct {
	// MaxFileSize skips (with a warning) files larger than this many
	// bytes; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Logger receives debug lines about skipped files; nil discards them.
	Logger *slog.Logger
	// ModTimeDates gives an article whose file names no date (in its
	// metadata, front matter or header) the file's modification time.
	ModTimeDates bool
	// Progress, when set, is told how far the load is: stage "read" counts
	// files read, stage "parse" documents parsed, each out of total. It
	// may be called from several goroutines at once and must be quick.
	Progress func(stage string, done, total int)
	// CacheDir, when set, is a directory where Load keeps what it made of
	// each file (one cache file per set of paths), so that a later Load
	// of the same paths reads and parses only the files that changed
	// (by size or modification time) and gives the same result. A cache
	// that is missing, damaged or written by another build is ignored;
	// one that cannot be written is logged. Progress then counts, in
	// stage "parse", only the files parsed.
	CacheDir string
}

// file is one document's name and content before parsing.
type file struct {
	name string
	data []byte
}

// Load reads articles from files and directories. A directory is read
// recursively in lexical order, leaving out hidden files and directories
// (names starting with "."), following links to files but not to
// directories; a file given by path is read whatever its name. Articles
// come back in that order.
//
// Each document is parsed as by Parse; on top of that, short lines (up to
// 12 words) that are not sentences and appear in three or more documents
// are dropped as boilerplate of the site they came from. Documents with
// the same content (the same ID) are loaded once: the first keeps its
// Source and the others are listed in its Duplicates.
//
// A file that cannot be read, is empty, too large, of an unknown type or
// has no article text left after cleaning is skipped with a Warning. Only
// a path that does not exist or cannot be read at all, or a cancelled ctx,
// fails the whole load. Load with no paths returns no articles; callers
// wanting the built-in corpus use Sample.
//
// With Options.CacheDir, files unchanged since an earlier Load of the same
// paths are taken from its cache instead of being read and parsed; the
// result is the same as without.
func Load(ctx context.Context, paths []string, opts Options) ([]Article, []Warning, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	var warns []Warning
	warn := func(src string, err error) {
		log.Debug("corpus: skip file", "source", src, "err", err)
		warns = append(warns, Warning{Source: src, Err: err})
	}
	names, err := expand(paths, warn)
	if err != nil {
		return nil, warns, fmt.Errorf("load corpus: %w", err)
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	if opts.CacheDir != "" {
		arts, err := loadCached(ctx, paths, names, limit, opts.CacheDir, log, progress, warn)
		if err != nil {
			return nil, warns, fmt.Errorf("load corpus: %w", err)
		}
		fileDates(arts, opts.ModTimeDates)
		return arts, warns, nil
	}
	files := make([]file, 0, len(names))
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, warns, fmt.Errorf("load corpus: %w", err)
		}
		progress("read", i+1, len(names))
		data, err := readFile(name, limit)
		if err != nil {
			warn(name, err)
			continue
		}
		files = append(files, file{name: name, data: data})
	}
	arts, w2, err := build(ctx, files, progress)
	warns = append(warns, w2...)
	if err != nil {
		return nil, warns, fmt.Errorf("load corpus: %w", err)
	}
	fileDates(arts, opts.ModTimeDates)
	return arts, warns, nil
}

// expand turns the given paths into the list of files to read. A path
// that does not exist is an error; an unreadable directory below a given
// one is a warning.
func expand(paths []string, warn func(string, error)) ([]string, error) {
	var names []string
	seen := make(map[string]bool)
	add := func(name string) {
		key := name
		if abs, err := filepath.Abs(name); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			names = append(names, name)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		err = filepath.WalkDir(p, func(name string, e fs.DirEntry, err error) error {
			if err != nil {
				if name == p {
					return err
				}
				warn(name, err)
				return nil
			}
			if name != p && strings.HasPrefix(e.Name(), ".") {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.Type().IsRegular() {
				add(name)
			} else if !e.IsDir() && e.Type()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() {
					add(name)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return names, nil
}

// readFile reads a file of at most limit bytes.
func readFile(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		if st.Size() > limit {
			return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
		}
		size = st.Size() + 1 // one more byte to see the end
	}
	// Read as os.ReadFile does, into a buffer sized from Stat, and stop
	// one byte past the limit.
	data := make([]byte, 0, size)
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

// minRepeatDocs is in how many documents a short line must appear to be
// taken for boilerplate.
const minRepeatDocs = 3

// build parses files into articles, drops lines repeated across documents
// and folds duplicates. Documents are parsed on all CPUs; the result does
// not depend on how many.
func build(ctx context.Context, files []file, progress func(string, int, int)) ([]Article, []Warning, error) {
	docs := make([]*doc, len(files))
	errs := make([]error, len(files))
	var parsed atomic.Int64
	parallel(len(files), func(i int) {
		f := files[i]
		if ctx.Err() != nil {
			return
		}
		defer func() { progress("parse", int(parsed.Add(1)), len(files)) }()
		if len(bytes.TrimSpace(f.data)) == 0 {
			errs[i] = ErrEmpty
			return
		}
		d, err := readDoc(f.name, f.data)
		if errors.Is(err, ErrUnsupported) {
			err = fmt.Errorf("skipped: %w", err)
		}
		docs[i], errs[i] = d, err
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var warns []Warning
	kept := docs[:0]
	for i, d := range docs {
		if errs[i] != nil {
			warns = append(warns, Warning{Source: files[i].name, Err: errs[i]})
			continue
		}
		kept = append(kept, d)
	}
	docs = kept
	dropRepeatedLines(docs)
	arts := make([]Article, len(docs))
	errs = errs[:len(docs)]
	parallel(len(docs), func(i int) {
		arts[i], errs[i] = finish(docs[i])
	})
	ok := arts[:0]
	for i, a := range arts {
		if errs[i] != nil {
			warns = append(warns, Warning{Source: docs[i].source, Err: errs[i]})
			continue
		}
		ok = append(ok, a)
	}
	return foldDuplicates(ok), warns, nil
}

// parallel calls f(0..n-1) on GOMAXPROCS goroutines and waits for them.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// repeatable reports whether a unit can be boilerplate when it repeats
// across documents: a short line that is not a sentence. A sentence that
// several articles share (a quote, a figure) is a fact they report, and a
// question is an FAQ entry, so neither is dropped.
func repeatable(u unit) bool {
	if u.verbatim() {
		return false
	}
	n := words(u.text)
	return n > 0 && n <= 12 && !endsSentence(u.text)
}

// dropRepeatedLines blanks the short units that appear in minRepeatDocs
// or more documents; clean then removes them.
func dropRepeatedLines(docs []*doc) {
	if len(docs) < minRepeatDocs {
		return
	}
	count := make(map[string]int)
	for _, d := range docs {
		seen := make(map[string]bool)
		for _, u := range d.units {
			if !repeatable(u) {
				continue
			}
			k := SentenceKey(u.text)
			if k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	for _, d := range docs {
		blankRepeated(d, count)
	}
}
