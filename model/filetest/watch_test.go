package filetest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWatchSeesWhatOthersCouldRead(t *testing.T) {
	tests := []struct {
		name  string
		write func(dir string) error
		found bool
	}{
		{"private file", func(dir string) error { return os.WriteFile(filepath.Join(dir, "a"), []byte("x"), 0o600) }, false},
		{"file made private after writing", func(dir string) error {
			path := filepath.Join(dir, "a")
			if err := os.WriteFile(path, []byte("secret"), 0o644); err != nil {
				return err
			}
			time.Sleep(100 * time.Millisecond) // as long as a large copy takes
			return os.Chmod(path, 0o600)
		}, true},
		{"private folder", func(dir string) error { return os.Mkdir(filepath.Join(dir, "d"), 0o700) }, false},
		{"open folder", func(dir string) error { return os.Mkdir(filepath.Join(dir, "d"), 0o755) }, true},
		{"renamed in private", func(dir string) error {
			tmp := filepath.Join(dir, "d")
			if err := os.Mkdir(tmp, 0o700); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(tmp, "a"), []byte("secret"), 0o644); err != nil {
				return err
			}
			if err := os.Chmod(filepath.Join(tmp, "a"), 0o600); err != nil {
				return err
			}
			return os.Rename(filepath.Join(tmp, "a"), filepath.Join(dir, "a"))
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			stop := Watch(t, dir)
			if err := tt.write(dir); err != nil {
				t.Fatal(err)
			}
			if found := stop(); (len(found) > 0) != tt.found {
				t.Errorf("found %q, want something: %v", found, tt.found)
			}
		})
	}
}
