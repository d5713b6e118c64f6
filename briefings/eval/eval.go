package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/briefings/cite"
)

// Item is one labelled question: the answer must contain one of
// Phrases (case-insensitive), or, when Decline is true, the bot must
// decline.
type Item struct {
	Line     int
	Question string
	Decline  bool
	Phrases  []string
}

// ErrFormat is wrapped by ParseEvalFile errors about bad lines.
var ErrFormat = errors.New("bad labelled question line")

// ParseFile reads the contract's labelled question format: one item
// per line, "question<TAB>NONE" (must decline) or
// "question<TAB>phrase one|phrase two" (the answer must contain one of the
// phrases); "#" lines and blank lines are ignored. Every bad line is
// reported with its line number in one error wrapping ErrEvalFormat.
func ParseFile(r io.Reader) ([]Item, error) {
	var items []Item
	var bad []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		q, label, ok := strings.Cut(line, "\t")
		q, label = strings.TrimSpace(q), strings.TrimSpace(label)
		switch {
		case !ok:
			bad = append(bad, fmt.Errorf("line %d: no tab between question and label", n))
			continue
		case q == "":
			bad = append(bad, fmt.Errorf("line %d: empty question", n))
			continue
		case label == "":
			bad = append(bad, fmt.Errorf("line %d: empty label (NONE or phrases)", n))
			continue
		}
		it := Item{Line: n, Question: q}
		if label == "NONE" {
			it.Decline = true
		} else {
			for _, p := range strings.Split(label, "|") {
				if p = strings.TrimSpace(p); p != "" {
					it.Phrases = append(it.Phrases, p)
				}
			}
			if len(it.Phrases) == 0 {
				bad = append(bad, fmt.Errorf("line %d: no phrases in label", n))
				continue
			}
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read labelled questions: %w", err)
	}
	if len(bad) > 0 {
		return items, fmt.Errorf("%w: %w", ErrFormat, errors.Join(bad...))
	}
	return items, nil
}

// Miss is one item the bot got wrong, with what came back.
type Miss struct {
	Item Item
	Got  cite.Answer
}

// Report is the accuracy of Ask on a labelled set.
type Report struct {
	Total, Correct int
	// Answerable items (with phrases) and must-decline items (NONE).
	Answerable, AnswerableCorrect int
	Decline, DeclineCorrect       int
	Misses                        []Miss
}

// Accuracy is the share of correct items (0 for an empty set).
func (r Report) Accuracy() float64 { return ratio(r.Correct, r.Total) }

// AnswerableAccuracy is the share of answerable items answered correctly.
func (r Report) AnswerableAccuracy() float64 { return ratio(r.AnswerableCorrect, r.Answerable) }

// DeclineAccuracy is the share of must-decline items declined.
func (r Report) DeclineAccuracy() float64 { return ratio(r.DeclineCorrect, r.Decline) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Asker answers a question; *briefings.KB is one.
type Asker interface {
	Ask(question string) cite.Answer
}

// Run asks a every item and scores the answers: a NONE item is correct when
// the bot declines; another is correct when the bot answers and the answer
// text contains one of its phrases, case-insensitively.
func Run(a Asker, items []Item) Report {
	var r Report
	for _, it := range items {
		got := a.Ask(it.Question)
		ok := Correct(it, got)
		r.Total++
		if it.Decline {
			r.Decline++
		} else {
			r.Answerable++
		}
		if !ok {
			r.Misses = append(r.Misses, Miss{Item: it, Got: got})
			continue
		}
		r.Correct++
		if it.Decline {
			r.DeclineCorrect++
		} else {
			r.AnswerableCorrect++
		}
	}
	return r
}

// Correct reports whether got is a right answer to it.
func Correct(it Item, got cite.Answer) bool {
	if it.Decline {
		return !got.Answered
	}
	if !got.Answered {
		return false
	}
	ans := strings.ToLower(got.Answer)
	for _, p := range it.Phrases {
		if strings.Contains(ans, strings.ToLower(p)) {
			return true
		}
	}
	return false
}

// WriteText writes the report for people: accuracy overall, answerable
// and must-decline, then every miss with what came back.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "accuracy      %5.1f%%  (%d/%d)\n", 100*r.Accuracy(), r.Correct, r.Total)
	fmt.Fprintf(&b, "answerable    %5.1f%%  (%d/%d)\n", 100*r.AnswerableAccuracy(), r.AnswerableCorrect, r.Answerable)
	fmt.Fprintf(&b, "must decline  %5.1f%%  (%d/%d)\n", 100*r.DeclineAccuracy(), r.DeclineCorrect, r.Decline)
	if len(r.Misses) > 0 {
		fmt.Fprintf(&b, "\nmisses (%d):\n", len(r.Misses))
	}
	for _, m := range r.Misses {
		want := "decline"
		if !m.Item.Decline {
			want = "answer containing " + quoteAll(m.Item.Phrases)
		}
		fmt.Fprintf(&b, "\nline %d: %s\n  want: %s\n", m.Item.Line, m.Item.Question, want)
		if m.Got.Answered {
			fmt.Fprintf(&b, "  got:  %s (confidence %.2f) %s\n", m.Got.Kind, m.Got.Confidence, clip(m.Got.Title, 80))
			fmt.Fprintf(&b, "        %s\n", clip(m.Got.Answer, 200))
		} else {
			fmt.Fprintf(&b, "  got:  declined\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func quoteAll(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = fmt.Sprintf("%q", p)
	}
	return strings.Join(q, " or ")
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
