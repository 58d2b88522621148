// Package dbtest is test support that works on a database as a whole,
// below the store: package model's own tests use it as well as those of
// the packages built on model, so it does not import model.
package dbtest

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// ContentDigest hashes every row of every table, so a test can tell that
// a refused change wrote nothing at all.
func ContentDigest(t testing.TB, db *gorm.DB) string {
	t.Helper()
	tables, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(tables)
	h := sha256.New()
	for _, table := range tables {
		if strings.HasPrefix(table, "search_fts") {
			continue // the index follows its tables
		}
		rows, err := db.Raw("SELECT * FROM " + db.Statement.Quote(table) + " ORDER BY 1").Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(h, "%s %v\n", table, vals)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
