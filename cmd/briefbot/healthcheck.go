package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// runHealthcheck asks a running server's /healthz: exit 0 when it answers
// 200. The container image uses it (it has no curl). Without -url it asks
// the configured http.listen address, as serve would listen on it.
func runHealthcheck(ctx context.Context, e *env, g *globals, args []string) error {
	fs := g.flags("healthcheck")
	url := fs.String("url", "", "health `URL` to check (default: /healthz on the configured http.listen)")
	if err := g.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("healthcheck takes no arguments")
	}
	if *url == "" {
		cfg, _, err := loadConfig(e, g)
		if err != nil {
			return configError(err)
		}
		*url = healthURL(cfg.HTTP.Listen)
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return usagef("healthcheck: %v", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", *url, resp.Status)
	}
	fmt.Fprintln(e.stdout, "ok")
	return nil
}

// healthURL is the /healthz URL of a server listening on listen: an
// unspecified host (0.0.0.0, ::, empty) is asked on the loopback.
func healthURL(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return "http://" + listen + "/healthz"
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz"
}
