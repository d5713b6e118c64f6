package briefings

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings/cite"
	"github.com/briefbot/briefbot/corpus"
)

func TestFAQSampleGolden(t *testing.T) {
	kb := buildKB(t, corpus.Sample(), Options{})
	faq := kb.FAQ()
	if len(faq) < 20 {
		t.Errorf("sample FAQ: %d entries, want at least 20", len(faq))
	}
	for _, e := range faq {
		if len(e.Sources) == 0 || e.Sources[0].ID == "" || e.Sources[0].Title == "" {
			t.Errorf("entry %q has no source", e.Question)
		}
		if strings.TrimSpace(e.Answer) == "" {
			t.Errorf("entry %q has no answer", e.Question)
		}
	}
	golden(t, "faq_sample.json", faq)
}

func TestFAQOtherGolden(t *testing.T) {
	golden(t, "faq_other.json", buildKB(t, otherArticles(t), Options{}).FAQ())
}

// debianFAQ parses the Debian FAQ's plain-text edition (a test fixture of
// package corpus).
func debianFAQ(t *testing.T) corpus.Article {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "corpus", "testdata", "debian-faq.en.txt.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	a, err := corpus.Parse("debian-faq.en.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var leadingNumber = regexp.MustCompile(`^(?:\d+(?:\.\d+)*\.?|Chapter \d+)\s`)

func TestFAQDebian(t *testing.T) {
	kb := buildKB(t, []corpus.Article{debianFAQ(t)}, Options{})
	faq := kb.FAQ()
	if len(faq) < 150 {
		t.Errorf("Debian FAQ: %d entries, want at least 150", len(faq))
	}
	var qs strings.Builder
	for _, e := range faq {
		qs.WriteString(e.Question + "\n")
		if leadingNumber.MatchString(e.Question) {
			t.Errorf("numbering left in question %q", e.Question)
		}
		if leadingNumber.MatchString(e.Answer) {
			t.Errorf("answer to %q starts with numbering: %.60q", e.Question, e.Answer)
		}
		if len(e.Question) > 20 && strings.Contains(e.Answer, "\n"+e.Question) {
			t.Errorf("answer to %q holds another question", e.Question)
		}
	}
	// Questions wrapped over two or three lines come back whole.
	for _, want := range []string{
		"What is the difference between Debian GNU/Linux and other Linux distributions? Why should I choose Debian over some other distribution?",
		"Why does the official stable released CD-ROM contain symlinks for `frozen' and `unstable'? I thought this CD contains just `stable'!",
		"I am currently tracking testing (bookworm). What will happen when a release is made? Will I still be tracking testing or will my machine be running the new stable distribution?",
		"The stable distributions really contains outdated packages. Just look at Kde, Gnome, Xorg or even the kernel. They are very old. Why is it so?",
		"OK, now I know what Debian is... what is Linux?!",
		"Some users like mawk, others like gawk; some like vim, others like elvis; some like trn, others like tin; how does Debian support diversity?",
	} {
		if !strings.Contains(qs.String(), want+"\n") {
			t.Errorf("question not found whole: %q", want)
		}
	}
	goldenBytes(t, "faq_debian_questions.txt", []byte(qs.String()))
}

func TestFAQAdminEntriesWin(t *testing.T) {
	admin := FAQEntry{
		Question:   "What is the 20-point plan?",
		Answer:     "The admin's answer.",
		Alternates: []string{"What is the “20-point plan,” and how close is it to completion?"},
	}
	faq := buildKB(t, corpus.Sample(), Options{FAQ: []FAQEntry{admin}}).FAQ()
	if faq[0].Question != admin.Question || faq[0].Answer != admin.Answer {
		t.Fatalf("first entry = %q, want the admin entry", faq[0].Question)
	}
	if faq[0].Sources == nil || faq[0].Alternates == nil {
		t.Error("admin entry: nil sources or alternates (JSON would print null)")
	}
	for _, e := range faq[1:] {
		if cite.QuestionKey(e.Question) == cite.QuestionKey(admin.Alternates[0]) {
			t.Errorf("extracted entry %q kept beside the admin entry that names it", e.Question)
		}
	}
}
