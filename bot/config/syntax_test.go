package config

import (
	"strings"
	"testing"
)

// TestSyntaxErrorLines checks a YAML syntax error is reported on the line
// where it is, whatever line the parser's own message names.
func TestSyntaxErrorLines(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the whole output of Problems.Error
	}{
		{"tab indentation", "corpus:\n  paths: [a]\nanswer:\n\tmin_confidence: 0.3\n",
			"bb.yaml:4: found character that cannot start any token (YAML indents with spaces, not tabs)"},
		{"unclosed quote", "answer:\n  min_confidence: 0.3\n  default_answer: \"no idea\nhttp:\n  listen: x\n",
			"bb.yaml:3: found unexpected end of stream"},
		{"unclosed quote after a multi-line list", "corpus:\n  paths: [a,\n    b]\nhttp:\n  listen: \"x\n",
			"bb.yaml:5: found unexpected end of stream"},
		{"bad mapping: a second colon", "answer:\n  min_confidence: 0.3\n  default_answer: a: b\nhttp:\n  listen: x\n",
			"bb.yaml:3: mapping values are not allowed in this context"},
		{"bad mapping: no colon", "answer:\n  min_confidence: 0.3\nhttp listen\nlog:\n  level: info\n",
			"bb.yaml:3: could not find expected ':'"},
		{"bad mapping: key dedented", "answer:\n  min_confidence: 0.3\n default_answer: x\nhttp:\n  listen: y\n",
			"bb.yaml:3: did not find expected key"},
		{"bad mapping: text after a quoted value", "answer:\n  default_answer: \"a\" b\n",
			"bb.yaml:2: did not find expected key"},
		{"key in a list", "corpus:\n  paths:\n    - a\n    b: c\n",
			"bb.yaml:4: did not find expected '-' indicator"},
		{"unclosed flow list", "corpus:\n  paths: [a\nhttp:\n  listen: x\n",
			"bb.yaml:2: did not find expected ',' or ']'"},
		{"unknown anchor", "answer: &x\n  min_confidence: 0.3\nhttp: *y\n",
			"bb.yaml:3: unknown anchor 'y' referenced"},
		{"duplicate key", "answer:\n  min_confidence: 0.3\nhttp:\n  listen: \"127.0.0.1:1\"\n  listen: \"127.0.0.1:2\"\n",
			`bb.yaml:5: mapping key "listen" already defined at line 4`},
		{"duplicate key beside another problem", "answer:\n  min_confidence: 0.3\n  colour: red\n  min_confidence: 0.4\n",
			"bb.yaml:3: answer.colour: unknown key (known: default_answer, min_confidence)\n" +
				`bb.yaml:4: mapping key "min_confidence" already defined at line 2`},
		{"tab and no final newline", "answer:\n  min_confidence: 0.3\n\tdefault_answer: x",
			"bb.yaml:3: found a tab character that violates indentation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("bb.yaml", strings.NewReader(tt.src), env(nil))
			if _, ok := IsProblems(err); !ok {
				t.Fatalf("want problems, got %v", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
