package bot

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
)

// TestIssuesListGistsDiffer: issues found in the same articles share
// summary sentences, but the /issues list never shows one gist twice.
func TestIssuesListGistsDiffer(t *testing.T) {
	arts, _, err := corpus.Load(t.Context(), []string{filepath.Join("..", "briefings", "testdata", "news")}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	news, err := briefings.Build(t.Context(), arts, briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sample, _ := testKBs(t)
	for name, kb := range map[string]*briefings.KB{"news": news, "sample": sample} {
		t.Run(name, func(t *testing.T) {
			m := newTestBot(t, Options{KB: kb}).Handle(t.Context(), req("issues", ""))
			if len(m.Sections) == 0 || len(m.Sections[0].Items) < 2 {
				t.Fatalf("issues = %+v", m)
			}
			seen := make(map[string]string)
			for _, it := range m.Sections[0].Items {
				name, g, _ := strings.Cut(it.Text, ": ")
				if g == "" {
					continue
				}
				if other, dup := seen[g]; dup {
					t.Errorf("%q and %q show the same gist %q", other, name, g)
				}
				seen[g] = name
			}
		})
	}
}
