package main

import (
	"context"
	"fmt"
	"os"

	"github.com/briefbot/briefbot/bot/config"
	"github.com/briefbot/briefbot/briefings"
)

func runValidate(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("validate")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("validate takes no arguments (the file is -config FILE)")
	}
	_, _, err := loadConfig(e, g)
	if err == nil {
		fmt.Fprintln(e.stdout, "ok")
		return nil
	}
	ps, ok := config.IsProblems(err)
	if !ok {
		return err
	}
	for _, p := range ps {
		fmt.Fprintln(e.stdout, p)
	}
	return errSilent
}

func runEval(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("eval")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("eval: give one labelled question file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	items, err := briefings.ParseEvalFile(f)
	if err != nil {
		return fmt.Errorf("eval %s: %w", fs.Arg(0), err)
	}
	if len(items) == 0 {
		return fmt.Errorf("eval %s: no labelled questions in the file", fs.Arg(0))
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	report := a.kb.Eval(items)
	return report.WriteText(e.stdout)
}
