package ui

import (
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
	"solemate/model/export"
)

// saveFile asks where to save, then lets write fill the file off the UI
// goroutine from st; ext is the chosen name's extension in lower case, so
// ".md" can pick Markdown.
func (s *shell) saveFile(defaultName string, write func(st *model.Store, w io.Writer, ext string) error) {
	s.saveFileThen(defaultName, write, nil)
}

// saveFileThen is saveFile, then saved(the file's name) instead of the
// usual "Saved …" line: an agenda says what to do with it next.
func (s *shell) saveFileThen(defaultName string, write func(st *model.Store, w io.Writer, ext string) error, saved func(file string)) {
	if saved == nil {
		saved = func(file string) { s.undo.inform("Saved "+file+".", s.undoFor) }
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError("Could not export", err)
			return
		}
		if w == nil {
			return
		}
		fetchOr(s, nil, func(st *model.Store) (struct{}, error) {
			return struct{}{}, saveExport(w, func(f io.Writer, ext string) error { return write(st, f, ext) })
		}, func(struct{}) { saved(w.URI().Name()) },
			func(err error) { s.showError("Could not export", err) })
	}, s.win)
	d.SetFileName(defaultName)
	d.Show()
}

// saveExport fills the file the save dialog chose. The dialog has made it
// already, empty and with the umask's mode; the export goes into a new file,
// private from its first byte, that takes its place. A failed export takes
// the empty file away too.
func saveExport(w fyne.URIWriteCloser, write func(w io.Writer, ext string) error) error {
	if err := w.Close(); err != nil {
		return err
	}
	path, ext := w.URI().Path(), strings.ToLower(w.URI().Extension())
	err := model.WriteFile(path, true, func(f io.Writer) error { return write(f, ext) })
	if fi, statErr := os.Stat(path); err != nil && statErr == nil && fi.Size() == 0 {
		_ = os.Remove(path) // at worst an empty file stays
	}
	return err
}

// exportOneOnOnes exports one person's one-on-ones (everyone's when
// personID is 0) as Markdown, or CSV when the file name ends in .csv.
// Private notes go along only when the user ticks the box.
func (s *shell) exportOneOnOnes(personID uint, fileName string) {
	private := widget.NewCheck("Include private notes and private items", nil)
	d := dialog.NewCustomConfirm("Export one-on-ones", "Choose file…", "Cancel", private, func(ok bool) {
		if !ok {
			return
		}
		withPrivate := private.Checked
		s.saveFile(fileName, func(st *model.Store, w io.Writer, ext string) error {
			return export.OneOnOnes(st, w, export.OneOnOneOptions{PersonID: personID, Format: formatOf(ext), IncludePrivate: withPrivate})
		})
	}, s.win)
	s.showDialog(d)
}

// exportCalendar saves the one-on-one schedule as an iCalendar file.
func (s *shell) exportCalendar() {
	s.saveFile("one-on-ones.ics", func(st *model.Store, w io.Writer, _ string) error {
		return export.Calendar(st, w, nil)
	})
}

// formatOf is the export format a file's extension asks for: CSV for
// ".csv", Markdown otherwise.
func formatOf(ext string) string {
	if ext == ".csv" {
		return export.FormatCSV
	}
	return export.FormatMarkdown
}

// exportShadowing saves every shadowing session, as Markdown or CSV.
func (s *shell) exportShadowing() {
	s.saveFile("shadowing.md", func(st *model.Store, w io.Writer, ext string) error {
		return export.Shadowing(st, w, export.ShadowingOptions{Format: formatOf(ext)})
	})
}

// exportCohort saves a cohort's progress, as Markdown or CSV; with no name
// it asks which cohort first.
func (s *shell) exportCohort(name string) {
	if name != "" {
		s.saveFile(fileNameOf(name)+".md", func(st *model.Store, w io.Writer, ext string) error {
			return export.Cohort(st, w, name, formatOf(ext))
		})
		return
	}
	fetchOr(s, &s.popups, func(st *model.Store) ([]string, error) { return st.CohortNames() }, func(names []string) {
		if len(names) == 0 {
			s.showDialog(dialog.NewInformation("Export a cohort", "There are no cohorts yet. Start one on Cohorts.", s.win))
			return
		}
		pick := newDialogSelect(names)
		pick.SetSelectedIndex(0)
		d := dialog.NewForm("Export a cohort", "Choose file…", "Cancel", []*widget.FormItem{
			{Text: "Cohort", Widget: pick, HintText: "Markdown, or CSV when the file name ends in .csv"},
		}, func(ok bool) {
			if ok && pick.Selected != "" {
				s.exportCohort(pick.Selected)
			}
		}, s.win)
		s.showDialog(d)
		s.win.Canvas().Focus(pick) // so that Enter chooses the file
	}, func(err error) { s.showError("Could not list the cohorts", err) })
}

// dialogSelect is a choice in a form dialog: Enter submits the form, as it
// does in the dialog's entries, and Esc closes it.
type dialogSelect struct{ widget.Select }

func newDialogSelect(options []string) *dialogSelect {
	s := &dialogSelect{}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

func (s *dialogSelect) TypedKey(k *fyne.KeyEvent) {
	if !escapeDialog(s, k) && !submitDialog(s, k) {
		s.Select.TypedKey(k)
	}
}

// fileNameOf makes a name fit to offer as a file's name: no separators or
// characters file systems refuse, no leading dots or spaces.
func fileNameOf(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	if name = strings.TrimLeft(name, ". "); name == "" {
		return "cohort"
	}
	return name
}
