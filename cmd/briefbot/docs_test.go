package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir is the outside contract's home beside the repository.
const sharedDir = "../../../shared"

// TestContractShipsWithTheProject: docs/CONTRACT.md (and the test vector
// it points to) are the very text of the shared contract, so a clone has
// it and the two never drift.
func TestContractShipsWithTheProject(t *testing.T) {
	for _, name := range []string{"CONTRACT.md", "testvectors/slack-signing.txt"} {
		ours, err := os.ReadFile(filepath.Join("../../docs", name))
		if err != nil {
			t.Fatalf("the project lacks docs/%s: %v", name, err)
		}
		theirs, err := os.ReadFile(filepath.Join(sharedDir, name))
		if os.IsNotExist(err) {
			t.Skipf("%s is absent (no ../shared beside the clone): docs/%s not compared", filepath.Join(sharedDir, name), name)
		}
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ours, theirs) {
			t.Errorf("docs/%s differs from ../shared/%s: copy it over (cp ../shared/%s docs/%s)", name, name, name, name)
		}
	}
}

// TestReadmeSaysHowToStart: the README links the shipped contract (not
// ../shared), has an install step, the PostgreSQL test switch, the first
// build's time and the container's start.
func TestReadmeSaysHowToStart(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, w := range []string{"(docs/CONTRACT.md)", "go install ./cmd/briefbot", "BRIEFBOT_TEST_POSTGRES", "first build", "docker run", "docker compose up", "BRIEFBOT_LISTEN"} {
		if !strings.Contains(readme, w) {
			t.Errorf("README lacks %q", w)
		}
	}
	if strings.Contains(readme, "../shared/") {
		t.Error("README points to ../shared/, which a clone does not have")
	}
}
