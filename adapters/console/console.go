package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/bot"
)

// Options configure the console.
type Options struct {
	// Interactive prints a welcome line and a prompt; off for piped input.
	Interactive bool
	// Width is the line width answers are wrapped to (0: DefaultWidth).
	Width int
	// UserID and UserName identify the person at the terminal (defaults:
	// "console" and "you"); they key the rate limit and the query log.
	UserID   string
	UserName string
}

// Console is the terminal chat adapter.
type Console struct {
	bot  *bot.Bot
	in   io.Reader
	out  io.Writer
	opts Options
}

// New returns a console reading commands from in and writing answers to
// out.
func New(b *bot.Bot, in io.Reader, out io.Writer, opts Options) *Console {
	if opts.Width <= 0 {
		opts.Width = DefaultWidth
	}
	if opts.UserID == "" {
		opts.UserID = "console"
	}
	if opts.UserName == "" {
		opts.UserName = "you"
	}
	return &Console{bot: b, in: in, out: out, opts: opts}
}

// Name returns "console".
func (c *Console) Name() string { return bot.PlatformConsole }

// prompt is shown before each line when interactive.
const prompt = "> "

// Run reads one command per line until /quit, /exit (or quit, exit), the
// end of the input or the end of ctx, answering each. A line not starting
// with "/" is a question for /ask; after an answer with "did you mean"
// suggestions, a number picks one, and a number that picks nothing says so
// instead of being asked. Run returns nil at /quit or the end of the input,
// ctx.Err() when ctx ends first, and an error when reading or writing
// fails.
func (c *Console) Run(ctx context.Context) error {
	w := bufio.NewWriter(c.out)
	if c.opts.Interactive {
		fmt.Fprint(w, c.welcome()+"\n\n"+prompt)
		if err := w.Flush(); err != nil {
			return fmt.Errorf("console: write: %w", err)
		}
	}
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(c.in)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
		close(lines)
	}()
	first := true
	var last picks // the suggestions of the last answer
	for {
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return ctx.Err()
		case line, ok = <-lines:
		}
		if !ok {
			if c.opts.Interactive {
				fmt.Fprintln(w)
				w.Flush()
			}
			if err := <-readErr; err != nil {
				return fmt.Errorf("console: read: %w", err)
			}
			return nil
		}
		line = strings.TrimSpace(line)
		if isQuit(line) {
			return nil
		}
		if line != "" {
			if !c.opts.Interactive && !first {
				fmt.Fprintln(w) // a blank line between piped answers
			}
			first = false
			req := c.request(line)
			pick, picked := last.pick(line)
			var msg bot.Message
			switch {
			case picked:
				req = pick
			case isNumber(line):
				// A bare number picks from a list; it is no question.
				msg = last.miss()
			}
			if msg.Title == "" {
				msg = c.bot.Handle(ctx, req)
				last = picks{}
				if len(msg.Suggestions) > 0 {
					last = picks{req: req, suggestions: msg.Suggestions}
					msg.Footer = "Type a number to pick one."
				}
			}
			fmt.Fprint(w, RenderText(msg, c.opts.Width))
		}
		if c.opts.Interactive {
			if line != "" {
				fmt.Fprintln(w)
			}
			fmt.Fprint(w, prompt)
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("console: write: %w", err)
		}
	}
}

// picks remembers the suggestions of the last message, so typing a number
// re-runs its command with that suggestion.
type picks struct {
	req         bot.Request
	suggestions []string
}

// pick returns the request for line when line is the number of a
// suggestion.
func (p picks) pick(line string) (bot.Request, bool) {
	n, err := strconv.Atoi(line)
	if err != nil || n < 1 || n > len(p.suggestions) {
		return bot.Request{}, false
	}
	r := p.req
	r.Text = p.suggestions[n-1]
	return r, true
}

// miss is the reply to a number that picks nothing: the range to pick
// from, or that there is no list.
func (p picks) miss() bot.Message {
	if len(p.suggestions) > 0 {
		return bot.Message{Title: "No such choice", Sections: []bot.Section{{
			Text: fmt.Sprintf("Type a number from 1 to %d to pick one, or ask a question.", len(p.suggestions))}}}
	}
	return bot.Message{Title: "Nothing to pick", Sections: []bot.Section{{
		Text: "A number picks from a “Did you mean” list, and there is none. Ask a question, or type /help."}}}
}

// isNumber reports whether line is a whole number.
func isNumber(line string) bool {
	_, err := strconv.Atoi(line)
	return err == nil
}

// isQuit reports whether line ends the session: /quit or /exit, with or
// without the slash.
func isQuit(line string) bool {
	switch strings.ToLower(line) {
	case "/quit", "/exit", "quit", "exit":
		return true
	}
	return false
}

// request turns a typed line into a bot request.
func (c *Console) request(line string) bot.Request {
	r := bot.Request{
		Platform:  bot.PlatformConsole,
		UserID:    c.opts.UserID,
		UserName:  c.opts.UserName,
		ChannelID: "console",
		Command:   "ask",
		Text:      line,
	}
	if strings.HasPrefix(line, "/") {
		cmd, text, _ := strings.Cut(line[1:], " ")
		r.Command, r.Text = cmd, strings.TrimSpace(text)
	}
	return r
}

// welcome names the corpus and hints at /help.
func (c *Console) welcome() string {
	kb := c.bot.KB()
	text := fmt.Sprintf("briefbot · %s, %s, %s.\nAsk a question, or type /help for the commands and /quit to leave.",
		count(len(kb.Articles()), "article", "articles"),
		count(len(kb.Issues()), "issue", "issues"),
		count(len(kb.FAQ()), "FAQ entry", "FAQ entries"))
	return strings.TrimSuffix(RenderText(bot.Message{Title: text}, c.opts.Width), "\n")
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
