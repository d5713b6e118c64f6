package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/briefbot/briefbot/bot/config"
)

// image is what the Dockerfile's final stage says about running the
// binary: its environment, entrypoint, default command and healthcheck.
type image struct {
	env                          map[string]string
	entrypoint, cmd, healthcheck []string
}

// readDockerfile reads the final stage of a Dockerfile (continued lines
// joined; ENV, ENTRYPOINT, CMD and HEALTHCHECK in exec form).
func readDockerfile(t *testing.T, path string) image {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	img := image{env: map[string]string{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		instr, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		execForm := func(s string) []string {
			var v []string
			if err := json.Unmarshal([]byte(s), &v); err != nil {
				t.Fatalf("%s: %s is not in exec form: %v", path, instr, err)
			}
			return v
		}
		switch strings.ToUpper(instr) {
		case "FROM":
			img = image{env: map[string]string{}} // a new stage
		case "ENV":
			for _, kv := range strings.Fields(rest) {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					t.Fatalf("%s: ENV %q: use KEY=VALUE", path, kv)
				}
				img.env[k] = v
			}
		case "ENTRYPOINT":
			img.entrypoint = execForm(rest)
		case "CMD":
			img.cmd = execForm(rest)
		case "HEALTHCHECK":
			_, c, ok := strings.Cut(rest, "CMD ")
			if !ok {
				t.Fatalf("%s: HEALTHCHECK without CMD", path)
			}
			img.healthcheck = execForm(strings.TrimSpace(c))
		}
	}
	return img
}

// buildBinary builds cmd/briefbot into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH to build the binary")
	}
	bin := filepath.Join(t.TempDir(), "briefbot")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestContainerDefaultCommand runs the image's default command as a plain
// process with the image's environment plus what `docker run -e` would
// add, and checks it listens on 0.0.0.0, answers /healthz, passes the
// image's HEALTHCHECK, and stops cleanly on SIGTERM. (No container engine
// is needed; .ci/run builds the image itself when one is there.)
func TestContainerDefaultCommand(t *testing.T) {
	img := readDockerfile(t, "../../Dockerfile")
	if len(img.entrypoint) != 1 || img.entrypoint[0] != "/usr/local/bin/briefbot" {
		t.Fatalf("ENTRYPOINT %q, want the binary", img.entrypoint)
	}
	if len(img.cmd) == 0 || len(img.healthcheck) == 0 {
		t.Fatalf("the image needs a CMD and a HEALTHCHECK: %+v", img)
	}
	listen := img.env[config.ListenEnv]
	host, _, err := net.SplitHostPort(listen)
	if err != nil || host != "0.0.0.0" {
		t.Fatalf("the image must listen on 0.0.0.0, ENV %s=%q", config.ListenEnv, listen)
	}
	bin := buildBinary(t)

	// The same environment, but a free port (8080 may be taken here) and
	// a writable state folder in place of the /data volume.
	port := portOf(t, freeAddr(t))
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for k, v := range img.env {
		switch k {
		case config.ListenEnv:
			v = "0.0.0.0:" + port
		case "XDG_STATE_HOME":
			v = t.TempDir()
		}
		env = append(env, k+"="+v)
	}
	env = append(env, "SLACK_SIGNING_SECRET=from-docker-run-e")

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var logs syncBuffer
	srv := exec.CommandContext(ctx, bin, img.cmd...)
	srv.Env, srv.Stdout, srv.Stderr = env, &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	waitReady(t, "http://127.0.0.1:"+port+"/healthz")

	hc := exec.CommandContext(ctx, bin, img.healthcheck[1:]...)
	hc.Env = env
	if out, err := hc.CombinedOutput(); err != nil {
		t.Errorf("the image's HEALTHCHECK fails: %v\n%s", err, out)
	}
	// The Slack route is on: the secret came from the environment alone.
	resp, err := http.Post("http://127.0.0.1:"+port+"/slack/commands", "application/x-www-form-urlencoded", strings.NewReader("command=/ask"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("an unsigned Slack request got %d, want 401 (the signing secret from the environment)", resp.StatusCode)
	}

	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := srv.Wait(); err != nil {
		t.Errorf("serve did not stop cleanly on SIGTERM: %v\n%s", err, logs.String())
	}
	out := logs.String()
	// Go reports a 0.0.0.0 listener as [::] on a dual-stack host.
	all := strings.Contains(out, `"listen":"0.0.0.0:`+port+`"`) || strings.Contains(out, `"listen":"[::]:`+port+`"`)
	if !all || !strings.Contains(out, `"adapters":["slack"]`) {
		t.Errorf("the start log does not show 0.0.0.0 and the slack adapter:\n%s", out)
	}
	if strings.Contains(out, "from-docker-run-e") {
		t.Errorf("the signing secret reached the log")
	}
}

func portOf(t *testing.T, addr string) string {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDockerignore: the build context leaves out history, databases and
// binaries.
func TestDockerignore(t *testing.T) {
	data, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{".git", "**/*.db", "/briefbot", "**/*.test"} {
		if !strings.Contains("\n"+string(data)+"\n", "\n"+w+"\n") {
			t.Errorf(".dockerignore lacks %s", w)
		}
	}
}

// TestComposeFile: the compose file runs the bot on PostgreSQL, set up
// only through variables the binary reads.
func TestComposeFile(t *testing.T) {
	data, err := os.ReadFile("../../compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Build       string            `yaml:"build"`
			Image       string            `yaml:"image"`
			Environment map[string]string `yaml:"environment"`
			DependsOn   map[string]any    `yaml:"depends_on"`
			Healthcheck map[string]any    `yaml:"healthcheck"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	bot, ok := c.Services["briefbot"]
	if !ok || bot.Build == "" {
		t.Fatalf("no briefbot service built from this folder: %+v", c.Services)
	}
	pg, ok := c.Services["postgres"]
	if !ok || !strings.HasPrefix(pg.Image, "postgres:") || pg.Healthcheck == nil {
		t.Fatalf("no postgres service with a healthcheck: %+v", pg)
	}
	if _, ok := bot.DependsOn["postgres"]; !ok {
		t.Error("briefbot does not wait for postgres")
	}
	known := map[string]bool{}
	for _, k := range config.EnvKeys() {
		known[k.Var] = true
	}
	for k := range bot.Environment {
		if !known[k] {
			t.Errorf("compose sets %s, which briefbot does not read", k)
		}
	}
	dsn := bot.Environment["BRIEFBOT_STORE_DSN"]
	cfg := config.FromEnv(func(k string) (string, bool) {
		if k == "BRIEFBOT_STORE_DSN" {
			return dsn, true
		}
		return "", false
	})
	if cfg.Store.Driver != "postgres" || !strings.Contains(dsn, "@postgres:5432/") {
		t.Errorf("the bot's store is %s %q, want postgres at the postgres service", cfg.Store.Driver, dsn)
	}
}
