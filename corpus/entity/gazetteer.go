package entity

import (
	"bufio"
	_ "embed" // the gazetteers
	"strings"
)

//go:embed gazetteer/places.txt
var placesData string

//go:embed gazetteer/given.txt
var givenData string

// places holds the place names of gazetteer/places.txt, as written, and
// maxPlaceWords the most words one has.
var places, maxPlaceWords = loadPhrases(placesData)

// givenNames holds the given names of gazetteer/given.txt.
var givenNames, _ = loadPhrases(strings.Join(strings.Fields(stripComments(givenData)), "\n"))

func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "#") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// loadPhrases reads one phrase a line, skipping blank and # lines.
func loadPhrases(data string) (map[string]bool, int) {
	m := map[string]bool{}
	most := 0
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m[line] = true
		if n := len(strings.Fields(line)); n > most {
			most = n
		}
	}
	return m, most
}
