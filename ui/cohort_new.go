package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// showNewCohort asks for a cohort's name, program, start, trainers and hires;
// new hires can be added to the roster on the spot.
// It returns the form once shown, which is at once only where loads run
// synchronously (tests); nil otherwise.
func showNewCohort(c *cohortScreen) (form *newCohortForm) {
	type loaded struct {
		programs []model.Program
		people   []model.PersonRow
	}
	failure := "Could not load the programs"
	fetchOr(c.sh, &c.sh.popups, func(st *model.Store) (l loaded, err error) {
		if l.programs, err = st.Programs(); err != nil {
			return l, err
		}
		failure = "Could not load the roster"
		l.people, err = st.People(false)
		return l, err
	}, func(l loaded) { form = showNewCohortOf(c, l.programs, l.people) }, func(err error) { c.sh.showError(failure, err) })
	return form
}

// showNewCohortOf is showNewCohort once the programs and people are loaded.
func showNewCohortOf(c *cohortScreen, programs []model.Program, people []model.PersonRow) *newCohortForm {
	st := c.sh.store
	progNames := make([]string, len(programs))
	for i, p := range programs {
		progNames[i] = p.Name
	}
	name := newDialogEntry()
	name.SetPlaceHolder("e.g. March 2026")
	program := widget.NewSelect(progNames, nil)
	if len(progNames) > 0 {
		program.SetSelectedIndex(0)
	}
	for _, n := range progNames {
		if n == "New hire onboarding" { // the shipped program, unless renamed
			program.SetSelected(n)
		}
	}
	start := newDateField(c.sh.store, func() {})
	start.entry.SetText(st.Today().String())
	var trainerNames, hireNames []string
	ids := map[string]uint{}
	for _, p := range people {
		if p.Status != model.StatusActive {
			continue
		}
		ids[p.Name] = p.ID
		switch p.Role {
		case model.RoleTrainer, model.RoleTeamLead, model.RoleManager:
			trainerNames = append(trainerNames, p.Name)
		case model.RoleAgent:
			hireNames = append(hireNames, p.Name)
		}
	}
	trainers := widget.NewCheckGroup(trainerNames, nil)
	var trainerBox fyne.CanvasObject = trainers
	if len(trainerNames) == 0 {
		trainerBox = widget.NewLabel("No trainers, leads or managers on the roster yet; add them on People.")
	}
	hires := widget.NewCheckGroup(hireNames, nil)
	hireScroll := container.NewVScroll(hires)
	hireScroll.SetMinSize(fyne.NewSize(300, 220))
	newHire := newDialogEntry()
	newHire.SetPlaceHolder("New hire's full name")
	// New hires join the roster only when the cohort starts.
	var newNames []string
	count := widget.NewLabel("")
	count.SizeName = theme.SizeNameCaptionText
	hires.OnChanged = func(sel []string) { count.SetText(fmt.Sprintf("%d of %d ticked", len(sel), len(hires.Options))) }
	hires.OnChanged(nil)
	addHire := func() {
		n := strings.TrimSpace(newHire.Text)
		if n == "" {
			return
		}
		if err := model.ValidateName(n); err != nil {
			c.sh.showError("Could not add "+n, err)
			return
		}
		newNames = append(newNames, n)
		hires.Options = append([]string{n + " (new)"}, hires.Options...)
		hires.SetSelected(append(hires.Selected, n+" (new)"))
		hireScroll.ScrollToTop()
		newHire.SetText("")
	}
	all := widget.NewButton("Tick all", func() { hires.SetSelected(slices.Clone(hires.Options)) })
	all.Importance = widget.LowImportance
	newHire.OnSubmitted = func(string) { addHire() }
	problems := widget.NewLabel("")
	problems.Importance = widget.DangerImportance
	problems.Wrapping = fyne.TextWrapWord
	problems.Hide()
	form := widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: name},
		&widget.FormItem{Text: "Program", Widget: program, HintText: "The cohort keeps its own copy; later edits to the program leave it alone"},
		&widget.FormItem{Text: "Starts on", Widget: start.view},
		&widget.FormItem{Text: "Trainers", Widget: trainerBox},
		&widget.FormItem{Text: "Hires", Widget: container.NewBorder(nil, container.NewBorder(nil, nil, nil,
			widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), addHire), newHire), nil, nil,
			container.NewBorder(nil, container.NewHBox(all, count), nil, nil, hireScroll)),
			HintText: "Tick people on the roster, or add new hires by name (import a roster CSV for many)"},
	)
	scroll := container.NewVScroll(container.NewVBox(form, problems))
	scroll.SetMinSize(dialogMin)
	var d *dialog.CustomDialog
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	create := widget.NewButtonWithIcon("Start cohort", theme.ConfirmIcon(), func() {
		n := model.NewCohort{Name: name.Text}
		for _, p := range programs {
			if p.Name == program.Selected {
				n.ProgramID = p.ID
			}
		}
		var err error
		if n.Start, err = model.ParseDate(start.entry.Text); err != nil {
			problems.SetText("Start date: " + err.Error())
			problems.Show()
			return
		}
		for _, t := range trainers.Selected {
			n.TrainerIDs = append(n.TrainerIDs, ids[t])
		}
		for _, h := range hires.Selected {
			if name, isNew := strings.CutSuffix(h, " (new)"); isNew && slices.Contains(newNames, name) {
				n.NewHires = append(n.NewHires, model.Person{Name: name, Role: model.RoleAgent, StartDate: n.Start})
				continue
			}
			n.HireIDs = append(n.HireIDs, ids[h])
		}
		cohort, err := st.CreateCohort(n)
		if err != nil {
			problems.SetText("Not started: " + err.Error() + ".")
			problems.Show()
			return
		}
		d.Hide()
		c.selected = cohort.ID
		c.load()
	})
	create.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("New cohort", container.NewBorder(nil, container.NewHBox(layoutSpacer(), cancel, create), nil, nil, scroll), c.sh.win)
	d.Resize(dialogRoomy)
	c.sh.showDialog(d)
	c.sh.win.Canvas().Focus(name)
	return &newCohortForm{name: name, program: program, start: start, trainers: trainers, hires: hires, newHire: newHire, create: create, problems: problems}
}

// newCohortForm holds the new-cohort dialog's fields, for tests.
type newCohortForm struct {
	name, newHire   *dialogEntry
	program         *widget.Select
	start           *dateField
	trainers, hires *widget.CheckGroup
	create          *widget.Button
	problems        *widget.Label
}
