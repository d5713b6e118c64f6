package main

import (
	"context"
	"errors"
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

// command is one subcommand: its help text is data, printed by
// "briefbot NAME -h" and "briefbot help NAME" with its flag set.
type command struct {
	name string
	// usage is what follows "briefbot NAME [flags]", one form per entry.
	usage   []string
	summary string
	// long explains the command in a few sentences; example is a command
	// line or two to copy.
	long, example string
	run           func(ctx context.Context, e *env, g *globals, args []string) error
}

// run is the whole program, testable in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, interactive: isTerminal(stdin) && isTerminal(stdout), getenv: os.LookupEnv}
	return e.run(ctx, args)
}

func (e *env) run(ctx context.Context, args []string) error {
	g := &globals{stderr: e.stderr}
	fs := flag.NewFlagSet("briefbot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g.register(fs)
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			e.usage()
			return nil
		}
		return usagef("%v", err)
	}
	if *showVersion {
		return runVersion(ctx, e, g, nil)
	}
	args = fs.Args()
	if len(args) == 0 {
		// The chat: with a prompt on a terminal, line by line when piped.
		return e.dispatch(ctx, g, findCommand("chat"), nil)
	}
	name := args[0]
	if name == "help" {
		if len(args) == 1 || args[1] == "help" || args[1] == "-h" || args[1] == "-help" || args[1] == "--help" {
			e.usage()
			return nil
		}
		c := findCommand(args[1])
		if c == nil {
			return usagef("help: unknown command %q", args[1])
		}
		return e.dispatch(ctx, g, c, []string{"-h"})
	}
	c := findCommand(name)
	if c == nil {
		return usagef("unknown command %q", name)
	}
	return e.dispatch(ctx, g, c, args[1:])
}

// dispatch runs a command; a help request prints its help page.
func (e *env) dispatch(ctx context.Context, g *globals, c *command, args []string) error {
	err := c.run(ctx, e, g, args)
	var h helpRequest
	if errors.As(err, &h) {
		e.commandUsage(c, h.fs)
		return nil
	}
	var ue usageError
	if errors.As(err, &ue) && ue.cmd == "" {
		ue.cmd = c.name
		return ue
	}
	return err
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return &c
		}
	}
	return nil
}

// usage is the global help page: every command with its summary.
func (e *env) usage() {
	var b strings.Builder
	b.WriteString("briefbot answers questions about a corpus of news articles and posts briefings.\n\n")
	b.WriteString("Usage: briefbot [-config FILE] [-corpus PATH]... [COMMAND [FLAGS] [ARGS]]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-12s %s\n", c.name, c.summary)
	}
	b.WriteString("\nWith no command, briefbot starts the terminal chat.\n")
	b.WriteString("Every command takes -config FILE (YAML) and -corpus PATH (repeatable); flags may\n")
	b.WriteString("stand anywhere on the line, and -- ends them (for a question that starts with a dash).\n")
	b.WriteString("Run 'briefbot help COMMAND' or 'briefbot COMMAND -h' for a command's flags and an example.\n")
	b.WriteString("The contract (flags, JSON, exit codes, config keys): docs/CONTRACT.md.\n")
	io.WriteString(e.stdout, b.String())
}

// commandUsage is one command's help page: usage, what it does, its
// flags with their defaults, and an example.
func (e *env) commandUsage(c *command, fs *flag.FlagSet) {
	var b strings.Builder
	for i, u := range c.usage {
		lead := "Usage: "
		if i > 0 {
			lead = "       "
		}
		line := strings.TrimSpace("briefbot " + c.name + " [flags] " + u)
		fmt.Fprintf(&b, "%s%s\n", lead, line)
	}
	if len(c.usage) == 0 {
		fmt.Fprintf(&b, "Usage: briefbot %s [flags]\n", c.name)
	}
	fmt.Fprintf(&b, "\n%s.\n", strings.ToUpper(c.summary[:1])+c.summary[1:])
	if c.long != "" {
		fmt.Fprintf(&b, "\n%s\n", c.long)
	}
	b.WriteString("\nFlags:\n")
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	if c.example != "" {
		b.WriteString("\nExample:\n")
		for _, l := range strings.Split(c.example, "\n") {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	io.WriteString(e.stdout, b.String())
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runVersion(_ context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("version")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintln(e.stdout, "briefbot", version)
	return nil
}
