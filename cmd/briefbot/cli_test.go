package main

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// sampleDir writes a small corpus folder and returns its path.
func sampleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "donbas.md", "---\ntitle: Talks stall over the Donbas\n---\n"+
		"Negotiators met again on Tuesday to discuss the Donbas. Russia wants the whole Donbas region, "+
		"and Ukraine refuses to withdraw its troops from the Donbas. The talks on the Donbas ended without "+
		"an agreement, and both sides said the Donbas remains the hardest question.\n")
	writeFile(t, dir, "oil.md", "---\ntitle: Oil prices rise\n---\n"+
		"Oil prices rose for a third day on Monday as traders weighed supply cuts. Brent crude gained two "+
		"percent, and analysts expect oil prices to stay high while supply stays short.\n")
	return dir
}

func TestFlagsAnywhere(t *testing.T) {
	dir := sampleDir(t)
	tests := []struct {
		name string
		args []string
		// json: stdout must be JSON; question: the asked question in it.
		json     bool
		question string
		stderr   string
	}{
		{"flag after the question", []string{"ask", "what", "is", "the", "20", "point", "plan", "-json"}, true, "what is the 20 point plan", ""},
		{"flag before the question", []string{"ask", "-json", "what", "is", "the", "20", "point", "plan"}, true, "what is the 20 point plan", ""},
		{"flags after the name", []string{"issue", "donbas", "-json", "-corpus", dir}, true, "", ""},
		{"-flag=value form", []string{"issue", "donbas", "-json=true", "--corpus=" + dir}, true, "", ""},
		{"-- keeps a dash word in the question", []string{"ask", "-json", "--", "-json", "what", "is", "the", "plan"}, true, "-json what is the plan", ""},
		{"a flag between words is said", []string{"ask", "what", "does", "-json", "mean"}, true, "what does mean", "-json was read as a flag"},
		{"stdin dash stays an argument", []string{"ask", "-", "-json"}, true, "", ""},
		{"a negative number needs no --", []string{"ask", "did", "oil", "fall", "-5%", "-json"}, true, "did oil fall -5%", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runCLI(t, "what is the 20 point plan\n", nil, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
			}
			if tc.question != "" && v["question"] != tc.question {
				t.Errorf("question %q, want %q", v["question"], tc.question)
			}
			if tc.stderr == "" && errs != "" {
				t.Errorf("unexpected stderr: %s", errs)
			}
			if !strings.Contains(errs, tc.stderr) {
				t.Errorf("stderr lacks %q: %s", tc.stderr, errs)
			}
		})
	}
}

// TestCorpusFlagAfterTheNameIsUsed: -corpus after the argument replaces
// the sample corpus (it used to be read as part of the name).
func TestCorpusFlagAfterTheNameIsUsed(t *testing.T) {
	dir := sampleDir(t)
	out, errs, code := runCLI(t, "", nil, "issues", "-json", "-corpus", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var issues []struct {
		Articles int `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &issues); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, is := range issues {
		total += is.Articles
	}
	if total > 2 {
		t.Errorf("issues count %d articles, but the corpus given has 2: -corpus was ignored", total)
	}
}

func TestBadFlagsAreUsageErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"unknown flag in a question", []string{"ask", "what", "is", "-x"}, []string{"flag provided but not defined: -x", "after --", "Run 'briefbot ask -h'"}},
		{"flag without its value", []string{"digest", "-since"}, []string{"flag needs an argument", "briefbot digest -h"}},
		{"unknown help topic", []string{"help", "frob"}, []string{`unknown command "frob"`}},
		{"a flag the command lacks", []string{"faq", "-since", "2h"}, []string{"flag provided but not defined: -since"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs, code := runCLI(t, "", nil, tc.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2: %s", code, errs)
			}
			for _, w := range tc.stderr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
}

func TestIntersperse(t *testing.T) {
	newFS := func() *flag.FlagSet {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.Bool("json", false, "")
		fs.String("since", "", "")
		return fs
	}
	tests := []struct {
		name string
		args []string
		want []string
		note string
	}{
		{"nothing", nil, []string{"--"}, ""},
		{"flags first already", []string{"-json", "a", "b"}, []string{"-json", "--", "a", "b"}, ""},
		{"flags last", []string{"a", "b", "-since", "2h", "-json"}, []string{"-since", "2h", "-json", "--", "a", "b"}, ""},
		{"value that looks like a word", []string{"-since", "24h", "a"}, []string{"-since", "24h", "--", "a"}, ""},
		{"double dash", []string{"a", "--", "-json", "-z"}, []string{"--", "a", "-json", "-z"}, ""},
		{"flag between words", []string{"a", "-json", "b"}, []string{"-json", "--", "a", "b"}, "-json"},
		{"valued flag between words", []string{"a", "-since", "2h", "b"}, []string{"-since", "2h", "--", "a", "b"}, "-since"},
		{"lone dash", []string{"-", "-json"}, []string{"-json", "--", "-"}, ""},
		{"a number is a word", []string{"oil", "-5%", "-json", "-1"}, []string{"-json", "--", "oil", "-5%", "-1"}, "-json"},
		{"dash before a symbol is a word", []string{"-$", "x"}, []string{"--", "-$", "x"}, ""},
		{"help", []string{"a", "-h"}, []string{"-h", "--", "a"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, note, err := intersperse(newFS(), tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) || note != tc.note {
				t.Errorf("got %q note %q, want %q note %q", got, note, tc.want, tc.note)
			}
		})
	}
	if _, _, err := intersperse(newFS(), []string{"a", "-nope"}); err == nil {
		t.Error("an undefined flag must be an error")
	}
}

// TestHelpPerCommand: every command has a help page with its usage, each
// of its flags and an example, on stdout with exit 0, both ways.
func TestHelpPerCommand(t *testing.T) {
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "-h"}, {"help", c.name}, {c.name, "--help"}} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				out, errs, code := runCLI(t, "", nil, args...)
				if code != 0 || errs != "" {
					t.Fatalf("exit %d, stderr %q", code, errs)
				}
				for _, w := range []string{"Usage: briefbot " + c.name, "Flags:", "-config FILE", "-corpus PATH", "Example:\n  ", "briefbot " + c.name} {
					if !strings.Contains(out, w) {
						t.Errorf("help lacks %q:\n%s", w, out)
					}
				}
			})
		}
	}
	out, _, _ := runCLI(t, "", nil, "ask", "-h")
	if !strings.Contains(out, "-json") {
		t.Errorf("ask -h does not list -json:\n%s", out)
	}
	out, _, _ = runCLI(t, "", nil, "digest", "-h")
	for _, w := range []string{"-dry-run", "-schedule", "-since DURATION", `(default "24h")`} {
		if !strings.Contains(out, w) {
			t.Errorf("digest -h lacks %q:\n%s", w, out)
		}
	}
}

// TestHelpOfHelp: "briefbot help -h", like every command's -h, prints
// the help page (the global one) and exits 0.
func TestHelpOfHelp(t *testing.T) {
	for _, flag := range []string{"-h", "--help", "-help"} {
		out, errs, code := runCLI(t, "", nil, "help", flag)
		if code != 0 || !strings.Contains(out, "Commands:") {
			t.Errorf("help %s: exit %d, stdout %q, stderr %q; want the help page and exit 0", flag, code, out, errs)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		out, errs, code := runCLI(t, "", nil, args...)
		if code != 0 || out != "briefbot "+version+"\n" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// TestEmptyCorpusIsAnError: paths that give no article make every
// knowledge command exit 1 with one line naming the file and why.
func TestEmptyCorpusIsAnError(t *testing.T) {
	dir := t.TempDir()
	pdf := writeFile(t, dir, "report.pdf", "%PDF-1.4")
	empty := writeFile(t, dir, "empty.txt", "")
	emptyDir := filepath.Join(dir, "nothing")
	writeFile(t, emptyDir, ".keep", "")
	evalFile := writeFile(t, dir, "q.tsv", "what is it?\tNONE\n")
	corpora := []struct {
		path, why string
	}{
		{pdf, "report.pdf: skipped: unsupported file type"},
		{empty, "empty.txt: no article text"},
		{emptyDir, "holds no file to read"},
	}
	cmds := [][]string{{"ask", "hello"}, {"faq"}, {"issues"}, {"issue", "donbas"}, {"digest"}, {"eval", evalFile}, {"chat"}}
	for _, c := range corpora {
		for _, args := range cmds {
			t.Run(filepath.Base(c.path)+"/"+args[0], func(t *testing.T) {
				_, errs, code := runCLI(t, "", nil, append(args, "-corpus", c.path)...)
				if code != 1 {
					t.Fatalf("exit %d, want 1: %s", code, errs)
				}
				if !strings.Contains(errs, "the corpus has no articles") || !strings.Contains(errs, c.why) {
					t.Errorf("stderr does not say why: %q", errs)
				}
				if n := strings.Count(strings.TrimSpace(errs), "\n"); n > 0 {
					t.Errorf("want one line, got %d:\n%s", n+1, errs)
				}
			})
		}
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{in: "24h", want: now.Add(-24 * time.Hour)},
		{in: "7d", want: now.AddDate(0, 0, -7)},
		{in: "2026-12-01T00:00:00Z", want: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{in: "-5h", bad: true},
		{in: "99999999999d", bad: true},
		{in: "36501d", bad: true},
		{in: "soon", bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSince(tc.in, now)
			if tc.bad != (err != nil) || (!tc.bad && !got.Equal(tc.want)) {
				t.Errorf("parseSince(%q) = %v, %v", tc.in, got, err)
			}
		})
	}
}
