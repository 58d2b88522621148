package model

import (
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// dialect is the little SQL that differs between the embedded SQLite file
// and a shared PostgreSQL server. Every other statement is written once, in
// SQL both understand.
type dialect interface {
	// nocase is expr compared and sorted without regard to (ASCII) case.
	nocase(expr string) string
	// joinText joins expr's values in a group, sep between them.
	joinText(expr, sep string) string
	// keepOrder is a join that the planner must take in the order written
	// (SQLite's CROSS JOIN); elsewhere a plain JOIN.
	keepOrder() string
	// unindexed is expr in a form whose index the planner will not choose.
	unindexed(expr string) string
	// search finds the index's documents that have every word, each as a
	// prefix, private ones only when includePrivate.
	search(db *gorm.DB, words []string, includePrivate bool, limit int) ([]searchRow, error)
	// searchIndex builds the full-text index if missing and keeps it in
	// step with sources, replacing what indexed them before.
	searchIndex(tx *gorm.DB, sources []searchSource) error
	// dropSearchSource stops indexing src and removes its entries.
	dropSearchSource(tx *gorm.DB, src searchSource) error
	// author is who writes: the connected role on a server, where rows
	// can be private to their author, and '' in a file of one's own.
	author() string
	// serial is an integer primary key the database numbers.
	serial() string
	// timestamp is a column type that reads back as a time.Time.
	timestamp() string
	// bulkWrite readies tx for one very big transaction; done undoes it.
	bulkWrite(tx *gorm.DB) (done func() error, err error)
	// startOneOnOne stores the new meeting o and links into it what the
	// person's previous one-on-one carries on, private items of every
	// author among them.
	startOneOnOne(tx *gorm.DB, o *OneOnOne) error
}

// dialectOf tells which SQL db speaks.
func dialectOf(db *gorm.DB) dialect {
	if db.Dialector.Name() == "postgres" {
		return postgresDialect{}
	}
	return sqliteDialect{}
}

func isPostgres(db *gorm.DB) bool { _, ok := dialectOf(db).(postgresDialect); return ok }

type sqliteDialect struct{}

func (sqliteDialect) nocase(expr string) string { return expr + " COLLATE NOCASE" }
func (sqliteDialect) joinText(expr, sep string) string {
	return fmt.Sprintf("GROUP_CONCAT(%s, '%s')", expr, sep)
}
func (sqliteDialect) keepOrder() string            { return "CROSS JOIN" }
func (sqliteDialect) unindexed(expr string) string { return "+" + expr }
func (sqliteDialect) author() string               { return "''" }
func (sqliteDialect) serial() string               { return "INTEGER PRIMARY KEY" }
func (sqliteDialect) timestamp() string            { return "DATETIME" }

type postgresDialect struct{}

func (postgresDialect) nocase(expr string) string { return "lower(" + expr + ")" }
func (postgresDialect) joinText(expr, sep string) string {
	return fmt.Sprintf("string_agg(%s, '%s')", expr, sep)
}
func (postgresDialect) keepOrder() string            { return "JOIN" }
func (postgresDialect) unindexed(expr string) string { return expr }

// QuoteIdent quotes a table or column name for either dialect, for
// statements whose tables are known only as they run (migrations, the copier).
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteLiteral is s as an SQL string literal of either dialect, for values
// written into SQL that cannot take parameters (function bodies, DDL).
func QuoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// sortNocase sorts names as nocase orders them. Short DISTINCT lists are
// sorted here: PostgreSQL orders DISTINCT rows only by what they select.
func sortNocase(names []string) {
	slices.SortFunc(names, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}

// bulkWrite gives the transaction a cache that holds it: a long history is
// one big transaction, and a small cache rewrites the same pages to the
// log again and again.
func (sqliteDialect) bulkWrite(tx *gorm.DB) (func() error, error) {
	var cache int
	if err := tx.Raw("PRAGMA cache_size").Scan(&cache).Error; err != nil {
		return nil, err
	}
	if err := tx.Exec("PRAGMA cache_size = -1000000").Error; err != nil {
		return nil, err
	}
	// The connection goes back to the pool after the fill: with the big
	// cache kept, every later read on it could hold that much. A PRAGMA takes
	// no parameters, so the number is written into it.
	return func() error { return tx.Exec(fmt.Sprintf("PRAGMA cache_size = %d", cache)).Error }, nil
}

// bulkWrite needs nothing on a server, which sizes its own buffers.
func (postgresDialect) bulkWrite(*gorm.DB) (func() error, error) {
	return func() error { return nil }, nil
}

func (sqliteDialect) startOneOnOne(tx *gorm.DB, o *OneOnOne) error {
	var prev uint // none: 0, which carries nothing
	if err := tx.Raw(latestMeeting, o.PersonID).Scan(&prev).Error; err != nil {
		return err
	}
	if err := tx.Create(o).Error; err != nil {
		return err
	}
	return tx.Exec(carryOverSQL, carryOverArgs(prev, o.ID)...).Error
}
