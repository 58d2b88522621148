package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"slices"

	"solemate/model"
)

// attentionChecklist is read before meeting mode begins.
var attentionChecklist = []string{
	"Laptop turned away; notifications off",
	"Phone on silent and out of sight",
	"Time blocked: no hard stop in the next half hour",
	"Ready to listen more than talk",
}

// meetingMode is a calm full-screen view of one one-on-one: one person, four
// headings, large type, driven from the keyboard. Esc leaves.
type meetingMode struct {
	sh      *shell
	win     fyne.Window
	meeting model.Meeting
	// lists show the items under each heading, items holds them, and
	// nothing stands in for an empty list.
	lists   map[model.Heading]*widget.List
	items   map[model.Heading][]*model.MeetingItem
	nothing map[model.Heading]*widget.Label
	adders  map[model.Heading]*meetingEntry
	nonWork map[model.Heading]*widget.Check
	begun   bool
	// conflicts asks whose to keep when someone else saved an item first;
	// notice says a choice waits.
	conflicts *conflicts
	notice    *widget.Label
	// override scales the meeting view; the suggestions it shows later
	// need it re-applied.
	override *container.ThemeOverride
}

// openMeetingMode opens meeting mode for a one-on-one in its own window
// once the meeting is loaded; onClose runs when it is left.
func openMeetingMode(sh *shell, meetingID uint, onClose func()) *meetingMode {
	mm := &meetingMode{sh: sh,
		lists: map[model.Heading]*widget.List{}, items: map[model.Heading][]*model.MeetingItem{}, nothing: map[model.Heading]*widget.Label{},
		adders: map[model.Heading]*meetingEntry{}, nonWork: map[model.Heading]*widget.Check{}}
	for open := range sh.meetings {
		if open.meeting.ID == meetingID { // a second click: the window is there
			open.win.RequestFocus()
			return open
		}
	}
	fetch(sh, &sh.popups, "Could not open meeting mode", func(st *model.Store) (model.Meeting, error) { return st.Meeting(meetingID) },
		func(m model.Meeting) { mm.open(m, onClose) })
	return mm
}

// open shows meeting mode's window on the loaded meeting.
func (mm *meetingMode) open(m model.Meeting, onClose func()) {
	sh := mm.sh
	w := fyne.CurrentApp().NewWindow("Solemate — meeting with " + m.Person.DisplayName())
	mm.win, mm.meeting = w, m
	mm.conflicts = newConflicts(w, func(d dialog.Dialog) { showDialogOn(w, d, func() {}) })
	mm.conflicts.loaded(m.Items)
	w.SetCloseIntercept(mm.leave)
	sh.meetings[mm] = true // quitting the app saves its typing too
	w.SetOnClosed(func() {
		delete(sh.meetings, mm)
		mm.commitTyped()
		onClose()
	})
	// Keys reach the canvas when nothing has the cursor: Esc leaves, and
	// Enter begins from the checklist.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			mm.leave()
		case fyne.KeyReturn, fyne.KeyEnter:
			if !mm.begun {
				mm.begin()
			}
		}
	})
	w.SetContent(container.NewThemeOverride(mm.checklist(), largeTheme{fyne.CurrentApp().Settings().Theme()}))
	w.SetFullScreen(true)
	w.Show()
}

// checklist is the short attention check shown before the meeting starts.
func (mm *meetingMode) checklist() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Before you begin with "+mm.meeting.Person.DisplayName(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	box := container.NewVBox(title)
	for _, c := range attentionChecklist {
		box.Add(newChecklistCheck(mm, c))
	}
	begin := widget.NewButtonWithIcon("Begin", theme.NavigateNextIcon(), mm.begin)
	begin.Importance = widget.HighImportance
	leave := widget.NewButton("Not now (Esc)", mm.leave)
	box.Add(container.NewCenter(container.NewHBox(leave, begin)))
	hint := widget.NewLabel("Enter begins · Esc leaves")
	hint.Alignment = fyne.TextAlignCenter
	hint.SizeName = theme.SizeNameCaptionText
	box.Add(hint)
	return container.NewCenter(box)
}

func (mm *meetingMode) begin() {
	mm.begun = true
	name := widget.NewLabelWithStyle(mm.meeting.Person.DisplayName(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	grid := container.NewGridWithColumns(2)
	for _, h := range model.Headings() {
		mm.lists[h] = widget.NewList(func() int { return len(mm.items[h]) },
			func() fyne.CanvasObject { return newMeetingRow(mm) },
			func(id widget.ListItemID, o fyne.CanvasObject) { o.(*meetingRow).show(mm.items[h][id]) })
		mm.lists[h].HideSeparators = true
		mm.lists[h].OnSelected = mm.lists[h].Unselect // rows are ticked, not picked
		mm.nothing[h] = widget.NewLabel("Nothing yet.")
		add := newMeetingEntry(mm, h)
		add.SetPlaceHolder("Add and press Enter")
		mm.adders[h] = add
		nw := widget.NewCheck("Non-work", nil)
		mm.nonWork[h] = nw
		head := widget.NewLabelWithStyle(h.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		grid.Add(container.NewBorder(head, container.NewBorder(nil, nil, nil, nw, add), nil, nil, container.New(heightless{}, mm.lists[h], container.NewVBox(mm.nothing[h]))))
		mm.refreshHeading(h)
	}
	help := widget.NewLabel("Enter adds · Ctrl+T work / non-work · Ctrl+D done / open (newest item) · Tab moves on · Esc leaves")
	help.Alignment = fyne.TextAlignCenter
	help.SizeName = theme.SizeNameCaptionText
	done := widget.NewButtonWithIcon("Leave meeting mode", theme.CancelIcon(), mm.leave)
	mm.notice = widget.NewLabel("")
	mm.notice.Importance = widget.DangerImportance
	notice := container.NewBorder(nil, nil, nil, mm.conflicts.review, mm.notice)
	notice.Hide()
	mm.conflicts.onChange = func() {
		mm.notice.SetText(mm.conflicts.notice())
		notice.Hidden = !mm.conflicts.pending()
		notice.Refresh()
	}
	prompts := newSuggestionPanel(mm.sh)
	prompts.onChange = func() {
		if mm.override != nil {
			mm.override.Refresh()
		}
	}
	prompts.load(mm.meeting.PersonID, &mm.meeting.ID)
	promptBox := container.NewVBox(widget.NewSeparator(), prompts.box)
	content := container.NewBorder(name, container.NewVBox(promptBox, notice, container.NewBorder(nil, nil, nil, done, help)), nil, nil, grid)
	mm.override = container.NewThemeOverride(container.NewPadded(content), largeTheme{fyne.CurrentApp().Settings().Theme()})
	mm.win.SetContent(mm.override)
	mm.win.Canvas().Focus(mm.adders[model.HeadingProgress])
}

// refreshHeading shows the items under a heading as they are now.
func (mm *meetingMode) refreshHeading(h model.Heading) {
	mm.items[h] = itemsUnder(mm.meeting.Items, h)
	mm.nothing[h].Hidden = len(mm.items[h]) > 0
	mm.nothing[h].Refresh()
	mm.lists[h].Refresh()
}

// meetingRow shows one item in meeting mode: a tick for done and its text
// with what is special about it, on one line (the editor shows the whole
// of a longer one). The list shows other items in it as it scrolls.
type meetingRow struct {
	widget.BaseWidget
	it      *model.MeetingItem
	showing bool // show is filling in the row: nothing changed
	check   *widget.Check
	text    *widget.Label
	box     fyne.CanvasObject
}

func newMeetingRow(mm *meetingMode) *meetingRow {
	r := &meetingRow{}
	r.check = widget.NewCheck("", func(on bool) {
		if r.showing {
			return
		}
		r.it.Status = model.ItemOpen
		if on {
			r.it.Status = model.ItemDone
		}
		mm.save(r.it)
	})
	r.text = widget.NewLabel("")
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.box = container.NewBorder(nil, nil, r.check, nil, r.text)
	r.ExtendBaseWidget(r)
	return r
}

func (r *meetingRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *meetingRow) show(it *model.MeetingItem) {
	r.it = it
	r.showing = true
	defer func() { r.showing = false }()
	r.check.SetChecked(it.Status == model.ItemDone)
	label := clip(it.Text)
	for _, mark := range []struct {
		on   bool
		text string
	}{{it.NonWork, "non-work"}, {it.Carried, "carried over"}, {it.Status == model.ItemDropped, "dropped"}, {it.Private, "private"}} {
		if mark.on {
			label += "  · " + mark.text
		}
	}
	r.text.SetText(label)
}

// save stores an item; when someone else saved it first, the user chooses
// whose to keep, and it is saved again or shows theirs.
func (mm *meetingMode) save(it *model.MeetingItem) {
	err := mm.conflicts.updateItem(mm.sh.store, &it.Item, func(keptMine bool) {
		if keptMine {
			mm.save(it)
		}
		mm.refreshHeading(it.Heading)
	})
	if err != nil && !isConflict(err) {
		mm.sh.showError("Could not save the item", err)
	}
}

// leave closes meeting mode, unless a change waits for the user to choose
// whose to keep: leaving would lose it, so that is asked first.
func (mm *meetingMode) leave() {
	if mm.conflicts.pending() {
		mm.conflicts.showFirst()
		return
	}
	mm.win.Close()
}

func (mm *meetingMode) add(h model.Heading, text string) {
	if text == "" {
		return
	}
	it, err := mm.sh.store.AddItem(mm.meeting.ID, h, text, mm.nonWork[h].Checked)
	if err != nil {
		mm.sh.showError("Could not add the item", err)
		return
	}
	mm.meeting.Items = append(mm.meeting.Items, &model.MeetingItem{Item: it, FromDate: mm.meeting.HeldAt})
	mm.adders[h].SetText("")
	mm.nonWork[h].SetChecked(false) // each item says afresh whether it is work
	mm.refreshHeading(h)
	mm.lists[h].ScrollToBottom()
}

// commitTyped adds what was typed but not yet confirmed with Enter.
func (mm *meetingMode) commitTyped() {
	for h, add := range mm.adders {
		if add.Text != "" {
			mm.add(h, add.Text)
		}
	}
}

// last is the newest item under a heading, which Ctrl+T and Ctrl+D act on.
func (mm *meetingMode) last(h model.Heading) *model.MeetingItem {
	items := mm.items[h]
	if len(items) == 0 {
		return nil
	}
	return items[len(items)-1]
}

// toggleTag flips work / non-work for what is being typed, or else for the
// newest item under the heading.
func (mm *meetingMode) toggleTag(h model.Heading) {
	if mm.adders[h].Text != "" {
		mm.nonWork[h].SetChecked(!mm.nonWork[h].Checked)
		return
	}
	if it := mm.last(h); it != nil {
		it.NonWork = !it.NonWork
		mm.save(it)
		mm.refreshHeading(h)
		return
	}
	mm.nonWork[h].SetChecked(!mm.nonWork[h].Checked)
}

func (mm *meetingMode) toggleDone(h model.Heading) {
	if it := mm.last(h); it != nil {
		if it.Status == model.ItemDone {
			it.Status = model.ItemOpen
		} else {
			it.Status = model.ItemDone
		}
		mm.save(it)
		mm.refreshHeading(h)
	}
}

// checklistCheck is a line of the attention checklist that keeps Enter and
// Esc working once it has the focus (a tick gives it): the window's own
// keys reach only what has none.
type checklistCheck struct {
	widget.Check
	mm *meetingMode
}

func newChecklistCheck(mm *meetingMode, text string) *checklistCheck {
	c := &checklistCheck{mm: mm}
	c.Text = text
	c.ExtendBaseWidget(c)
	return c
}

func (c *checklistCheck) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		c.mm.leave()
	case fyne.KeyReturn, fyne.KeyEnter:
		if !c.mm.begun {
			c.mm.begin()
		}
	default:
		c.Check.TypedKey(k)
	}
}

// meetingEntry is an entry that knows its heading and the meeting keys.
type meetingEntry struct {
	widget.Entry
	mm      *meetingMode
	heading model.Heading
	shift   bool // held down, so Tab goes back
}

func newMeetingEntry(mm *meetingMode, h model.Heading) *meetingEntry {
	e := &meetingEntry{mm: mm, heading: h}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(s string) { mm.add(h, s) }
	return e
}

// AcceptsTab takes Tab from the window's focus order, which stopped on
// each heading's list and Non-work box: typing there went nowhere, and a
// Space ticked Non-work. Tab goes from heading to heading instead.
func (e *meetingEntry) AcceptsTab() bool { return true }

// KeyDown and KeyUp follow Shift, which the window does not tell TypedKey.
func (e *meetingEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *meetingEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

// TypedKey lets Esc leave meeting mode even while typing, and Tab (Shift+Tab)
// move to the next (previous) heading's box.
func (e *meetingEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		e.mm.leave()
	case fyne.KeyTab:
		hs := model.Headings()
		step := 1
		if e.shift {
			step = len(hs) - 1
		}
		next := hs[(slices.Index(hs, e.heading)+step)%len(hs)]
		e.mm.win.Canvas().Focus(e.mm.adders[next])
	default:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut handles Ctrl+T and Ctrl+D for this heading.
func (e *meetingEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		switch cs.KeyName {
		case fyne.KeyT:
			e.mm.toggleTag(e.heading)
			return
		case fyne.KeyD:
			e.mm.toggleDone(e.heading)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// largeTheme scales text and padding up for meeting mode.
type largeTheme struct{ fyne.Theme }

func (t largeTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText,
		theme.SizeNameInlineIcon, theme.SizeNamePadding, theme.SizeNameInnerPadding:
		return s * 1.5
	}
	return s
}
