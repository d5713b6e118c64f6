package bot

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoChatSDK fails when the core packages, or anything they import
// outside tests, depend on a chat SDK: the arrows point from adapters to
// the core, never back.
func TestNoChatSDK(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH; run the tests with a Go toolchain installed")
	}
	const mod = "github.com/briefbot/briefbot/"
	roots := []string{mod + "bot", mod + "briefings/...", mod + "corpus/..."}
	forbidden := []string{"github.com/slack-go/slack", "github.com/bwmarrin/discordgo"}
	for _, root := range roots {
		t.Run(root, func(t *testing.T) {
			// -deps lists non-test transitive imports; -e keeps going
			// past packages another change has left broken.
			out, err := exec.CommandContext(t.Context(), "go", "list", "-e", "-deps",
				"-f", "{{.ImportPath}}", root).Output()
			if err != nil {
				msg := ""
				if ee, ok := err.(*exec.ExitError); ok {
					msg = string(ee.Stderr)
				}
				t.Fatalf("go list %s: %v\n%s", root, err, msg)
			}
			deps := strings.Fields(string(out))
			if len(deps) == 0 {
				t.Fatalf("go list %s listed nothing", root)
			}
			for _, d := range deps {
				for _, f := range forbidden {
					if d == f || strings.HasPrefix(d, f+"/") {
						t.Errorf("%s imports %s", root, d)
					}
				}
			}
		})
	}
}
