// Package postgres is the PostgreSQL state store of briefbot
// (github.com/jackc/pgx/v5 with pgxpool), for several replicas sharing one
// state.
//
// The schema is created and upgraded by the numbered migrations embedded
// from migrations/*.sql, each applied once and recorded in
// schema_migrations. Migrations run under a session advisory lock, so
// replicas starting together apply them once. Claims rely on a unique key
// and leases on SELECT ... FOR UPDATE SKIP LOCKED, so replicas never
// deliver the same message at the same time. Chat events are claimed
// (bot.EventClaimer) on a primary key, so replicas answer each once.
package postgres
