package console

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
	"github.com/briefbot/briefbot/corpus"
	"github.com/briefbot/briefbot/corpus/corpustest"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata")

var (
	kbOnce            sync.Once
	sampleKB, synthKB *briefings.KB
	kbErr             error
)

func kbs(t *testing.T) (sample, synth *briefings.KB) {
	t.Helper()
	kbOnce.Do(func() {
		var err error
		sampleKB, kbErr = briefings.Build(context.Background(), corpus.Sample(), briefings.Options{})
		synthKB, err = briefings.Build(context.Background(), corpustest.Synthetic(40, 7), briefings.Options{})
		if kbErr == nil {
			kbErr = err
		}
	})
	if kbErr != nil {
		t.Fatal(kbErr)
	}
	return sampleKB, synthKB
}

func newBot(t *testing.T, kb *briefings.KB) *bot.Bot {
	t.Helper()
	b, err := bot.New(bot.Options{KB: kb, Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func run(t *testing.T, kb *briefings.KB, input string, opts Options) string {
	t.Helper()
	var out bytes.Buffer
	if err := New(newBot(t, kb), strings.NewReader(input), &out, opts).Run(t.Context()); err != nil {
		t.Fatalf("Run = %v", err)
	}
	return out.String()
}

// TestTranscripts replays the sessions in testdata/*.in and compares the
// output with the golden transcripts (go test -update rewrites them).
//
// The answers come from the knowledge base, which improves independently
// of the console. Beside each golden file, NAME.golden.kb holds a hash of
// the messages the bot returned for the session: when the bot now returns
// different messages, the transcript is only checked for its shape (and
// the test says to regenerate); when the messages are the same, the
// rendering must match the golden transcript exactly.
func TestTranscripts(t *testing.T) {
	sample, synth := kbs(t)
	tests := []struct {
		name string
		kb   *briefings.KB
		opts Options
	}{
		{"sample_piped", sample, Options{}},
		{"sample_interactive", sample, Options{Interactive: true}},
		{"sample_narrow", sample, Options{Width: 50}},
		{"sample_picks", sample, Options{}},
		{"synthetic_piped", synth, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata", tt.name+".in"))
			if err != nil {
				t.Fatal(err)
			}
			got := run(t, tt.kb, string(in), tt.opts)
			checkShape(t, got, string(in), tt.opts)
			golden := filepath.Join("testdata", tt.name+".golden")
			kbHash := messagesHash(t, tt.kb, string(in))
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden+".kb", []byte(kbHash+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			wantHash, err := os.ReadFile(golden + ".kb")
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(wantHash)) != kbHash {
				t.Logf("the knowledge base answers differently than when %s was written: shape checked only; regenerate with -update", golden)
				return
			}
			if got != string(want) {
				t.Errorf("transcript differs from %s for the same messages:\n%s", golden, got)
			}
		})
	}
}

// messagesHash hashes the messages a fresh bot returns for the session's
// lines, as the console would send them.
func messagesHash(t *testing.T, kb *briefings.KB, in string) string {
	t.Helper()
	b := newBot(t, kb)
	c := New(b, nil, nil, Options{})
	h := sha256.New()
	var last picks
	for line := range strings.Lines(in) {
		line = strings.TrimSpace(line)
		if line == "/quit" {
			break
		}
		if line == "" {
			continue
		}
		r := c.request(line)
		if p, ok := last.pick(line); ok {
			r = p
		}
		m := b.Handle(t.Context(), r)
		last = picks{req: r, suggestions: m.Suggestions}
		if err := json.NewEncoder(h).Encode(m); err != nil {
			t.Fatal(err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// checkShape asserts what holds whatever the knowledge base answers.
func checkShape(t *testing.T, got, in string, opts Options) {
	t.Helper()
	width := opts.Width
	if width == 0 {
		width = DefaultWidth
	}
	for line := range strings.Lines(got) {
		line = strings.TrimSuffix(line, "\n")
		if n := utf8.RuneCountInString(line); n > width && strings.Count(strings.TrimSpace(line), " ") > 0 {
			t.Errorf("line of %d runes, wider than %d: %q", n, width, line)
		}
	}
	if opts.Interactive {
		welcome, _, _ := strings.Cut(got, "\n\n")
		if !strings.HasPrefix(welcome, "briefbot · ") || !strings.Contains(welcome, "article") || !strings.Contains(welcome, "/help") {
			t.Errorf("no welcome naming the corpus and /help: %q", welcome)
		}
	} else if strings.Contains(got, "> ") && strings.HasPrefix(got, "> ") || strings.Contains(got, "\n> ") || strings.Contains(got, "briefbot · ") {
		t.Error("piped output has a prompt or a welcome")
	}
	if strings.Contains(in, "/quit") && strings.Contains(got, "AFTER-QUIT") {
		t.Error("input after /quit was answered")
	}
}

func TestPipedAnswers(t *testing.T) {
	sample, synth := kbs(t)
	for _, kb := range []*briefings.KB{sample, synth} {
		q := kb.FAQ()[0].Question
		got := run(t, kb, q+"\n/ask what is on the canteen lunch menu on friday\n/issue "+kb.Issues()[0].Name+"\n", Options{})
		answers := strings.Split(got, "\n\n\n")
		checks := []struct{ name, want string }{
			{"sources under the answer", "\nSources:\n  [1] "},
			{"confidence", "confidence"},
			{"decline", kb.Ask("what is on the canteen lunch menu on friday").Answer},
			{"issue", kb.Issues()[0].Name},
		}
		if len(kb.Ask("what is on the canteen lunch menu on friday").Suggestions) > 0 {
			checks = append(checks, struct{ name, want string }{"suggestions", "Did you mean:\n  1. "})
		}
		for _, c := range checks {
			if !strings.Contains(got, c.want) {
				t.Errorf("%s: output lacks %q:\n%s", c.name, c.want, got)
			}
		}
		if len(answers) < 1 {
			t.Error("no answers")
		}
	}
}

func TestQuitAndEOF(t *testing.T) {
	sample, _ := kbs(t)
	got := run(t, sample, "/help\n/quit\n/issues\n", Options{})
	if !strings.Contains(got, "/ask <question>") || strings.Contains(got, "Issues (") {
		t.Errorf("/quit did not stop the session:\n%s", got)
	}
	if got := run(t, sample, "", Options{}); got != "" {
		t.Errorf("empty input gave %q", got)
	}
	got = run(t, sample, "\n\n", Options{Interactive: true})
	if strings.Count(got, "> ") != 3 {
		t.Errorf("blank lines should just prompt again: %q", got)
	}
}

func TestCancel(t *testing.T) {
	sample, _ := kbs(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(t.Context())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- New(newBot(t, sample), pr, &out, Options{}).Run(ctx) }()
	io.WriteString(pw, "/help\n")
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
}

func TestPickSuggestion(t *testing.T) {
	sample, _ := kbs(t)
	_, sugg, ok := sample.FindIssue("qqqq")
	if ok || len(sugg) == 0 {
		t.Skip("the knowledge base finds an issue for qqqq or suggests none")
	}
	got := run(t, sample, "/issue qqqq\n1\n", Options{})
	_, after, _ := strings.Cut(got, "Type a number to pick one.\n")
	if !strings.HasPrefix(strings.TrimLeft(after, "\n"), sugg[0]+"\n") {
		t.Errorf("picking 1 did not show %q:\n%s", sugg[0], got)
	}
	got = run(t, sample, "/issue qqqq\n/help\n1\n", Options{})
	if strings.Count(got, "Type a number") != 1 || !strings.Contains(got, "Nothing to pick") || strings.Contains(got, "confidence") {
		t.Errorf("a number after another command was asked as a question:\n%s", got)
	}
	got = run(t, sample, "/issue qqqq\n9\n1\n", Options{})
	_, after, _ = strings.Cut(got, "No such choice")
	if !strings.Contains(after, fmt.Sprintf("from 1 to %d", len(sugg))) || !strings.Contains(after, "\n"+sugg[0]+"\n") {
		t.Errorf("a number out of range should say the range and keep the list:\n%s", got)
	}
}

// TestQuitWords: quit and exit end the session with or without a slash.
func TestQuitWords(t *testing.T) {
	sample, _ := kbs(t)
	for _, w := range []string{"quit", "exit", "/quit", "/exit", "Quit"} {
		if got := run(t, sample, "/help\n"+w+"\n/issues\n", Options{}); strings.Contains(got, "Issues (") || strings.Contains(got, "No confident answer") {
			t.Errorf("%q did not end the session:\n%s", w, got)
		}
	}
}

// TestBriefNothingNewReadsFirst: when nothing is new, /brief says so at the
// top, before the latest news and its sources, with and without an issue.
func TestBriefNothingNewReadsFirst(t *testing.T) {
	arts := corpustest.Synthetic(20, 3)
	for i := range arts {
		arts[i].Published = time.Date(2025, 1, 1+i, 0, 0, 0, 0, time.UTC) // long before the bot's clock
	}
	kb, err := briefings.Build(t.Context(), arts, briefings.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"/brief", "/brief " + kb.Issues()[0].Name} {
		t.Run(cmd, func(t *testing.T) {
			out := run(t, kb, cmd+"\n", Options{})
			note, news, srcs := strings.Index(out, "Nothing new"), strings.Index(out, "  • "), strings.Index(out, "Sources:")
			if note < 0 || news < 0 || srcs < 0 || !(note < news && news < srcs) {
				t.Errorf("want the nothing-new line, then the news, then the sources:\n%s", out)
			}
		})
	}
}
