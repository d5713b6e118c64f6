package briefings

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// buildKB builds a KB from articles and fails the test on error.
func buildKB(t testing.TB, arts []corpus.Article, opts Options) *KB {
	t.Helper()
	kb, err := Build(context.Background(), arts, opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return kb
}

// otherArticles loads the second corpus (a city's tram project), written
// to check that nothing is tuned to the sample's topic.
func otherArticles(t testing.TB) []corpus.Article {
	t.Helper()
	arts, warns, err := corpus.Load(context.Background(), []string{filepath.Join("testdata", "other")}, corpus.Options{})
	if err != nil {
		t.Fatalf("load other corpus: %v", err)
	}
	if len(warns) > 0 || len(arts) != 5 {
		t.Fatalf("load other corpus: %d articles, warnings %v", len(arts), warns)
	}
	return arts
}

// golden compares v, as indented JSON, with testdata/golden/name; with
// -update it rewrites the file instead.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	goldenBytes(t, name, got)
}

func goldenBytes(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run `go test ./briefings -run %s -update` and review the diff\n--- got ---\n%s", path, t.Name(), firstLines(got, 40))
	}
}

func firstLines(b []byte, n int) string {
	lines := bytes.SplitN(b, []byte("\n"), n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// TestDeterministic builds the same corpus twice (from fresh copies) and
// expects the same FAQ, issues and digest, byte for byte.
func TestDeterministic(t *testing.T) {
	for name, load := range map[string]func() []corpus.Article{
		"sample": corpus.Sample,
		"other":  func() []corpus.Article { return otherArticles(t) },
	} {
		t.Run(name, func(t *testing.T) {
			var outs [2][]byte
			for i := range outs {
				kb := buildKB(t, load(), Options{})
				b, err := json.Marshal([]any{kb.FAQ(), kb.Issues(), kb.Digest(DigestOptions{})})
				if err != nil {
					t.Fatal(err)
				}
				outs[i] = b
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Error("two builds of the same corpus differ")
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	kb := buildKB(t, nil, Options{})
	if len(kb.FAQ()) != 0 || len(kb.Issues()) != 0 {
		t.Errorf("empty corpus: %d FAQ entries, %d issues", len(kb.FAQ()), len(kb.Issues()))
	}
	if d := kb.Digest(DigestOptions{}); !d.Empty {
		t.Error("empty corpus: digest not empty")
	}
	if _, sug, ok := kb.FindIssue("anything"); ok || len(sug) != 0 {
		t.Errorf("empty corpus: FindIssue ok=%v suggestions=%v", ok, sug)
	}
}

func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, corpus.Sample(), Options{}); err == nil {
		t.Error("Build with a cancelled context: no error")
	}
}
