package slack

import (
	"bufio"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// slackVector is Slack's published request-signing example.
type slackVector struct{ secret, timestamp, signature, body string }

func loadVector(t *testing.T) slackVector {
	t.Helper()
	f, err := os.Open("testdata/slack-signing.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kv := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		kv[k] = v
	}
	return slackVector{kv["secret"], kv["timestamp"], kv["signature"], kv["body"]}
}

func unix(t *testing.T, ts string) time.Time {
	t.Helper()
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return time.Unix(n, 0)
}

// TestSlackExample checks Slack's documented example with the clock pinned
// to its timestamp.
func TestSlackExample(t *testing.T) {
	v := loadVector(t)
	if v.signature != "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" {
		t.Fatalf("unexpected test vector %q", v.signature)
	}
	now := unix(t, v.timestamp)
	ver := newVerifier(v.secret, func() time.Time { return now }, signatureWindow, 16)
	if got := ver.sign(v.timestamp, []byte(v.body)); got != v.signature {
		t.Fatalf("sign = %s, want %s", got, v.signature)
	}
	if err := ver.check(v.timestamp, v.signature, []byte(v.body)); err != nil {
		t.Fatalf("check: %v", err)
	}
}

func TestVerify(t *testing.T) {
	v := loadVector(t)
	signedAt := unix(t, v.timestamp)
	tests := []struct {
		name      string
		now       time.Time
		timestamp string
		signature string
		body      string
		want      error
	}{
		{"good", signedAt, v.timestamp, v.signature, v.body, nil},
		{"4m59s later", signedAt.Add(4*time.Minute + 59*time.Second), v.timestamp, v.signature, v.body, nil},
		{"5m later", signedAt.Add(5 * time.Minute), v.timestamp, v.signature, v.body, nil},
		{"5m01s later", signedAt.Add(5*time.Minute + time.Second), v.timestamp, v.signature, v.body, errStale},
		{"10 minutes old", signedAt.Add(10 * time.Minute), v.timestamp, v.signature, v.body, errStale},
		{"from the future", signedAt.Add(-6 * time.Minute), v.timestamp, v.signature, v.body, errStale},
		{"wrong signature", signedAt, v.timestamp, "v0=" + strings.Repeat("0", 64), v.body, errBadSignature},
		{"other body", signedAt, v.timestamp, v.signature, v.body + "&x=1", errBadSignature},
		{"other timestamp", signedAt, "1531420619", v.signature, v.body, errBadSignature},
		{"no v0 prefix", signedAt, v.timestamp, strings.TrimPrefix(v.signature, "v0="), v.body, errBadSignature},
		{"no signature", signedAt, v.timestamp, "", v.body, errNoSignature},
		{"no timestamp", signedAt, "", v.signature, v.body, errNoSignature},
		{"bad timestamp", signedAt, "soon", v.signature, v.body, errStale},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ver := newVerifier(v.secret, func() time.Time { return tc.now }, signatureWindow, 16)
			if err := ver.check(tc.timestamp, tc.signature, []byte(tc.body)); err != tc.want {
				t.Errorf("check = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestVerifyRejectsReplay(t *testing.T) {
	v := loadVector(t)
	now := unix(t, v.timestamp)
	ver := newVerifier(v.secret, func() time.Time { return now }, signatureWindow, 16)
	if err := ver.check(v.timestamp, v.signature, []byte(v.body)); err != nil {
		t.Fatal(err)
	}
	now = now.Add(4 * time.Minute)
	if err := ver.check(v.timestamp, v.signature, []byte(v.body)); err != errReplayed {
		t.Errorf("replay within the window: %v, want %v", err, errReplayed)
	}
	now = now.Add(2 * time.Minute)
	if err := ver.check(v.timestamp, v.signature, []byte(v.body)); err != errStale {
		t.Errorf("replay after the window: %v, want %v", err, errStale)
	}
}

func TestReplayCacheBounded(t *testing.T) {
	c := newReplayCache(3)
	now := time.Unix(1_000_000, 0)
	for i := range 10 {
		if !c.add("sig"+strconv.Itoa(i), now.Add(5*time.Minute), now) {
			t.Fatalf("sig%d reported as seen", i)
		}
		if c.len() > 3 {
			t.Fatalf("cache holds %d entries, max 3", c.len())
		}
	}
	if c.add("sig9", now.Add(5*time.Minute), now) {
		t.Error("the newest signature was forgotten")
	}
	// Expired entries go first.
	later := now.Add(6 * time.Minute)
	if !c.add("new", later.Add(5*time.Minute), later) || c.len() != 1 {
		t.Errorf("expired entries kept: %d entries", c.len())
	}
}

func BenchmarkVerify(b *testing.B) {
	body := []byte(strings.Repeat("token=x&text=how+close+is+the+plan&", 10))
	now := time.Unix(1_700_000_000, 0)
	v := newVerifier(testSecret, func() time.Time { return now }, signatureWindow, 1<<20)
	ts := strconv.FormatInt(now.Unix(), 10)
	i := 0
	for b.Loop() {
		i++
		body := append(body, strconv.Itoa(i)...)
		if err := v.check(ts, v.sign(ts, body), body); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReplayRefusedAcrossReplicas: two verifiers (two replicas, or one
// before and after a restart) sharing the store's claims refuse a
// request replayed from one to the other.
func TestReplayRefusedAcrossReplicas(t *testing.T) {
	v := loadVector(t)
	now := unix(t, v.timestamp)
	claimed := map[string]bool{}
	claim := func(_ context.Context, key string) (bool, error) {
		if claimed[key] {
			return false, nil
		}
		claimed[key] = true
		return true, nil
	}
	var codes []int
	for range 2 {
		ver := newVerifier(v.secret, func() time.Time { return now }, signatureWindow, 16)
		ver.claim = claim
		h := ver.middleware(slog.New(slog.DiscardHandler), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		r := httptest.NewRequest("POST", "/slack/commands", strings.NewReader(v.body))
		r.Header.Set("X-Slack-Request-Timestamp", v.timestamp)
		r.Header.Set("X-Slack-Signature", v.signature)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		codes = append(codes, w.Code)
	}
	if codes[0] != http.StatusOK || codes[1] != http.StatusUnauthorized {
		t.Errorf("status codes %v, want 200 then 401 for the replay", codes)
	}
}

// TestSlowClaimStillAnswers: a shared store that does not answer the
// signature's claim delays a verified request by requestClaimWithin at
// most; it is then answered.
func TestSlowClaimStillAnswers(t *testing.T) {
	v := loadVector(t)
	now := unix(t, v.timestamp)
	ver := newVerifier(v.secret, func() time.Time { return now }, signatureWindow, 16)
	ver.claim = func(ctx context.Context, _ string) (bool, error) {
		<-ctx.Done()
		return false, ctx.Err()
	}
	h := ver.middleware(slog.New(slog.DiscardHandler), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	r := httptest.NewRequest("POST", "/slack/commands", strings.NewReader(v.body))
	r.Header.Set("X-Slack-Request-Timestamp", v.timestamp)
	r.Header.Set("X-Slack-Signature", v.signature)
	w := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { h.ServeHTTP(w, r); close(done) }()
	select {
	case <-done:
	case <-time.After(requestClaimWithin + 5*time.Second):
		t.Fatal("the request waits for the store")
	}
	if w.Code != http.StatusOK {
		t.Errorf("status %d, want 200", w.Code)
	}
}
