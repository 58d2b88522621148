package ui

import (
	"cmp"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// showNewCohort asks for a cohort's name, program, start, trainers, who
// holds the hires' one-on-ones, and its hires; new hires can be added to
// the roster on the spot.
// It returns the form once shown, which is at once only where loads run
// synchronously (tests); nil otherwise.
func showNewCohort(c *cohortScreen) (form *newCohortForm) {
	type loaded struct {
		programs []model.Program
		cohortPeople
	}
	failure := "Could not load the programs"
	fetchOr(c.sh, &c.sh.popups, func(st *model.Store) (l loaded, err error) {
		if l.programs, err = st.Programs(); err != nil {
			return l, err
		}
		failure = "Could not load the roster"
		l.cohortPeople, err = loadCohortPeople(st)
		return l, err
	}, func(l loaded) { form = showNewCohortOf(c, l.programs, l.cohortPeople) }, func(err error) { c.sh.showError(failure, err) })
	return form
}

// cohortPeople is what choosing a cohort's people takes: the roster, who is in
// a cohort already, and who "me" is (0 for nobody yet).
type cohortPeople struct {
	people   []model.PersonRow
	inCohort map[uint]string
	me       uint
}

func loadCohortPeople(st *model.Store) (r cohortPeople, err error) {
	if r.people, err = st.People(false); err != nil {
		return r, err
	}
	if r.inCohort, err = st.InCohorts(); err != nil {
		return r, err
	}
	r.me, err = st.MyID()
	return r, err
}

// showNewCohortOf is showNewCohort once the programs and people are loaded.
func showNewCohortOf(c *cohortScreen, programs []model.Program, r cohortPeople) *newCohortForm {
	st := c.sh.store
	progNames := make([]string, len(programs))
	for i, p := range programs {
		progNames[i] = p.Name
	}
	name := newDialogEntry()
	name.SetPlaceHolder("e.g. March 2026")
	program := widget.NewSelect(progNames, nil)
	if len(programs) > 0 {
		program.SetSelected(latestProgram(programs).Name)
	}
	start := newDateField(c.sh.store, func() {})
	start.entry.SetText(st.Today().String())
	// A trainer starting a cohort trains it, most likely.
	var mine []uint
	for _, p := range r.people {
		if p.ID == r.me && p.Role == model.RoleTrainer {
			mine = []uint{p.ID}
		}
	}
	trainers := newTrainerChoice(r.people, r.me, mine, false, nil)
	hires := newHirePicker(st, r.people, r.inCohort, nil, start.date)
	problems := widget.NewLabel("")
	problems.Importance = widget.DangerImportance
	problems.Wrapping = fyne.TextWrapWord
	problems.Hide()
	form := widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: name},
		&widget.FormItem{Text: "Program", Widget: program, HintText: "The cohort keeps its own copy"},
		&widget.FormItem{Text: "Starts on", Widget: start.view},
		&widget.FormItem{Text: "One-on-ones with", Widget: trainers.owner, HintText: "Who holds the hires' one-on-ones while they train"},
		&widget.FormItem{Text: "Trainers", Widget: trainers.view},
	)
	form.Orientation = widget.Vertical
	// The hires beside the fields, not below them: the list has the
	// dialog's height, is seen at once, and the wheel over it scrolls it
	// alone, while the fields scroll on their own when the trainers are many.
	scroll := container.NewVScroll(form)
	fields := container.New(&floor{inner: layout.NewStackLayout(), min: fyne.NewSize(280, 0)}, scroll)
	// Problems head the dialog, so one about the name is seen.
	body := container.NewBorder(problems, nil, fields, nil, container.NewPadded(hires.view))
	refuse := func(text string) {
		problems.SetText(text)
		problems.Show()
	}
	var d *dialog.CustomDialog
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	create := widget.NewButtonWithIcon("Start cohort", theme.ConfirmIcon(), func() {
		n := model.NewCohort{Name: name.Text, TrainerIDs: trainers.chosen(), OwnerID: trainers.ownerID(), HireIDs: hires.chosenIDs()}
		for _, p := range programs {
			if p.Name == program.Selected {
				n.ProgramID = p.ID
			}
		}
		var err error
		if n.Start, err = model.ParseDate(start.entry.Text); err != nil {
			refuse("Start date: " + err.Error())
			return
		}
		n.NewHires = hires.newHires(n.Start)
		cohort, err := st.CreateCohort(n)
		if err != nil {
			refuse("Not started: " + err.Error() + ".")
			if v := (*model.ValidationError)(nil); errors.As(err, &v) && v.For("name") != "" {
				c.sh.win.Canvas().Focus(name)
			}
			return
		}
		d.Hide()
		c.selected = cohort.ID
		c.load()
	})
	create.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("New cohort", container.NewBorder(nil, container.NewHBox(layoutSpacer(), cancel, create), nil, nil, body), c.sh.win)
	d.Resize(fyne.NewSize(1100, 760)) // as much as the window gives, for the list
	c.sh.showDialog(d)
	c.sh.win.Canvas().Focus(name)
	return &newCohortForm{name: name, program: program, start: start, trainers: trainers, hires: hires, create: create, problems: problems}
}

// latestProgram is the program created or changed last, the one a trainer
// who just made their own most likely means; of two saved at once, the one
// created later.
func latestProgram(ps []model.Program) model.Program {
	return slices.MaxFunc(ps, func(a, b model.Program) int {
		if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// newCohortForm holds the new-cohort dialog's fields, for tests.
type newCohortForm struct {
	name     *dialogEntry
	program  *widget.Select
	start    *dateField
	trainers *trainerChoice
	hires    *hirePicker
	create   *widget.Button
	problems *widget.Label
}

// theirManagers is the choice that leaves hires' one-on-ones with their
// managers.
const theirManagers = "Their managers"

// trainerChoice picks a cohort's trainers among the roster's trainers,
// leads and managers, and who holds the hires' one-on-ones: one of them
// or their managers. Until chosen by hand, that is me when I train the
// cohort, else its first trainer.
type trainerChoice struct {
	view     fyne.CanvasObject
	trainers *widget.CheckGroup
	owner    *widget.Select
	ids      map[string]uint
	me       uint
	keep     string // the owner before, offered even when no longer a trainer
	byHand   bool
	setting  bool
}

// newTrainerChoice offers people's trainers, leads and managers with
// chosen ticked; for an existing cohort, owner is who holds the
// one-on-ones now (nil: their managers).
func newTrainerChoice(people []model.PersonRow, me uint, chosen []uint, existing bool, owner *uint) *trainerChoice {
	t := &trainerChoice{ids: map[string]uint{}, me: me}
	var names, ticked []string
	for _, p := range people {
		if p.Status != model.StatusActive || isHireRole(p.Role) && !slices.Contains(chosen, p.ID) && (owner == nil || *owner != p.ID) {
			continue
		}
		t.ids[p.Name] = p.ID
		names = append(names, p.Name)
		if slices.Contains(chosen, p.ID) {
			ticked = append(ticked, p.Name)
		}
		if owner != nil && *owner == p.ID {
			t.keep = p.Name
		}
	}
	t.owner = widget.NewSelect(nil, func(string) {
		if !t.setting {
			t.byHand = true
		}
	})
	t.trainers = widget.NewCheckGroup(names, func([]string) { t.offerOwners() })
	t.trainers.SetSelected(ticked)
	t.view = t.trainers
	if len(names) == 0 {
		t.view = widget.NewLabel("No trainers, leads or managers on the roster yet; add them on People.")
	}
	if existing { // its choice stands
		t.byHand = true
		t.set(t.keep)
	}
	t.offerOwners()
	return t
}

// set shows name as the owner chosen (their managers when "").
func (t *trainerChoice) set(name string) {
	if name == "" {
		name = theirManagers
	}
	t.setting = true
	t.owner.SetSelected(name)
	t.setting = false
}

// offerOwners offers the trainers ticked as owners, keeping the choice
// made by hand while it is still offered.
func (t *trainerChoice) offerOwners() {
	opts := slices.Clone(t.trainers.Selected)
	if t.keep != "" && !slices.Contains(opts, t.keep) {
		opts = append(opts, t.keep)
	}
	t.owner.Options = append(opts, theirManagers)
	cur := t.owner.Selected
	if t.byHand && slices.Contains(t.owner.Options, cur) {
		t.owner.Refresh()
		return
	}
	t.byHand = false
	want := ""
	for _, n := range t.trainers.Selected {
		if t.ids[n] == t.me {
			want = n
		}
	}
	if want == "" && len(t.trainers.Selected) > 0 {
		want = t.trainers.Selected[0]
	}
	t.set(want)
}

// chosen lists the trainers ticked.
func (t *trainerChoice) chosen() []uint {
	ids := make([]uint, len(t.trainers.Selected))
	for i, n := range t.trainers.Selected {
		ids[i] = t.ids[n]
	}
	return ids
}

// ownerID is who holds the one-on-ones, 0 for their managers.
func (t *trainerChoice) ownerID() uint { return t.ids[t.owner.Selected] }
