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
	"strings"
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
}

// file is one document's name and content before parsing.
type file struct {
	name string
	data []byte
}

// Load reads articles from files and directories. A directory is read
// recursively in lexical order, leaving out hidden files and directories
// (names starting with "."); a file is read whatever its name. Articles
// come back in that order.
//
// Each document is parsed as by Parse; on top of that, short lines that
// are not sentences and appear in three or more documents are dropped as
// boilerplate of the site they came from. Documents with the same content
// (the same ID) are loaded once: the first keeps its Source and the others
// are listed in its Duplicates.
//
// A file that cannot be read, is empty, too large, of an unknown type or
// has no article text left after cleaning is skipped with a Warning. Only
// a path that does not exist or cannot be read at all, or a cancelled ctx,
// fails the whole load. Load with no paths returns no articles; callers
// wanting the built-in corpus use Sample.
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
	files := make([]file, 0, len(names))
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, warns, fmt.Errorf("load corpus: %w", err)
		}
		data, err := readFile(name, limit)
		if err != nil {
			warn(name, err)
			continue
		}
		files = append(files, file{name: name, data: data})
	}
	arts, w2, err := build(ctx, files)
	warns = append(warns, w2...)
	if err != nil {
		return nil, warns, fmt.Errorf("load corpus: %w", err)
	}
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
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
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
// and folds duplicates.
func build(ctx context.Context, files []file) ([]Article, []Warning, error) {
	var warns []Warning
	docs := make([]*doc, 0, len(files))
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, warns, err
		}
		if len(bytes.TrimSpace(f.data)) == 0 {
			warns = append(warns, Warning{Source: f.name, Err: ErrEmpty})
			continue
		}
		d, err := readDoc(f.name, f.data)
		if err != nil {
			if errors.Is(err, ErrUnsupported) {
				err = fmt.Errorf("skipped: %w", err)
			}
			warns = append(warns, Warning{Source: f.name, Err: err})
			continue
		}
		docs = append(docs, d)
	}
	dropRepeatedLines(docs)
	var arts []Article
	byID := make(map[string]int)
	for _, d := range docs {
		a, err := finish(d)
		if err != nil {
			warns = append(warns, Warning{Source: d.source, Err: err})
			continue
		}
		if i, ok := byID[a.ID]; ok {
			arts[i].Duplicates = append(arts[i].Duplicates, a.Source)
			continue
		}
		byID[a.ID] = len(arts)
		arts = append(arts, a)
	}
	return arts, warns, nil
}

// repeatable reports whether a unit is short enough to be boilerplate
// when it repeats across documents: a sentence that several articles
// share is a fact they report, not furniture.
func repeatable(u unit) bool {
	n := words(u.text)
	if n == 0 || strings.HasSuffix(u.text, "?") {
		return false
	}
	return n <= 6 || n <= 12 && !endsSentence(u.text)
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
		for i, u := range d.units {
			if repeatable(u) && count[SentenceKey(u.text)] >= minRepeatDocs {
				d.units[i].text = ""
			}
		}
	}
}
