package model

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// testServer is a PostgreSQL superuser URL (make test starts a throwaway
// server); with it, every test that opens a store through newTestStore runs
// on a fresh database on that server instead of an SQLite file.
var testServer = os.Getenv("SOLEMATE_TEST_POSTGRES")

var (
	serverOnce  sync.Once
	serverAdmin *sql.DB
	serverErr   error
	serverSeq   atomic.Int64
)

// serverURL is testServer with another database name.
func serverURL(t testing.TB, database string) string {
	t.Helper()
	u, err := url.Parse(testServer)
	if err != nil {
		t.Fatalf("SOLEMATE_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + database
	return u.String()
}

// newServerDatabase makes an empty, migrated database on the test server
// (a copy of a template migrated once) and drops it after the test.
func newServerDatabase(t testing.TB) string {
	t.Helper()
	serverOnce.Do(func() {
		serverAdmin, serverErr = sql.Open("pgx", testServer)
		if serverErr != nil {
			return
		}
		const tmpl = "solemate_template"
		if _, serverErr = serverAdmin.Exec("DROP DATABASE IF EXISTS " + tmpl + " WITH (FORCE)"); serverErr != nil {
			return
		}
		if _, serverErr = serverAdmin.Exec("CREATE DATABASE " + tmpl); serverErr != nil {
			return
		}
		var s *Store
		if s, serverErr = Open(serverURL(t, tmpl)); serverErr != nil {
			return
		}
		serverErr = s.Close()
	})
	if serverErr != nil {
		t.Fatalf("test server: %v", serverErr)
	}
	name := fmt.Sprintf("solemate_test_%d_%d", os.Getpid(), serverSeq.Add(1))
	if _, err := serverAdmin.Exec("CREATE DATABASE " + name + " TEMPLATE solemate_template"); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := serverAdmin.ExecContext(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return serverURL(t, name)
}

// needServer skips a test about a server database when there is none;
// make test's PostgreSQL pass runs it.
func needServer(t *testing.T) {
	t.Helper()
	if testServer == "" {
		t.Skip("needs a PostgreSQL server: SOLEMATE_TEST_POSTGRES (make test starts one)")
	}
}

// fileOnly skips a test about the SQLite file itself in the run on the
// test server; the SQLite run covers it.
func fileOnly(t *testing.T) {
	t.Helper()
	if testServer != "" {
		t.Skip("about the SQLite file; runs without SOLEMATE_TEST_POSTGRES")
	}
}
