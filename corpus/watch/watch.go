package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Defaults used when Options leave a field zero.
const (
	DefaultDebounce = 250 * time.Millisecond
	// maxDelayFactor times the debounce is the longest a change waits
	// while the folder never goes quiet.
	maxDelayFactor = 20
)

// Op is what happened to a file.
type Op int

const (
	// Created is a file that was not there before.
	Created Op = iota + 1
	// Modified is a file whose content may have changed.
	Modified
	// Removed is a file that is gone (deleted, or moved out of the
	// watched folders).
	Removed
)

func (o Op) String() string {
	switch o {
	case Created:
		return "created"
	case Modified:
		return "modified"
	case Removed:
		return "removed"
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// Change is one file that changed.
type Change struct {
	Path string // cleaned, as under the watched path it was found
	Op   Op
}

// Options configure a Watcher. Only Paths is required.
type Options struct {
	// Paths are the files and directories to watch, as given to
	// corpus.Load. Directories are watched recursively.
	Paths []string
	// Debounce is how long the folders must be quiet before a batch is
	// reported; 0 means DefaultDebounce.
	Debounce time.Duration
	// After is the timer; nil means time.After. Tests pass a fake.
	After func(time.Duration) <-chan time.Time
	// Ignore reports names (base names) to leave out; nil means
	// DefaultIgnore.
	Ignore func(name string) bool
	// Logger receives debug lines about events and errors; nil discards.
	Logger *slog.Logger
}

// DefaultIgnore leaves out what corpus.Load leaves out (hidden names,
// starting with ".") and editors' backup, swap and temporary files.
func DefaultIgnore(name string) bool {
	switch {
	case name == "" || strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913": // vim's write test
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".bak":
		return true
	}
	return false
}

// stamp is what a file looked like when last reported.
type stamp struct {
	size int64
	mod  time.Time
}

// Watcher watches the corpus folders. Create it with New, run it with Run
// and Close it when done.
type Watcher struct {
	opts Options
	fsw  *fsnotify.Watcher
	log  *slog.Logger

	roots []string        // cleaned directory roots
	files map[string]bool // cleaned file roots

	mu    sync.Mutex
	known map[string]stamp
	dirs  map[string]bool // watched directories
}

// New starts watching opts.Paths and records the files there now. A
// path that does not exist is an error, as for corpus.Load.
func New(opts Options) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.After == nil {
		opts.After = time.After
	}
	if opts.Ignore == nil {
		opts.Ignore = DefaultIgnore
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{
		opts: opts, fsw: fsw, log: opts.Logger,
		files: make(map[string]bool), known: make(map[string]stamp), dirs: make(map[string]bool),
	}
	for _, p := range opts.Paths {
		p = filepath.Clean(p)
		info, err := os.Stat(p)
		if err != nil {
			fsw.Close()
			return nil, fmt.Errorf("watch: %w", err)
		}
		if info.IsDir() {
			w.roots = append(w.roots, p)
			w.addTree(p, nil)
			continue
		}
		w.files[p] = true
		w.known[p] = stampOf(info)
		dir := filepath.Dir(p)
		if !w.dirs[dir] {
			if err := fsw.Add(dir); err != nil {
				fsw.Close()
				return nil, fmt.Errorf("watch: %w", err)
			}
			w.dirs[dir] = true
		}
	}
	return w, nil
}

func stampOf(info fs.FileInfo) stamp { return stamp{size: info.Size(), mod: info.ModTime()} }

// Close stops watching. Run returns after Close.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Files returns the files the watcher knows about, sorted: those found by
// New plus the changes reported since.
func (w *Watcher) Files() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.known))
	for p := range w.known {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// addTree watches dir and every directory below it that is not ignored,
// records unknown files in found (nil: straight into known).
func (w *Watcher) addTree(dir string, found map[string]bool) {
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			w.log.Debug("watch: walk", "path", p, "err", err)
			return nil
		}
		if p != dir && w.opts.Ignore(e.Name()) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			if !w.dirs[p] {
				if err := w.fsw.Add(p); err != nil {
					w.log.Warn("watch: cannot watch directory", "path", p, "err", err)
					return filepath.SkipDir
				}
				w.dirs[p] = true
			}
			return nil
		}
		if found != nil {
			found[p] = false
			return nil
		}
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			w.known[p] = stampOf(info)
		}
		return nil
	})
}

// watched reports whether a path is under a directory root or is a file
// root, and not ignored on the way down.
func (w *Watcher) watched(p string) bool {
	if w.files[p] {
		return true
	}
	for _, r := range w.roots {
		if p == r {
			return true
		}
		rel, err := filepath.Rel(r, p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		ignored := false
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			if w.opts.Ignore(part) {
				ignored = true
				break
			}
		}
		if !ignored {
			return true
		}
	}
	return false
}

// Run reports batches of changes to fn until ctx ends or the watcher is
// closed, and returns nil then. A batch lists each changed file once,
// sorted by path, with its net change since it was last reported; fn
// runs on Run's goroutine, so the next batch waits until it returns. A
// batch comes once the folders have been quiet for the debounce, or at
// the latest twenty debounces after its first event. When the system
// drops events, Run rescans the folders and reports the differences.
func (w *Watcher) Run(ctx context.Context, fn func(ctx context.Context, changes []Change)) error {
	pending := make(map[string]bool) // path -> named by an event (not only found by a walk)
	var quiet, deadline <-chan time.Time
	arm := func() {
		quiet = w.opts.After(w.opts.Debounce)
		if deadline == nil {
			deadline = w.opts.After(maxDelayFactor * w.opts.Debounce)
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if w.note(ev, pending) {
				arm()
			}
			continue
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrClosed) {
				return nil
			}
			w.log.Warn("watch: events may be lost, rescanning", "err", err)
			w.rescan(pending)
			arm()
			continue
		case <-quiet:
		case <-deadline:
		}
		quiet, deadline = nil, nil
		changes := w.flush(pending)
		clear(pending)
		if len(changes) > 0 {
			fn(ctx, changes)
		}
	}
}

// note records the path of an event as pending. A new directory is
// watched at once (with everything below it, so files written into it
// before its watch existed are found); a removed or renamed directory
// stops being watched. It reports whether the event matters.
func (w *Watcher) note(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod || ev.Name == "" {
		return false
	}
	p := filepath.Clean(ev.Name)
	if !w.watched(p) {
		return false
	}
	w.log.Debug("watch: event", "path", p, "op", ev.Op.String())
	pending[p] = true
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(p); err == nil && info.IsDir() && len(w.roots) > 0 {
			found := make(map[string]bool)
			w.addTree(p, found)
			for f := range found {
				if _, ok := pending[f]; !ok {
					pending[f] = false
				}
			}
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		prefix := p + string(filepath.Separator)
		for d := range w.dirs {
			if d == p || strings.HasPrefix(d, prefix) {
				w.fsw.Remove(d) // already gone for a deleted directory
				delete(w.dirs, d)
			}
		}
	}
	return true
}

// rescan marks every file found under the roots and every file known as
// pending, so the next flush reports whatever differs.
func (w *Watcher) rescan(pending map[string]bool) {
	found := make(map[string]bool)
	for _, r := range w.roots {
		w.addTree(r, found)
	}
	w.mu.Lock()
	for p := range w.known {
		found[p] = false
	}
	w.mu.Unlock()
	for p := range w.files {
		found[p] = false
	}
	for p := range found {
		if _, ok := pending[p]; !ok {
			pending[p] = false
		}
	}
}

// flush stats the pending paths and returns the net changes, updating
// what the watcher knows.
func (w *Watcher) flush(pending map[string]bool) []Change {
	// a pending directory (renamed into place, say) brings its files
	for p := range pending {
		if info, err := os.Stat(p); err == nil && info.IsDir() && len(w.roots) > 0 {
			found := make(map[string]bool)
			w.addTree(p, found)
			for f := range found {
				if _, ok := pending[f]; !ok {
					pending[f] = false
				}
			}
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []Change
	seen := make(map[string]bool)
	add := func(p string, op Op) {
		if !seen[p] {
			seen[p] = true
			out = append(out, Change{Path: p, Op: op})
		}
	}
	for p, named := range pending {
		info, err := os.Stat(p)
		if err == nil && info.IsDir() {
			continue
		}
		if err == nil && info.Mode().IsRegular() && w.watched(p) {
			st := stampOf(info)
			old, known := w.known[p]
			w.known[p] = st
			switch {
			case !known:
				add(p, Created)
			case named || st != old:
				add(p, Modified)
			}
			continue
		}
		if _, known := w.known[p]; known {
			delete(w.known, p)
			add(p, Removed)
			continue
		}
		// a directory that is gone: everything that was under it
		prefix := p + string(filepath.Separator)
		for k := range w.known {
			if strings.HasPrefix(k, prefix) {
				if _, err := os.Stat(k); err != nil {
					delete(w.known, k)
					add(k, Removed)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
