package model

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// IsServer reports whether target names a PostgreSQL database rather than
// a file.
func IsServer(target string) bool {
	t := strings.ToLower(target)
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// OpenServer connects to a shared database on a PostgreSQL server, as the
// role the URL names, and brings its schema up to date; only the owner's
// role may (ErrNotOwner), and two starts at once migrate once.
func OpenServer(rawURL string) (*Store, error) {
	clock, err := ClockFromEnv()
	if err != nil {
		return nil, err
	}
	where := RedactURL(rawURL)
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%s is not a PostgreSQL address Solemate can read: %w", where, err)
	}
	// Timestamps come back in UTC whatever the server's zone, as they do
	// from SQLite; the app shows them in local time.
	cfg.RuntimeParams["timezone"] = "UTC"
	sqlDB := stdlib.OpenDB(*cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, plainServerError(where, cfg, err)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), gormConfig(clock))
	if err != nil {
		_ = sqlDB.Close()
		return nil, plainServerError(where, cfg, err)
	}
	return start(db, clock, func(err error) error { return plainServerError(where, cfg, err) })
}

// RedactURL is a database address fit to show: a password, in the user
// part or as a password= parameter, becomes ***. An address that does not
// parse is shown without anything before its @.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if at := strings.LastIndex(raw, "@"); at >= 0 {
			if scheme := strings.Index(raw, "://"); scheme >= 0 && scheme < at {
				return raw[:scheme+3] + "***" + raw[at:]
			}
			return "***" + raw[at:]
		}
		return raw
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "***")
		}
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "***")
		u.RawQuery = q.Encode()
	}
	return strings.ReplaceAll(u.String(), "%2A%2A%2A", "***")
}

// HasPassword reports whether a server address carries a password.
func HasPassword(raw string) bool { return RedactURL(raw) != raw }

// plainServerError says in plain words why a server database could not be
// used, keeping the cause for errors.Is / errors.As.
func plainServerError(where string, cfg *pgx.ConnConfig, err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "28P01", "28000":
			return fmt.Errorf("the server at %s refused user %q: check the user name and password (%s): %w", cfg.Host, cfg.User, pg.Message, err)
		case "3D000":
			return fmt.Errorf("the server at %s has no database %q; create it first (see README): %w", cfg.Host, cfg.Database, err)
		case "42501":
			return fmt.Errorf("user %q may not change the database's schema; the first start of a new Solemate version must be as the database's owner (see README): %w", cfg.User, err)
		}
	}
	var se *SchemaTooNewError
	if errors.As(err, &se) || errors.Is(err, ErrNotOwner) {
		return err
	}
	msg := err.Error()
	if strings.Contains(msg, "connect") || strings.Contains(msg, "dial") || strings.Contains(msg, "timeout") {
		return fmt.Errorf("cannot reach the database server at %s (is it running, and is the address right?): %w", where, err)
	}
	return fmt.Errorf("open database %s: %w", where, err)
}

// SyncSequences moves every table's ID sequence past its highest ID, after
// rows were written with IDs given up front (SQLite needs nothing: it
// takes the next ID from the table itself).
func SyncSequences(tx *gorm.DB) error {
	if !isPostgres(tx) {
		return nil
	}
	var seqs []struct{ Tbl, Seq string }
	err := tx.Raw(`SELECT table_name AS tbl, pg_get_serial_sequence(quote_ident(table_name), 'id') AS seq
		FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND column_default LIKE 'nextval%'`).Scan(&seqs).Error
	if err != nil {
		return fmt.Errorf("list ID sequences: %w", err)
	}
	for _, q := range seqs {
		if err := tx.Exec(`SELECT setval(?, COALESCE((SELECT MAX(id) FROM `+QuoteIdent(q.Tbl)+`), 0) + 1, false)`, q.Seq).Error; err != nil {
			return fmt.Errorf("move the ID sequence of %s: %w", q.Tbl, err)
		}
	}
	return nil
}

// searchIndex on PostgreSQL is a table of documents with a tsvector column
// under a GIN index, kept by triggers. The 'simple' configuration, like
// SQLite's tokenizer, neither stems nor drops words, so both find the same.
//
// The triggers run as the schema's owner (SECURITY DEFINER), so an index
// entry leads may not write follows every change to its row.
func (d postgresDialect) searchIndex(tx *gorm.DB, sources []searchSource) error {
	path, err := definerPath(tx)
	if err != nil {
		return err
	}
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS search_docs (docid BIGINT PRIMARY KEY, body TEXT, person_id BIGINT, at TEXT, private TEXT,
			author TEXT NOT NULL DEFAULT '',
			words TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', COALESCE(body, ''))) STORED)`,
		`CREATE INDEX IF NOT EXISTS idx_search_docs_words ON search_docs USING GIN (words)`,
	}
	const insert = `INSERT INTO search_docs (docid, body, person_id, at, private, author) `
	for _, src := range sources {
		if err := d.dropSearchSource(tx, src); err != nil {
			return err
		}
		fn := "search_" + src.name()
		stmts = append(stmts,
			fmt.Sprintf(`CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN DELETE FROM search_docs WHERE docid = %s; END IF;
	IF TG_OP <> 'DELETE' THEN %s; END IF;
	RETURN NULL;
END $$`, fn, path, searchDocid(src.kind, "OLD.id"), insert+src.fill("", true)),
			fmt.Sprintf(`CREATE TRIGGER %s_ai AFTER INSERT ON %s FOR EACH ROW EXECUTE FUNCTION %s()`, fn, src.table, fn),
			fmt.Sprintf(`CREATE TRIGGER %s_au AFTER UPDATE ON %s FOR EACH ROW WHEN (%s) EXECUTE FUNCTION %s()`, fn, src.table, src.changed(), fn),
			fmt.Sprintf(`CREATE TRIGGER %s_ad AFTER DELETE ON %s FOR EACH ROW EXECUTE FUNCTION %s()`, fn, src.table, fn),
			insert+src.fill(src.table, true),
		)
	}
	return execAll(tx, stmts)
}

// dropSearchSource removes a source's triggers, their function and its
// entries, if any.
func (postgresDialect) dropSearchSource(tx *gorm.DB, src searchSource) error {
	if !tx.Migrator().HasTable("search_docs") {
		return nil
	}
	fn := "search_" + src.name()
	return execAll(tx, []string{
		"DELETE FROM search_docs WHERE " + src.kindRange(),
		fmt.Sprintf("DROP FUNCTION IF EXISTS %s() CASCADE", fn), // CASCADE: with its triggers
	})
}

func (postgresDialect) author() string    { return "current_user" }
func (postgresDialect) serial() string    { return "BIGSERIAL PRIMARY KEY" }
func (postgresDialect) timestamp() string { return "TIMESTAMP WITH TIME ZONE" }

func (postgresDialect) search(db *gorm.DB, words []string, includePrivate bool, limit int) ([]searchRow, error) {
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = w + ":*"
	}
	var rows []searchRow
	err := db.Raw(`SELECT docid, COALESCE(person_id, 0) AS person_id, COALESCE(at, '') AS at, COALESCE(private, '0') AS private,
		ts_headline('simple', COALESCE(body, ''), q, 'StartSel=[, StopSel=], MaxWords=14, MinWords=5, MaxFragments=1, FragmentDelimiter=…') AS snippet
		FROM search_docs, to_tsquery('simple', ?) AS q WHERE words @@ q AND (? OR private = '0') LIMIT ?`,
		strings.Join(terms, " & "), includePrivate, limit).Scan(&rows).Error
	return rows, err
}

// startOneOnOne runs as the schema's owner (start_one_on_one(), schema
// 10), who alone sees every lead's private items to carry them on. It only
// starts a meeting and finds the previous one itself: what a lead may ask
// of it links nothing into a meeting that already was.
func (postgresDialect) startOneOnOne(tx *gorm.DB, o *OneOnOne) error {
	var id uint
	if err := tx.Raw("SELECT start_one_on_one(?, ?, ?)", o.PersonID, o.HeldAt, string(o.Setting)).Scan(&id).Error; err != nil {
		return err
	}
	return tx.First(o, id).Error
}

// definerPath is the search path of what runs as the schema's owner: the
// schema, then pg_temp, which otherwise comes first and would let a lead's
// temporary tables stand in for the schema's.
func definerPath(tx *gorm.DB) (string, error) {
	var path string
	if err := tx.Raw("SELECT quote_ident(current_schema()) || ', pg_temp'").Scan(&path).Error; err != nil {
		return "", fmt.Errorf("find the schema: %w", err)
	}
	return path, nil
}
