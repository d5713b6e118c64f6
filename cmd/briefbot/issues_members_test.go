package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestIssuesJSONMembers checks that every issue lists its articles as
// members, with the file each came from.
func TestIssuesJSONMembers(t *testing.T) {
	dir := t.TempDir()
	body := "Negotiators met again on Tuesday to discuss the Donbas. Russia wants the whole Donbas region, " +
		"and Ukraine refuses to withdraw its troops from the Donbas. The talks on the Donbas ended without a deal.\n"
	writeFile(t, dir, "donbas.md", "---\ntitle: Talks stall over the Donbas\n---\n"+body)
	out, errOut, code := runCLI(t, "", nil, "issues", "-json", "-corpus", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var issues []struct {
		Name     string `json:"name"`
		Articles int    `json:"articles"`
		Members  []struct {
			ID, Title, URL, Path string
		} `json:"members"`
	}
	if err := json.Unmarshal([]byte(out), &issues); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(issues) == 0 {
		t.Fatalf("no issues: %s", out)
	}
	for _, is := range issues {
		if len(is.Members) != is.Articles {
			t.Errorf("issue %q: %d members for %d articles", is.Name, len(is.Members), is.Articles)
		}
		for _, m := range is.Members {
			if m.ID == "" || m.Title == "" || filepath.Base(m.Path) != "donbas.md" {
				t.Errorf("issue %q: member %+v", is.Name, m)
			}
		}
	}
}
