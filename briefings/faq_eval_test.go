package briefings

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

// TestEvalUntunedFAQs asks questions a user would type (paraphrases,
// typos, out-of-scope ones) against two real FAQs that nothing in the
// readers or the FAQ finder was tuned on: ripgrep's FAQ.md (Markdown with
// HTML headings) and Syncthing's FAQ (reStructuredText, two files). The
// questions were written before the first run (testdata/eval/README).
func TestEvalUntunedFAQs(t *testing.T) {
	tests := []struct {
		eval  string
		files []string
		floor float64
	}{
		{"ripgrep_untuned.tsv", []string{"ripgrep-faq.md"}, 0.75},
		{"syncthing_untuned.tsv", []string{"syncthing-faq-general.rst", "syncthing-faq-usage.rst"}, 0.75},
		{"asciidoc_untuned.tsv", []string{"asciidoc-faq.adoc"}, 0.75},
		{"owncloud_untuned.tsv", []string{"owncloud-client-faq.adoc"}, 0.75},
	}
	for _, tt := range tests {
		t.Run(tt.eval, func(t *testing.T) {
			var paths []string
			for _, f := range tt.files {
				paths = append(paths, filepath.Join("testdata", "eval", f))
			}
			arts, warns, err := corpus.Load(context.Background(), paths, corpus.Options{})
			if err != nil || len(warns) > 0 {
				t.Fatalf("load: %v %v", err, warns)
			}
			kb, err := Build(context.Background(), arts, Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := kb.Eval(readEval(t, tt.eval))
			var b strings.Builder
			r.WriteText(&b)
			if *evalVerbose {
				t.Log("\n" + b.String())
			}
			t.Logf("%s: %d FAQ entries; accuracy %.1f%% (answerable %.1f%%, must-decline %.1f%%)", tt.eval, len(kb.FAQ()), 100*r.Accuracy(), 100*r.AnswerableAccuracy(), 100*r.DeclineAccuracy())
			if r.Accuracy() < tt.floor {
				t.Errorf("%s: accuracy %.1f%% under %.0f%%\n%s", tt.eval, 100*r.Accuracy(), 100*tt.floor, b.String())
			}
		})
	}
}
