package model

import (
	"database/sql"
	"sync"
	"testing"

	"solemate/model/dbtest"
)

// testServer is a PostgreSQL superuser URL (make test starts a throwaway
// server); with it, every test that opens a store through newTestStore runs
// on a fresh database on that server instead of an SQLite file.
var testServer = dbtest.Server

// serverURL is testServer with another database name.
var serverURL = dbtest.ServerURL

var (
	serverOnce  sync.Once
	serverAdmin *sql.DB
)

// newServerDatabase makes an empty, migrated database on the test server
// (a copy of a template migrated once) and drops it after the test.
func newServerDatabase(t testing.TB) string {
	t.Helper()
	serverOnce.Do(func() { serverAdmin = dbtest.Admin(t, Open) })
	return dbtest.ServerDatabase(t, Open)
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
