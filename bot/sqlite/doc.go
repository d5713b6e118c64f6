// Package sqlite is the SQLite state store of briefbot (modernc.org/sqlite,
// pure Go): one file, zero setup, safe for several processes sharing it.
//
// The database runs in WAL mode with a busy timeout, and every transaction
// begins IMMEDIATE, so two processes claiming the same slot queue on the
// write lock instead of failing with SQLITE_BUSY. The schema is created and
// upgraded by the numbered migrations embedded from migrations/*.sql, each
// applied once and recorded in schema_migrations. Chat events are claimed
// (bot.EventClaimer) on a primary key, so processes sharing the file
// answer each once.
package sqlite
