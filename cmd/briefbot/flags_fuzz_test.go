package main

import (
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"
)

// FuzzIntersperse: any command line either is refused or parses to the
// same words in the same order, with every flag set, and never panics.
func FuzzIntersperse(f *testing.F) {
	for _, s := range []string{
		"what is the 20 point plan -json",
		"donbas -json -corpus /tmp/x",
		"-- -json is what",
		"- -json",
		"a -since 2h b",
		"a -since",
		"-json=false x --corpus=y",
		"---x",
		"-h a",
		"why did oil fall -5% -json",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.Bool("json", false, "")
		fs.String("since", "", "")
		var corpora stringList
		fs.Var(&corpora, "corpus", "")
		ordered, _, err := intersperse(fs, args)
		if err != nil {
			return
		}
		if err := fs.Parse(ordered); err != nil {
			return // a bad value (-json=maybe) or -h
		}
		// The words are what is left once the flags and their values are
		// taken out, in order.
		var want []string
		for i := 0; i < len(args); i++ {
			a := args[i]
			if a == "--" {
				want = append(want, args[i+1:]...)
				break
			}
			if !looksLikeFlag(a) {
				want = append(want, a)
				continue
			}
			name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
			if (name == "since" || name == "corpus") && !hasValue {
				i++
			}
		}
		if got := fs.Args(); !reflect.DeepEqual(nonNil(got), nonNil(want)) {
			t.Errorf("args %q: words %q, want %q", args, got, want)
		}
	})
}
