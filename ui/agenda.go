package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"solemate/model"
	"solemate/model/agenda"
)

// sendAgenda saves the agenda file a report fills in before their next
// one-on-one, then says what to do with it.
func (s *shell) sendAgenda(p model.Person) {
	s.saveFileThen("agenda-"+fileSafe(p.Name)+".md", func(st *model.Store, w io.Writer, _ string) error { return agenda.Export(st, p.ID, w) },
		func(file string) {
			s.showMessage("Agenda saved", fmt.Sprintf("Saved %s.\n\nSend it to %s by email or chat. They write what they want to talk about "+
				"under the four headings and send it back; drop the file on this window (or use File › Import agenda…) "+
				"to add their items to the next one-on-one.", file, p.DisplayName()))
		})
}

// importAgenda asks for an agenda (or one-on-one history) file to import.
func (s *shell) importAgenda() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError("Could not open the file", err)
			return
		}
		if r == nil {
			return
		}
		_ = r.Close()
		s.importAgendaFile(r.URI())
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".md", ".MD", ".markdown", ".txt"}))
	d.Show()
}

// dropped imports the files dropped on the window: agendas sent back, or
// one-on-one history kept in Markdown.
func (s *shell) dropped(_ fyne.Position, uris []fyne.URI) {
	if s.store == nil { // still opening
		return
	}
	for _, u := range uris {
		if ext := strings.ToLower(u.Extension()); ext != ".md" && ext != ".markdown" && ext != ".txt" {
			s.showMessage("Not an agenda", fmt.Sprintf("%s is not an agenda file. Drop the .md file a report sent back, or one-on-one notes kept in Markdown.", u.Name()))
			continue
		}
		s.importAgendaFile(u)
	}
}

// importAgendaFile reads and imports one file off the UI goroutine, then
// says what it added, or the line and the reason it was refused.
func (s *shell) importAgendaFile(u fyne.URI) {
	fetchOr(s, nil, func(st *model.Store) (agenda.Result, error) {
		r, err := storage.Reader(u)
		if err != nil {
			return agenda.Result{}, err
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, agenda.MaxFileSize+1))
		if err != nil {
			return agenda.Result{}, err
		}
		return agenda.Import(st, data, 0)
	}, func(res agenda.Result) {
		s.screen(s.current).load()
		if o := s.oneOnOnes(); s.current == screenOneOnOnes && o.page.person.ID == res.Person.ID {
			o.page.load(res.Person.ID) // their page shows what they added
		}
		title := "Agenda added"
		if res.History {
			title = "History imported"
		}
		s.showMessage(title, res.String())
	}, func(err error) {
		var e *agenda.Error
		if errors.As(err, &e) {
			s.showMessage("Could not import "+u.Name(), sentence(e.Error())+"\n\nNothing was added.")
			return
		}
		s.showError("Could not import "+u.Name(), err)
	})
}

// agendaText is what a report added before their next one-on-one, an item
// a line with its heading, and the rating they gave; "" when nothing.
func agendaText(a model.Agenda) string {
	var lines []string
	if n := len(a.Items); n > 0 {
		lines = append(lines, fmt.Sprintf("They added %s for the next one-on-one:", model.Plural(n, "item", "items")))
	}
	for _, it := range a.Items {
		where := strings.ToLower(it.Heading.Label())
		if it.NonWork {
			where += ", outside work"
		}
		lines = append(lines, "• "+clip(it.Text)+" ("+where+")")
	}
	if a.Pulse != 0 {
		lines = append(lines, fmt.Sprintf("Their rating ahead: %d of 5", a.Pulse))
	}
	return strings.Join(lines, "\n")
}
