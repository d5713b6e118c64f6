package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// env is what a subcommand gets: its arguments and the process's streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// interactive is true when stdin and stdout are a terminal.
	interactive bool
	getenv      func(string) (string, bool)
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, e *env, g *globals, args []string) error
}

func commands() []command {
	return []command{
		{"ask", "[-json] QUESTION... | [-json] -", "answer a question (or one per stdin line with -)", runAsk},
		{"faq", "[-json]", "print every FAQ entry", runFAQ},
		{"issues", "[-json]", "print every issue with its summary", runIssues},
		{"issue", "[-json] NAME", "print one issue (NAME is matched fuzzily)", runIssue},
		{"digest", "[-json] [-schedule NAME] [-since DURATION|RFC3339] [-dry-run]", "print or post the briefing of what is new", runDigest},
		{"schedules", "", "list the schedules with their next three runs", runSchedules},
		{"unanswered", "[-json|-text] [-since DURATION|RFC3339]", "the declined questions of the query log, grouped, with faq entries to add", runUnanswered},
		{"validate", "", "check the config file and report every problem", runValidate},
		{"eval", "FILE", "measure answer accuracy on a labelled question file", runEval},
		{"serve", "", "run the adapters, the scheduler and the HTTP server", runServe},
		{"chat", "", "the terminal chat (the default on a terminal)", runChat},
		{"healthcheck", "[-url URL]", "exit 0 when a running server's /healthz answers", runHealthcheck},
		{"version", "", "print the version", runVersion},
	}
}

// run is the whole program, testable in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, interactive: isTerminal(stdin) && isTerminal(stdout), getenv: os.LookupEnv}
	return e.run(ctx, args)
}

func (e *env) run(ctx context.Context, args []string) error {
	g := &globals{}
	fs := flag.NewFlagSet("briefbot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			e.usage()
			return nil
		}
		return usagef("%v", err)
	}
	args = fs.Args()
	if len(args) == 0 {
		// The chat: with a prompt on a terminal, line by line when piped.
		return runChat(ctx, e, g, nil)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		e.usage()
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, g, args[1:])
		}
	}
	return usagef("unknown command %q", name)
}

func (e *env) usage() {
	var b strings.Builder
	b.WriteString("briefbot answers questions about a corpus of news articles and posts briefings.\n\n")
	b.WriteString("Usage: briefbot [-config FILE] [-corpus PATH]... [COMMAND [ARGS]]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n             %s\n", c.name, c.args, c.summary)
	}
	b.WriteString("\nWith no command, briefbot starts the terminal chat.\n")
	b.WriteString("Every command takes -config FILE (YAML) and -corpus PATH (repeatable).\n")
	io.WriteString(e.stdout, b.String())
}

// globals are the flags every subcommand takes.
type globals struct {
	config  string
	corpora stringList
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.config, "config", g.config, "YAML config `FILE`")
	fs.Var(&g.corpora, "corpus", "corpus `PATH` (directory or file), replaces the configured corpus; repeatable")
}

// flags returns a flag set for a subcommand that also takes the globals.
func (g *globals) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	return fs
}

// parse parses a subcommand's flags, turning mistakes into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runVersion(_ context.Context, e *env, g *globals, args []string) error {
	fmt.Fprintln(e.stdout, "briefbot", version)
	return nil
}
