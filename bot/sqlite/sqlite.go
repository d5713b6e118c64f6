package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// busyTimeout is how long a statement waits for another connection's lock
// before failing with SQLITE_BUSY.
const busyTimeout = 15 * time.Second

// Store is a bot.Store kept in one SQLite file.
type Store struct {
	db          *sql.DB
	prune       pruner // expired event claims
	pruneValues pruner // expired kept values
}

var (
	_ bot.Store           = (*Store)(nil)
	_ bot.FirstSeenReader = (*Store)(nil)
	_ bot.EventClaimer    = (*Store)(nil)
)

// Open opens (creating when missing) the SQLite database at dsn, a file
// path or a "file:" URI, and brings its schema up to date. Several
// processes may open the same file at once. ":memory:" opens a private
// in-memory database (for tests), gone when the store is closed.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	conn := connString(dsn)
	if dsn == ":memory:" {
		conn = "file::memory:?_foreign_keys=1&_txlock=immediate"
	}
	db, err := sql.Open("sqlite", conn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", dsn, err)
	}
	// A few connections: WAL lets readers run beside the one writer, and
	// IMMEDIATE transactions queue writers on the busy timeout. An
	// in-memory database lives in one connection, kept open.
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	if dsn == ":memory:" {
		db.SetMaxOpenConns(1)
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", dsn, err)
	}
	return s, nil
}

// connString turns a path or file: URI into a modernc.org/sqlite DSN with
// the pragmas the store relies on; parameters already in a URI are kept.
func connString(dsn string) string {
	params := url.Values{}
	params.Set("_busy_timeout", strconv.Itoa(int(busyTimeout/time.Millisecond)))
	params.Set("_journal_mode", "WAL")
	params.Set("_synchronous", "NORMAL")
	params.Set("_foreign_keys", "1")
	params.Set("_txlock", "immediate")
	if !strings.HasPrefix(dsn, "file:") {
		return "file:" + (&url.URL{Path: dsn}).EscapedPath() + "?" + params.Encode()
	}
	base, query, _ := strings.Cut(dsn, "?")
	have, err := url.ParseQuery(query)
	if err != nil {
		have = url.Values{}
	}
	for k, v := range params {
		if _, ok := have[k]; !ok {
			have[k] = v
		}
	}
	return base + "?" + have.Encode()
}

// migrate applies, in one IMMEDIATE transaction, every embedded migration
// not yet recorded in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	type migration struct {
		version int
		name    string
	}
	var ms []migration
	for _, f := range files {
		base := strings.TrimPrefix(f, "migrations/")
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return fmt.Errorf("migrate: bad migration name %s", base)
		}
		ms = append(ms, migration{v, f})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	applied := map[int]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("migrate: %w", err)
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		body, err := migrations.ReadFile(m.name)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
			m.version, fmtTime(time.Now())); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	return nil
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("ping sqlite: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// timeLayout is fixed width so stored times compare correctly as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// fmtTime formats t in UTC for storage.
func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime formats t, or NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}

// parseTime reads a stored time; NULL or empty gives the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s.String, err)
	}
	return t, nil
}
