package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/adapters/console"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/briefings"
)

func runAsk(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("ask")
	asJSON := fs.Bool("json", false, "print each answer as one JSON object")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return usagef("ask: give a question, or - to read one question per line from stdin")
	}
	a, err := load(ctx, e, g)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout)
	write := func(ans briefings.Answer) error {
		if *asJSON {
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(ans); err != nil {
				return err
			}
		} else {
			writeAnswerText(out, ans)
		}
		return out.Flush()
	}
	if len(rest) == 1 && rest[0] == "-" {
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			if err := ctx.Err(); err != nil {
				return err
			}
			// One answer per line, also for a blank one (declined), so a
			// script reading answers never waits for one that will not come.
			if err := write(a.kb.Ask(strings.TrimSpace(sc.Text()))); err != nil {
				return fmt.Errorf("write answer: %w", err)
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("read questions: %w", err)
		}
		return nil
	}
	return write(a.kb.Ask(strings.Join(rest, " ")))
}

// cliRetry is the footer of a declined answer with suggestions on the
// command line, where there is no /ask to run.
const cliRetry = `To ask one of them: briefbot ask "QUESTION"`

// writeAnswerText prints an answer for a person reading a terminal, as
// the chat shows it, but for the hint on asking again.
func writeAnswerText(w io.Writer, ans briefings.Answer) {
	m := bot.AnswerMessage(ans)
	if !ans.Answered && len(ans.Suggestions) > 0 {
		m.Footer = cliRetry
	}
	io.WriteString(w, console.RenderText(m, terminalWidth()))
}
