package corpus_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

// past is a modification time old enough for cache entries to be trusted.
var past = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// copyTree copies the files under src into a new directory, dated past.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		return writeDated(dst, rel, data, past)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// writeDated writes dir/name with the given modification time.
func writeDated(dir, name string, data []byte, mtime time.Time) error {
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, mtime, mtime)
}

// datePast sets every file under dir to past.
func datePast(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// cacheStats is what a cached Load logged about its use of the cache.
type cacheStats struct{ cached, parsed, reparsed int }

var statsRe = regexp.MustCompile(`cached=(\d+) parsed=(\d+) reparsed=(\d+)`)

// loadBoth loads paths without and with the cache in cacheDir, fails the
// test when the results differ, and returns the cached load's stats.
func loadBoth(t *testing.T, paths []string, cacheDir string) ([]corpus.Article, cacheStats) {
	t.Helper()
	want, wantWarns, err := corpus.Load(context.Background(), paths, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	got, gotWarns, err := corpus.Load(context.Background(), paths, corpus.Options{CacheDir: cacheDir, Logger: log})
	if err != nil {
		t.Fatalf("cached load: %v", err)
	}
	if len(got) != len(want) {
		t.Fatalf("cached load: %d articles, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("cached load: article %d (%s) differs:\n got %+v\nwant %+v", i, want[i].Source, got[i], want[i])
		}
	}
	if g, w := fmt.Sprint(gotWarns), fmt.Sprint(wantWarns); g != w {
		t.Fatalf("cached load: warnings\n%s\nwant\n%s", g, w)
	}
	var st cacheStats
	if m := statsRe.FindStringSubmatch(logs.String()); m != nil {
		fmt.Sscan(m[1]+" "+m[2]+" "+m[3], &st.cached, &st.parsed, &st.reparsed)
	} else {
		t.Fatalf("no cache line in the log:\n%s", logs.String())
	}
	return got, st
}

func TestCacheSameAsLoad(t *testing.T) {
	synth, err := corpustest.WriteFiles(t.TempDir(), 500, 1)
	if err != nil {
		t.Fatal(err)
	}
	datePast(t, synth)
	tests := []struct {
		name string
		dir  string
	}{
		{"sample", copyTree(t, "sample")},
		{"other", copyTree(t, filepath.Join("testdata", "other"))},
		{"synthetic", synth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := t.TempDir()
			arts, st := loadBoth(t, []string{tt.dir}, cache)
			if st.cached != 0 || st.parsed == 0 {
				t.Errorf("cold load: %+v, want everything parsed", st)
			}
			_, st = loadBoth(t, []string{tt.dir}, cache)
			if st != (cacheStats{cached: st.cached}) || st.cached < len(arts) {
				t.Errorf("warm load: %+v, want all %d from the cache", st, len(arts))
			}
		})
	}
}

// TestCacheAfterChanges edits, adds and removes files between cached
// loads, including changes that make the cross-file rule drop other lines
// of unchanged files.
func TestCacheAfterChanges(t *testing.T) {
	dir, err := corpustest.WriteFiles(t.TempDir(), 500, 1)
	if err != nil {
		t.Fatal(err)
	}
	datePast(t, dir)
	names, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(names) < 10 {
		names, _ = filepath.Glob(filepath.Join(dir, "*"))
	}
	cache := t.TempDir()
	loadBoth(t, []string{dir}, cache)
	body := func(i int) []byte {
		return fmt.Appendf(nil, "Harbour Gazette Desk\n\nThe ferry timetable changes on %d May after a long review by the port board.\n\nPassengers can expect later sailings on weekdays and fewer on Sundays.\n", i+1)
	}
	later := past.Add(time.Hour)
	steps := []struct {
		name     string
		change   func() error
		reparsed bool // unchanged files must be parsed again
	}{
		{"edit one file", func() error {
			data, err := os.ReadFile(names[3])
			if err != nil {
				return err
			}
			return writeDated("", names[3], bytes.Replace(data, []byte("."), []byte("!"), 1), later)
		}, false},
		{"remove a file", func() error { return os.Remove(names[7]) }, false},
		{"two files share a line", func() error {
			for i := range 2 {
				if err := writeDated(dir, fmt.Sprintf("zz/harbour%d.txt", i), body(i), past); err != nil {
					return err
				}
			}
			return nil
		}, false},
		{"a third makes it boilerplate", func() error {
			return writeDated(dir, "zz/harbour2.txt", body(2), later)
		}, true},
		{"a file of boilerplate only", func() error {
			return writeDated(dir, "zz/only.txt", []byte("Harbour Gazette Desk\n"), later)
		}, false},
		{"back to two", func() error {
			if err := os.Remove(filepath.Join(dir, "zz", "harbour2.txt")); err != nil {
				return err
			}
			return os.Remove(filepath.Join(dir, "zz", "only.txt"))
		}, true},
		{"skipped files", func() error {
			if err := writeDated(dir, "zz/blank.txt", []byte(" \n\n"), past); err != nil {
				return err
			}
			return writeDated(dir, "zz/scan.pdf", []byte("%PDF-1.4"), past)
		}, false},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := s.change(); err != nil {
				t.Fatal(err)
			}
			_, st := loadBoth(t, []string{dir}, cache)
			if st.parsed == 0 && st.reparsed == 0 && s.name != "remove a file" {
				t.Errorf("%+v: the change was not seen", st)
			}
			if (st.reparsed > 0) != s.reparsed {
				t.Errorf("%+v: reparsed unchanged files = %v, want %v", st, st.reparsed > 0, s.reparsed)
			}
			if st.cached < 400 {
				t.Errorf("%+v: want most files from the cache", st)
			}
			_, st = loadBoth(t, []string{dir}, cache)
			if st.parsed+st.reparsed > 0 && s.name != "skipped files" {
				t.Errorf("load again: %+v, want all from the cache", st)
			}
		})
	}
}

// TestCacheRecentFile: a file modified just before a load is parsed again
// next time, since a change within its timestamp's granularity would keep
// its size and modification time.
func TestCacheRecentFile(t *testing.T) {
	dir := copyTree(t, "sample")
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	data, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := writeDated("", names[0], data, now); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	loadBoth(t, []string{dir}, cache)
	// Same size, same time, other content.
	if err := writeDated("", names[0], bytes.Replace(data, []byte("e"), []byte("a"), 5), now); err != nil {
		t.Fatal(err)
	}
	if _, st := loadBoth(t, []string{dir}, cache); st.parsed != 1 {
		t.Errorf("%+v, want the recent file parsed", st)
	}
}

// TestCacheDamaged: a damaged, foreign or unwritable cache is no error.
func TestCacheDamaged(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "other"))
	tests := []struct {
		name   string
		damage func(file string) error
	}{
		{"truncated", func(f string) error {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			return os.WriteFile(f, data[:len(data)/2], 0o600)
		}},
		{"a byte changed", func(f string) error {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			data[len(data)-100] ^= 0x55
			return os.WriteFile(f, data, 0o600)
		}},
		{"empty", func(f string) error { return os.WriteFile(f, nil, 0o600) }},
		{"not a cache", func(f string) error { return os.WriteFile(f, []byte("hello\n"), 0o600) }},
		{"unreadable", func(f string) error {
			if err := os.Remove(f); err != nil {
				return err
			}
			return os.Mkdir(f, 0o700)
		}},
		{"another build", func(string) error {
			t.Cleanup(corpus.SetCacheStamp("another build"))
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := t.TempDir()
			loadBoth(t, []string{dir}, cache)
			if err := tt.damage(onlyFile(t, cache)); err != nil {
				t.Fatal(err)
			}
			if _, st := loadBoth(t, []string{dir}, cache); st.cached != 0 {
				t.Errorf("%+v, want the cache ignored", st)
			}
		})
	}
	t.Run("cache dir is a file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		loadBoth(t, []string{dir}, f)
	})
}

func TestCacheCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := corpus.Load(ctx, []string{"sample"}, corpus.Options{CacheDir: t.TempDir()})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

// onlyFile returns the one file in dir.
func onlyFile(t *testing.T, dir string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(names) != 1 {
		t.Fatalf("files in the cache dir: %v %v", names, err)
	}
	return names[0]
}
