// Command briefbot turns a corpus of news articles into an FAQ, issue
// summaries and digests, and answers questions about them in a terminal,
// Slack and Discord. See README.md and ../shared/CONTRACT.md for the
// command line.
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
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

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
		fmt.Fprintf(stderr, "briefbot: %s\nRun 'briefbot help' for usage.\n", ue.msg)
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
