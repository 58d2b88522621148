package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
	"solemate/model/export"
)

// The README promises cohort and shadowing exports from the File menu.
func TestFileMenuExportsACohortAndShadowing(t *testing.T) {
	s, store := newTestShell(t)
	var labels []string
	for _, it := range s.menu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	for _, want := range []string{"Export a cohort…", "Export shadowing…"} {
		if !strings.Contains(strings.Join(labels, "|"), want) {
			t.Errorf("File menu %v lacks %q", labels, want)
		}
	}
	// With no cohort, the export says so instead of an empty choice.
	s.exportCohort("")
	if top := test.RenderObjectToMarkup(s.win.Canvas().Overlays().Top()); !strings.Contains(top, "There are no cohorts yet") {
		t.Errorf("no cohorts: %s", top)
	}
	s.closeDialogs()
	prog, _ := store.Programs()
	for _, n := range []string{"March 2026", "April 2026"} {
		if _, err := store.CreateCohort(model.NewCohort{Name: n, ProgramID: prog[0].ID, Start: model.NewDate(2026, 3, 2)}); err != nil {
			t.Fatal(err)
		}
	}
	s.exportCohort("")
	pick, ok := first[*dialogSelect](s.win.Canvas().Overlays().Top())
	if !ok || strings.Join(pick.Options, "|") != "April 2026|March 2026" || pick.Selected == "" {
		t.Errorf("cohort choice: %+v", pick)
	}
	// Enter chooses the file, as the button does.
	focused := s.win.Canvas().Focused()
	if focused == nil {
		t.Fatal("nothing has the focus to hear Enter")
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := first(s.win.Canvas().Overlays().Top(), func(e *widget.Entry) bool { return e.Text == "April 2026.md" }); !ok {
		t.Errorf("Enter should open the save dialog for April 2026.md: %s", test.RenderObjectToMarkup(s.win.Canvas().Overlays().Top()))
	}
}

func TestExportFormatFollowsTheFileName(t *testing.T) {
	for ext, want := range map[string]string{".csv": export.FormatCSV, ".md": export.FormatMarkdown, "": export.FormatMarkdown, ".txt": export.FormatMarkdown} {
		if got := formatOf(ext); got != want {
			t.Errorf("%q: %s, want %s", ext, got, want)
		}
	}
}
