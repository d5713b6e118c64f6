package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	clock := time.Unix(0, 0)
	t.Run("terminal bar", func(t *testing.T) {
		var buf bytes.Buffer
		p := newProgress(&buf, true, nil)
		p.now = func() time.Time { return clock }
		p.update("parse", 1, 1000)
		clock = clock.Add(time.Second)
		p.update("parse", 500, 1000)
		p.update("parse", 501, 1000) // too soon: not redrawn
		p.update("parse", 1000, 1000)
		p.done()
		out := buf.String()
		for _, want := range []string{"500/1000", "1000/1000", "[###############               ]", "500/s"} {
			if !strings.Contains(out, want) {
				t.Errorf("bar lacks %q: %q", want, out)
			}
		}
		if strings.Contains(out, "501/1000") {
			t.Errorf("redrawn too often: %q", out)
		}
	})
	t.Run("log lines off a terminal", func(t *testing.T) {
		var buf bytes.Buffer
		p := newProgress(nil, false, slog.New(slog.NewTextHandler(&buf, nil)))
		p.now = func() time.Time { return clock }
		p.update("read", 1, 1000)
		p.update("read", 2, 1000)
		clock = clock.Add(6 * time.Second)
		p.update("read", 900, 1000)
		if n := strings.Count(buf.String(), "loading corpus"); n != 2 {
			t.Fatalf("want 2 log lines, got %d:\n%s", n, buf.String())
		}
	})
	t.Run("small jobs show nothing", func(t *testing.T) {
		var buf bytes.Buffer
		p := newProgress(&buf, true, nil)
		p.update("read", 5, 5)
		if buf.Len() != 0 {
			t.Fatalf("got %q", buf.String())
		}
	})
}
