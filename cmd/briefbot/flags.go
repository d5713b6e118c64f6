package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// globals are the flags every subcommand takes.
type globals struct {
	config  string
	corpora stringList
	// stderr is where parse writes its notes (a flag read in the middle
	// of a question); nil: nowhere.
	stderr io.Writer
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.config, "config", g.config, "YAML config `FILE` (default: $BRIEFBOT_CONFIG, else built-in defaults and the environment)")
	fs.Var(&g.corpora, "corpus", "corpus `PATH` (directory or file), replaces the configured corpus; repeatable")
}

// flags returns a flag set for a subcommand that also takes the globals.
func (g *globals) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	return fs
}

// helpRequest is what parse returns for -h or -help: run prints the
// command's help page to stdout and exits 0.
type helpRequest struct{ fs *flag.FlagSet }

func (h helpRequest) Error() string { return h.fs.Name() + ": help requested" }

// parse parses a subcommand's flags wherever they stand among its
// arguments (flags anywhere, as the go command's users expect from other
// tools), turning mistakes into usage errors. "--" ends the flags: every
// word after it is an argument, so a question may start with a dash. A
// flag read between two words of a question is said on stderr, so its
// meaning never changes silently.
func (g *globals) parse(fs *flag.FlagSet, args []string) error {
	ordered, note, err := intersperse(fs, args)
	if err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	if err := fs.Parse(ordered); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return helpRequest{fs}
		}
		return usagef("%s: %v", fs.Name(), err)
	}
	if note != "" && g.stderr != nil {
		fmt.Fprintf(g.stderr, "briefbot: note: %s was read as a flag; to keep it in the text, put the text after --\n", note)
	}
	return nil
}

// intersperse moves the flags in args before the other arguments and puts
// "--" between them, so the standard flag package, which stops at the
// first argument, sees every flag. A flag's value is the next word unless
// it is a boolean flag or written -name=value. A word "-" alone is an
// argument (stdin), and so is a dash before anything but a letter
// ("-5%"). An undefined flag is an error that says how to pass
// the word as text. note names the first flag found between two
// arguments, if any.
func intersperse(fs *flag.FlagSet, args []string) (ordered []string, note string, err error) {
	var flags, rest []string
	wordsBefore := 0
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !looksLikeFlag(a) {
			rest = append(rest, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				flags = append(flags, a)
				continue
			}
			return nil, "", fmt.Errorf("flag provided but not defined: %s (to pass it as text, put it after --)", clip(a, 40))
		}
		if len(rest) > 0 && note == "" {
			// A flag after a word: noted if a word follows it too.
			note, wordsBefore = "-"+name, len(rest)
		}
		flags = append(flags, a)
		if !hasValue && !isBoolFlag(f) {
			if i+1 == len(args) {
				return nil, "", fmt.Errorf("flag needs an argument: -%s", name)
			}
			flags = append(flags, args[i+1])
			i++
		}
	}
	if len(rest) == wordsBefore {
		note = ""
	}
	return append(append(flags, "--"), rest...), note, nil
}

// looksLikeFlag reports whether a word is written as a flag: one or two
// dashes and a letter. "-", "-5%" and "--" are words (flag names start
// with a letter), so a number in a question needs no "--".
func looksLikeFlag(a string) bool {
	name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if name == a || name == "" {
		return false
	}
	c := name[0]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
