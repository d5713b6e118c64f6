package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefings"
)

// runCLI runs briefbot in-process and returns its stdout, stderr and exit code.
func runCLI(t *testing.T, stdin string, vars map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}}
	err := e.run(context.Background(), args)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", "answer: { min_confidence: 0.5 }\n")
	bad := writeFile(t, dir, "bad.yaml", "answer:\n  min_confidence: 2\nslack:\n  app_token: ${APP}\n  colour: blue\n")
	broken := writeFile(t, dir, "broken.yaml", "answer:\n  min_confidence: 0.3\ncorpus:\n  paths: [news\nhttp:\n  listen: x\n")
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stdout []string
		stderr string
	}{
		{"no config is ok", []string{"validate"}, nil, 0, []string{"ok"}, ""},
		{"good file", []string{"-config", good, "validate"}, nil, 0, []string{"ok"}, ""},
		{"flag after the command", []string{"validate", "-config", good}, nil, 0, []string{"ok"}, ""},
		{"every problem with file and line", []string{"-config", bad, "validate"}, nil, 1, []string{
			bad + ":2: answer.min_confidence: must be between 0 and 1",
			bad + ":4: slack.app_token: environment variable APP is not set",
			bad + ":5: slack.colour: unknown key",
		}, ""},
		{"syntax error on its line", []string{"-config", broken, "validate"}, nil, 1, []string{
			broken + ":4: did not find expected ',' or ']'",
		}, ""},
		{"missing file", []string{"-config", filepath.Join(dir, "nope.yaml"), "validate"}, nil, 1, nil, "no such file"},
		{"unknown command", []string{"frobnicate"}, nil, 2, nil, `unknown command "frobnicate"`},
		{"bad flag", []string{"ask", "-frob"}, nil, 2, nil, "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runCLI(t, "", tc.env, tc.args...)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errs, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, errs)
			}
			if code == 1 && tc.stderr != "" && strings.Count(strings.TrimSpace(errs), "\n") > 0 {
				t.Errorf("runtime errors are one line, got:\n%s", errs)
			}
		})
	}
}

func TestAskJSONLines(t *testing.T) {
	in := "how close is the 20 point plan\nwhat is the capital of australia\n\n"
	// Three lines in, three answers out: a blank line is declined, never skipped.
	out, errs, code := runCLI(t, in, nil, "ask", "-json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 answers, got %d:\n%s", len(lines), out)
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		for _, k := range []string{"question", "answered", "kind", "title", "answer", "confidence", "sources", "suggestions"} {
			if _, ok := m[k]; !ok {
				t.Errorf("answer lacks %q: %s", k, l)
			}
		}
		if (m["kind"] == "none") == m["answered"].(bool) {
			t.Errorf("answered must be false exactly when kind is none: %s", l)
		}
	}
}

func TestAskNeedsAQuestion(t *testing.T) {
	_, errs, code := runCLI(t, "", nil, "ask")
	if code != 2 || !strings.Contains(errs, "give a question") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

func TestExitCodes(t *testing.T) {
	if got := exitCode(nil, io.Discard); got != 0 {
		t.Errorf("nil: %d", got)
	}
	if got := exitCode(context.Canceled, io.Discard); got != 0 {
		t.Errorf("interrupted: %d", got)
	}
	if got := exitCode(errors.New("x"), io.Discard); got != 1 {
		t.Errorf("runtime: %d", got)
	}
	if got := exitCode(usagef("x"), io.Discard); got != 2 {
		t.Errorf("usage: %d", got)
	}
}

// TestAskDeclinedHintFitsTheCLI: a declined answer with suggestions tells
// a command-line user how to ask again there, not with the chat's /ask.
// (The JSON encodes the answer itself and carries no footer.)
func TestAskDeclinedHintFitsTheCLI(t *testing.T) {
	tests := []struct {
		name string
		ans  briefings.Answer
		want string
	}{
		{"declined with suggestions", briefings.Answer{Question: "what", Kind: briefings.KindNone, Answer: "Sorry.",
			Suggestions: []string{"What is the 20-point plan?", "Who guarantees security?"}}, cliRetry},
		{"declined without suggestions", briefings.Answer{Question: "pancakes", Kind: briefings.KindNone, Answer: "Sorry."}, "Sorry."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			writeAnswerText(&b, tt.ans)
			out := b.String()
			if !strings.HasPrefix(out, "No confident answer") || !strings.HasSuffix(strings.TrimSpace(out), tt.want) || strings.Contains(out, "/ask") {
				t.Errorf("want it to end with %q and never mention /ask:\n%s", tt.want, out)
			}
		})
	}
}
