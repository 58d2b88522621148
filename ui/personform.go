package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// personForm edits one person, validating as the user types.
type personForm struct {
	screen    *peopleScreen
	trainings line
	person    model.Person // as loaded; ID 0 for a new person
	// conflicts asks whose details to keep when someone else saved first.
	conflicts *conflicts

	view     fyne.CanvasObject
	stack    *fyne.Container
	blank    fyne.CanvasObject
	editor   fyne.CanvasObject
	heading  *widget.Label
	meta     *widget.Label
	training *widget.Button // the cohort they train in: opens their checklist
	problems *problemLine   // why the last save failed

	name, preferred, email *widget.Entry
	role                   *widget.Select
	team                   *widget.SelectEntry
	start                  *dateField
	manager                *personPicker
	status                 *widget.RadioGroup
	form                   *widget.Form
	saveBtn, archiveBtn    *widget.Button

	dirty   bool
	loading bool // set while fields are filled, so that is not an edit
}

func newPersonForm(screen *peopleScreen) *personForm {
	f := &personForm{screen: screen, conflicts: newConflicts(screen.sh.win, screen.sh.showDialog)}
	changed := func() {
		if !f.loading {
			f.dirty = true
		}
	}
	onText := func(string) { changed() }
	// A change to a field named in "Not saved: …" takes its problem off.
	edited := func(field string) func(string) {
		return func(string) {
			changed()
			f.fixed(field)
		}
	}

	f.name = widget.NewEntry()
	f.name.Validator = model.ValidateName
	f.name.OnChanged = edited(model.FieldName)
	f.preferred = widget.NewEntry()
	f.preferred.SetPlaceHolder("What they like to be called")
	f.preferred.OnChanged = edited(model.FieldPreferredName)
	f.email = widget.NewEntry()
	f.email.SetPlaceHolder("name@example.com")
	f.email.Validator = model.ValidateEmail
	f.email.OnChanged = edited(model.FieldEmail)
	f.role = enumSelect(model.Roles(), func(model.Role) { changed() })
	f.team = widget.NewSelectEntry(nil)
	f.team.SetPlaceHolder("e.g. Phone North")
	f.team.OnChanged = onText
	f.start = newDateField(screen.sh.store, func() { edited(model.FieldStartDate)("") })
	f.manager = newPersonPicker(screen.sh, "No manager (type a name to choose one)",
		"choose the manager from the list, or clear the field for no manager", f.findManagers, func() { edited(model.FieldManager)("") })
	f.status = widget.NewRadioGroup([]string{model.StatusActive.Label(), model.StatusLeft.Label()}, onText)
	f.status.Horizontal = true
	f.status.Required = true

	f.form = widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: f.name, HintText: "Required"},
		&widget.FormItem{Text: "Preferred name", Widget: f.preferred},
		&widget.FormItem{Text: "Role", Widget: f.role},
		&widget.FormItem{Text: "Team", Widget: f.team},
		&widget.FormItem{Text: "Email", Widget: f.email, HintText: "Optional; no two people share one"},
		&widget.FormItem{Text: "Start date", Widget: f.start.view},
		&widget.FormItem{Text: "Manager", Widget: f.manager},
		&widget.FormItem{Text: "Status", Widget: f.status},
	)
	f.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { f.saveNow() })
	f.saveBtn.Importance = widget.HighImportance
	f.archiveBtn = widget.NewButtonWithIcon("Archive", theme.VisibilityOffIcon(), f.archiveOrRestore)

	f.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.heading.SizeName = theme.SizeNameSubHeadingText
	f.heading.Truncation = fyne.TextTruncateEllipsis
	f.meta = widget.NewLabel("")
	f.training = widget.NewButtonWithIcon("", theme.GridIcon(), nil)
	f.training.Alignment = widget.ButtonAlignLeading
	f.training.Importance = widget.LowImportance
	f.training.Hide()
	f.problems = newProblemLine()
	buttons := container.NewHBox(f.archiveBtn, layoutSpacer(), f.saveBtn)
	f.editor = container.NewBorder(
		container.NewVBox(f.heading, f.meta, f.training),
		container.NewVBox(f.problems, buttons), nil, nil,
		container.NewVScroll(f.form),
	)
	f.blank = emptyState(theme.AccountIcon(), "No one selected",
		"Pick someone on the left to see and edit their details,\nor press Ctrl+N to add a person.")
	f.stack = container.NewStack(f.blank)
	f.view = container.NewPadded(f.stack)
	return f
}

func (f *personForm) editingNew() bool { return f.stack.Objects[0] == f.editor && f.person.ID == 0 }

// clear shows the "no one selected" placeholder.
func (f *personForm) clear() {
	f.person = model.Person{}
	f.dirty = false
	f.stack.Objects = []fyne.CanvasObject{f.blank}
	f.stack.Refresh()
}

// setTeams refreshes the team suggestions.
func (f *personForm) setTeams(teams []string) { f.team.SetOptions(teams) }

// findManagers asks the store who could manage the edited person.
func (f *personForm) findManagers(st *model.Store, query string) ([]model.PersonChoice, error) {
	return st.Managers(st.Context(), query, f.person.ID, pickerMatches)
}

// edit loads p into the form; a zero ID starts a new person.
func (f *personForm) edit(p model.Person) {
	f.loading = true
	defer func() { f.loading = false }()
	f.person = p
	f.problems.clear()
	if p.ID == 0 {
		p.Role, p.Status = model.RoleAgent, model.StatusActive
		f.heading.SetText("New person")
		f.meta.SetText("Fill in what you know; only the name is required.")
		f.meta.Show()
		f.archiveBtn.Hide()
	} else {
		f.heading.SetText(p.DisplayName())
		f.meta.SetText(f.describe(p))
		f.meta.Hidden = f.meta.Text == ""
		f.showTraining(p)
		f.archiveBtn.Show()
		if p.Archived() {
			f.archiveBtn.SetText("Restore")
			f.archiveBtn.SetIcon(theme.ContentUndoIcon())
		} else {
			f.archiveBtn.SetText("Archive")
			f.archiveBtn.SetIcon(theme.VisibilityOffIcon())
		}
	}
	f.name.SetText(p.Name)
	f.preferred.SetText(p.PreferredName)
	f.role.SetSelected(p.Role.Label())
	f.team.SetText(p.Team)
	f.email.SetText(p.Email)
	f.start.entry.SetText(p.StartDate.String())
	f.manager.show(p.ManagerID, nil)
	f.status.SetSelected(p.Status.Label())
	for _, e := range []*widget.Entry{f.name, f.email, &f.start.entry.Entry, &f.manager.Entry} {
		e.SetValidationError(nil)
	}
	f.dirty = false
	f.stack.Objects = []fyne.CanvasObject{f.editor}
	f.stack.Refresh()
}

// describe sums up tenure and archive state in one line.
func (f *personForm) describe(p model.Person) string {
	today := f.screen.sh.store.Today()
	var s string
	if !p.StartDate.IsZero() {
		s = "Started " + formatDay(p.StartDate) + " · " + tenure(p.StartDate.DaysUntil(today))
	}
	if p.Archived() {
		if s != "" {
			s += " · "
		}
		s += "Archived on " + formatDay(model.DateOf(p.ArchivedAt.Local()))
	}
	return s
}

// showTraining shows the cohort a person trains in, how many milestones
// they have overdue and who holds their one-on-ones meanwhile, as a link to
// their checklist: a lead looking for a hire missing from their list finds
// why here.
func (f *personForm) showTraining(p model.Person) {
	f.training.Hide()
	type training struct {
		model.Training
		overdue int
	}
	fetchOr(f.screen.sh, &f.trainings, func(st *model.Store) (t training, err error) {
		var ok bool
		if t.Training, ok, err = st.TrainingOf(p.ID); err != nil || !ok {
			return t, err
		}
		b, err := st.CohortBoard(t.CohortID)
		for _, r := range b.Rows {
			if r.ID == t.HireID {
				t.overdue = len(r.Overdue())
			}
		}
		return t, err
	}, func(t training) {
		if t.HireID == 0 || f.person.ID != p.ID {
			return
		}
		text := "In training: " + t.CohortName + " until " + formatDay(t.Until)
		if t.overdue > 0 {
			text += " · " + model.Plural(t.overdue, "milestone", "milestones") + " overdue"
		}
		if t.OwnerName != "" {
			text += " · one-on-ones with " + t.OwnerName
		}
		f.training.SetText(text)
		f.training.OnTapped = func() { f.screen.sh.openChecklist(t.CohortID, t.HireID) }
		f.training.Show()
	}, func(error) {})
}

// tenure says how long ago a start date was, roughly, as people say it.
func tenure(days int) string {
	switch {
	case days < 0:
		return fmt.Sprintf("starts in %s", model.Plural(-days, "day", "days"))
	case days == 0:
		return "starts today"
	case days < 60:
		return fmt.Sprintf("day %d", days+1)
	case days < 730:
		return fmt.Sprintf("%d months in", days/30)
	}
	return fmt.Sprintf("%d years in", days/365)
}

// values reads the fields into a person.
func (f *personForm) values() model.Person {
	p := f.person
	p.Name = f.name.Text
	p.PreferredName = f.preferred.Text
	p.Email = f.email.Text
	p.Team = f.team.Text
	p.StartDate = f.start.date()
	if r, ok := enumOf(model.Roles(), f.role.Selected); ok {
		p.Role = r
	}
	p.Status = model.StatusActive
	if f.status.Selected == model.StatusLeft.Label() {
		p.Status = model.StatusLeft
	}
	if p.ID == 0 {
		p.Cadence = defaultCadence()
	}
	p.ManagerID = f.manager.chosen
	return p
}

// saveNow is the Save button: it saves even an untouched form.
func (f *personForm) saveNow() {
	if err := f.save(); err != nil && !model.IsValidation(err) && !isConflict(err) {
		f.screen.sh.showError("Could not save", err)
	}
}

// save stores the form. Problems are marked on their fields and returned.
func (f *personForm) save() error {
	if f.stack.Objects[0] != f.editor {
		return nil
	}
	p := f.values()
	// What only the form knows is reported with everything else it has wrong.
	var own []model.FieldError
	if _, dateErr := model.ParseDate(f.start.entry.Text); dateErr != nil {
		own = append(own, model.FieldError{Field: model.FieldStartDate, Message: dateErr.Error()})
	}
	if f.manager.pending() {
		own = append(own, model.FieldError{Field: model.FieldManager, Message: f.manager.pendingMsg})
	}
	if len(own) > 0 {
		v := &model.ValidationError{}
		if err := p.Validate(); err != nil {
			errors.As(err, &v)
		}
		v.Problems = append(v.Problems, own...)
		f.markProblems(v)
		return v
	}
	err := f.screen.sh.store.SavePerson(&p)
	if theirs := theirsOf[model.Person](err); theirs != nil {
		f.askWhoseToKeep(p, *theirs)
		return err
	}
	var v *model.ValidationError
	if errors.As(err, &v) {
		f.markProblems(v)
		return err
	}
	if err != nil {
		return err
	}
	f.edit(p)
	f.screen.load()
	return nil
}

// askWhoseToKeep asks, once someone else saved this person first, whether
// to save the form over theirs or to show theirs instead.
func (f *personForm) askWhoseToKeep(mine, theirs model.Person) {
	f.conflicts.add(&conflict{key: theirs.ID, title: "Someone else saved " + theirs.Name, subject: theirs.Name + "’s details",
		version: theirs.Version, diffs: personDiffs(&mine, &theirs, f.personName),
		keep: func() {
			f.person.Version = theirs.Version
			f.saveNow()
		},
		take: func() {
			f.edit(theirs)
			f.screen.load()
		}})
}

// personName names a manager for the conflict dialog.
func (f *personForm) personName(id *uint) string {
	if id == nil {
		return "no one"
	}
	if p, err := f.screen.sh.store.Person(*id); err == nil {
		return p.Name
	}
	return "someone removed"
}

// markProblems shows each problem under its field and sums them up above
// the buttons, since a field the user never touched shows its hint instead.
func (f *personForm) markProblems(v *model.ValidationError) {
	// Leaving the field lets the form show its message in place of the hint.
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.name); c != nil {
		c.Unfocus()
	}
	for field, e := range f.entries() {
		if msg := v.For(field); msg != "" {
			e.SetValidationError(errors.New(msg))
		}
	}
	f.problems.show(v)
}

// entries are the form's fields a problem can name.
func (f *personForm) entries() map[string]*widget.Entry {
	return map[string]*widget.Entry{model.FieldName: f.name, model.FieldEmail: f.email, model.FieldPreferredName: f.preferred,
		model.FieldStartDate: &f.start.entry.Entry, model.FieldManager: &f.manager.Entry}
}

// fixed takes field's problem off the form once it is edited.
func (f *personForm) fixed(field string) {
	if e := f.entries()[field]; f.problems.fixed(field) && e != nil && e.Validator == nil {
		e.SetValidationError(nil) // an entry with a validator checks itself
	}
}

func (f *personForm) archiveOrRestore() {
	if f.person.ID == 0 {
		return
	}
	if f.person.Archived() {
		f.screen.restore(f.person)
		return
	}
	f.screen.archive(f.person)
}
