package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a config file.
type Problem struct {
	File  string
	Line  int // 0 when the problem has no single line
	Field string
	Msg   string
}

// maxMsg bounds a problem's message, so one line stays one readable line
// whatever the file holds.
const maxMsg = 300

// maxQuoted bounds a value quoted in a problem.
const maxQuoted = 60

// quote quotes a value for a problem, clipped to maxQuoted characters.
func quote(s string) string {
	r := []rune(s)
	if len(r) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(string(r[:maxQuoted])) + fmt.Sprintf("… (%d bytes)", len(s))
}

func (p Problem) String() string {
	msg := p.Msg
	if r := []rune(msg); len(r) > maxMsg {
		msg = string(r[:maxMsg]) + "…"
	}
	loc := p.File
	if loc == "" {
		loc = "config"
	}
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, p.Line)
	}
	if p.Field == "" {
		return loc + ": " + msg
	}
	return loc + ": " + p.Field + ": " + msg
}

// Problems is every problem found in a config, in file order. It is the
// error Load, Parse and Validate return.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Lines maps a field path ("schedules[0].cron") to its line in the file.
type Lines map[string]int

// Getenv looks up an environment variable; os.LookupEnv in production.
type Getenv func(name string) (string, bool)

// Load reads, parses and validates the config file at path, with
// relative paths taken from the file's folder.
func Load(path string, o ValidateOptions) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open config: %w", err)
	}
	defer f.Close()
	return Read(path, f, os.LookupEnv, o)
}

// Read parses YAML from r and validates it: every problem of both steps
// comes back at once as Problems, in file order. Relative paths are taken
// from file's folder. The returned config is as complete as the file
// allowed, also on error.
func Read(file string, r io.Reader, getenv Getenv, o ValidateOptions) (*Config, error) {
	cfg, lines, err := Parse(file, r, getenv)
	parsed, ok := IsProblems(err)
	if err != nil && !ok {
		return cfg, err
	}
	cfg.ResolvePaths(filepath.Dir(file))
	verr := cfg.Validate(file, lines, o)
	all := append(Problems(nil), parsed...)
	if vs, ok := IsProblems(verr); ok {
		seen := map[string]bool{}
		for _, p := range parsed {
			seen[p.Field] = true
		}
		for _, p := range vs {
			if !seen[p.Field] {
				all = append(all, p)
			}
		}
	}
	if len(all) == 0 {
		return cfg, nil
	}
	sortProblems(all)
	return cfg, all
}

// varRef matches a variable reference ${NAME}, or the escape $${ that
// stands for a literal ${.
var varRef = regexp.MustCompile(`\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// Parse reads YAML from r on top of Defaults() (with http.listen from
// $BRIEFBOT_LISTEN when it is set). ${VAR} is expanded inside values only
// (never keys), and $${ stands for a literal ${; an unset variable, an
// unknown key or a value of the wrong type is a Problem naming file, line
// and field. It returns the
// config, the line of every field, and a Problems error when anything was
// wrong.
func Parse(file string, r io.Reader, getenv Getenv) (*Config, Lines, error) {
	cfg := defaultsFrom(getenv)
	lines := Lines{}
	data, err := io.ReadAll(r)
	if err != nil {
		return cfg, lines, fmt.Errorf("read config: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return cfg, lines, Problems{syntaxProblem(file, data, err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return cfg, lines, nil // an empty file: all defaults
	}
	w := walker{file: file, getenv: getenv, lines: lines}
	root := doc.Content[0]
	w.walk(root, reflect.TypeOf(*cfg), "")
	// Decode as much as the file allows, also when it has problems, so
	// Validate can report the rest. The walk already named every type
	// error, but not a duplicate key.
	if err := root.Decode(cfg); err != nil {
		for _, p := range decodeProblems(file, err) {
			if len(w.problems) == 0 || strings.Contains(p.Msg, "already defined") {
				w.problems = append(w.problems, p)
			}
		}
	}
	if len(w.problems) > 0 {
		sortProblems(w.problems)
		return cfg, lines, w.problems
	}
	return cfg, lines, nil
}

type walker struct {
	file     string
	getenv   Getenv
	lines    Lines
	problems Problems
}

func (w *walker) add(n *yaml.Node, field, format string, args ...any) {
	w.problems = append(w.problems, Problem{File: w.file, Line: n.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

var (
	durationType = reflect.TypeOf(Duration(0))
	boolPtrType  = reflect.TypeOf((*bool)(nil))
)

// walk checks node against type t: unknown keys, kinds, scalar types, and
// expands ${VAR} in scalar values in place.
func (w *walker) walk(n *yaml.Node, t reflect.Type, path string) {
	if path != "" {
		if _, ok := w.lines[path]; !ok {
			w.lines[path] = n.Line
		}
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	switch {
	case t == durationType:
		if !w.scalar(n, path) {
			return
		}
		if _, err := time.ParseDuration(n.Value); err != nil {
			w.add(n, path, "%s is not a duration (use 90s, 15m, 6h)", quote(n.Value))
		}
	case t.Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			w.add(n, path, "must be a mapping of keys")
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := fields[k.Value]
			sub := join(path, k.Value)
			if !ok {
				w.add(k, sub, "unknown key (known: %s)", strings.Join(sortedKeys(fields), ", "))
				continue
			}
			w.lines[sub] = k.Line
			w.walk(v, f.Type, sub)
		}
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			w.add(n, path, "must be a list")
			return
		}
		for i, c := range n.Content {
			w.walk(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case t == boolPtrType:
		w.walk(n, t.Elem(), path)
	default:
		if !w.scalar(n, path) {
			return
		}
		v := reflect.New(t)
		if err := n.Decode(v.Interface()); err != nil {
			w.add(n, path, "%s is not a valid %s", quote(n.Value), t.Kind())
		}
	}
}

// scalar checks n is a scalar and expands variables in it.
func (w *walker) scalar(n *yaml.Node, path string) bool {
	if n.Kind != yaml.ScalarNode {
		w.add(n, path, "must be a single value")
		return false
	}
	if !strings.Contains(n.Value, "${") {
		return true
	}
	ok := true
	expanded := false
	n.Value = varRef.ReplaceAllStringFunc(n.Value, func(ref string) string {
		if ref == "$${" {
			return "${"
		}
		expanded = true
		name := varRef.FindStringSubmatch(ref)[1]
		val, set := w.getenv(name)
		if !set {
			w.add(n, path, "environment variable %s is not set", name)
			ok = false
		}
		return val
	})
	if ok && expanded && n.Style == 0 {
		// A plain scalar whose value came from the environment is a string
		// unless the field wants another type; let Decode resolve it.
		n.Tag = ""
	}
	return ok
}

func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		out[name] = f
	}
	return out
}

func sortedKeys(m map[string]reflect.StructField) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

var (
	lineRe      = regexp.MustCompile(`line (\d+):?`)
	leadingLine = regexp.MustCompile(`^line \d+:\s*`)
)

func yamlErrLine(err error) int {
	m := lineRe.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

func sortProblems(ps Problems) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// decodeProblems splits a decoding error into one problem per line.
func decodeProblems(file string, err error) Problems {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return Problems{{File: file, Line: yamlErrLine(err), Msg: strings.TrimLeft(lineRe.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), ""), ": ")}}
	}
	var ps Problems
	for _, e := range te.Errors {
		ps = append(ps, Problem{File: file, Line: yamlErrLine(errors.New(e)), Msg: leadingLine.ReplaceAllString(e, "")})
	}
	return ps
}

// UnmarshalYAML reads a duration such as "90s" or "6h". A bad value is a
// type error, so decoding goes on with the rest of the file.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s is not a duration", n.Line, quote(n.Value))}}
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes a duration as "6h0m0s".
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// Std returns d as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// IsProblems reports whether err carries config problems.
func IsProblems(err error) (Problems, bool) {
	var ps Problems
	ok := errors.As(err, &ps)
	return ps, ok
}
