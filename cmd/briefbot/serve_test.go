package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeAsANewUser starts `briefbot serve` with only a Slack signing
// secret and a Discord public key and application id, then talks to it as
// Slack and Discord would: real signatures, real HTTP.
func TestServeAsANewUser(t *testing.T) {
	dir := t.TempDir()
	addr := freeAddr(t)
	pub, priv, err := ed25519.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{7}, 64)))
	if err != nil {
		t.Fatal(err)
	}
	cfg := writeFile(t, dir, "bb.yaml", fmt.Sprintf(`http: { listen: %q }
store: { driver: sqlite, dsn: %q }
slack: { signing_secret: "${SS}" }
discord: { public_key: %q, application_id: "1234" }
`, addr, filepath.Join(dir, "state.db"), hex.EncodeToString(pub)))
	const secret = "test-signing-secret"

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &logs, getenv: func(k string) (string, bool) {
		if k == "SS" {
			return secret, true
		}
		return "", false
	}}
	go func() { done <- e.run(ctx, []string{"-config", cfg, "serve"}) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the signing secret reached the logs")
		}
	}()
	base := "http://" + addr
	waitReady(t, base+"/readyz")

	slackPost := func(text string, ts time.Time, sign string) (int, string) {
		body := url.Values{"command": {"/ask"}, "text": {text}, "user_id": {"U1"}, "channel_id": {"C1"},
			"team_id": {"T1"}, "response_url": {"http://127.0.0.1:9/r"}, "trigger_id": {strconv.FormatInt(ts.UnixNano(), 10)}}.Encode()
		stamp := strconv.FormatInt(ts.Unix(), 10)
		mac := hmac.New(sha256.New, []byte(sign))
		io.WriteString(mac, "v0:"+stamp+":"+body)
		req, _ := http.NewRequest("POST", base+"/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", stamp)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
		return do(t, req)
	}
	code, body := slackPost("how close is the 20 point plan", time.Now(), secret)
	if code != 200 || !strings.Contains(body, "90%") {
		t.Errorf("slack /ask: %d %s", code, body)
	}
	if code, _ := slackPost("how close is the 20 point plan", time.Now(), "wrong-secret"); code != 401 {
		t.Errorf("slack wrong signature: %d, want 401", code)
	}
	if code, _ := slackPost("how close is the 20 point plan", time.Now().Add(-10*time.Minute), secret); code != 401 {
		t.Errorf("slack 10-minute-old signature: %d, want 401", code)
	}

	discordPost := func(body string, key ed25519.PrivateKey) (int, string) {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest("POST", base+"/discord/interactions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if key != nil {
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(ts+body))))
		}
		return do(t, req)
	}
	const ping = `{"id":"1","application_id":"1234","type":1,"token":"t","version":1}`
	if code, body := discordPost(ping, priv); code != 200 || !strings.Contains(body, `"type":1`) {
		t.Errorf("discord PING: %d %s", code, body)
	}
	ask := `{"id":"2","application_id":"1234","type":2,"token":"t","version":1,"channel_id":"c1","guild_id":"g1",
"member":{"user":{"id":"u1","username":"ana"}},"data":{"id":"c","name":"ask","type":1,
"options":[{"name":"question","type":3,"value":"how close is the 20 point plan"}]}}`
	if code, body := discordPost(ask, priv); code != 200 || !strings.Contains(body, "90%") || !strings.Contains(body, `"type":4`) {
		t.Errorf("discord /ask: %d %s", code, body)
	}
	auto := `{"id":"3","application_id":"1234","type":4,"token":"t","version":1,"channel_id":"c1","guild_id":"g1",
"member":{"user":{"id":"u1","username":"ana"}},"data":{"id":"c","name":"issue","type":1,
"options":[{"name":"name","type":3,"value":"donb","focused":true}]}}`
	if code, body := discordPost(auto, priv); code != 200 || !strings.Contains(strings.ToLower(body), "donbas") {
		t.Errorf("discord autocomplete donb: %d %s", code, body)
	}
	if code, _ := discordPost(ping, nil); code != 401 {
		t.Errorf("discord unsigned: %d, want 401", code)
	}
	_, other, _ := ed25519.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{9}, 64)))
	if code, _ := discordPost(ping, other); code != 401 {
		t.Errorf("discord wrong key: %d, want 401", code)
	}
	if code, body := do(t, mustGet(base+"/metrics")); code != 200 || !strings.Contains(body, "briefbot_commands_total") {
		t.Errorf("metrics: %d", code)
	}
}

func mustGet(u string) *http.Request {
	r, _ := http.NewRequest("GET", u, nil)
	return r
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitReady polls a readiness URL until it answers 200 (bounded).
func waitReady(t *testing.T, u string) {
	t.Helper()
	for i := 0; i < 300; i++ {
		resp, err := http.Get(u)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s never became ready", u)
}
