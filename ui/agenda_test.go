package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"solemate/model"
	"solemate/model/agenda"
)

func TestDroppingAnAgendaAddsIt(t *testing.T) {
	s, store := newTestShell(t)
	p := model.Person{Name: "Priya Natarajan", Email: "priya@example.com"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := agenda.Export(store, p.ID, &b); err != nil {
		t.Fatal(err)
	}
	filled := strings.Replace(b.String(), "## Obstacles\n", "## Obstacles\n\n- The headset crackles\n- Rota swaps\n", 1)
	dir := t.TempDir()
	tests := []struct {
		name, file, content string
		shows               []string
		items               int // on Priya's agenda after the drop
	}{
		{"refused", "bad.md", filled + "\n## Gossip\n\n- x\n", []string{"Could not import bad.md", `Line 54: "Gossip" is not one of the four headings`, "Nothing was added."}, 0},
		{"not Markdown", "photo.png", "\x89PNG", []string{"photo.png is not an agenda file"}, 0},
		{"filled in", "agenda-priya-natarajan.md", filled, []string{"Agenda added", "Added 2 items to Priya Natarajan's next one-on-one."}, 2},
		{"again", "agenda-priya-natarajan.md", filled, []string{"Nothing new for Priya Natarajan's next one-on-one: 2 were already there."}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			s.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
			top := s.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no dialog after the drop")
			}
			shown := strings.Join(texts(top), " ")
			for _, want := range tt.shows {
				if !strings.Contains(shown, want) {
					t.Errorf("dialog shows %q, want …%s…", shown, want)
				}
			}
			s.closeDialogs()
			if a, err := store.Agenda(p.ID); err != nil || len(a.Items) != tt.items {
				t.Errorf("agenda holds %d items (%v), want %d", len(a.Items), err, tt.items)
			}
		})
	}
}
