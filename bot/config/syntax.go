package config

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// syntaxProblem turns a YAML syntax error into a Problem on the line where
// the parser meets it.
//
// The "line N" of the parser's message cannot be used as it is: for a
// scanner error (a tab, an unclosed quote) it is the line, but for a
// parser error it is one less than the line of the construct being
// parsed (an unclosed "[" on line 2 reads "line 1"). Instead the file is
// cut after each line in turn, and the first cut that fails with the very
// same message is where the parser found the problem: an unclosed "[" or
// quote is placed where it opens, a stray "key: value" where it stands.
// The whole file is the last cut, so one always does. The search starts
// at the message's line, so it costs a few parses; a message without a
// line starts it at line 1.
func syntaxProblem(file string, data []byte, err error) Problem {
	msg := err.Error()
	text := strings.TrimPrefix(msg, "yaml: ")
	text = strings.TrimSpace(leadingLine.ReplaceAllString(text, ""))
	line := yamlErrLine(err)
	lines := bytes.SplitAfter(data, []byte("\n"))
	// The message's line is at most one before the problem's, and no
	// shorter cut holds the problem: start there.
	start := max(line, 1)
	end := 0
	for _, l := range lines[:min(start-1, len(lines))] {
		end += len(l)
	}
	for k := start; k <= len(lines); k++ {
		end += len(lines[k-1])
		var n yaml.Node
		if perr := yaml.Unmarshal(data[:end], &n); perr != nil && perr.Error() == msg {
			line = k
			break
		}
	}
	if line > 0 && line <= len(lines) && tabIndented(lines[line-1]) && !strings.Contains(text, "tab") {
		text += " (YAML indents with spaces, not tabs)"
	}
	return Problem{File: file, Line: line, Msg: text}
}

// tabIndented reports whether a line's indentation holds a tab.
func tabIndented(line []byte) bool {
	for _, c := range line {
		switch c {
		case '\t':
			return true
		case ' ':
		default:
			return false
		}
	}
	return false
}
