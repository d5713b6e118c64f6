// Command briefbot-load measures a running `briefbot serve`: it sends
// correctly signed Slack slash commands at a steady rate for a bounded
// time and reports throughput, latency percentiles and errors. It only
// talks to loopback addresses.
//
//	briefbot-load -corpus-dir /tmp/synth -articles 10000     # write a synthetic corpus
//	briefbot-load -url http://127.0.0.1:8080 -secret S -rate 1000 -duration 60s
package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/corpus/corpustest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "briefbot-load:", err)
		os.Exit(1)
	}
}

// questions is the mix sent: answerable, paraphrased, misspelt and
// out-of-scope questions, and the other commands.
var questions = []struct{ command, text string }{
	{"/ask", "how close is the 20 point plan"},
	{"/ask", "what are the security guarantees for ukraine"},
	{"/ask", "what happend in odesa"},
	{"/ask", "what is the capital of australia"},
	{"/ask", "when is the team offsite"},
	{"/ask", "who is the mayor"},
	{"/ask", "what did officials say about the budget"},
	{"/issue", "donbas"},
	{"/issues", ""},
	{"/faq", ""},
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("briefbot-load", flag.ContinueOnError)
	target := fs.String("url", "http://127.0.0.1:8080", "base `URL` of briefbot serve (loopback only)")
	secret := fs.String("secret", os.Getenv("SLACK_SIGNING_SECRET"), "Slack signing `secret` the server checks")
	rate := fs.Int("rate", 1000, "requests per second")
	duration := fs.Duration("duration", 60*time.Second, "how long to send (at most 10m)")
	workers := fs.Int("workers", 64, "requests in flight at most")
	corpusDir := fs.String("corpus-dir", "", "write a synthetic corpus into `DIR` and exit")
	articles := fs.Int("articles", 10000, "articles in the synthetic corpus")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *corpusDir != "" {
		dir, err := corpustest.WriteFiles(*corpusDir, *articles, 1)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %d articles to %s\n", *articles, dir)
		return nil
	}
	if *rate <= 0 || *workers <= 0 || *duration <= 0 || *duration > 10*time.Minute {
		return errors.New("-rate and -workers must be positive and -duration between 0 and 10m")
	}
	base, err := url.Parse(*target)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(base.Hostname()); base.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s is not a loopback address", base.Hostname())
	}
	endpoint := strings.TrimRight(*target, "/") + "/slack/commands"
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *workers, MaxConnsPerHost: *workers}}

	total := int(float64(*rate) * duration.Seconds())
	jobs := make(chan time.Time, *workers)
	var (
		mu        sync.Mutex
		latencies = make([]time.Duration, 0, total)
		errs      atomic.Int64
		late      atomic.Int64
		firstErr  atomic.Value
	)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			n := w
			for due := range jobs {
				q := questions[n%len(questions)]
				n += *workers
				took, err := send(ctx, client, endpoint, *secret, q.command, q.text, w)
				if err != nil {
					if errs.Add(1) == 1 {
						firstErr.Store(err.Error())
					}
					continue
				}
				if time.Since(due) > time.Second {
					late.Add(1)
				}
				mu.Lock()
				latencies = append(latencies, took)
				mu.Unlock()
			}
		}(w)
	}
	start := time.Now()
	interval := time.Second / time.Duration(*rate)
	sent := 0
send:
	for sent < total {
		due := start.Add(time.Duration(sent) * interval)
		if d := time.Until(due); d > 0 {
			select {
			case <-ctx.Done():
				break send
			case <-time.After(d):
			}
		}
		select {
		case jobs <- due:
			sent++
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)

	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	fmt.Fprintf(out, "sent %d requests in %s (%.0f req/s), %d ok, %d errors, %d started over 1s late\n",
		sent, elapsed.Round(time.Millisecond), float64(len(latencies))/elapsed.Seconds(), len(latencies), errs.Load(), late.Load())
	fmt.Fprintf(out, "latency p50 %s  p90 %s  p99 %s  max %s\n", pct(0.50), pct(0.90), pct(0.99), pct(1))
	if e, ok := firstErr.Load().(string); ok {
		fmt.Fprintf(out, "first error: %s\n", e)
	}
	return nil
}

// seq makes every request body unique: the server rejects a replayed
// signature.
var seq atomic.Int64

// send posts one signed slash command and returns how long the answer took.
func send(ctx context.Context, c *http.Client, endpoint, secret, command, text string, worker int) (time.Duration, error) {
	form := url.Values{
		"token": {"load"}, "team_id": {"T0LOAD"}, "channel_id": {"C0LOAD"},
		"user_id": {"U" + strconv.Itoa(worker)}, "user_name": {"load"}, "command": {command}, "text": {text},
		"response_url": {"http://127.0.0.1:9/unused"}, "trigger_id": {strconv.FormatInt(seq.Add(1), 10)},
	}
	body := form.Encode()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	io.WriteString(mac, "v0:"+ts+":"+body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %s", resp.Status)
	}
	return took, nil
}
