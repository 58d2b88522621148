package main

import (
	"os"
	"path/filepath"
	"testing"
)

// `solemate backup FILE --db EMPTY` (a mistyped or just-made empty
// file) opens it for writing, fills it with a new Solemate schema and
// "backs up" that, exit 0. The README: an empty file as --db is an error.
func TestCLIBackupOfAnEmptyFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs, _ := runCLI(t, nil, "backup", filepath.Join(dir, "b.db"), "--db", db)
	fi, _ := os.Stat(db)
	if code != 1 || fi.Size() != 0 {
		t.Errorf("backup of an empty --db: exit %d (%q %q), the empty file is now %d bytes", code, out, errs, fi.Size())
	}
}
