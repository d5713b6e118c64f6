package corpus

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "  ", nil},
		{"one", "Just one sentence.", []string{"Just one sentence."}},
		{"no final period", "Two parts. And no end", []string{"Two parts.", "And no end"}},
		{"question and exclamation", "Is it over? Not yet! We wait.", []string{"Is it over?", "Not yet!", "We wait."}},
		{"US mid sentence", "The U.S. President Donald Trump met Zelenskyy.", []string{"The U.S. President Donald Trump met Zelenskyy."}},
		{"US before lower case", "The U.S. envoy arrived in Kyiv.", []string{"The U.S. envoy arrived in Kyiv."}},
		{"US at sentence end", "Talks moved to the U.S. The meeting was long.", []string{"Talks moved to the U.S.", "The meeting was long."}},
		{"UK supplied", "It used U.K.-supplied missiles. Two were hit.", []string{"It used U.K.-supplied missiles.", "Two were hit."}},
		{"month abbreviation and day", "Russia invaded on Feb. 24, 2022. This date is key.", []string{"Russia invaded on Feb. 24, 2022.", "This date is key."}},
		{"titles", "Mr. Smith met Dr. Jones and Gov. Yuri Slyusar at St. Mary's.", []string{"Mr. Smith met Dr. Jones and Gov. Yuri Slyusar at St. Mary's."}},
		{"e.g. and i.e.", "Some tools, e.g. dpkg, work offline, i.e. Without a network.", []string{"Some tools, e.g. dpkg, work offline, i.e. Without a network."}},
		{"number abbreviation", "He was ranked No. 5 in the poll. Then he fell.", []string{"He was ranked No. 5 in the poll.", "Then he fell."}},
		{"initials", "The novel by J. K. Rowling sold well. Critics agreed.", []string{"The novel by J. K. Rowling sold well.", "Critics agreed."}},
		{"one-letter name at end", "B must be installed to run A. In some cases it is not.", []string{"B must be installed to run A.", "In some cases it is not."}},
		{"middle initial", "Donald J. Trump said so.", []string{"Donald J. Trump said so."}},
		{"decimals and thousands", "Growth was 3.5% in 2024. About 1,000 jobs came. 95% agreed.", []string{"Growth was 3.5% in 2024.", "About 1,000 jobs came.", "95% agreed."}},
		{"closing quote", "“It is over,” he said. “We won.” Then silence.", []string{"“It is over,” he said.", "“We won.”", "Then silence."}},
		{"ascii quotes", `He said "absolutely not." Nobody replied.`, []string{`He said "absolutely not."`, "Nobody replied."}},
		{"question inside quote then lower case", "“Are you in?” she asked. He nodded.", []string{"“Are you in?” she asked.", "He nodded."}},
		{"period inside quote ends", "a “big step.” Russia refrained.", []string{"a “big step.”", "Russia refrained."}},
		{"ellipsis then lower case", "what Debian is... what is Linux?! It is a kernel.", []string{"what Debian is... what is Linux?!", "It is a kernel."}},
		{"unicode ellipsis then capital", "talking about power plants … We’re already talking.", []string{"talking about power plants …", "We’re already talking."}},
		{"section number at start", "2.1. What is the latest version of Debian?", []string{"2.1. What is the latest version of Debian?"}},
		{"a.m. before name", "It starts at 9 a.m. Eastern time.", []string{"It starts at 9 a.m. Eastern time."}},
		{"p.m. at end", "It ended at 5 p.m. The crowd left.", []string{"It ended at 5 p.m.", "The crowd left."}},
		{"Inc. mid sentence", "Acme Inc. Chief Executive Jane Roe spoke.", []string{"Acme Inc. Chief Executive Jane Roe spoke."}},
		{"etc. at end", "Apples, pears, etc. The list goes on.", []string{"Apples, pears, etc.", "The list goes on."}},
		{"parenthesis", "He left (for good). She stayed.", []string{"He left (for good).", "She stayed."}},
		{"sentence starting with number", "The vote was close. 52 members agreed.", []string{"The vote was close.", "52 members agreed."}},
		{"currency after period", "It was cheap. $5 bought it.", []string{"It was cheap.", "$5 bought it."}},
		{"url and version", "See www.debian.org/doc for v1.2.3 notes. Done.", []string{"See www.debian.org/doc for v1.2.3 notes.", "Done."}},
		{"wrapped whitespace", "One\nline  broken.\n  Two.", []string{"One line broken.", "Two."}},
		{"file name at sentence end", "Add it to /etc/dpkg/dpkg.cfg. Be sure to rotate it.", []string{"Add it to /etc/dpkg/dpkg.cfg.", "Be sure to rotate it."}},
		{"chinese", "北京今天下雨。明天会晴吗？会的！", []string{"北京今天下雨。", "明天会晴吗？", "会的！"}},
		{"colon list stays", "Steps: 1. Open it.", []string{"Steps: 1. Open it."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitSentences(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitSentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if len(got) > 0 && strings.Join(got, " ") != fold(tt.in) && tt.name != "chinese" {
				t.Errorf("sentences do not join back to the text: %q", got)
			}
		})
	}
}

func TestSplitSentencesCapsLength(t *testing.T) {
	words := strings.Fields(strings.Repeat("the bank said customers were safe ", 100))
	tests := []struct {
		name string
		in   string
	}{
		{"no punctuation", strings.Join(words, " ")},
		{"commas", strings.Join(words[:90], " ") + ", " + strings.Join(words[90:], " ") + "."},
		{"after a short sentence", "It began. " + strings.Join(words, " ")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitSentences(tt.in)
			if len(got) < 2 {
				t.Fatalf("got %d sentences, want the text cut", len(got))
			}
			for _, s := range got {
				if n := len(strings.Fields(s)); n > maxSentenceWords || s == "" {
					t.Errorf("sentence of %d words: %.60q", n, s)
				}
			}
			if strings.Join(got, " ") != fold(tt.in) {
				t.Errorf("sentences do not join back to the text")
			}
		})
	}
	if got := SplitSentences(strings.Join(words[:90], " ") + ", " + strings.Join(words[90:], " ")); !strings.HasSuffix(got[0], ",") {
		t.Errorf("cut at %q, want after the comma", got[0][len(got[0])-20:])
	}
}
