package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// programEditor edits onboarding programs: ordered phases, each with
// milestones. Cohorts keep their own copy, so editing never touches them.
type programEditor struct {
	sh       *shell
	programs []model.Program
	current  model.ProgramDetail
	list     *widget.List
	editor   *fyne.Container
	problems *widget.Label
	dialog   *dialog.CustomDialog
	// dirty is set by any edit not yet saved; selecting guards list
	// callbacks we trigger ourselves.
	dirty, selecting bool
	// lists and opens are the loads of the list and of the open program.
	lists, opens line
}

func showPrograms(sh *shell) *programEditor {
	e := &programEditor{sh: sh, editor: container.NewVBox()}
	e.problems = widget.NewLabel("")
	e.problems.Importance = widget.DangerImportance
	e.problems.Wrapping = fyne.TextWrapWord
	e.problems.Hide()
	e.list = widget.NewList(
		func() int { return len(e.programs) },
		func() fyne.CanvasObject { return widget.NewLabel("Program name") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(e.programs[id].Name) },
	)
	e.list.OnSelected = func(id widget.ListItemID) {
		if e.selecting || id >= len(e.programs) {
			return
		}
		target := e.programs[id].ID
		e.leave(func() { e.open(target) }, func() { e.reload(e.current.ID) })
	}
	newBtn := widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() {
		e.leave(func() {
			e.show(model.ProgramDetail{Program: model.Program{Name: "New program", SkipWeekends: true},
				Phases: []model.Phase{{Name: "First phase", LengthDays: 5, InWeeks: true}}})
			e.dirty = true
			e.selecting = true
			e.list.UnselectAll()
			e.selecting = false
		}, func() {})
	})
	copyBtn := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), e.copy)
	delBtn := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), e.delete)
	save := widget.NewButtonWithIcon("Save program", theme.DocumentSaveIcon(), e.save)
	save.Importance = widget.HighImportance
	closeBtn := widget.NewButton("Close", func() { e.leave(e.dialog.Hide, func() {}) })
	left := container.NewBorder(nil, container.NewHBox(newBtn, copyBtn, delBtn), nil, nil, e.list)
	right := container.NewBorder(nil, container.NewVBox(e.problems, container.NewHBox(layoutSpacer(), closeBtn, save)), nil, nil, container.NewVScroll(e.editor))
	split := container.NewHSplit(left, right)
	split.Offset = 0.25
	e.dialog = dialog.NewCustomWithoutButtons("Onboarding programs", split, sh.win)
	e.dialog.Resize(fyne.NewSize(1000, 660))
	e.reload(0)
	sh.showDialog(e.dialog)
	return e
}

// reload lists the programs again and opens selectID (the first when 0).
func (e *programEditor) reload(selectID uint) {
	fetch(e.sh, &e.lists, "Could not load the programs", (*model.Store).Programs, func(ps []model.Program) { e.showList(ps, selectID) })
}

// showList shows the programs and opens selectID (the first when 0).
func (e *programEditor) showList(ps []model.Program, selectID uint) {
	e.programs = ps
	e.list.Refresh()
	e.selecting = true
	defer func() { e.selecting = false }()
	for i, p := range ps {
		if p.ID == selectID || (selectID == 0 && i == 0) {
			e.list.Select(i)
			// Select does nothing for the row already selected, so open
			// explicitly: the editor must show what was just saved.
			e.open(p.ID)
			return
		}
	}
}

// leave runs next when the editor holds nothing unsaved, or once the user
// agrees to discard it; cancel runs otherwise.
func (e *programEditor) leave(next, cancel func()) {
	if !e.dirty {
		next()
		return
	}
	e.sh.showDialog(dialog.NewConfirm("Discard changes?", "Your changes to "+e.current.Name+" are not saved. Discard them?", func(ok bool) {
		if ok {
			e.dirty = false
			next()
			return
		}
		cancel()
	}, e.sh.win))
}

func (e *programEditor) open(id uint) {
	fetch(e.sh, &e.opens, "Could not open the program", func(st *model.Store) (model.ProgramDetail, error) { return st.Program(id) }, e.show)
}

// show builds the editor for a program held in memory until saved.
func (e *programEditor) show(d model.ProgramDetail) {
	e.current = d
	e.problems.Hide()
	e.rebuild()
	e.dirty = false
}

// rebuild shows the program as it is now, each phase's milestones in the
// order they fall due.
func (e *programEditor) rebuild() {
	d := &e.current
	for _, ph := range d.Phases {
		slices.SortStableFunc(ph.Milestones, func(a, b model.Milestone) int { return cmp.Compare(a.DueDay, b.DueDay) })
	}
	name := newDialogEntry()
	name.SetText(d.Name)
	name.OnChanged = func(s string) { d.Name, e.dirty = s, true }
	desc := newDialogEntry()
	desc.MultiLine, desc.Wrapping = true, fyne.TextWrapWord // read whole, not scrolled sideways
	desc.SetMinRowsVisible(2)
	desc.SetText(d.Description)
	desc.OnChanged = func(s string) { d.Description, e.dirty = s, true }
	skip := widget.NewCheck("Count working days only (skip weekends)", nil)
	skip.SetChecked(d.SkipWeekends)
	skip.OnChanged = func(on bool) { d.SkipWeekends, e.dirty = on, true }
	objs := []fyne.CanvasObject{widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: name},
		&widget.FormItem{Text: "What it is for", Widget: desc},
		&widget.FormItem{Text: "", Widget: skip},
	)}
	for i := range d.Phases {
		objs = append(objs, e.phaseBlock(i))
	}
	addPhase := widget.NewButtonWithIcon("Add phase", theme.ContentAddIcon(), func() {
		d.Phases = append(d.Phases, model.Phase{Name: "New phase", LengthDays: 5, InWeeks: true})
		e.dirty = true
		e.rebuild()
	})
	objs = append(objs, container.NewHBox(addPhase))
	e.editor.Objects = objs
	e.editor.Refresh()
}

// phaseBlock edits phase i: name, length, purpose and its milestones.
func (e *programEditor) phaseBlock(i int) fyne.CanvasObject {
	d := &e.current
	ph := &d.Phases[i]
	perWeek := 7
	if d.SkipWeekends {
		perWeek = 5
	}
	name := newDialogEntry()
	name.SetText(ph.Name)
	name.OnChanged = func(s string) { ph.Name, e.dirty = s, true }
	length := newDialogEntry()
	unit := widget.NewSelect([]string{"days", "weeks"}, nil)
	if ph.InWeeks && ph.LengthDays%perWeek == 0 {
		length.SetText(strconv.Itoa(ph.LengthDays / perWeek))
		unit.SetSelected("weeks")
	} else {
		length.SetText(strconv.Itoa(ph.LengthDays))
		unit.SetSelected("days")
	}
	setLength := func() {
		e.dirty = true
		n, err := strconv.Atoi(strings.TrimSpace(length.Text))
		if err != nil {
			n = 0 // validation reports it
		}
		ph.InWeeks = unit.Selected == "weeks"
		ph.LengthDays = n
		if ph.InWeeks {
			ph.LengthDays = n * perWeek
		}
	}
	length.OnChanged = func(string) { setLength() }
	unit.OnChanged = func(string) { setLength() }
	purpose := newDialogEntry()
	purpose.SetText(ph.Purpose)
	purpose.SetPlaceHolder("What this phase is for")
	purpose.OnChanged = func(s string) { ph.Purpose, e.dirty = s, true }
	move := func(delta int) func() {
		return func() {
			j := i + delta
			if j < 0 || j >= len(d.Phases) {
				return
			}
			d.Phases[i], d.Phases[j] = d.Phases[j], d.Phases[i]
			e.dirty = true
			e.rebuild()
		}
	}
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), move(-1))
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), move(1))
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		d.Phases = append(d.Phases[:i], d.Phases[i+1:]...)
		e.dirty = true
		e.rebuild()
	})
	for _, b := range []*widget.Button{up, down, remove} {
		b.Importance = widget.LowImportance
	}
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle(fmt.Sprintf("Phase %d", i+1), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(container.NewGridWrap(fyne.NewSize(60, length.MinSize().Height), length), unit, up, down, remove), name)
	ms := container.NewVBox()
	for j := range ph.Milestones {
		if j > 0 {
			ms.Add(widget.NewSeparator())
		}
		ms.Add(e.milestoneRow(ph, j))
	}
	addMs := widget.NewButtonWithIcon("Add milestone", theme.ContentAddIcon(), func() {
		ph.Milestones = append(ph.Milestones, model.Milestone{Title: "New milestone", Kind: model.MilestoneTask, DueDay: max(1, ph.LengthDays)})
		e.dirty = true
		e.rebuild()
	})
	addMs.Importance = widget.LowImportance
	return container.NewPadded(container.NewVBox(widget.NewSeparator(), head, purpose, ms, container.NewHBox(addMs)))
}

// milestoneRow edits milestone j of a phase.
func (e *programEditor) milestoneRow(ph *model.Phase, j int) fyne.CanvasObject {
	m := &ph.Milestones[j]
	title := newDialogEntry()
	title.SetText(m.Title)
	title.OnChanged = func(s string) { m.Title, e.dirty = s, true }
	kind := enumSelect(model.MilestoneKinds(), nil)
	kind.SetSelected(m.Kind.Label())
	sessions := newDialogEntry()
	if m.RequiredSessions > 0 {
		sessions.SetText(strconv.Itoa(m.RequiredSessions))
	}
	sessions.OnChanged = func(s string) {
		m.RequiredSessions, _ = strconv.Atoi(strings.TrimSpace(s))
		e.dirty = true
	}
	small := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	// How many sessions, said so: a bare number beside the day read as
	// nothing.
	count := container.NewHBox(small(sessions, 56), widget.NewLabel("sessions"))
	kind.OnChanged = func(s string) {
		e.dirty = true
		if k, ok := enumOf(model.MilestoneKinds(), s); ok {
			m.Kind = k
		}
		count.Hidden = m.Kind != model.MilestoneShadowing
		count.Refresh()
	}
	count.Hidden = m.Kind != model.MilestoneShadowing
	day := newDialogEntry()
	day.SetText(strconv.Itoa(m.DueDay))
	day.OnChanged = func(s string) {
		m.DueDay, _ = strconv.Atoi(strings.TrimSpace(s))
		e.dirty = true
	}
	remove := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		ph.Milestones = append(ph.Milestones[:j], ph.Milestones[j+1:]...)
		e.dirty = true
		e.rebuild()
	})
	remove.Importance = widget.LowImportance
	// The title has a line of its own, so that it is read whole in the
	// smallest window; what the milestone is and when go below it.
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, remove, title),
		container.NewHBox(small(layout.NewSpacer(), 16), small(kind, 200), widget.NewLabel("due on day"), small(day, 56), count),
	)
}

func (e *programEditor) save() {
	e.rebuild() // a day changed may have moved a milestone
	d := e.current
	if err := e.sh.store.SaveProgram(&d); err != nil {
		if model.IsValidation(err) {
			e.problems.SetText("Not saved: " + err.Error() + ".")
			e.problems.Show()
			return
		}
		e.sh.showError("Could not save the program", err)
		return
	}
	e.problems.Hide()
	e.current, e.dirty = d, false
	e.reload(d.ID)
}

func (e *programEditor) copy() {
	if e.current.ID == 0 {
		return
	}
	id, name := e.current.ID, "Copy of "+e.current.Name
	// The copy is a write, but it reads the whole program first.
	fetch(e.sh, nil, "Could not copy the program", func(st *model.Store) (model.ProgramDetail, error) { return st.CopyProgram(id, name) },
		func(d model.ProgramDetail) { e.reload(d.ID) })
}

func (e *programEditor) delete() {
	if e.current.ID == 0 {
		return
	}
	id, name := e.current.ID, e.current.Name
	confirm := dialog.NewConfirm("Delete "+name+"?", "Cohorts started from it keep their own copy of its phases.", func(ok bool) {
		if !ok {
			return
		}
		if err := e.sh.store.DeleteProgram(id); err != nil {
			e.sh.showError("Could not delete the program", err)
			return
		}
		e.current = model.ProgramDetail{}
		e.editor.Objects = nil
		e.editor.Refresh()
		e.reload(0)
	}, e.sh.win)
	confirm.Show()
}
