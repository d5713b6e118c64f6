// Command briefbot turns a corpus of news articles into an FAQ, issue
// summaries and digests, and answers questions about them in a terminal,
// Slack and Discord. See README.md and docs/CONTRACT.md for the command
// line, and "briefbot help COMMAND" for one command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is a mistake in how the command was called: exit code 2.
// cmd names the subcommand whose help to point to, if any.
type usageError struct{ msg, cmd string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// errSilent is returned when the command already printed what went wrong
// (validate's problem list) and only the exit code remains.
var errSilent = errors.New("failed")

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		help := "briefbot help"
		if ue.cmd != "" {
			help = "briefbot " + ue.cmd + " -h"
		}
		fmt.Fprintf(stderr, "briefbot: %s\nRun '%s' for usage.\n", ue.msg, help)
		return 2
	case errors.Is(err, errSilent):
		return 1
	case errors.Is(err, context.Canceled):
		return 0 // interrupted by the user: a normal end
	}
	fmt.Fprintf(stderr, "briefbot: %s\n", oneLine(err.Error()))
	return 1
}

func oneLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i] + " (and more)"
		}
	}
	return s
}
