package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
	"solemate/model/demo"
	"solemate/model/export"
	"solemate/model/roster"
)

// demoPeople is how many people "Load demo data" creates.
const demoPeople = 40

// peopleScreen is the roster: a filtered list on the left, the selected
// person's form on the right.
type peopleScreen struct {
	sh    *shell
	opens line // of the person the form shows

	// ids are the people the list shows, in order; total is how many the
	// list covers before the filter (archived too when shown), everyone is
	// everyone on the roster (0 shows the welcome). Rows are read a page at
	// a time as the list shows them, so a long roster costs only its IDs.
	ids      []uint
	total    int
	everyone int64
	pages    rowPages
	// runs are the list's fetches, a newer one replacing the one under way;
	// reload says a run still has to read the count and teams again.
	runs   line
	reload bool
	// updating is set while the list fills a row, when a page read at once
	// (as in tests) must not refresh the list from inside it.
	updating bool

	root         *fyne.Container // the welcome or the list-detail view
	welcome      fyne.CanvasObject
	main         fyne.CanvasObject
	filter       *widget.Entry
	showArchived *widget.Check
	list         *widget.List
	noMatch      *widget.Label
	count        *widget.Label
	form         *personForm

	// selecting guards list callbacks we trigger ourselves.
	selecting bool
}

// A page of rows is read at once; a few screens' worth are kept.
const (
	rowsPerPage = 50
	pagesKept   = 8
)

func newPeopleScreen(sh *shell) *peopleScreen {
	p := &peopleScreen{sh: sh}
	p.form = newPersonForm(p)
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter by name, team, role… (Ctrl+L)")
	p.filter.OnChanged = func(string) { p.applyFilter() }
	p.showArchived = widget.NewCheck("Show archived", func(bool) { p.load() })
	p.count = widget.NewLabel("")
	p.noMatch = widget.NewLabel("No one matches this filter.")
	p.noMatch.Alignment = fyne.TextAlignCenter
	p.noMatch.Hide()
	p.list = widget.NewList(
		func() int { return len(p.ids) },
		newPersonRowView,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			p.updating = true
			defer func() { p.updating = false }()
			updatePersonRowView(o, p.rowAt(id))
		},
	)
	p.list.OnSelected = p.onSelected

	newBtn := widget.NewButtonWithIcon("New person", theme.ContentAddIcon(), p.newItem)
	newBtn.Importance = widget.HighImportance
	importBtn := widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), p.importCSV)
	exportBtn := widget.NewButtonWithIcon("Export…", theme.UploadIcon(), sh.exportRoster)
	heading := widget.NewLabelWithStyle("People", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	toolbar := container.NewBorder(nil, nil, heading, container.NewHBox(importBtn, exportBtn, newBtn))

	left := container.NewBorder(
		container.NewVBox(p.filter, p.showArchived),
		p.count, nil, nil,
		container.NewStack(p.list, container.NewCenter(p.noMatch)),
	)
	split := container.NewHSplit(left, p.form.view)
	split.Offset = 0.38
	p.main = container.NewBorder(container.NewPadded(toolbar), nil, nil, nil, split)

	addBtn := widget.NewButtonWithIcon("Add a person", theme.ContentAddIcon(), p.newItem)
	addBtn.Importance = widget.HighImportance
	p.welcome = emptyState(theme.AccountIcon(), "No one on your roster yet",
		"Add the people you lead one at a time, import a roster CSV\n(name, preferred_name, email, role, team, start_date, manager_email, status),\nor load demo data to look around first.",
		addBtn,
		widget.NewButtonWithIcon("Import CSV…", theme.DownloadIcon(), p.importCSV),
		widget.NewButtonWithIcon("Load demo data", theme.MediaPlayIcon(), sh.loadDemo),
	)
	p.root = container.NewStack(p.welcome)
	return p
}

func (p *peopleScreen) view() fyne.CanvasObject { return p.root }

func (p *peopleScreen) focusFilter() {
	p.showMain()
	p.sh.win.Canvas().Focus(p.filter)
}

// load lists the people again after a change, with the count and teams.
func (p *peopleScreen) load() {
	p.reload = true
	p.run()
}

// applyFilter lists the people who match the filter.
func (p *peopleScreen) applyFilter() { p.run() }

// run finds who the list shows and reads the first page off the UI
// goroutine, then swaps them in, unless a newer run started meanwhile.
func (p *peopleScreen) run() {
	type roster struct {
		ids      []uint
		total    int
		first    []model.PersonRow
		everyone int64
		teams    []string
	}
	archived, query, reload := p.showArchived.Checked, p.filter.Text, p.reload
	fetch(p.sh, &p.runs, "Could not load the roster", func(st *model.Store) (r roster, err error) {
		if r.ids, r.total, err = st.PeopleMatching(st.Context(), query, archived); err != nil {
			return r, err
		}
		if r.first, err = st.PeopleByIDs(r.ids[:min(len(r.ids), rowsPerPage)]); err != nil {
			return r, err
		}
		if reload {
			if r.everyone, err = st.CountPeople(); err != nil {
				return r, err
			}
			r.teams, err = st.Teams()
		}
		releaseAfterLoad(r.total)
		return r, err
	}, func(r roster) {
		if reload {
			p.reload, p.everyone = false, r.everyone
			p.form.setTeams(r.teams)
		}
		p.show(r.ids, r.total, r.first)
		if p.everyone == 0 && !p.form.editingNew() {
			showOnly(p.root, p.welcome)
			return
		}
		p.showMain()
	})
}

func (p *peopleScreen) showMain() {
	showOnly(p.root, p.main)
}

// show lists ids, the first page of whose rows is first.
func (p *peopleScreen) show(ids []uint, total int, first []model.PersonRow) {
	p.ids, p.total = ids, total
	p.pages.reset()
	p.pages.put(0, first)
	p.noMatch.Hidden = len(ids) > 0 || total == 0
	p.noMatch.Refresh()
	p.count.SetText(shownOf(len(ids), total, "person", "people"))
	p.list.Refresh()
	p.syncSelection()
}

// rowAt is the row at position i of the list, or nil while its page is
// being read.
func (p *peopleScreen) rowAt(i int) *model.PersonRow {
	if i >= len(p.ids) {
		return nil
	}
	n := i / rowsPerPage
	rows, ok := p.pages.get(n)
	if !ok {
		p.readPage(n)
		if rows, ok = p.pages.get(n); !ok {
			return nil
		}
	}
	for j := range rows {
		if rows[j].ID == p.ids[i] {
			return &rows[j]
		}
	}
	return nil // no longer on the roster
}

// readPage reads page n of the list off the UI goroutine and redraws the
// list when it arrives, unless the list changed meanwhile.
func (p *peopleScreen) readPage(n int) {
	if !p.pages.startReading(n) {
		return
	}
	ids, gen := p.ids[n*rowsPerPage:min(len(p.ids), (n+1)*rowsPerPage)], p.pages.gen
	// Pages load side by side, each on a line of its own; gen drops those
	// of a list since replaced.
	current := func() bool {
		if p.pages.gen != gen {
			return false
		}
		p.pages.doneReading(n)
		return true
	}
	fetchOr(p.sh, nil, func(st *model.Store) ([]model.PersonRow, error) { return st.PeopleByIDs(ids) }, func(rows []model.PersonRow) {
		if current() {
			p.pages.put(n, rows)
			if !p.updating {
				p.list.Refresh()
			}
		}
	}, func(err error) {
		if current() {
			p.sh.showError("Could not load the roster", err)
		}
	})
}

// rowPages are the pages of the list's rows read lately, the most recent
// last; gen counts the lists they were read for.
type rowPages struct {
	gen     int
	pages   []rowPage
	reading map[int]bool
}

type rowPage struct {
	n    int
	rows []model.PersonRow
}

// reset forgets every page: the list changed.
func (c *rowPages) reset() {
	c.gen++
	c.pages, c.reading = c.pages[:0], map[int]bool{}
}

func (c *rowPages) get(n int) ([]model.PersonRow, bool) {
	for i, pg := range c.pages {
		if pg.n == n {
			c.pages = append(append(c.pages[:i], c.pages[i+1:]...), pg)
			return pg.rows, true
		}
	}
	return nil, false
}

// put keeps page n, forgetting the least recently shown beyond pagesKept.
func (c *rowPages) put(n int, rows []model.PersonRow) {
	if len(c.pages) == pagesKept {
		c.pages = append(c.pages[:0], c.pages[1:]...)
	}
	c.pages = append(c.pages, rowPage{n, rows})
}

// startReading reports whether page n needs reading, and notes it does.
func (c *rowPages) startReading(n int) bool {
	if c.reading[n] {
		return false
	}
	c.reading[n] = true
	return true
}

func (c *rowPages) doneReading(n int) { delete(c.reading, n) }

// syncSelection keeps the list's highlight on the person in the form.
func (p *peopleScreen) syncSelection() {
	p.selecting = true
	defer func() { p.selecting = false }()
	if id := p.form.person.ID; id != 0 {
		if i := slices.Index(p.ids, id); i >= 0 {
			p.list.Select(i)
			return
		}
	}
	p.list.UnselectAll()
}

func (p *peopleScreen) onSelected(i widget.ListItemID) {
	if p.selecting || i >= len(p.ids) {
		return
	}
	if r := p.rowAt(i); r != nil {
		p.choose(r.Person)
		return
	}
	id := p.ids[i] // its page is still being read
	fetch(p.sh, &p.opens, "Could not open the person", func(st *model.Store) (model.Person, error) { return st.Person(id) }, p.choose)
}

// choose opens next in the form, once what the form holds is safe.
func (p *peopleScreen) choose(next model.Person) {
	if next.ID == p.form.person.ID && !p.form.editingNew() {
		return
	}
	p.leaveForm(func() { p.form.edit(next) }, p.syncSelection)
}

// leaveForm runs next once the form's changes are safe: saved when they are
// valid, or discarded when the user says so. cancel runs otherwise.
func (p *peopleScreen) leaveForm(next, cancel func()) {
	if !p.form.dirty {
		next()
		return
	}
	if p.form.editingNew() {
		p.confirmNew(next, cancel)
		return
	}
	name := strings.TrimSpace(p.form.name.Text)
	err := p.form.save()
	if err == nil {
		p.sh.undo.inform(fmt.Sprintf("Saved your changes to %s.", name), p.sh.undoFor)
		next()
		return
	}
	if isConflict(err) {
		cancel() // the form asks whose details to keep
		return
	}
	if name == "" {
		name = "this person"
	}
	p.sh.showDialog(dialog.NewConfirm("Discard changes?",
		fmt.Sprintf("Your changes to %s could not be saved:\n%s\n\nDiscard them?", name, err),
		func(discard bool) {
			if discard {
				p.form.dirty = false
				next()
				return
			}
			cancel()
		}, p.sh.win))
}

// confirmNew asks whether a half-filled new person should be added before
// moving on; adding is never implied by clicking elsewhere.
func (p *peopleScreen) confirmNew(next, cancel func()) {
	name := strings.TrimSpace(p.form.name.Text)
	if name == "" {
		name = "this new person"
	}
	d := dialog.NewCustomConfirm("Add "+name+"?", "Add", "Discard",
		widget.NewLabel("You started adding someone and have not saved yet."),
		func(add bool) {
			if !add {
				p.form.dirty = false
				next()
				return
			}
			if err := p.form.save(); err != nil {
				cancel()
				return
			}
			next()
		}, p.sh.win)
	p.sh.showDialog(d)
}

// openPerson shows one person's form, as a search hit asks.
func (p *peopleScreen) openPerson(id uint) {
	fetch(p.sh, &p.opens, "Could not open the person", func(st *model.Store) (model.Person, error) { return st.Person(id) }, func(person model.Person) {
		p.leaveForm(func() {
			p.showMain()
			p.form.edit(person)
			p.syncSelection()
		}, func() {})
	})
}

func (p *peopleScreen) newItem() {
	p.leaveForm(func() {
		p.showMain()
		p.form.edit(model.Person{})
		p.syncSelection()
		p.sh.win.Canvas().Focus(p.form.name)
	}, func() {})
}

func (p *peopleScreen) flush() bool {
	if !p.form.dirty {
		return true
	}
	err := p.form.save()
	if err != nil && !model.IsValidation(err) && !isConflict(err) {
		p.sh.showError("Could not save", err)
	}
	return err == nil
}

func (p *peopleScreen) archive(person model.Person) {
	if err := p.sh.store.ArchivePerson(person.ID); err != nil {
		p.sh.showError("Could not archive "+person.Name, err)
		return
	}
	p.form.edit(model.Person{ID: 0})
	p.form.clear()
	p.load()
	p.sh.undo.offer(fmt.Sprintf("Archived %s.", person.Name), p.sh.undoFor, func() { p.restore(person) })
}

func (p *peopleScreen) restore(person model.Person) {
	if err := p.sh.store.RestorePerson(person.ID); err != nil {
		p.sh.showError("Could not restore "+person.Name, err)
		return
	}
	fetchOr(p.sh, &p.opens, func(st *model.Store) (model.Person, error) { return st.Person(person.ID) }, p.form.edit, func(error) {})
	p.load()
}

// loadDemo fills an empty database with demo data off the UI goroutine,
// then reloads the screen on show (the others load when shown).
func (s *shell) loadDemo() {
	prog := dialog.NewCustomWithoutButtons("Loading demo data", widget.NewProgressBarInfinite(), s.win)
	prog.Show()
	s.bg(func() {
		res, err := demo.Generate(s.store, demo.Options{People: demoPeople, Seed: 2026})
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				s.showError("No demo data loaded", err)
				return
			}
			s.screen(s.current).load() // Today's welcome gives way to the day
			s.showMessage("Demo data loaded", sentence(res.String()))
		})
	})
}

func (p *peopleScreen) importCSV() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			p.sh.showError("Could not open the file", err)
			return
		}
		if r == nil {
			return
		}
		data, err := io.ReadAll(r)
		_ = r.Close()
		if err != nil {
			p.sh.showError("Could not read the file", err)
			return
		}
		p.runImport(r.URI().Name(), data)
	}, p.sh.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV"}))
	d.Show()
}

// runImport imports a roster file off the UI goroutine and reports back.
func (p *peopleScreen) runImport(name string, data []byte) {
	p.sh.bg(func() {
		res, err := roster.Import(p.sh.store, bytes.NewReader(data))
		fyne.Do(func() {
			var ie *model.ImportError
			switch {
			case errors.As(err, &ie):
				p.showImportProblems(name, ie)
			case err != nil:
				p.sh.showError("Could not import "+name, err)
			default:
				p.load()
				if p.sh.current != screenPeople { // Today, say, counts the new people
					p.sh.screen(p.sh.current).load()
				}
				msg := sentence(res.String())
				for _, w := range res.Warnings {
					msg += "\n" + sentence(w)
				}
				p.sh.showMessage("Roster imported", msg)
			}
		})
	})
}

func (p *peopleScreen) showImportProblems(name string, ie *model.ImportError) {
	lines := make([]string, len(ie.Problems))
	for i, pr := range ie.Problems {
		lines[i] = pr.Error()
	}
	list := widget.NewLabel(strings.Join(lines, "\n"))
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(520, 200))
	intro := widget.NewLabel(fmt.Sprintf("Nothing was imported from %s. Fix these lines and import again:", name))
	intro.Wrapping = fyne.TextWrapWord
	p.sh.showDialog(dialog.NewCustom("Roster not imported", "Close", container.NewBorder(intro, nil, nil, nil, scroll), p.sh.win))
}

func (s *shell) exportRoster() {
	s.saveFile("people.csv", func(st *model.Store, w io.Writer, ext string) error {
		format := export.FormatCSV
		if ext == ".md" {
			format = export.FormatMarkdown
		}
		return export.People(st, w, format)
	})
}

func newPersonRowView() fyne.CanvasObject { return newTwoLineRow("Role · Team") }

// updatePersonRowView fills a row; nil, while its page is read, leaves it blank.
func updatePersonRowView(o fyne.CanvasObject, r *model.PersonRow) {
	if r == nil {
		setTwoLineRow(o, "", "").SetText("")
		return
	}
	parts := []string{r.Role.Label()}
	if r.Team != "" {
		parts = append(parts, r.Team)
	}
	badge := setTwoLineRow(o, r.DisplayName(), strings.Join(parts, " · "))
	badge.Importance = widget.WarningImportance
	switch {
	case r.Archived():
		badge.SetText("Archived")
	case r.Status == model.StatusLeft:
		badge.SetText("Left")
	default:
		badge.SetText("")
	}
}
