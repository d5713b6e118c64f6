package briefings

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/corpus"
)

// TestAskAuthor answers "who wrote" from the byline of the article the
// question describes, and declines when that article has none.
func TestAskAuthor(t *testing.T) {
	parse := func(name, doc string) corpus.Article {
		a, err := corpus.Parse(name, []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	dredge := parse("dredge.md", "---\ntitle: Harbour dredging resumes\n---\n\nThe port authority resumed dredging the harbour channel on Monday after a two-month pause. Dredgers will deepen the channel to fourteen metres so larger container ships can dock.\n")
	dredge.Byline = "Mara Quist"
	tolls := parse("tolls.md", "---\ntitle: Bridge tolls to rise\n---\n\nThe city council voted to raise bridge tolls by ten percent from March. Commuters groups said the increase would hurt night-shift workers.\n")
	kb := buildKB(t, []corpus.Article{dredge, tolls}, Options{})

	got := kb.Ask("who wrote the story about dredging the harbour channel")
	if !got.Answered || !strings.Contains(got.Answer, "Mara Quist") || len(got.Sources) != 1 || got.Sources[0].ID != dredge.ID {
		t.Errorf("author of the dredging story: %+v", got)
	}
	if got := kb.Ask("who wrote the article on bridge tolls"); got.Answered {
		t.Errorf("an article without a byline has no author to give: %+v", got)
	}
}
