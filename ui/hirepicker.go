package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// hirePicker chooses a cohort's hires: people on the roster, filtered by
// part of their name, their team, their start date and whether they are in
// a cohort yet, with ticks that stay while filters hide them; and new
// hires by name. A name, or part of one, typed that is on the roster picks
// that person, never a namesake "(new)".
type hirePicker struct {
	view fyne.CanvasObject

	roster   []model.PersonRow // everyone active, to find a name typed
	people   []model.PersonRow // who the list offers
	inCohort map[uint]string   // person → the cohort they are in
	members  map[uint]bool     // already in this cohort: not offered
	start    func() model.Date // the cohort's start
	today    model.Date
	chosen   map[uint]bool
	newNames []string
	shown    []int // indices into people the filters let through

	query     *dialogEntry
	team      *widget.Select
	starts    *widget.Select
	since     *dateField
	fresh     *widget.Check
	add       *widget.Button
	selectAll *widget.Button
	clear     *widget.Button
	list      *widget.List
	count     *widget.Label
	note      *widget.Label // what the last Add did
}

const (
	allTeams      = "All teams"
	anyStart      = "Any start date"
	withCohort    = "Starting with the cohort"
	startingAfter = "Starting on or after…"
)

// newHirePicker offers people (the roster's active people) as hires,
// less members; inCohort says who is in a cohort already.
func newHirePicker(st *model.Store, people []model.PersonRow, inCohort map[uint]string, members map[uint]bool, start func() model.Date) *hirePicker {
	p := &hirePicker{inCohort: inCohort, members: members, start: start, today: st.Today(), chosen: map[uint]bool{}}
	teams := map[string]bool{}
	for _, r := range people {
		if r.Status != model.StatusActive {
			continue
		}
		p.roster = append(p.roster, r)
		if !members[r.ID] && isHireRole(r.Role) {
			p.people = append(p.people, r)
			if r.Team != "" {
				teams[r.Team] = true
			}
		}
	}
	p.query = newDialogEntry()
	p.query.SetPlaceHolder("Type part of a name; Add picks them, or adds a new hire")
	p.query.OnChanged = func(q string) {
		if q != "" { // a new name: what the last Add said is done with
			p.say("")
		}
		p.refilter()
	}
	p.query.OnSubmitted = func(string) { p.addTyped() }
	p.add = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), p.addTyped)
	teamNames := slices.Sorted(func(yield func(string) bool) {
		for t := range teams {
			if !yield(t) {
				return
			}
		}
	})
	p.team = widget.NewSelect(append([]string{allTeams}, teamNames...), func(string) { p.refilter() })
	p.team.SetSelected(allTeams)
	p.since = newDateField(st, p.refilter)
	p.since.entry.SetText(st.Today().String())
	// The day, when asked for, beside the choices: as wide as a date with
	// its buttons.
	day := container.New(&floor{inner: layout.NewStackLayout(), min: fyne.NewSize(170, 0)}, p.since.view)
	day.Hide()
	var filters *fyne.Container
	p.starts = widget.NewSelect([]string{anyStart, withCohort, startingAfter}, func(s string) {
		day.Hidden = s != startingAfter
		if filters != nil { // else still being built
			filters.Refresh()
		}
		p.refilter()
	})
	p.starts.SetSelected(anyStart)
	// Its width is its placeholder's, never shown: the longest choice, so
	// that no choice is cut.
	p.starts.PlaceHolder = startingAfter
	p.fresh = widget.NewCheck("Not in a cohort yet", func(bool) { p.refilter() })
	p.fresh.SetChecked(true)
	p.selectAll = widget.NewButton("Select shown", func() {
		for _, i := range p.shown {
			p.chosen[p.people[i].ID] = true
		}
		p.changed()
	})
	p.clear = widget.NewButton("Clear", func() {
		clear(p.chosen)
		p.newNames = nil
		p.changed()
	})
	p.clear.Importance = widget.LowImportance
	p.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.count.Wrapping = fyne.TextWrapWord
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	p.note.SizeName = theme.SizeNameCaptionText
	p.note.Hide()
	// New hires head the list, whatever the filters; unticked, they go.
	p.list = widget.NewList(func() int { return len(p.newNames) + len(p.shown) }, p.newRow, p.updateRow)
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.Unselect(id)
		p.tick(id, !p.ticked(id))
	}
	filters = container.NewBorder(nil, nil, nil, day, container.NewGridWithColumns(2, p.team, p.starts))
	// The list is at least seven rows tall, and takes any height the
	// dialog gives the picker beyond its controls.
	list := container.New(&floor{inner: layout.NewStackLayout(), min: fyne.NewSize(300, 7*p.newRow().MinSize().Height)}, p.list)
	p.view = container.NewBorder(container.NewVBox(
		container.NewBorder(nil, nil, nil, p.add, p.query),
		filters,
		container.NewHBox(p.fresh, layoutSpacer(), p.selectAll, p.clear),
		p.count, p.note,
	), nil, nil, nil, list)
	p.refilter()
	return p
}

// isHireRole is whether someone in the role may be picked as a hire from
// the list; a trainer, lead or manager only when typed by name.
func isHireRole(r model.Role) bool {
	return r != model.RoleTrainer && r != model.RoleTeamLead && r != model.RoleManager
}

func (p *hirePicker) newRow() fyne.CanvasObject {
	check := widget.NewCheck("A long enough name", nil)
	detail := widget.NewLabel("Team · starts Mon 6 Apr · in March 2026")
	detail.SizeName = theme.SizeNameCaptionText
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, check, nil, detail)
}

// ticked is whether list row id is chosen.
func (p *hirePicker) ticked(id widget.ListItemID) bool {
	if id < len(p.newNames) {
		return true
	}
	return id-len(p.newNames) < len(p.shown) && p.chosen[p.people[p.shown[id-len(p.newNames)]].ID]
}

// tick chooses list row id, or not: a new hire not chosen is dropped.
func (p *hirePicker) tick(id widget.ListItemID, on bool) {
	switch {
	case id < len(p.newNames):
		if !on {
			p.newNames = slices.Delete(p.newNames, id, id+1)
		}
	case id-len(p.newNames) < len(p.shown):
		p.chosen[p.people[p.shown[id-len(p.newNames)]].ID] = on
	}
	p.changed()
}

func (p *hirePicker) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	detail := c.Objects[0].(*widget.Label)
	check := c.Objects[1].(*widget.Check)
	check.OnChanged = nil
	check.SetChecked(p.ticked(id))
	check.OnChanged = func(on bool) { p.tick(id, on) }
	if id < len(p.newNames) {
		check.SetText(p.newNames[id] + " (new)")
		detail.SetText("joins the roster with the cohort")
		return
	}
	r := p.people[p.shown[id-len(p.newNames)]]
	check.SetText(r.Name)
	var parts []string
	if r.Team != "" {
		parts = append(parts, r.Team)
	}
	if !r.StartDate.IsZero() {
		layout := "Mon 2 Jan"
		if r.StartDate.Time().Year() != p.today.Time().Year() {
			layout = "2 Jan 2006"
		}
		parts = append(parts, "starts "+r.StartDate.Time().Format(layout))
	}
	if in := p.inCohort[r.ID]; in != "" {
		parts = append(parts, "in "+in)
	}
	detail.SetText(strings.Join(parts, " · "))
}

// refilter shows the people the filters let through.
func (p *hirePicker) refilter() {
	if p.list == nil { // still being built
		return
	}
	q := p.query.Text
	since, sinceErr := model.ParseDate(p.since.entry.Text)
	p.shown = p.shown[:0]
	for i, r := range p.people {
		switch {
		case !model.MatchWords(q, r.Name, r.PreferredName),
			p.team.Selected != allTeams && r.Team != p.team.Selected,
			p.fresh.Checked && p.inCohort[r.ID] != "",
			p.starts.Selected == withCohort && r.StartDate != p.start(),
			p.starts.Selected == startingAfter && (sinceErr != nil || r.StartDate.IsZero() || r.StartDate.Before(since)):
			continue
		}
		p.shown = append(p.shown, i)
	}
	p.changed()
}

// changed shows the ticks and the count as they are now.
func (p *hirePicker) changed() {
	ids := p.chosenIDs()
	hidden := len(ids)
	for _, i := range p.shown {
		if p.chosen[p.people[i].ID] {
			hidden--
		}
	}
	text := fmt.Sprintf("%d chosen", len(ids)+len(p.newNames))
	if hidden > 0 {
		text += fmt.Sprintf(" (%d of them hidden by the filters)", hidden)
	}
	switch {
	case len(p.people) == 0:
		text += " · no one on the roster to pick: add new hires by name"
	case len(p.shown) == 0:
		text += " · no one on the roster matches these filters"
	}
	p.count.SetText(text)
	p.list.Refresh()
}

// addTyped picks the person on the roster that what was typed names, as
// the hint promises: the one called that, else the one whose name it is
// part of; when several are, the user ticks one; when no one is, it adds
// a new hire by that name.
func (p *hirePicker) addTyped() {
	name := strings.Join(strings.Fields(p.query.Text), " ")
	if name == "" {
		return
	}
	same := p.matching(name)
	switch {
	case len(same) > 1:
		text := fmt.Sprintf("%d people on the roster match %s: tick the one you mean.", len(same), name)
		if hidden := len(same) - p.shownOf(same); hidden > 0 {
			text = fmt.Sprintf("%d people on the roster match %s, %d of them hidden by the filters: tick the one you mean.", len(same), name, hidden)
		}
		p.say(text)
		return
	case len(same) == 1 && p.members[same[0].ID]:
		p.say(same[0].Name + " is already in this cohort.")
		return
	case len(same) == 1:
		r := same[0]
		if !slices.ContainsFunc(p.people, func(x model.PersonRow) bool { return x.ID == r.ID }) {
			p.people = append(p.people, r) // a trainer or lead, picked by name
		}
		p.chosen[r.ID] = true
		p.say("Picked " + r.Name + ".")
	default:
		if err := model.ValidateName(name); err != nil {
			p.say("Not added: " + err.Error() + ".")
			return
		}
		if !slices.ContainsFunc(p.newNames, func(n string) bool { return strings.EqualFold(n, name) }) {
			p.newNames = append(p.newNames, name)
		}
		p.say("Added " + name + " as a new hire.")
	}
	p.query.SetText("") // refilters
}

// matching is who on the roster name may mean: those called exactly that,
// else those it matches as the filter does. Someone already in the cohort
// is meant only when no one else matches.
func (p *hirePicker) matching(name string) []model.PersonRow {
	var exact, part []model.PersonRow
	for _, r := range p.roster {
		switch {
		case strings.EqualFold(r.Name, name):
			exact = append(exact, r)
		case model.MatchWords(name, r.Name, r.PreferredName):
			part = append(part, r)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	if others := slices.DeleteFunc(slices.Clone(part), func(r model.PersonRow) bool { return p.members[r.ID] }); len(others) > 0 {
		return others
	}
	return part
}

// shownOf counts those of rs the list shows.
func (p *hirePicker) shownOf(rs []model.PersonRow) int {
	n := 0
	for _, i := range p.shown {
		if slices.ContainsFunc(rs, func(r model.PersonRow) bool { return r.ID == p.people[i].ID }) {
			n++
		}
	}
	return n
}

func (p *hirePicker) say(s string) {
	p.note.SetText(s)
	p.note.Hidden = s == ""
	p.note.Refresh()
}

// chosenIDs lists the people ticked, in the roster's order.
func (p *hirePicker) chosenIDs() []uint {
	var ids []uint
	for _, r := range p.people {
		if p.chosen[r.ID] {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// newHires are the new people to add to the roster with the cohort,
// starting on start.
func (p *hirePicker) newHires(start model.Date) []model.Person {
	out := make([]model.Person, len(p.newNames))
	for i, n := range p.newNames {
		out[i] = model.Person{Name: n, Role: model.RoleAgent, StartDate: start}
	}
	return out
}
