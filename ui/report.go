package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// reportApp is the small window a report sees when they sign in to a
// shared server: their next one-on-one, where they add what they want to
// talk about and how they feel, the one-on-ones they have had, and what
// they agreed to do. The lead's screens are never built for them.
type reportApp struct {
	loader
	sh     *shell // for dialogs and the undo bar
	person uint
	v      model.ReportView

	next    *widget.Label
	agenda  map[model.Heading]*fyne.Container
	typing  map[model.Heading]*widget.Entry // what is typed, not yet added
	outside map[model.Heading]*widget.Check
	pulse   *widget.RadioGroup
	history *widget.List
	shown   *widget.Label // the one-on-one picked in history
	actions *widget.List
}

// showReport opens the report's own app in place of the lead's screens.
func (s *shell) showReport(store *model.Store) {
	for _, sc := range s.shortcuts() {
		s.win.Canvas().RemoveShortcut(ctrl(sc.key))
	}
	// What was typed and not yet added is added as the window closes.
	closing := func() {
		s.saveAll()
		s.closeSaved = true
		s.win.Close()
	}
	s.win.SetCloseIntercept(closing)
	// A menu of one, so Ctrl+Q works from a field too (an entry keeps the
	// shortcuts of a canvas it does not know).
	s.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Solemate", quitItem(&fyne.MenuItem{Label: "Quit", Shortcut: ctrl(fyne.KeyQ), Action: closing}))))
	s.win.Canvas().AddShortcut(ctrl(fyne.KeyQ), func(fyne.Shortcut) { closing() })
	ld := &loader{store: store, bg: s.bg, fail: s.showError}
	fetchOr(ld, nil, (*model.Store).ReportPerson, func(p model.Person) { s.openReportApp(store, p.ID) }, func(err error) {
		if errors.Is(err, model.ErrNotLinked) {
			err = errors.New("you have signed in as a team member, but your sign-in is not linked to you on the team list yet. Ask whoever looks after Solemate to link it, then open Solemate again")
		}
		showFatal(s.win, err) // nothing of the lead's screens is theirs to use
	})
}

// openReportApp builds the report's app for person and loads it.
func (s *shell) openReportApp(store *model.Store, person uint) *reportApp {
	r := &reportApp{loader: loader{store: store, bg: s.bg, fail: s.showError}, sh: s, person: person, agenda: map[model.Heading]*fyne.Container{},
		typing: map[model.Heading]*widget.Entry{}, outside: map[model.Heading]*widget.Check{}}
	s.report = r
	r.next = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.next.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel("Add what you would like to talk about, at work or outside it. Your lead sees it when your one-on-one starts.")
	intro.Wrapping = fyne.TextWrapWord
	// The rating first: below the headings a small window hid it.
	r.pulse = widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, nil)
	r.pulse.Horizontal = true
	r.pulse.OnChanged = r.setPulse
	ask := widget.NewLabelWithStyle("How do you feel about the team and the company right now? (1 low, 5 great)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ask.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(r.next, ask, r.pulse, intro)
	for _, h := range model.Headings() {
		form.Add(r.headingBox(h))
	}

	r.history = widget.NewList(func() int { return len(r.v.History) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Tue 10 Mar 2026 · 12 items")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(meetingLine(r.v.History[i])) })
	r.shown = widget.NewLabel("Pick a one-on-one to read what you both wrote down.")
	r.shown.Wrapping = fyne.TextWrapWord
	r.history.OnSelected = func(i widget.ListItemID) { r.shown.SetText(meetingText(r.v.History[i])) }
	past := container.NewVSplit(r.history, container.NewVScroll(r.shown))

	r.actions = widget.NewList(func() int { return len(r.v.Actions) },
		func() fyne.CanvasObject {
			done := widget.NewCheck("", nil)
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, done, nil, text)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { r.showAction(r.v.Actions[i], o.(*fyne.Container)) })

	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Our one-on-ones", theme.HistoryIcon(), past),
		container.NewTabItemWithIcon("What you agreed to do", theme.ConfirmIcon(), r.actions))
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(form)), tabs)
	split.Offset = 0.5
	s.win.SetContent(container.NewBorder(nil, s.undo.view, nil, nil, split))
	s.setTitle("Your one-on-ones")
	r.load()
	return r
}

// headingBox is one MOFO heading: what was added under it, each with a
// button to take it off, and an entry where Enter adds.
func (r *reportApp) headingBox(h model.Heading) fyne.CanvasObject {
	items := container.NewVBox()
	r.agenda[h] = items
	outside := widget.NewCheck("Outside work", nil)
	add := widget.NewEntry()
	r.typing[h], r.outside[h] = add, outside
	add.SetPlaceHolder("Add to " + strings.ToLower(h.Label()) + " and press Enter")
	add.OnSubmitted = func(text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		r.add(model.AgendaItem{Heading: h, Text: text, NonWork: outside.Checked}, func() { add.SetText("") })
	}
	title := widget.NewLabelWithStyle(h.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(title, items, container.NewBorder(nil, nil, nil, outside, add))
}

// flush adds what is typed and not yet added, there and then: the window
// is closing.
func (r *reportApp) flush() bool {
	var items []model.AgendaItem
	for _, h := range model.Headings() {
		if t := strings.TrimSpace(r.typing[h].Text); t != "" {
			items = append(items, model.AgendaItem{Heading: h, Text: t, NonWork: r.outside[h].Checked})
		}
	}
	if len(items) == 0 {
		return true
	}
	_, err := r.store.AddToAgenda(r.person, items)
	return err == nil
}

func (r *reportApp) load() {
	fetch(r, nil, "Could not load your one-on-ones", func(st *model.Store) (model.ReportView, error) { return st.ReportView(r.person) }, r.show)
}

func (r *reportApp) show(v model.ReportView) {
	r.v = v
	switch lead := v.LeadName; {
	case v.Next.IsZero():
		r.next.SetText("No one-on-one is planned for you at the moment, but you can still note what you want to talk about.")
	case lead == "":
		r.next.SetText("Your next one-on-one: " + formatDay(v.Next))
	default:
		r.next.SetText(fmt.Sprintf("Your next one-on-one with %s: %s", lead, formatDay(v.Next)))
	}
	for h, box := range r.agenda {
		box.RemoveAll()
		for _, it := range v.Agenda.Items {
			if it.Heading == h {
				box.Add(r.agendaRow(it))
			}
		}
	}
	r.pulse.OnChanged = nil
	r.pulse.SetSelected("")
	if v.Agenda.Pulse > 0 {
		r.pulse.SetSelected(fmt.Sprint(v.Agenda.Pulse))
	}
	r.pulse.OnChanged = r.setPulse
	r.history.Refresh()
	r.actions.Refresh()
}

func (r *reportApp) agendaRow(it model.AgendaItem) fyne.CanvasObject {
	text := widget.NewLabel(it.Text)
	text.Wrapping = fyne.TextWrapWord
	if it.NonWork {
		text.SetText(it.Text + " (outside work)")
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { r.remove(it) })
	remove.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, remove, text)
}

func (r *reportApp) add(it model.AgendaItem, added func()) {
	fetch(r, nil, "Could not add that", func(st *model.Store) ([]model.AgendaItem, error) {
		return st.AddToAgenda(r.person, []model.AgendaItem{it})
	}, func([]model.AgendaItem) {
		added()
		r.load()
	})
}

func (r *reportApp) remove(it model.AgendaItem) {
	fetch(r, nil, "Could not take that off", func(st *model.Store) (struct{}, error) {
		return struct{}{}, st.RemoveFromAgenda(it.ID)
	}, func(struct{}) {
		r.load()
		r.sh.undo.offer(fmt.Sprintf("Took “%s” off your list.", it.Text), r.sh.undoFor, func() { r.add(it, func() {}) })
	})
}

func (r *reportApp) setPulse(choice string) {
	var rating int
	fmt.Sscan(choice, &rating)
	fetch(r, nil, "Could not keep how you feel", func(st *model.Store) (struct{}, error) {
		return struct{}{}, st.SetAgendaPulse(r.person, rating)
	}, func(struct{}) {})
}

// showAction fills an action's row: a tick the report may set on what they
// agreed to do; their lead's part is shown for them to see, not to tick.
func (r *reportApp) showAction(a model.Action, row *fyne.Container) {
	text, done := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Check)
	line := a.Text
	if a.Owner == model.OwnerLead {
		line = "Your lead: " + line
	}
	if !a.Due.IsZero() {
		line += " · by " + formatDay(a.Due)
	}
	text.SetText(line)
	done.OnChanged = nil
	done.SetChecked(a.Done())
	if a.Owner == model.OwnerLead {
		done.Disable()
		return
	}
	done.Enable()
	done.OnChanged = func(on bool) {
		fetch(r, nil, "Could not tick that off", func(st *model.Store) (struct{}, error) {
			return struct{}{}, st.SetActionDone(a.ID, on)
		}, func(struct{}) { r.load() })
	}
}

// meetingLine is a one-on-one in the history list.
func meetingLine(m model.SharedMeeting) string {
	line := fmt.Sprintf("%s · %s", formatDay(model.DateOf(m.HeldAt.Local())), model.Plural(len(m.Items), "item", "items"))
	if m.ReportPulse > 0 {
		line += fmt.Sprintf(" · your rating before: %d of 5", m.ReportPulse)
	}
	if m.PulseRating > 0 {
		line += fmt.Sprintf(" · rating in the meeting: %d of 5", m.PulseRating)
	}
	return line
}

// meetingText is what both wrote down in a one-on-one, by heading.
func meetingText(m model.SharedMeeting) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", formatDay(model.DateOf(m.HeldAt.Local())))
	var last model.Heading
	for _, it := range m.Items {
		if it.Heading != last {
			fmt.Fprintf(&b, "\n%s\n", it.Heading.Label())
			last = it.Heading
		}
		mark := "•"
		if it.Status != model.ItemOpen {
			mark = "✓"
		}
		fmt.Fprintf(&b, "%s %s", mark, it.Text)
		if it.ByReport {
			b.WriteString(" (yours)")
		}
		if m.Carried[it.ID] {
			b.WriteString(" (carried over)")
		}
		b.WriteString("\n")
	}
	if m.SharedNotes != "" {
		fmt.Fprintf(&b, "\nNotes\n%s\n", m.SharedNotes)
	}
	return b.String()
}
