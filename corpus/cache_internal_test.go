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

// TestCacheBlockFields: a block's level, anchor and language, and a code
// block without sentences, come back from the cache as they were.
func TestCacheBlockFields(t *testing.T) {
	a, err := Parse("faq.adoc", []byte("= FAQ\n\n[[pay]]\n=== Can I pay later?\n\nYes.\n\nWhy?::\n  Because.\n+\n[source,sh]\n----\nmake\n  install\n----\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := &corpusCache{entries: map[string]*cacheEntry{"faq.adoc": {size: 1, mtime: 2, art: a}}}
	got, err := decodeCache(encodeCache(c))
	if err != nil {
		t.Fatal(err)
	}
	back := got.entries["faq.adoc"].art.Blocks
	if len(back) != len(a.Blocks) {
		t.Fatalf("%d blocks back, want %d", len(back), len(a.Blocks))
	}
	code := false
	for i, b := range a.Blocks {
		r := back[i]
		if r.Kind != b.Kind || r.Level != b.Level || r.Anchor != b.Anchor || r.Lang != b.Lang || r.Text != b.Text || (r.Sentences == nil) != (b.Sentences == nil) {
			t.Errorf("block %d: %+v back as %+v", i, b, r)
		}
		code = code || b.Kind == Code && b.Lang == "sh"
	}
	if !code || a.Blocks[0].Anchor != "pay" {
		t.Errorf("blocks %+v lack the anchored heading or the code", a.Blocks)
	}
}
