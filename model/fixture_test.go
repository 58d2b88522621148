package model

import (
	"crypto/sha256"
	"database/sql"
	"fmt"
	"hash"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixturesSurviveUpgrade opens each released schema's fixture database
// (made by that version's `solemate demo` and `backup`) with this code and
// checks that every row of every table it had is still there, value for value.
func TestFixturesSurviveUpgrade(t *testing.T) {
	fileOnly(t)
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "fixtures", "schema-*.db"))
	if len(fixtures) == 0 {
		t.Fatal("no fixture databases")
	}
	for _, fx := range fixtures {
		t.Run(filepath.Base(fx), func(t *testing.T) {
			before := tableDigests(t, fx)
			work := filepath.Join(t.TempDir(), FileName)
			if err := copyFile(fx, work); err != nil {
				t.Fatal(err)
			}
			s, err := Open(work)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			if v, _ := currentVersion(s.db); v != SchemaVersion() {
				t.Errorf("schema %d after opening, want %d", v, SchemaVersion())
			}
			// The search index came through, and is kept in step after.
			if hits, err := s.Search("the", true, 5); err != nil || len(hits) == 0 {
				t.Errorf("search after the upgrade: %d hits, %v", len(hits), err)
			}
			s.Close()
			after := tableDigests(t, work)
			for col, digest := range before {
				// The upgrade may add to these: its migrations, and the
				// library's new or changed prompts.
				table, _, _ := strings.Cut(col, ".")
				if table == "schema_migrations" || table == "prompts" {
					continue
				}
				if moved, ok := movedColumns[col]; ok {
					if after[moved] != digest {
						t.Errorf("%s did not all move to %s in the upgrade", col, moved)
					}
					continue
				}
				if after[col] != digest {
					t.Errorf("column %s changed in the upgrade", col)
				}
			}
		})
	}
}

// movedColumns are columns a migration moved to another table (their
// non-empty values, in order).
var movedColumns = map[string]string{"one_on_ones.private_notes": "private_notes.text"}

// tableDigests hashes every column of every ordinary table ("table.column"),
// its rows ordered by rowid; empty text is left out, so a column whose
// non-empty values moved elsewhere hashes the same there.
func tableDigests(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite3", fileURI(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'search_fts%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]string{}
	for _, table := range tables {
		r, err := db.Query(fmt.Sprintf("SELECT * FROM %q ORDER BY rowid", table))
		if err != nil {
			// WITHOUT ROWID tables have none; their primary key orders them.
			r, err = db.Query(fmt.Sprintf("SELECT * FROM %q ORDER BY 1, 2", table))
			if err != nil {
				t.Fatal(err)
			}
		}
		cols, _ := r.Columns()
		hs := make([]hash.Hash, len(cols))
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i], hs[i] = &vals[i], sha256.New()
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if s := fmt.Sprint(v); s != "" {
					fmt.Fprintln(hs[i], s)
				}
			}
		}
		r.Close()
		for i, c := range cols {
			out[table+"."+c] = fmt.Sprintf("%x", hs[i].Sum(nil))
		}
	}
	return out
}
