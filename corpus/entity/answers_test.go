package entity

import (
	"bufio"
	"flag"
	"os"
	"strings"
	"testing"
)

var answersFile = flag.String("answers", "", "a `briefbot eval` file: measure how often a gold answer holds a kind Expect asks for")

// TestAnswerKinds measures Expect and Find together on a labelled
// question file: of the answerable questions Expect gives kinds for, how
// many have a gold answer (read in its sentence-free form) in which Find
// finds one of those kinds. Run with -answers FILE.
func TestAnswerKinds(t *testing.T) {
	if *answersFile == "" {
		t.Skip("-answers FILE not given")
	}
	f, err := os.Open(*answersFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	typed, hit, questions := 0, 0, 0
	byKind := map[string][2]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		q, gold, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(q, "#") || gold == "NONE" {
			continue
		}
		questions++
		want := Expect(q)
		if want.Empty() {
			continue
		}
		typed++
		found := false
		for _, g := range strings.Split(gold, "|") {
			// In a frame, so that capitalisation reads as mid-sentence.
			for _, sp := range Find("It was " + g + " then.") {
				if want.Has(sp.Kind) || (sp.Kind == Name && (want.Has(Person) || want.Has(Organisation) || want.Has(Place))) {
					found = true
				}
			}
		}
		c := byKind[want.String()]
		c[1]++
		if found {
			hit++
			c[0]++
		} else {
			t.Logf("no %s in %q for %q", want, gold, q)
		}
		byKind[want.String()] = c
	}
	for k, c := range byKind {
		t.Logf("%-30s %d of %d", k, c[0], c[1])
	}
	t.Logf("%d answerable questions, %d typed by Expect, %d of those (%.1f%%) with a gold answer of the kind", questions, typed, hit, 100*ratio(hit, typed))
}
