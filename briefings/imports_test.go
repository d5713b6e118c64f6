package briefings

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// jobImports lists, for the façade and each job package, the packages of
// the engine it may import: arrows run from the façade down through the
// jobs to corpus/, never up and never sideways past this list.
var jobImports = map[string][]string{
	"briefings":                 {"answer", "cite", "digest", "eval", "faq", "stories"},
	"briefings/answer":          {"cite", "faq", "stories"},
	"briefings/digest":          {"cite", "stories"},
	"briefings/stories":         {"cite", "stories/cluster"},
	"briefings/stories/cluster": {},
	"briefings/stories/cluster/internal/storyeval": {"stories/cluster"},
	"briefings/faq":  {"cite"},
	"briefings/eval": {"cite"},
	"briefings/cite": {},
}

// TestImportDirection fails when a package of the engine imports one
// above itself: a job importing the façade or a job not below it, corpus/
// importing briefings/, or either importing bot/, adapters/ or cmd/. A new
// job package must be added to jobImports.
func TestImportDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH; run the tests with a Go toolchain installed")
	}
	const mod = "github.com/briefbot/briefbot/"
	out, err := exec.CommandContext(t.Context(), "go", "list", "-e",
		"-f", "{{.ImportPath}} {{join .Imports \" \"}}", mod+"briefings/...", mod+"corpus/...").Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list: %v\n%s", err, msg)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fs := strings.Fields(line)
		pkg := strings.TrimPrefix(fs[0], mod)
		for _, imp := range fs[1:] {
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			imp = strings.TrimPrefix(imp, mod)
			switch {
			case strings.HasPrefix(imp, "bot") || strings.HasPrefix(imp, "adapters") || strings.HasPrefix(imp, "cmd"):
				t.Errorf("%s imports %s: the engine is below the bot", pkg, imp)
			case strings.HasPrefix(pkg, "corpus") && strings.HasPrefix(imp, "briefings"):
				t.Errorf("%s imports %s: corpus/ is below briefings/", pkg, imp)
			case strings.HasPrefix(pkg, "briefings") && strings.HasPrefix(imp, "briefings"):
				allowed, ok := jobImports[pkg]
				if !ok {
					t.Errorf("%s is a new package of the engine: say what it may import in jobImports", pkg)
					continue
				}
				if !slices.Contains(allowed, strings.TrimPrefix(imp, "briefings/")) {
					t.Errorf("%s imports %s, which is not below it (allowed: %v)", pkg, imp, allowed)
				}
			}
		}
		if strings.HasPrefix(pkg, "briefings") {
			seen++
		}
	}
	if seen < len(jobImports) {
		t.Errorf("go list saw %d packages of briefings/, want at least %d", seen, len(jobImports))
	}
}
