package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// teamActions lists every open action across the team: overdue first, then
// due soon, then the rest. Ticking one marks it done.
type teamActions struct {
	sh      *shell
	loads   line
	rows    []model.ActionRow
	pulse   *lineChart
	list    *widget.List
	summary *widget.Label
	none    fyne.CanvasObject
	view    fyne.CanvasObject
	// open shows a person's page.
	open func(personID uint)
}

func newTeamActions(sh *shell, open func(uint)) *teamActions {
	a := &teamActions{sh: sh, open: open}
	a.summary = widget.NewLabel("")
	a.list = widget.NewList(
		func() int { return len(a.rows) },
		func() fyne.CanvasObject {
			text := widget.NewLabel("Action text for someone")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), widget.NewLabel("Due soon"), text)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { a.updateRow(id, o) },
	)
	a.list.OnSelected = func(id widget.ListItemID) {
		if id < len(a.rows) {
			a.open(a.rows[id].PersonID)
		}
		a.list.UnselectAll()
	}
	title := widget.NewLabelWithStyle("Team actions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	a.none = emptyState(theme.ConfirmIcon(), "No open actions",
		"Actions agreed in one-on-ones show up here until they are done.\nPick someone on the left to prepare their next one-on-one.")
	a.pulse = newPulseChart()
	a.pulse.empty = "No pulse ratings in the last 12 weeks"
	pulseTitle := widget.NewLabelWithStyle("Team pulse, last 12 weeks", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.view = container.NewBorder(container.NewVBox(pulseTitle, tall(a.pulse, 140), title, a.summary), nil, nil, nil, container.NewStack(a.list, a.none))
	return a
}

func (a *teamActions) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := a.rows[id]
	c := o.(*fyne.Container)
	text := c.Objects[0].(*widget.Label)
	check := c.Objects[1].(*widget.Check)
	status := c.Objects[2].(*widget.Label)
	text.SetText(listedAction(r))
	check.OnChanged = nil
	check.SetChecked(false)
	check.OnChanged = func(on bool) {
		if !on {
			return
		}
		if err := a.sh.store.SetActionDone(r.ID, true); err != nil {
			a.sh.showError("Could not mark the action done", err)
			return
		}
		a.sh.undo.offer("Marked done: "+model.Ellipsize(r.Text, 40), a.sh.undoFor, func() {
			if err := a.sh.store.SetActionDone(r.ID, false); err != nil {
				a.sh.showError("Could not reopen the action", err)
			}
			a.load()
		})
		a.load()
	}
	switch {
	case r.Overdue:
		status.SetText("Overdue since " + formatDay(r.Due))
		status.Importance = widget.WarningImportance
	case r.DueSoon:
		status.SetText("Due " + formatDay(r.Due))
		status.Importance = widget.HighImportance
	case !r.Due.IsZero():
		status.SetText("By " + formatDay(r.Due))
		status.Importance = widget.MediumImportance
	default:
		status.SetText("Open")
		status.Importance = widget.MediumImportance
	}
	status.Refresh()
}

// load fetches the open actions off the UI goroutine.
func (a *teamActions) load() {
	type loaded struct {
		rows  []model.ActionRow
		pulse []model.Series
	}
	fetch(a.sh, &a.loads, "Could not load the actions", func(st *model.Store) (l loaded, err error) {
		if l.rows, err = st.OpenActions(0); err != nil {
			return l, err
		}
		l.pulse, err = st.TeamPulse(12)
		return l, err
	}, func(l loaded) {
		a.pulse.setSeries(l.pulse)
		a.rows = l.rows
		overdue, soon := 0, 0
		for _, r := range l.rows {
			if r.Overdue {
				overdue++
			} else if r.DueSoon {
				soon++
			}
		}
		a.summary.SetText(fmt.Sprintf("%s open · %d overdue · %d due within %d days", model.Plural(len(l.rows), "action", "actions"), overdue, soon, model.DueSoonDays))
		if len(l.rows) > 0 {
			a.none.Hide()
		} else {
			a.none.Show()
		}
		a.list.Refresh()
	})
}

// listedAction is an action on a list of many people's: whose it is and
// who will do it, without its due date, which the list shows with its
// state, where a long text cannot push it out of sight.
func listedAction(r model.ActionRow) string {
	undated := r.Action
	undated.Due = model.Date{}
	if r.Mine {
		return actionLabel(undated, "")
	}
	return r.PersonName + " · " + actionLabel(undated, model.ShortName(r.PersonName, ""))
}

// actionBox lists the actions agreed in one place (a one-on-one, a
// debrief) with a tick for done, and adds new ones: what, who, by when.
type actionBox struct {
	sh      *shell
	view    fyne.CanvasObject
	list    *formList
	none    *widget.Label
	text    *dialogEntry
	owner   *widget.Select
	owners  []actionOwner // the owner picker's choices, in its order
	due     *dateField
	actions []model.Action
	name    string // what the report is called, for "Amir will: …"
	// names says what others on the actions' lists are called, by ID: a
	// debrief's actions may be the lead's.
	names map[uint]string
	// place says whose action it is and where it was agreed; false stops
	// the add (a session saves itself first and may fail).
	place func(a *model.Action) bool
	// added hears of each action added.
	added func()
}

// actionOwner is one choice of who will do an action.
type actionOwner struct {
	name     string // what they are called; "" is me, "I will"
	personID uint   // whose list the action goes on; 0 for the place's person
}

func newActionBox(sh *shell, placeholder string, place func(a *model.Action) bool) *actionBox {
	b := &actionBox{sh: sh, place: place, none: widget.NewLabel("No actions yet.")}
	b.list = newFormList(8, func() int { return len(b.actions) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) }, b.showAction, nil)
	b.text = newDialogEntry()
	b.text.SetPlaceHolder(placeholder)
	b.text.OnSubmitted = func(string) { b.add() }
	b.owner = widget.NewSelect(nil, nil)
	b.due = newDateField(sh.store, func() {})
	b.due.entry.OnSubmitted = func(string) { b.add() } // Enter adds from the date too
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), b.add)
	// The text has a line of its own: beside who and when, it was cut to
	// a few letters in a narrow window.
	b.view = container.NewVBox(container.NewStack(b.list.view, b.none), b.text, container.NewBorder(nil, nil, b.owner,
		container.NewHBox(container.NewGridWrap(fyne.NewSize(170, b.due.view.MinSize().Height), b.due.view), add)))
	return b
}

// set shows actions for a report called name: "Amir will" or "I will".
func (b *actionBox) set(actions []model.Action, name string) {
	b.actions, b.name, b.names = actions, name, nil
	b.owners = nil // the choice starts again at the report
	b.choose([]actionOwner{{name: name}, {}}, nil)
	b.showNone()
	b.list.reset()
}

// choose offers owners, keeping the one chosen if it still is, and names
// the people the actions are for: a debrief learns who shadowed and who
// led it as the form is filled in.
func (b *actionBox) choose(owners []actionOwner, names map[uint]string) {
	keep := 0
	// Another choice than the first is kept; the first is whoever the
	// place's person now is.
	if i := b.owner.SelectedIndex(); i > 0 && i < len(b.owners) {
		was := b.owners[i]
		for j, o := range owners {
			if o.personID == was.personID && (o.name == "") == (was.name == "") {
				keep = j
			}
		}
	}
	b.owners, b.names = owners, names
	if len(owners) > 0 && owners[0].name != "" {
		b.name = owners[0].name
	}
	b.owner.SetOptions(ownerLabels(owners))
	b.owner.SetSelectedIndex(keep)
	b.list.refresh()
}

// ownerLabels are the owner picker's texts. The picker finds a choice by
// its text, so a report called "I" (I Wayan, I Made) is "They will": two
// "I will" made every action the report's.
func ownerLabels(owners []actionOwner) []string {
	labels := make([]string, len(owners))
	taken := map[string]bool{}
	for i, o := range owners {
		if o.name == "" {
			labels[i], taken["I will"] = "I will", true
		}
	}
	for i, o := range owners {
		if o.name == "" {
			continue
		}
		l := o.name + " will"
		if taken[l] {
			l = "They will"
		}
		for n := 2; taken[l]; n++ {
			l = fmt.Sprintf("They will (%d)", n)
		}
		labels[i], taken[l] = l, true
	}
	return labels
}

// nameFor is what the person an action is for is called.
func (b *actionBox) nameFor(a model.Action) string {
	if n, ok := b.names[a.PersonID]; ok {
		return n
	}
	return b.name
}

// showNone says so when there are no actions.
func (b *actionBox) showNone() {
	b.none.Hidden = len(b.actions) > 0
	b.none.Refresh()
}

// showAction fills a row in for action id, and ticking it marks it done.
func (b *actionBox) showAction(id widget.ListItemID, o fyne.CanvasObject) {
	a := &b.actions[id]
	c := o.(*widget.Check)
	c.OnChanged = nil
	c.Text = actionLabel(*a, b.nameFor(*a))
	c.SetChecked(a.Done())
	c.Refresh()
	c.OnChanged = func(on bool) {
		if err := b.sh.store.SetActionDone(a.ID, on); err != nil {
			b.sh.showError("Could not save the action", err)
			return
		}
		a.DoneAt = nil
		if on { // as the store has it, for when the row is shown again
			now := b.sh.store.Now()
			a.DoneAt = &now
		}
	}
}

// add saves what was typed as a new action.
func (b *actionBox) add() {
	text := strings.TrimSpace(b.text.Text)
	if text == "" {
		return
	}
	if b.addText(text) {
		b.text.SetText("")
	}
}

// addText saves text as a new action for the owner and due date chosen.
func (b *actionBox) addText(text string) bool {
	a := model.Action{Text: text, Owner: model.OwnerReport, Due: b.due.date()}
	// A new session saves itself in place and may offer other owners after.
	who := b.owners[max(b.owner.SelectedIndex(), 0)]
	if who.name == "" && who.personID == 0 {
		a.Owner = model.OwnerLead // the one-on-one's lead
	}
	if !b.place(&a) {
		return false
	}
	if who.personID != 0 {
		a.PersonID = who.personID
	}
	if err := b.sh.store.SaveAction(&a); err != nil {
		b.sh.showError("Could not add the action", err)
		return false
	}
	b.actions = append(b.actions, a)
	b.due.entry.SetText("")
	b.showNone()
	b.list.refresh()
	b.list.list.ScrollTo(len(b.actions) - 1)
	if b.added != nil {
		b.added()
	}
	return true
}
