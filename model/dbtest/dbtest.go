// Package dbtest is test support below the store: databases on the test
// server and digests of whole databases. Package model's own tests use it
// as well as those of the packages built on model, so it does not import
// model.
package dbtest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
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

// Server is a PostgreSQL superuser URL (make test starts a throwaway
// server); with it, the tests that open a store run on a fresh database on
// that server instead of an SQLite file.
var Server = os.Getenv("SOLEMATE_TEST_POSTGRES")

// ServerURL is Server with another database name.
func ServerURL(t testing.TB, database string) string {
	t.Helper()
	u, err := url.Parse(Server)
	if err != nil {
		t.Fatalf("SOLEMATE_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + database
	return u.String()
}

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
	seq       atomic.Int64
)

// template is the database ServerDatabase copies: one per test binary, as
// go test runs packages side by side.
var template = fmt.Sprintf("solemate_template_%d", os.Getpid())

// Admin is a connection to the test server as its superuser. The first
// call makes the template database and brings it up to date by opening it
// with open (model.Open) and closing it.
func Admin[S io.Closer](t testing.TB, open func(url string) (S, error)) *sql.DB {
	t.Helper()
	adminOnce.Do(func() {
		if admin, adminErr = sql.Open("pgx", Server); adminErr != nil {
			return
		}
		if _, adminErr = admin.Exec("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)"); adminErr != nil {
			return
		}
		if _, adminErr = admin.Exec("CREATE DATABASE " + template); adminErr != nil {
			return
		}
		var s S
		if s, adminErr = open(ServerURL(t, template)); adminErr != nil {
			return
		}
		adminErr = s.Close()
	})
	if adminErr != nil {
		t.Fatalf("test server: %v", adminErr)
	}
	return admin
}

// ServerDatabase makes an empty, migrated database on the test server (a
// copy of the template) and drops it after the test.
func ServerDatabase[S io.Closer](t testing.TB, open func(url string) (S, error)) string {
	t.Helper()
	a := Admin(t, open)
	name := fmt.Sprintf("solemate_test_%d_%d", os.Getpid(), seq.Add(1))
	if _, err := a.Exec("CREATE DATABASE " + name + " TEMPLATE " + template); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := a.ExecContext(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return ServerURL(t, name)
}
