package corpus

import (
	"context"
	"embed"
	"io/fs"
	"path"
	"strings"
	"sync"
)

//go:embed sample/*.txt
var sampleFS embed.FS

// sampleOnce loads the built-in corpus once.
var sampleOnce = sync.OnceValue(func() []Article {
	entries, err := fs.ReadDir(sampleFS, "sample")
	if err != nil {
		panic("corpus: built-in sample: " + err.Error())
	}
	var files []file
	for _, e := range entries {
		data, err := fs.ReadFile(sampleFS, path.Join("sample", e.Name()))
		if err != nil {
			panic("corpus: built-in sample: " + err.Error())
		}
		files = append(files, file{name: e.Name(), data: data})
	}
	arts, _, err := build(context.Background(), files, func(string, int, int) {})
	if err != nil {
		panic("corpus: built-in sample: " + err.Error())
	}
	for i := range arts {
		arts[i].Source = "sample:" + strings.TrimSuffix(arts[i].Source, path.Ext(arts[i].Source))
	}
	return arts
})

// Sample returns the built-in corpus: five news articles shipped inside the
// binary, cleaned exactly as Load cleans files. Their Source is
// "sample:NAME". Each call returns a fresh copy the caller may change.
func Sample() []Article {
	src := sampleOnce()
	out := make([]Article, len(src))
	for i, a := range src {
		out[i] = a.clone()
	}
	return out
}

// clone returns a deep copy of a.
func (a Article) clone() Article {
	a.Tags = append([]string(nil), a.Tags...)
	a.Duplicates = append([]string(nil), a.Duplicates...)
	blocks := make([]Block, len(a.Blocks))
	for i, b := range a.Blocks {
		b.Sentences = append([]string(nil), b.Sentences...)
		blocks[i] = b
	}
	a.Blocks = blocks
	return a
}
