package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// attentionChecklist is read before meeting mode begins.
var attentionChecklist = []string{
	"Laptop turned away; notifications off",
	"Phone on silent and out of sight",
	"Time blocked: no hard stop in the next half hour",
	"Ready to listen more than talk",
}

// meetingMode is a calm full-screen view of one one-on-one: one person,
// large type, driven from the keyboard. The conversation (the four
// headings and their items, in full) fills the left; pulse, actions,
// notes, follow-ups and folded prompts sit on the right. Esc leaves.
type meetingMode struct {
	sh      *shell
	win     fyne.Window
	th      fyne.Theme // the large type
	meeting model.Meeting
	// earlier are the person's actions still open from before this one,
	// listed with its own so nothing agreed is forgotten.
	earlier []model.Action
	begun   bool

	// talk lists the conversation; heading is the one the adder adds to.
	talk    *talkList
	heading model.Heading
	picker  *widget.Select
	adder   *meetingEntry
	nonWork *widget.Check

	side *meetingSide
	// saver saves the meeting's own fields (pulse, notes) as typing pauses.
	saver *autosaver
	saved *widget.Label
	undo  *undoBar
	// conflicts asks whose to keep when someone else saved first; notice
	// says a choice waits.
	conflicts *conflicts
	notice    *widget.Label
	// override scales the meeting view; what is shown in it later needs
	// it re-applied.
	override *container.ThemeOverride
}

// openMeetingMode opens meeting mode for a one-on-one in its own window
// once the meeting is loaded; onClose runs when it is left.
func openMeetingMode(sh *shell, meetingID uint, onClose func()) *meetingMode {
	mm := &meetingMode{sh: sh, heading: model.HeadingProgress, th: largeTheme{fyne.CurrentApp().Settings().Theme()}}
	for open := range sh.meetings {
		if open.meeting.ID == meetingID { // a second click: the window is there
			open.win.RequestFocus()
			return open
		}
	}
	type loaded struct {
		m       model.Meeting
		earlier []model.Action
	}
	fetch(sh, &sh.popups, "Could not open meeting mode", func(st *model.Store) (l loaded, err error) {
		if l.m, err = st.Meeting(meetingID); err != nil {
			return l, err
		}
		open, err := st.OpenActions(l.m.PersonID)
		for _, a := range open {
			if a.OneOnOneID == nil || *a.OneOnOneID != meetingID {
				l.earlier = append(l.earlier, a.Action)
			}
		}
		return l, err
	}, func(l loaded) {
		mm.earlier = l.earlier
		mm.open(l.m, onClose)
	})
	return mm
}

// open shows meeting mode's window on the loaded meeting.
func (mm *meetingMode) open(m model.Meeting, onClose func()) {
	sh := mm.sh
	w := fyne.CurrentApp().NewWindow("Solemate — meeting with " + m.Person.DisplayName())
	mm.win, mm.meeting = w, m
	mm.conflicts = newConflicts(w, func(d dialog.Dialog) { showDialogOn(w, d, func() {}) })
	mm.conflicts.loaded(m.Items)
	mm.saver = newAutosaver(sh.after, mm.showSaved)
	w.SetCloseIntercept(mm.leave)
	sh.meetings[mm] = true // quitting the app saves its typing too
	// Its keys work from every field in it (windowKeys).
	windowKeys[w.Canvas()] = func(k fyne.KeyName, ctrl bool) bool {
		if !ctrl {
			mm.escape()
			return true
		}
		return mm.key(k)
	}
	w.SetOnClosed(func() { // leave saved what it held
		delete(windowKeys, w.Canvas())
		delete(sh.meetings, mm)
		onClose()
		sh.win.RequestFocus() // else the app's shortcuts wait for a click
	})
	// Keys reach the canvas when nothing has the cursor: Esc leaves, and
	// Enter begins from the checklist.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			mm.escape()
		case fyne.KeyReturn, fyne.KeyEnter:
			if !mm.begun {
				mm.begin()
			}
		}
	})
	w.SetContent(container.NewThemeOverride(mm.checklist(), mm.th))
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
	box.Add(caption("Enter begins · Esc leaves", fyne.TextAlignCenter))
	return container.NewCenter(box)
}

// caption is a line of small print.
func caption(text string, align fyne.TextAlign) *widget.Label {
	l := widget.NewLabel(text)
	l.Alignment = align
	l.SizeName = theme.SizeNameCaptionText
	return l
}

func (mm *meetingMode) begin() {
	mm.begun = true
	name := widget.NewLabelWithStyle(mm.meeting.Person.DisplayName(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	mm.saved = caption("", fyne.TextAlignTrailing)

	mm.talk = newTalkList(mm)
	mm.adder = newMeetingEntry(mm)
	mm.adder.SetPlaceHolder(addHint(mm.heading))
	mm.nonWork = widget.NewCheck("Non-work", nil)
	mm.picker = enumSelect(model.Headings(), mm.setHeading)
	mm.picker.SetSelected(mm.heading.Label())
	left := container.NewBorder(nil, container.NewBorder(nil, nil, mm.picker, mm.nonWork, mm.adder), nil, nil, mm.talk.view)

	mm.side = newMeetingSide(mm)
	split := container.NewHSplit(left, mm.side.view)
	split.Offset = 0.6

	mm.undo = newUndoBar()
	mm.notice = widget.NewLabel("")
	mm.notice.Importance = widget.DangerImportance
	notice := container.NewBorder(nil, nil, nil, mm.conflicts.review, mm.notice)
	notice.Hide()
	mm.conflicts.onChange = func() {
		mm.notice.SetText(mm.conflicts.notice())
		notice.Hidden = !mm.conflicts.pending()
		notice.Refresh()
	}
	help := caption("Enter adds · Tab next heading · Ctrl+T work / non-work · Ctrl+D done (newest) · Ctrl+1–5 pulse · Ctrl+E pulse comment · Ctrl+J new action · Ctrl+N back to items · Ctrl+P prompts · Esc leaves", fyne.TextAlignLeading)
	help.Wrapping = fyne.TextWrapWord
	done := widget.NewButtonWithIcon("Leave meeting mode", theme.CancelIcon(), mm.leave)
	bottom := container.NewVBox(mm.undo.view, notice, container.NewBorder(nil, nil, nil, done, help))
	content := container.NewBorder(container.NewBorder(nil, nil, nil, mm.saved, name), bottom, nil, nil, split)
	mm.override = container.NewThemeOverride(container.NewPadded(content), mm.th)
	mm.win.SetContent(mm.override)
	for _, k := range meetingKeys {
		mm.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { mm.key(k) })
	}
	mm.win.Canvas().Focus(mm.adder)
}

// escape is Esc in meeting mode: it closes a pop-up open over it (a date's
// calendar, a picker's list) first, and only then leaves.
func (mm *meetingMode) escape() {
	if top := mm.win.Canvas().Overlays().Top(); top != nil {
		top.Hide()
		return
	}
	mm.leave()
}

// meetingKeys are the keys that, with Ctrl, work anywhere in meeting mode
// (key says what each does), so the whole conversation runs by keyboard.
var meetingKeys = []fyne.KeyName{fyne.KeyP, fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.KeyE, fyne.KeyJ, fyne.KeyN}

// key does what Ctrl+k does in meeting mode; false when it does nothing.
func (mm *meetingMode) key(k fyne.KeyName) bool {
	c := mm.win.Canvas()
	switch k {
	case fyne.KeyP:
		mm.side.prompts.toggle()
	case fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5:
		mm.side.rating.SetSelected(string(k))
	case fyne.KeyE:
		c.Focus(mm.side.comment)
	case fyne.KeyJ:
		c.Focus(mm.side.actions.text)
	case fyne.KeyN:
		c.Focus(mm.adder)
	default:
		return false
	}
	return true
}

// setHeading makes h the heading the adder adds to, and shows it.
func (mm *meetingMode) setHeading(h model.Heading) {
	if h == mm.heading {
		return
	}
	mm.heading = h
	mm.picker.SetSelected(h.Label())
	mm.adder.SetPlaceHolder(addHint(h))
	mm.talk.refresh()
	mm.talk.scrollTo(h, nil)
}

// addHint says where the add box adds (the picker beside it may be cut).
func addHint(h model.Heading) string { return "Add to " + h.Label() + " (Enter)" }

// relayout re-applies the large type to what was shown since it was last
// applied (new prompts, follow-ups).
func (mm *meetingMode) relayout() {
	if mm.override != nil {
		mm.override.Refresh()
	}
}

// save stores an item; when someone else saved it first, the user chooses
// whose to keep, and it is saved again or shows theirs.
func (mm *meetingMode) save(it *model.MeetingItem) {
	err := mm.conflicts.updateItem(mm.sh.store, &it.Item, func(keptMine bool) {
		if keptMine {
			mm.save(it)
		}
		mm.talk.refresh()
	})
	if err != nil && !isConflict(err) {
		mm.showError("Could not save the item", err)
	}
	mm.talk.refresh()
}

// showError tells what failed in meeting mode's own window (the main one
// is behind it).
func (mm *meetingMode) showError(what string, err error) {
	showDialogOn(mm.win, dialog.NewError(fmt.Errorf("%s: %w", what, err), mm.win), func() {})
}

// showSaved says whether the pulse and notes are saved.
func (mm *meetingMode) showSaved(err error) {
	switch {
	case err == nil:
		mm.saved.SetText("Saved")
	case isConflict(err):
		mm.saved.SetText("Not saved")
	default:
		mm.saved.SetText("Not saved: " + refusedText(err))
		if !model.IsValidation(err) {
			mm.showError("Could not save", err)
		}
	}
}

// leave closes meeting mode once all it holds is saved. A change that
// waits for the user to choose whose to keep, or could not be saved, stays
// with the window until the user chooses to drop it.
func (mm *meetingMode) leave() {
	err := mm.commitTyped()
	if mm.conflicts.pending() {
		mm.conflicts.showFirst()
		return
	}
	if err == nil {
		mm.win.Close()
		return
	}
	d := dialog.NewConfirm("Discard changes?",
		fmt.Sprintf("Your changes in meeting mode could not be saved:\n%s\n\nDiscard them?", err),
		func(discard bool) {
			if discard {
				mm.saver.discard()
				mm.win.Close()
			}
		}, mm.win)
	showDialogOn(mm.win, d, func() {})
}

// add adds what was typed as an item, on Enter.
func (mm *meetingMode) add(text string) {
	if err := mm.addItem(text); err != nil {
		mm.showError("Could not add the item", err)
	}
}

// addItem stores text as an item under the heading being added to; the
// add box keeps text when it cannot be stored.
func (mm *meetingMode) addItem(text string) error {
	if text == "" {
		return nil
	}
	h := mm.heading
	it, err := mm.sh.store.AddItem(mm.meeting.ID, h, text, mm.nonWork.Checked)
	if err != nil {
		return err
	}
	added := &model.MeetingItem{Item: it, FromDate: mm.meeting.HeldAt}
	mm.meeting.Items = append(mm.meeting.Items, added)
	mm.adder.SetText("")
	mm.nonWork.SetChecked(false) // each item says afresh whether it is work
	mm.talk.refresh()
	mm.talk.scrollTo(h, added)
	return nil
}

// commitTyped saves what was typed but not yet confirmed with Enter (an
// item, an action) and the pulse and notes still waiting to be saved. It
// returns what could not be saved, which stays on screen.
func (mm *meetingMode) commitTyped() error {
	if !mm.begun {
		return nil
	}
	var errs []error
	if text := mm.adder.Text; text != "" {
		if err := mm.addItem(text); err != nil {
			errs = append(errs, fmt.Errorf("“%s”: %w", model.Ellipsize(text, 40), err))
		}
	}
	a := mm.side.actions
	if a.add(); strings.TrimSpace(a.text.Text) != "" { // add showed why
		errs = append(errs, errors.New("the action could not be added"))
	}
	if err := mm.saver.flush(); err != nil {
		mm.saved.SetText("Not saved")
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// last is the newest item under the heading being added to, which Ctrl+T
// and Ctrl+D act on.
func (mm *meetingMode) last() *model.MeetingItem {
	items := itemsUnder(mm.meeting.Items, mm.heading)
	if len(items) == 0 {
		return nil
	}
	return items[len(items)-1]
}

// toggleTag flips work / non-work for what is being typed, or else for the
// newest item under the heading.
func (mm *meetingMode) toggleTag() {
	if it := mm.last(); it != nil && mm.adder.Text == "" {
		it.NonWork = !it.NonWork
		mm.save(it)
		return
	}
	mm.nonWork.SetChecked(!mm.nonWork.Checked)
}

func (mm *meetingMode) toggleDone() {
	if it := mm.last(); it != nil {
		it.Status = doneOrOpen(it.Status != model.ItemDone)
		mm.save(it)
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
		c.mm.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		if !c.mm.begun {
			c.mm.begin()
		}
	default:
		c.Check.TypedKey(k)
	}
}

// meetingEntry is the box items are typed into, with the meeting keys.
type meetingEntry struct {
	widget.Entry
	mm    *meetingMode
	shift bool // held down, so Tab goes back
}

func newMeetingEntry(mm *meetingMode) *meetingEntry {
	e := &meetingEntry{mm: mm}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = mm.add
	return e
}

// AcceptsTab takes Tab from the window's focus order, which would stop on
// every tick and box: Tab goes from heading to heading instead.
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
// move on to the next (previous) heading.
func (e *meetingEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		e.mm.escape()
	case fyne.KeyTab:
		hs := model.Headings()
		step := 1
		if e.shift {
			step = len(hs) - 1
		}
		e.mm.setHeading(hs[(slices.Index(hs, e.mm.heading)+step)%len(hs)])
	default:
		e.Entry.TypedKey(k)
	}
}

// TypedShortcut handles Ctrl+T and Ctrl+D while typing, and meeting
// mode's other keys (a focused entry hears them before the window).
func (e *meetingEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		switch cs.KeyName {
		case fyne.KeyT:
			e.mm.toggleTag()
			return
		case fyne.KeyD:
			e.mm.toggleDone()
			return
		}
		if e.mm.key(cs.KeyName) {
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
