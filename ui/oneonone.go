package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// oneOnOneScreen lists reports by due date; the right side shows the
// selected person's page or a one-on-one being edited.
type oneOnOneScreen struct {
	sh *shell

	reports, shown []model.Report

	root, right   *fyne.Container
	main, welcome fyne.CanvasObject
	filter        *widget.Entry
	list          *widget.List
	count         *widget.Label
	page          *personPage
	editor        *meetingEditor
	actions       *teamActions

	selectedID uint
	selecting  bool
	// filtering is the filter's runs: one a newer run overtook is dropped.
	filtering line
	loads     line
	scope     *scopeSwitch
}

func newOneOnOneScreen(sh *shell) *oneOnOneScreen {
	o := &oneOnOneScreen{sh: sh}
	o.page = newPersonPage(o)
	o.editor = newMeetingEditor(o)
	o.filter = widget.NewEntry()
	o.filter.SetPlaceHolder("Filter reports… (Ctrl+L)")
	o.filter.OnChanged = func(string) { o.applyFilter() }
	o.count = widget.NewLabel("")
	o.count.Wrapping = fyne.TextWrapWord
	o.list = widget.NewList(
		func() int { return len(o.shown) },
		newReportRowView,
		func(id widget.ListItemID, obj fyne.CanvasObject) {
			updateReportRowView(obj, o.shown[id], sh.store.Today())
		},
	)
	o.list.OnSelected = func(id widget.ListItemID) {
		if o.selecting || id >= len(o.shown) {
			return
		}
		o.openPerson(o.shown[id].ID)
	}
	heading := widget.NewLabelWithStyle("One-on-ones", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	teamBtn := widget.NewButtonWithIcon("Team actions", theme.ListIcon(), o.showTeam)
	// Team actions sits below the list: beside the heading it made the
	// list, and so the window, wider than the smallest one.
	o.scope = newScopeSwitch(sh, o.load)
	left := container.NewBorder(container.NewVBox(heading, o.scope.sel, o.filter), container.NewBorder(nil, nil, nil, teamBtn, o.count), nil, nil, o.list)
	o.scope.holder = left
	o.actions = newTeamActions(sh, o.openPerson)
	o.right = container.NewStack(o.actions.view)

	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(o.right))
	split.Offset = 0.4
	o.main = split
	goPeople := widget.NewButtonWithIcon("Go to People", theme.AccountIcon(), func() { sh.goTo(screenPeople) })
	goPeople.Importance = widget.HighImportance
	o.welcome = emptyState(theme.MailComposeIcon(), "No one to meet yet",
		"One-on-ones are for the active people on your roster.\nAdd or import people first, or load demo data there.", goPeople)
	o.root = container.NewStack(o.main)
	return o
}

func (o *oneOnOneScreen) view() fyne.CanvasObject { return o.root }
func (o *oneOnOneScreen) focusFilter()            { o.sh.win.Canvas().Focus(o.filter) }
func (o *oneOnOneScreen) flush() bool             { return o.editor.flush() == nil }

// newItem starts a one-on-one with the selected person.
func (o *oneOnOneScreen) newItem() {
	if o.selectedID != 0 {
		o.start(o.selectedID)
	}
}

// load fetches the reports in the user's scope off the UI goroutine.
func (o *oneOnOneScreen) load() {
	type scoped struct {
		reps  []model.Report
		scope model.ScopeChoice
	}
	fetch(o.sh, &o.loads, "Could not load the one-on-ones", func(st *model.Store) (v scoped, err error) {
		if v.scope, err = st.ScopeChoice(); err == nil {
			v.reps, err = st.Reports()
		}
		return v, err
	}, func(v scoped) {
		reps := v.reps
		o.reports = reps
		o.scope.show(v.scope)
		o.applyFilter()
		switch o.right.Objects[0] {
		case o.actions.view:
			o.actions.load()
		case o.editor.view: // back from Today, say, where a follow-up was asked
			o.editor.refresh()
		}
		want := o.main
		// With my reports shown, an empty list keeps the switch to everyone.
		if len(reps) == 0 && v.scope.Current == model.ScopeEveryone {
			want = o.welcome
		}
		showOnly(o.root, want)
	})
}

// applyFilter matches the reports against the filter, counts those overdue
// and finds the selected person off the UI goroutine, then shows the result
// unless a newer run started meanwhile.
func (o *oneOnOneScreen) applyFilter() {
	type filtered struct {
		shown       []model.Report
		overdue, at int
	}
	reports, query, selected, today := o.reports, o.filter.Text, o.selectedID, o.sh.store.Today()
	fetch(o.sh, &o.filtering, "Could not filter the reports", func(*model.Store) (filtered, error) {
		f := filtered{at: -1}
		for _, r := range reports {
			if r.NextDue.Before(today) {
				f.overdue++
			}
			if model.MatchWords(query, r.Name, r.PreferredName, r.Team, r.Role.Label()) {
				if r.ID == selected {
					f.at = len(f.shown)
				}
				f.shown = append(f.shown, r)
			}
		}
		return f, nil
	}, func(f filtered) {
		o.shown = f.shown
		o.count.SetText(fmt.Sprintf("%s · %d overdue", shownOf(len(f.shown), len(reports), "report", "reports"), f.overdue))
		o.list.Refresh()
		o.selecting = true
		o.list.UnselectAll()
		if f.at >= 0 {
			o.list.Select(f.at)
		}
		o.selecting = false
	})
}

// showTeam shows the open actions across the team.
func (o *oneOnOneScreen) showTeam() {
	o.leaveEditor(func() {
		o.selectedID = 0
		o.applyFilter()
		o.showRight(o.actions.view)
		o.actions.load()
		o.sh.setTitle("One-on-ones")
	})
}

// openPerson shows a person's page, saving any open one-on-one first.
func (o *oneOnOneScreen) openPerson(id uint) {
	o.leaveEditor(func() {
		o.selectedID = id
		o.applyFilter()
		o.showRight(o.page.view)
		o.page.load(id)
		o.sh.setTitle("One-on-ones")
	})
}

// leaveEditor runs next once the open one-on-one is saved, or once the
// user chooses to drop changes that could not be saved (notes over the
// limit, say). Otherwise they stay in the editor, and so does the user.
func (o *oneOnOneScreen) leaveEditor(next func()) {
	err := o.editor.flush()
	if err == nil {
		next()
		return
	}
	o.applyFilter() // the list goes back to what is open
	// Someone else saved first: whose to keep is asked, and they stay.
	if isConflict(err) {
		o.editor.conflicts.showFirst()
		return
	}
	d := dialog.NewConfirm("Discard changes?",
		fmt.Sprintf("Your changes to this one-on-one could not be saved:\n%s\n\nDiscard them?", err),
		func(discard bool) {
			if discard {
				o.editor.discard()
				next()
			}
		}, o.sh.win)
	o.sh.showDialog(d)
}

func (o *oneOnOneScreen) showRight(c fyne.CanvasObject) {
	o.right.Objects = []fyne.CanvasObject{c}
	o.right.Refresh()
}

// start opens a new one-on-one now, ready to type the first item. It is
// a draft until something is written (meetingEditor.start). When they
// already met today, it asks first: a second one is more often a slip.
func (o *oneOnOneScreen) start(personID uint) {
	o.leaveEditor(func() {
		at := o.sh.store.Now().Truncate(time.Minute)
		type loaded struct {
			draft model.Meeting
			met   uint
		}
		fetch(o.sh, &o.editor.loads, "Could not start the one-on-one", func(st *model.Store) (l loaded, err error) {
			if l.met, err = st.MetOn(personID, model.DateOf(at.Local())); err != nil {
				return l, err
			}
			l.draft, err = st.DraftMeeting(personID, at)
			return l, err
		}, func(l loaded) {
			if l.met == 0 {
				o.openDraft(l.draft)
				return
			}
			o.askSecondMeeting(l.draft, l.met)
		})
	})
}

// askSecondMeeting asks whether to open today's one-on-one with the
// person or to start another.
func (o *oneOnOneScreen) askSecondMeeting(draft model.Meeting, met uint) {
	var d *dialog.CustomDialog
	open := widget.NewButton("Open that one", func() { d.Hide(); o.openMeeting(met) })
	open.Importance = widget.HighImportance
	another := widget.NewButton("Start another", func() { d.Hide(); o.openDraft(draft) })
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Already met today",
		widget.NewLabel(fmt.Sprintf("You already met %s today.", draft.Person.DisplayName())), o.sh.win)
	d.SetButtons([]fyne.CanvasObject{cancel, another, open})
	o.sh.showDialog(d)
}

// openDraft shows a one-on-one not stored yet in the editor.
func (o *oneOnOneScreen) openDraft(m model.Meeting) {
	o.selectedID = m.PersonID
	o.showRight(o.editor.view)
	o.editor.fill(m)
	o.sh.win.Canvas().Focus(o.editor.adders[model.HeadingProgress])
}

// openMeeting shows the editor for a one-on-one.
func (o *oneOnOneScreen) openMeeting(id uint) {
	o.leaveEditor(func() {
		o.showRight(o.editor.view)
		o.editor.load(id)
	})
}

func newReportRowView() fyne.CanvasObject { return newTwoLineRow("Weekly · due today") }

func updateReportRowView(obj fyne.CanvasObject, r model.Report, today model.Date) {
	parts := []string{r.Cadence.Label()}
	if r.Team != "" {
		parts = append(parts, r.Team)
	}
	if r.OpenActions > 0 {
		parts = append(parts, model.Plural(r.OpenActions, "open action", "open actions"))
	}
	if r.FollowUps > 0 {
		parts = append(parts, model.Plural(r.FollowUps, "follow-up", "follow-ups"))
	}
	due := setTwoLineRow(obj, r.DisplayName(), strings.Join(parts, " · "))
	due.SetText(shortDue(r.NextDue, today))
	due.Importance = widget.MediumImportance
	if r.NextDue.Before(today) {
		due.Importance = widget.WarningImportance
	} else if r.NextDue == today {
		due.Importance = widget.HighImportance
	}
	due.Refresh()
}

// shortDue is DueText trimmed for a list row.
func shortDue(due, today model.Date) string {
	return strings.TrimPrefix(model.DueText(due, today), "due ")
}

// personPage is a report's page: cadence, pulse trend, follow-ups, open
// actions and the full history.
type personPage struct {
	screen   *oneOnOneScreen
	loads    line
	view     fyne.CanvasObject
	person   model.Person
	heading  *widget.Label
	meta     *widget.Label
	cadence  *widget.Select
	startBtn *widget.Button
	plot     *lineChart
	follow   *fyne.Container // a row per follow-up, each with Asked
	notes    *wheelScroll    // the follow-ups and actions
	actions  *widget.Label
	history  []model.MeetingSummary
	week     model.WorkWeek // when the next one-on-one can be due
	histList *widget.List
	histNone *widget.Label
	loading  bool

	// shadowed lists the sessions beside them, walked the sessions they
	// walked in the customer's shoes themselves; each hidden while empty.
	shadowed, walked *fyne.Container
	// agenda is what they added for the next one-on-one.
	agenda *widget.Label

	// acts act on the person shown: off until their page has loaded, so a
	// quick click never acts on the person shown before.
	acts []*widget.Button
}

func newPersonPage(o *oneOnOneScreen) *personPage {
	p := &personPage{screen: o}
	p.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.heading.SizeName = theme.SizeNameSubHeadingText
	p.heading.Truncation = fyne.TextTruncateEllipsis
	p.meta = widget.NewLabel("")
	p.meta.Wrapping = fyne.TextWrapWord
	p.cadence = enumSelect(model.Cadences(), p.setCadence)
	p.startBtn = widget.NewButtonWithIcon("Start one-on-one", theme.ContentAddIcon(), func() { o.start(p.person.ID) })
	p.startBtn.Importance = widget.HighImportance
	prepare := widget.NewButtonWithIcon("Prepare", theme.DocumentIcon(), func() { o.prepare(p.person) })
	export := widget.NewButtonWithIcon("Export…", theme.UploadIcon(), func() {
		p.screen.sh.exportOneOnOnes(p.person.ID, fileSafe(p.person.Name)+".md")
	})
	send := widget.NewButtonWithIcon("Send agenda…", theme.MailSendIcon(), func() { p.screen.sh.sendAgenda(p.person) })
	p.acts = []*widget.Button{p.startBtn, prepare, export, send}
	p.plot = newPulseChart()
	p.follow = container.NewVBox()
	p.actions = widget.NewLabel("")
	p.actions.Wrapping = fyne.TextWrapWord
	p.shadowed, p.walked = container.NewVBox(), container.NewVBox()
	p.shadowed.Hide()
	p.walked.Hide()
	p.histList = widget.NewList(
		func() int { return len(p.history) },
		func() fyne.CanvasObject { return newTwoLineRow("Walk · pulse 4/5 · 5 new items, 2 carrying on") },
		func(id widget.ListItemID, obj fyne.CanvasObject) {
			when, rest := summaryLine(p.history[id])
			setTwoLineRow(obj, when, rest)
		},
	)
	p.histList.OnSelected = func(id widget.ListItemID) {
		if id < len(p.history) {
			o.openMeeting(p.history[id].ID)
		}
		p.histList.UnselectAll()
	}
	p.histNone = widget.NewLabel("No one-on-ones yet. Start the first one above.")
	p.histNone.Wrapping = fyne.TextWrapWord
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	top := container.NewVBox(
		// The name on a line of its own: beside the buttons it was cut
		// to "Hug…" at 900 px.
		p.heading,
		container.New(layout.NewRowWrapLayout(), p.startBtn, prepare, export, send), // wraps in a narrow window
		container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Cadence"), fitSelect(p.cadence)), p.meta),
		bold("Pulse"),
		tall(p.plot, 130),
	)
	// What to ask and do beside the history, each filling the height left.
	p.agenda = widget.NewLabel("")
	p.agenda.Wrapping = fyne.TextWrapWord
	p.agenda.Hide()
	p.notes = newWheelScroll(container.NewVBox(p.agenda, bold("Follow-ups"), p.follow, bold("Open actions"), p.actions, p.shadowed, p.walked))
	history := container.NewBorder(bold("History"), nil, nil, nil, container.NewStack(p.histList, container.NewVBox(p.histNone)))
	p.view = container.NewBorder(top, nil, nil, nil, container.NewGridWithColumns(2, p.notes, history))
	return p
}

// fileSafe turns a name into a file name: "Amara O'Brien" → "amara-obrien".
func fileSafe(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteRune('-')
		}
	}
	if b.Len() == 0 {
		return "one-on-ones"
	}
	return b.String()
}

// summaryLine is a history row: when, then where, pulse and items.
func summaryLine(m model.MeetingSummary) (when, rest string) {
	parts := []string{m.Setting.Label()}
	if m.PulseRating > 0 {
		parts = append(parts, fmt.Sprintf("pulse %d/5", m.PulseRating))
	}
	items := model.Plural(m.Items, "new item", "new items")
	if m.OpenItems > 0 {
		items += fmt.Sprintf(", %d carrying on", m.OpenItems)
	}
	return m.HeldAt.Local().Format("Mon 2 Jan 2006, 15:04"), strings.Join(append(parts, items), " · ")
}

// load fetches everything the page shows off the UI goroutine.
func (p *personPage) load(id uint) {
	type loaded struct {
		person model.Person
		hist   []model.MeetingSummary
		pulse  []model.PulsePoint
		fus    []model.FollowUp
		acts   []model.ActionRow
		week   model.WorkWeek

		me                       uint
		beside, walked           []model.ShadowedSession
		besideTotal, walkedTotal int
		agenda                   model.Agenda
	}
	if id != p.person.ID {
		for _, b := range p.acts {
			b.Disable()
		}
	}
	fetch(p.screen.sh, &p.loads, "Could not load this person", func(st *model.Store) (l loaded, err error) {
		if l.person, err = st.Person(id); err != nil {
			return l, err
		}
		if l.hist, err = st.History(id); err != nil {
			return l, err
		}
		if l.pulse, err = st.PulseHistory(id); err != nil {
			return l, err
		}
		if l.fus, err = st.FollowUps(id); err != nil {
			return l, err
		}
		if l.week, err = st.WorkWeek(); err != nil {
			return l, err
		}
		if l.me, err = st.MyID(); err != nil {
			return l, err
		}
		if l.beside, l.besideTotal, err = st.SessionsWith(id, model.Date{}, shadowedMax); err != nil {
			return l, err
		}
		if l.walked, l.walkedTotal, err = st.SessionsBy(id, model.Date{}, shadowedMax); err != nil {
			return l, err
		}
		if l.agenda, err = st.Agenda(id); err != nil {
			return l, err
		}
		l.acts, err = st.OpenActions(id)
		return l, err
	}, func(l loaded) {
		p.week = l.week
		p.agenda.SetText(agendaText(l.agenda))
		p.agenda.Hidden = p.agenda.Text == ""
		sh, today := p.screen.sh, p.screen.sh.store.Today()
		shadowedList(p.shadowed, "Shadowed", l.beside, l.besideTotal, l.me, today, sh.openSession, nil)
		shadowedList(p.walked, "Walked in the customer's shoes", l.walked, l.walkedTotal, l.me, today, sh.openSession,
			func() { sh.showSessionsOf(l.person.Name) })
		p.show(l.person, l.hist, l.pulse, l.fus, l.acts) // lays the notes out again
	})
}

func (p *personPage) show(person model.Person, hist []model.MeetingSummary, pulse []model.PulsePoint, fus []model.FollowUp, acts []model.ActionRow) {
	p.loading = true
	defer func() { p.loading = false }()
	today := p.screen.sh.store.Today()
	p.person = person
	for _, b := range p.acts {
		b.Enable()
	}
	p.heading.SetText(person.DisplayName())
	due := p.week.OnOrAfter(model.NeverMetDue(person, today)) // as the list says
	if len(hist) > 0 {
		due = person.Cadence.DueAfter(hist[0].HeldAt, p.week)
	}
	meta := []string{person.Role.Label()}
	if person.Team != "" {
		meta = append(meta, person.Team)
	}
	if person.Cadence != model.CadenceNone {
		meta = append(meta, "next one-on-one "+model.DueText(due, today))
	}
	p.meta.SetText(strings.Join(meta, " · "))
	p.cadence.SetSelected(person.Cadence.Label())
	p.plot.setSeries([]model.Series{pulseSeries(person.Name, pulse)})
	p.showFollowUps(fus, today)
	p.actions.SetText(actionText(acts))
	p.notes.reflow()
	p.history = hist
	p.histList.Refresh()
	p.histList.ScrollToTop()
	if len(hist) == 0 {
		p.histNone.Show()
	} else {
		p.histNone.Hide()
	}
}

// showFollowUps lists the follow-ups in full, each with its Asked button.
func (p *personPage) showFollowUps(fus []model.FollowUp, today model.Date) {
	p.follow.RemoveAll()
	if len(fus) == 0 {
		p.follow.Add(widget.NewLabel("Nothing to follow up on."))
	}
	who, id := model.ShortName(p.person.Name, p.person.PreferredName), p.person.ID
	for _, f := range fus {
		text := widget.NewLabel(fmt.Sprintf("%s%s — %s", f.Text, privateMark(f.Private), followUpWhen(f.FollowUp, today)))
		text.Wrapping = fyne.TextWrapWord
		asked := widget.NewButtonWithIcon("Asked", theme.ConfirmIcon(), func() {
			markAsked(p.screen.sh, who, f, func(model.Item) {
				p.load(id)
				p.screen.load() // the list counts follow-ups too
			})
		})
		asked.Importance = widget.LowImportance
		p.follow.Add(container.NewBorder(nil, nil, nil, container.NewVBox(asked), text))
	}
}

func followUpText(fus []model.FollowUp, today model.Date) string {
	if len(fus) == 0 {
		return "Nothing to follow up on."
	}
	lines := make([]string, len(fus))
	for i, f := range fus {
		lines[i] = fmt.Sprintf("• %s — %s", clip(f.Text), followUpWhen(f.FollowUp, today))
	}
	return strings.Join(lines, "\n")
}

// pulseSeries charts a person's last half year of pulse ratings.
func pulseSeries(name string, pts []model.PulsePoint) model.Series {
	const keep = 26 // about half a year of weekly one-on-ones
	if len(pts) > keep {
		pts = pts[len(pts)-keep:]
	}
	s := model.Series{Name: name}
	for _, p := range pts {
		s.Points = append(s.Points, model.TrendPoint{At: p.HeldAt, Value: float64(p.Rating)})
	}
	return s
}

// followUpWhen says when to ask again: "ask today", "ask on Fri 27 Nov",
// "was due Thu 1 Oct".
func followUpWhen(d, today model.Date) string {
	switch n := today.DaysUntil(d); {
	case n == 0:
		return "ask today"
	case n > 0:
		return "ask on " + d.Time().Format("Mon 2 Jan")
	}
	return "was due " + d.Time().Format("Mon 2 Jan")
}

func actionText(acts []model.ActionRow) string {
	if len(acts) == 0 {
		return "No open actions."
	}
	lines := make([]string, len(acts))
	for i, a := range acts {
		who := model.ShortName(a.PersonName, "")
		if a.Owner == model.OwnerLead {
			who = "you"
		}
		line := fmt.Sprintf("• %s (%s", clip(a.Text), who)
		if !a.Due.IsZero() {
			line += ", " + formatDay(a.Due)
		}
		if a.Overdue {
			line += ", overdue"
		}
		lines[i] = line + ")"
	}
	return strings.Join(lines, "\n")
}

func (p *personPage) setCadence(c model.Cadence) {
	if p.loading || p.person.ID == 0 {
		return
	}
	if err := p.screen.sh.store.SetCadence(p.person.ID, c); err != nil {
		p.screen.sh.showError("Could not change the cadence", err)
		return
	}
	p.screen.load()
	p.load(p.person.ID)
}

// prepare shows the preparation card for a person's next one-on-one: what
// carries over, what to follow up on, three prompts and the attention
// checklist, with a button to start.
func (o *oneOnOneScreen) prepare(person model.Person) {
	fetch(o.sh, &o.sh.popups, "Could not prepare", func(st *model.Store) (l preparation, err error) {
		if l.carry, err = st.CarryingOver(person.ID); err != nil {
			return l, err
		}
		if l.shadowed, err = loadShadowedBefore(st, person.ID, st.Now()); err != nil {
			return l, err
		}
		if l.agenda, err = st.Agenda(person.ID); err != nil {
			return l, err
		}
		l.fus, err = st.FollowUps(person.ID)
		return l, err
	}, func(l preparation) { o.showPreparation(person, l) })
}

// preparation is what the Prepare card shows.
type preparation struct {
	carry    []model.Item
	fus      []model.FollowUp
	shadowed shadowedSince
	agenda   model.Agenda // what they added before the meeting
}

// showPreparation is prepare's card once what it shows is loaded.
func (o *oneOnOneScreen) showPreparation(person model.Person, prep preparation) {
	var carried []string
	for _, it := range prep.carry {
		carried = append(carried, "• "+clip(it.Text)+privateMark(it.Private)+" ("+strings.ToLower(it.Heading.Label())+")")
	}
	if len(carried) == 0 {
		carried = []string{"Nothing open from last time."}
	}
	checklist := make([]string, len(attentionChecklist))
	for i, c := range attentionChecklist {
		checklist[i] = "☐ " + c
	}
	prompts := newSuggestionPanel(o.sh)
	prompts.load(person.ID, nil)
	wrap := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	today := o.sh.store.Today()
	content := container.NewVBox()
	if text := agendaText(prep.agenda); text != "" {
		content.Add(section("They added", "What "+person.DisplayName()+" wants to talk about; it comes into the one-on-one when you start it", wrap(text)))
	}
	content.Add(container.NewVBox(
		section("Carrying over", "Open obstacles and focus from last time", wrap(strings.Join(carried, "\n"))),
		section("Follow up", "What they shared that is worth asking about", wrap(followUpText(prep.fus, today))),
	))
	if sh := prep.shadowed; len(sh.rows) > 0 {
		content.Add(section("Shadowed", sh.hint(), wrap(sh.text(today))))
	}
	content.Add(section("Prompts", "Three suggestions, each with its reason", prompts.box))
	content.Add(section("Before you start", "Give them your whole attention", wrap(strings.Join(checklist, "\n"))))
	scroll := container.NewVScroll(content)
	scroll.SetMinSize(fyne.NewSize(560, 460))
	d := dialog.NewCustomConfirm("Prepare: "+person.DisplayName(), "Start one-on-one", "Close", scroll, func(start bool) {
		if start {
			o.start(person.ID)
		}
	}, o.sh.win)
	o.sh.showDialog(d)
}

// fitSelect gives a picker the width of its longest option: Fyne sizes one
// by its placeholder, which cut "Every 2 weeks" to "Every 2 we…".
func fitSelect(sel *widget.Select) fyne.CanvasObject {
	th := sel.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	w := float32(0)
	for _, o := range sel.Options {
		w = max(w, fyne.MeasureText(o, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width)
	}
	w += pad*4 + th.Size(theme.SizeNameInlineIcon)
	return container.NewGridWrap(fyne.NewSize(max(w, sel.MinSize().Width), sel.MinSize().Height), sel)
}
