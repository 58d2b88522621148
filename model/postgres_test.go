package model

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

func TestRedactURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://ana:s3cret@db.example:5432/solemate", "postgres://ana:***@db.example:5432/solemate"},
		{"postgres://ana@db.example/solemate", "postgres://ana@db.example/solemate"},
		{"postgresql://db.example/solemate?sslmode=require", "postgresql://db.example/solemate?sslmode=require"},
		{"postgres://ana@db.example/solemate?password=s3cret&sslmode=require", "postgres://ana@db.example/solemate?password=***&sslmode=require"},
		{"postgres://ana:s3cret@db.example:port/solemate", "postgres://***@db.example:port/solemate"},
	} {
		if got := RedactURL(tc.in); got != tc.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestServerProblemsInPlainWords(t *testing.T) {
	cases := []struct{ name, url, want string }{
		{"no server there", "postgres://ana:s3cret@127.0.0.1:1/solemate?connect_timeout=5", "cannot reach the database server at postgres://ana:***@127.0.0.1:1/solemate"},
		{"not an address", "postgres://ana@db.example:port/solemate", "not a PostgreSQL address"},
	}
	if testServer != "" {
		cases = append(cases, struct{ name, url, want string }{"no such database", serverURL(t, "no_such_database"), `has no database "no_such_database"`})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.url)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want it to say %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("the message shows the password: %v", err)
			}
		})
	}
}

func TestServerDatabasesAreNotCopiedAsFiles(t *testing.T) {
	needServer(t)
	s := newTestStore(t)
	if err := s.CopyTo(t.TempDir() + "/copy.db"); !errors.Is(err, ErrOnServer) {
		t.Errorf("CopyTo: %v, want ErrOnServer", err)
	}
	if path, err := s.AutoBackup(t.TempDir(), 14); path != "" || err != nil {
		t.Errorf("AutoBackup: %q, %v; want nothing done", path, err)
	}
	if _, err := LockInstance(testServer); !errors.Is(err, ErrOnServer) {
		t.Errorf("the lock a restore needs, on a server: %v, want ErrOnServer", err)
	}
}

// Leads starting a new version at once: one migrates, the others wait for
// it and find the schema done.
func TestConcurrentFirstStartsMigrateOnce(t *testing.T) {
	needServer(t)
	newServerDatabase(t) // the admin connection
	name := fmt.Sprintf("solemate_fresh_%d", os.Getpid())
	if _, err := serverAdmin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = serverAdmin.Exec("DROP DATABASE " + name + " WITH (FORCE)") })
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(serverURL(t, name))
			if err == nil {
				err = s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("start %d: %v", i, err)
		}
	}
	s, err := Open(serverURL(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var runs int64
	if err := s.db.Model(&schemaMigration{}).Count(&runs).Error; err != nil || int(runs) != SchemaVersion() {
		t.Errorf("%d migrations recorded, want %d (%v)", runs, SchemaVersion(), err)
	}
}
