package ui

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// demoPeople is how many people "Load demo data" creates.
const demoPeople = 40

// peopleScreen is the roster: a filtered list on the left, the selected
// person's form on the right.
type peopleScreen struct {
	sh *shell

	all   []model.PersonRow // as last loaded, by name
	byID  []personIndex     // where each of all is, by ID
	total int64             // everyone, archived too; 0 shows the welcome
	// listed are the rows the list shows some of (all, once the filter
	// has run on the latest load): shown are the indices of those that
	// match the filter, in order, and listedByID indexes listed by ID.
	listed     []model.PersonRow
	listedByID []personIndex
	shown      []int
	// filtering counts filter runs, so a slow one can stop once a newer
	// one has started and its result is dropped.
	filtering atomic.Int64

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
		func() int { return len(p.shown) },
		newPersonRowView,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.shown) {
				updatePersonRowView(o, &p.listed[p.shown[id]])
			}
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

// load fetches the roster off the UI goroutine, indexes it there and swaps
// it in.
func (p *peopleScreen) load() {
	archived := p.showArchived.Checked
	p.sh.bg(func() {
		rows, err := p.sh.store.People(archived)
		var total int64
		if err == nil {
			total, err = p.sh.store.CountPeople()
		}
		var teams []string
		if err == nil {
			teams, err = p.sh.store.Teams()
		}
		byID := indexPeople(rows)
		releaseAfterLoad(len(rows))
		fyne.Do(func() {
			if err != nil {
				p.sh.showError("Could not load the roster", err)
				return
			}
			p.all, p.byID, p.total = rows, byID, total
			p.form.setChoices(teams, rows, byID)
			p.applyFilter()
			if total == 0 && !p.form.editingNew() {
				showOnly(p.root, p.welcome)
				return
			}
			p.showMain()
		})
	})
}

// personIndex is where the person with an ID is in the loaded roster.
type personIndex struct {
	id  uint
	row int
}

// indexPeople sorts the rows' positions by ID, for finding a person by ID
// without a pass over everyone.
func indexPeople(rows []model.PersonRow) []personIndex {
	idx := make([]personIndex, len(rows))
	for i := range rows {
		idx[i] = personIndex{rows[i].ID, i}
	}
	slices.SortFunc(idx, func(a, b personIndex) int { return cmp.Compare(a.id, b.id) })
	return idx
}

// rowOf is where the person with id is in rows, indexed by byID, or -1.
func rowOf(byID []personIndex, id uint) int {
	i, found := slices.BinarySearchFunc(byID, id, func(x personIndex, id uint) int { return cmp.Compare(x.id, id) })
	if !found {
		return -1
	}
	return byID[i].row
}

func (p *peopleScreen) showMain() {
	showOnly(p.root, p.main)
}

// applyFilter matches the roster against the filter off the UI goroutine
// and shows the result, unless the filter or the roster changed meanwhile.
func (p *peopleScreen) applyFilter() {
	run := p.filtering.Add(1)
	rows, byID, query := p.all, p.byID, p.filter.Text
	p.sh.bg(func() {
		shown, ok := filterPeople(rows, query, func() bool { return p.filtering.Load() != run })
		if !ok {
			return
		}
		fyne.Do(func() {
			if p.filtering.Load() != run {
				return
			}
			p.showFiltered(rows, byID, shown)
		})
	})
}

// filterPeople lists the indices of the rows that match query (as
// model.FilterPeople matches them); it gives up, returning false, as soon as
// stale says its result is no longer wanted.
func filterPeople(rows []model.PersonRow, query string, stale func() bool) ([]int, bool) {
	all := strings.TrimSpace(query) == ""
	var shown []int
	if all {
		shown = make([]int, 0, len(rows))
	}
	for i := range rows {
		if i%1024 == 1023 && stale() {
			return nil, false
		}
		r := &rows[i]
		if all || model.MatchWords(query, r.Name, r.PreferredName, r.Team, r.Role.Label(), r.Email, r.ManagerName) {
			shown = append(shown, i)
		}
	}
	return shown, true
}

// showFiltered lists shown, indices into rows (indexed by byID).
func (p *peopleScreen) showFiltered(rows []model.PersonRow, byID []personIndex, shown []int) {
	p.listed, p.listedByID, p.shown = rows, byID, shown
	if len(p.shown) == 0 && len(rows) > 0 {
		p.noMatch.Show()
	} else {
		p.noMatch.Hide()
	}
	switch n := len(p.shown); {
	case n == len(rows):
		p.count.SetText(model.Plural(n, "person", "people"))
	default:
		p.count.SetText(fmt.Sprintf("%d of %s", n, model.Plural(len(rows), "person", "people")))
	}
	p.list.Refresh()
	p.syncSelection()
}

// syncSelection keeps the list's highlight on the person in the form.
func (p *peopleScreen) syncSelection() {
	p.selecting = true
	defer func() { p.selecting = false }()
	if id := p.form.person.ID; id != 0 {
		if row := rowOf(p.listedByID, id); row >= 0 {
			// shown is in the roster's order, so a binary search finds it.
			if i, found := slices.BinarySearch(p.shown, row); found {
				p.list.Select(i)
				return
			}
		}
	}
	p.list.UnselectAll()
}

func (p *peopleScreen) onSelected(i widget.ListItemID) {
	if p.selecting || i >= len(p.shown) {
		return
	}
	next := p.listed[p.shown[i]].Person
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
	dialog.ShowConfirm("Discard changes?",
		fmt.Sprintf("Your changes to %s could not be saved:\n%s\n\nDiscard them?", name, err),
		func(discard bool) {
			if discard {
				p.form.dirty = false
				next()
				return
			}
			cancel()
		}, p.sh.win)
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
	person, err := p.sh.store.Person(id)
	if err != nil {
		p.sh.showError("Could not open the person", err)
		return
	}
	p.leaveForm(func() {
		p.showMain()
		p.form.edit(person)
		p.syncSelection()
	}, func() {})
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
	restored, err := p.sh.store.Person(person.ID)
	if err == nil {
		p.form.edit(restored)
	}
	p.load()
}

// loadDemo fills an empty database with demo data off the UI goroutine,
// then reloads the screen on show (the others load when shown).
func (s *shell) loadDemo() {
	prog := dialog.NewCustomWithoutButtons("Loading demo data", widget.NewProgressBarInfinite(), s.win)
	prog.Show()
	s.bg(func() {
		res, err := s.store.Demo(model.DemoOptions{People: demoPeople, Seed: 2026})
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
		res, err := p.sh.store.ImportRoster(bytes.NewReader(data))
		fyne.Do(func() {
			var ie *model.ImportError
			switch {
			case errors.As(err, &ie):
				p.showImportProblems(name, ie)
			case err != nil:
				p.sh.showError("Could not import "+name, err)
			default:
				p.load()
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
	s.saveFile("people.csv", func(w io.Writer, ext string) error {
		format := model.FormatCSV
		if ext == ".md" {
			format = model.FormatMarkdown
		}
		return s.store.ExportPeople(w, format)
	})
}

func newPersonRowView() fyne.CanvasObject { return newTwoLineRow("Role · Team") }

func updatePersonRowView(o fyne.CanvasObject, r *model.PersonRow) {
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
