package search

import (
	"slices"
	"testing"
)

// TestRolesNotInstitutions: a role before a person's full name names that person; a role
// word before an organisation's or a place's name names no one.
func TestRolesNotInstitutions(t *testing.T) {
	ns := newNameStats()
	for _, s := range []string{
		"Ukrainian President Volodymyr Zelenskyy spoke.",
		"Ukrainian President Volodymyr Zelenskyy met Trump.",
		"The president said so, and the president left.",
		"The red flag flew. Red Cross Society of China workers came.",
		"Later the Red Cross Society said so.",
		"The national team won. National Basketball League games ended.",
		"National Basketball League owners met.",
	} {
		ns.add(s)
	}
	got := ns.roles(ns.variants())
	want := []string{"ukrainian president", "zelenskyy"}
	found := false
	for _, g := range got {
		if g[0] == want[0] && g[len(g)-1] == want[1] {
			found = true
		}
		if slices.Contains(g, "society") || slices.Contains(g, "league") {
			t.Errorf("role group %q names an organisation as a person", g)
		}
	}
	if !found {
		t.Errorf("roles = %q, want a group tying %q to %q", got, want[0], want[1])
	}
}
