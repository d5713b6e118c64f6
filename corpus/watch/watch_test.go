package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// harness runs a Watcher whose debounce timers the test fires.
type harness struct {
	t       *testing.T
	dir     string
	w       *Watcher
	timers  chan chan time.Time
	batches chan []Change
	// first and last op of each path reported since the start
	first, last map[string]Op
}

func start(t *testing.T, setup func(dir string)) *harness {
	t.Helper()
	dir := t.TempDir()
	if setup != nil {
		setup(dir)
	}
	h := &harness{t: t, dir: dir, timers: make(chan chan time.Time, 1000), batches: make(chan []Change, 100),
		first: map[string]Op{}, last: map[string]Op{}}
	w, err := New(Options{
		Paths: []string{dir},
		After: func(time.Duration) <-chan time.Time {
			c := make(chan time.Time, 1)
			h.timers <- c
			return c
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	h.w = w
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- w.Run(ctx, func(_ context.Context, cs []Change) { h.batches <- cs })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		w.Close()
	})
	return h
}

func (h *harness) path(rel string) string { return filepath.Join(h.dir, filepath.FromSlash(rel)) }

func (h *harness) write(rel, text string) {
	h.t.Helper()
	p := h.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// net folds the ops a path went through into its net change.
func net(first, last Op) (Op, bool) {
	switch {
	case first == Created && last == Removed:
		return 0, false
	case first == Created:
		return Created, true
	case last == Removed:
		return Removed, true
	case first == Removed:
		return Modified, true // removed, then back
	}
	return Modified, true
}

// expect fires the debounce timers as they are armed and gathers batches
// until the net changes since the start equal want ("op path" lines
// relative to the folder), failing after a few seconds. Timers fire at
// once, so one save may come as several batches (a walk finds a new file,
// then its write event arrives): only the net effect is compared.
func (h *harness) expect(want ...string) {
	h.t.Helper()
	sort.Strings(want)
	first, last := h.first, h.last
	var got []string
	deadline := time.After(5 * time.Second)
	for {
		got = got[:0]
		for p, f := range first {
			if op, ok := net(f, last[p]); ok {
				got = append(got, op.String()+" "+p)
			}
		}
		sort.Strings(got)
		if fmt.Sprint(got) == fmt.Sprint(want) && len(h.timers) == 0 {
			return
		}
		select {
		case c := <-h.timers:
			c <- time.Time{}
		case batch := <-h.batches:
			if !sort.SliceIsSorted(batch, func(i, j int) bool { return batch[i].Path < batch[j].Path }) {
				h.t.Errorf("batch not sorted: %v", batch)
			}
			for _, c := range batch {
				rel, _ := filepath.Rel(h.dir, c.Path)
				rel = filepath.ToSlash(rel)
				if _, ok := first[rel]; !ok {
					first[rel] = c.Op
				}
				last[rel] = c.Op
			}
		case <-deadline:
			h.t.Fatalf("changes = %q, want %q", got, want)
		}
	}
}

func TestWatch(t *testing.T) {
	tests := []struct {
		name  string
		setup func(h *harness)
		act   func(h *harness)
		want  []string
	}{
		{
			name: "create",
			act:  func(h *harness) { h.write("new.txt", "hello") },
			want: []string{"created new.txt"},
		},
		{
			name:  "modify",
			setup: func(h *harness) { h.write("a.txt", "one") },
			act:   func(h *harness) { h.write("a.txt", "two") },
			want:  []string{"modified a.txt"},
		},
		{
			name:  "remove",
			setup: func(h *harness) { h.write("a.txt", "one") },
			act:   func(h *harness) { os.Remove(h.path("a.txt")) },
			want:  []string{"removed a.txt"},
		},
		{
			name:  "rename",
			setup: func(h *harness) { h.write("a.txt", "one") },
			act:   func(h *harness) { os.Rename(h.path("a.txt"), h.path("b.txt")) },
			want:  []string{"created b.txt", "removed a.txt"},
		},
		{
			name:  "editor writes a temp file and renames it over",
			setup: func(h *harness) { h.write("a.md", "# one") },
			act: func(h *harness) {
				h.write(".a.md.swp", "swap")
				h.write("a.md~", "# one")
				h.write(".a.md.tmp1234", "# two")
				os.Rename(h.path(".a.md.tmp1234"), h.path("a.md"))
				os.Remove(h.path(".a.md.swp"))
			},
			want: []string{"modified a.md"},
		},
		{
			name: "temp file created and deleted",
			act: func(h *harness) {
				h.write("scratch.txt", "x")
				os.Remove(h.path("scratch.txt"))
				h.write("kept.txt", "y")
			},
			want: []string{"created kept.txt"},
		},
		{
			name: "new subdirectory and files in it",
			act: func(h *harness) {
				h.write("sub/deeper/x.txt", "x")
				h.write("sub/y.txt", "y")
			},
			want: []string{"created sub/deeper/x.txt", "created sub/y.txt"},
		},
		{
			name: "removed directory",
			setup: func(h *harness) {
				h.write("sub/x.txt", "x")
				h.write("sub/deeper/y.txt", "y")
				h.write("top.txt", "t")
			},
			act:  func(h *harness) { os.RemoveAll(h.path("sub")) },
			want: []string{"removed sub/deeper/y.txt", "removed sub/x.txt"},
		},
		{
			name: "renamed directory",
			setup: func(h *harness) {
				h.write("sub/x.txt", "x")
			},
			act:  func(h *harness) { os.Rename(h.path("sub"), h.path("moved")) },
			want: []string{"created moved/x.txt", "removed sub/x.txt"},
		},
		{
			name: "hidden directory ignored",
			act: func(h *harness) {
				h.write(".git/objects/ab", "blob")
				h.write("after.txt", "a")
			},
			want: []string{"created after.txt"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, func(dir string) {
				if tt.setup != nil {
					tt.setup(&harness{t: t, dir: dir})
				}
			})
			tt.act(h)
			h.expect(tt.want...)
		})
	}
}

func TestSubdirectoryWatchedAfterCreate(t *testing.T) {
	h := start(t, nil)
	h.write("sub/a.txt", "a")
	h.expect("created sub/a.txt")
	// a later write into the new directory is seen: its watch exists
	h.write("sub/b.txt", "b")
	h.expect("created sub/a.txt", "created sub/b.txt")
	if got := strings.Join(h.w.Files(), ","); !strings.Contains(got, "b.txt") {
		t.Errorf("Files() = %s", got)
	}
}

func TestWatchFileRoot(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "only.txt")
	os.WriteFile(file, []byte("one"), 0o644)
	batches := make(chan []Change, 10)
	w, err := New(Options{Paths: []string{file}, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx, func(_ context.Context, cs []Change) { batches <- cs })
	os.WriteFile(filepath.Join(dir, "other.txt"), []byte("x"), 0o644)
	os.WriteFile(file, []byte("two"), 0o644)
	select {
	case cs := <-batches:
		if len(cs) != 1 || cs[0] != (Change{Path: file, Op: Modified}) {
			t.Errorf("batch = %v, want only the watched file modified", cs)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch")
	}
}

// TestDebounceCoalesces uses a real, short debounce: a burst of writes to
// one file is one change.
func TestDebounceCoalesces(t *testing.T) {
	dir := t.TempDir()
	batches := make(chan []Change, 10)
	w, err := New(Options{Paths: []string{dir}, Debounce: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx, func(_ context.Context, cs []Change) { batches <- cs })
	p := filepath.Join(dir, "burst.txt")
	for i := range 5 {
		os.WriteFile(p, []byte(strings.Repeat("x", i+1)), 0o644)
	}
	select {
	case cs := <-batches:
		if len(cs) != 1 || cs[0] != (Change{Path: p, Op: Created}) {
			t.Errorf("batch = %v, want one created file", cs)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch")
	}
}

func TestNewMissingPath(t *testing.T) {
	if _, err := New(Options{Paths: []string{filepath.Join(t.TempDir(), "nope")}}); err == nil {
		t.Error("New accepted a path that does not exist")
	}
}

func TestDefaultIgnore(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": false, "story.html": false, ".hidden": true, "a.txt~": true,
		".a.txt.swp": true, "#a.txt#": true, "4913": true, "x.part": true, "notes.md": false,
	} {
		if got := DefaultIgnore(name); got != want {
			t.Errorf("DefaultIgnore(%q) = %v, want %v", name, got, want)
		}
	}
}
