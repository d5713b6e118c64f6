//go:build unix

package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/sqlite"
)

// The kill -9 test runs `briefbot serve` in a child process (this test
// binary, re-run), kills it with SIGKILL and starts it again.
const serveChildConfig = "BRIEFBOT_SERVE_CHILD_CONFIG"

func TestServeChild(t *testing.T) {
	cfg := os.Getenv(serveChildConfig)
	if cfg == "" {
		t.Skip("run by TestServeKilledMidPollLosesNothing")
	}
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: os.Stderr, getenv: func(k string) (string, bool) {
		if k == "SS" {
			return "kill-test-secret", true
		}
		return "", false
	}}
	if err := e.run(context.Background(), []string{"-config", cfg, "serve"}); err != nil {
		t.Fatal(err)
	}
}

// slackAsk asks a serve at base with a signed Slack /ask and returns the
// answer's body.
func slackAsk(t *testing.T, base, question string) string {
	t.Helper()
	now := time.Now()
	body := url.Values{"command": {"/ask"}, "text": {question}, "user_id": {"U1"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {"http://127.0.0.1:9/r"}, "trigger_id": {strconv.FormatInt(now.UnixNano(), 10)}}.Encode()
	stamp := strconv.FormatInt(now.Unix(), 10)
	mac := hmac.New(sha256.New, []byte("kill-test-secret"))
	io.WriteString(mac, "v0:"+stamp+":"+body)
	req, _ := http.NewRequest("POST", base+"/slack/commands", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	_, out := do(t, req)
	return out
}

// answeredOver counts the stories from..to-1 a serve answers, over
// signed Slack requests, with a link to their own page.
func answeredOver(t *testing.T, base string, site *feedSite, from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		if strings.Contains(slackAsk(t, base, "What opened at "+storyName(i)+"?"), fmt.Sprintf("/p/%d", i)) {
			n++
		}
	}
	return n
}

// TestServeKilledMidPollLosesNothing is the restart of issue 16 with real
// processes: serve stores 30 items and is killed (-9); the next serve is
// killed (-9) while fetching the pages of a later poll; the feed moves on
// to list items 26-35 only. After a restart every item is answered over
// signed Slack requests and no stored page is fetched again.
// serveChildOf writes the config of a serve on a free address that polls
// site's feed every minute into an SQLite file, and returns the feed's
// URL, the file, the serve's base URL and a function that starts it as a
// child process (killed at the end of the test).
func serveChildOf(t *testing.T, site *feedSite) (feedURL, db, base string, start func() *exec.Cmd) {
	dir := t.TempDir()
	feedURL = site.URL + "/rss.xml"
	db = filepath.Join(dir, "state.db")
	addr := freeAddr(t)
	cfg := writeFile(t, dir, "bb.yaml", fmt.Sprintf(`http: { listen: %q }
store: { driver: sqlite, dsn: %q }
slack: { signing_secret: "${SS}" }
corpus:
  feeds: [ { url: %q, refresh: 1m } ]
`, addr, db, feedURL))
	return feedURL, db, "http://" + addr, func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
		cmd.Env = append(os.Environ(), serveChildConfig+"="+cfg)
		var logs bytes.Buffer
		cmd.Stderr = &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd
	}
}

// kill kills a child with SIGKILL: it leaves its poll lease behind.
func kill(t *testing.T, cmd *exec.Cmd) {
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// TestRestartedServeTakesBackItsLease: a serve killed with its poll lease
// held and started again on the same host and address is the same
// replica: it polls at once instead of waiting the lease out (30 s here).
func TestRestartedServeTakesBackItsLease(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	site := newFeedSite(t, 0, 3)
	feedURL, db, base, child := serveChildOf(t, site)
	first := child()
	waitReady(t, base+"/readyz")
	waitFor(t, 60*time.Second, "3 answers", func() bool { return answeredOver(t, base, site, 0, 3) == 3 })
	kill(t, first)

	site.window(0, 4)
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	feedDue(t, st, feedURL)
	if ok, _ := st.HoldLease(context.Background(), bot.PollLease, "another", time.Now(), time.Second); ok {
		t.Fatal("the killed serve's lease is free: nothing to test")
	}
	st.Close()
	restarted := time.Now()
	child()
	waitReady(t, base+"/readyz")
	waitFor(t, 15*time.Second, "the new item answered", func() bool { return answeredOver(t, base, site, 3, 4) == 1 })
	t.Logf("the restarted serve polled %.1f s after its start (its old lease had 30 s to run)", time.Since(restarted).Seconds())
}

func TestServeKilledMidPollLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	site := newFeedSite(t, 0, 30)
	feedURL, db, base, child := serveChildOf(t, site)
	// due stands for the downtime between two runs: the feed is due and
	// the killed serve's poll lease has run out
	due := func() {
		ctx := context.Background()
		st, err := sqlite.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		feedDue(t, st, feedURL)
		if ok, err := st.HoldLease(ctx, bot.PollLease, "downtime", time.Now().Add(time.Hour), time.Second); !ok || err != nil {
			t.Fatalf("the poll lease has not run out an hour later: %v, %v", ok, err)
		}
		if err := st.DropLease(ctx, bot.PollLease, "downtime"); err != nil {
			t.Fatal(err)
		}
	}

	first := child()
	waitReady(t, base+"/readyz")
	waitFor(t, 60*time.Second, "30 answers", func() bool { return answeredOver(t, base, site, 29, 30) == 1 })
	if n := answeredOver(t, base, site, 0, 30); n != 30 {
		t.Fatalf("first serve answers %d of 30", n)
	}
	kill(t, first)

	site.window(0, 36)
	site.mu.Lock()
	site.hang[35] = true
	site.mu.Unlock()
	due()
	second := child()
	<-site.hanging // polling, fetching the page of item 35
	kill(t, second)

	site.mu.Lock()
	site.hang[35] = false
	site.mu.Unlock()
	site.window(26, 36)
	due()
	child()
	waitReady(t, base+"/readyz")
	waitFor(t, 60*time.Second, "item 35 answered", func() bool { return answeredOver(t, base, site, 35, 36) == 1 })
	answered := answeredOver(t, base, site, 0, 36)
	if answered != 36 {
		t.Errorf("after the restart %d of 36 items are answered", answered)
	}
	refetched := 0
	for i := range 30 {
		if site.pageHits(i) != 1 {
			refetched++
		}
	}
	if refetched != 0 {
		t.Errorf("%d stored pages fetched again", refetched)
	}
	t.Logf("after kill -9 mid-poll and a restart: %d of 36 items answered over signed Slack requests; stored pages fetched again: %d; page 35 (in flight at the kill) fetched %d times",
		answered, refetched, site.pageHits(35))
}
