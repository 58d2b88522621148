package main

import (
	"os"
	"path/filepath"
	"testing"
)

// `solemate backup FILE --db EMPTY` (a mistyped or just-made empty file) is
// an error, and the empty file stays empty rather than becoming a database.
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
