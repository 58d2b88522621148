package roster_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"solemate/model"
	"solemate/model/roster"
)

// `make fuzz` runs it for a minute; `go test` runs the seeds.
func FuzzImportRoster(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{"", "name\n", "\uFEFFname,email\r\n\"a,b\",a@example.com\r\n", "name,manager_email\nA,a@example.com\n", "name\n\"unterminated\n", "name,name\nx,y\n"} {
		f.Add([]byte(seed))
	}
	s, err := model.Open(filepath.Join(f.TempDir(), model.FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, data []byte) {
		before, err := s.CountPeople()
		if err != nil {
			t.Fatal(err)
		}
		res, err := roster.Import(s, bytes.NewReader(data))
		after, _ := s.CountPeople()
		if err != nil {
			if after != before {
				t.Fatalf("a refused import wrote %d people", after-before)
			}
			if ie, ok := err.(*model.ImportError); ok {
				for _, p := range ie.Problems {
					if p.Line < 1 || p.Message == "" {
						t.Fatalf("a problem without a line or message: %+v", p)
					}
				}
			}
			return
		}
		if after != before+int64(res.Added) {
			t.Fatalf("added %d but the roster grew by %d", res.Added, after-before)
		}
	})
}
