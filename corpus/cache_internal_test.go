package corpus

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCacheFilePerPaths: each set of paths has its own cache file.
func TestCacheFilePerPaths(t *testing.T) {
	a := cacheFile("c", []string{"sample"})
	abs, _ := filepath.Abs("sample")
	if b := cacheFile("c", []string{abs}); a != b {
		t.Errorf("relative and absolute paths: %s and %s", a, b)
	}
	if b := cacheFile("c", []string{"sample", "testdata"}); a == b {
		t.Errorf("different paths share %s", a)
	}
	if !strings.HasPrefix(filepath.Base(a), "corpus-") {
		t.Errorf("name %s", a)
	}
}

// FuzzDecodeCache: no input makes decoding panic.
func FuzzDecodeCache(f *testing.F) {
	arts := Sample()
	c := &corpusCache{entries: map[string]*cacheEntry{}}
	for i, a := range arts {
		c.entries[a.Source] = &cacheEntry{size: int64(i), mtime: 7, keys: []string{"a b"}, dropped: []bool{i%2 == 0}, art: a}
	}
	f.Add(encodeCache(c))
	f.Fuzz(func(t *testing.T, body []byte) {
		decodeCache(body)
	})
}
