// Package pgtest gives tests a PostgreSQL schema of their own on the
// server named by BRIEFBOT_TEST_POSTGRES, and skips them with a message
// saying how to run them when it is unset.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Env names the variable that holds the DSN of the test server.
const Env = "BRIEFBOT_TEST_POSTGRES"

// SkipMessage says how to run a test that needs PostgreSQL.
const SkipMessage = "set " + Env + "=postgres://postgres@127.0.0.1:5432/test?sslmode=disable to run"

// DSN returns the DSN of a fresh schema on the server named by Env,
// dropped when t ends. It skips t when Env is unset.
func DSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip(SkipMessage)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect %s: %v", base, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "briefbot_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		conn.Close(ctx)
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
		conn.Close(ctx)
	})
	return WithSearchPath(base, schema)
}

// WithSearchPath adds search_path to a URL or key=value DSN.
func WithSearchPath(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + " search_path=" + schema
}
