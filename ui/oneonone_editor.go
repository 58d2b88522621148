package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

const whenLayout = "2006-01-02 15:04"

// meetingEditor edits one one-on-one. Every change is saved as it happens
// (text once typing pauses), so nothing is lost on leaving.
type meetingEditor struct {
	screen  *oneOnOneScreen
	meeting model.Meeting
	saver   *autosaver
	// conflicts asks whose to keep when someone else saved first.
	conflicts *conflicts
	loading   bool
	// loads and followUpLoads are the loads of the meeting and of its
	// follow-ups.
	loads, followUpLoads line
	// refreshes are the loads of what was asked elsewhere (refresh).
	refreshes line

	view    *fyne.Container
	title   *widget.Label
	when    *widget.Entry
	setting *widget.Select
	// followUps lists what to ask about from earlier one-on-ones, each
	// with its Asked button; followUpRows holds the rows.
	followUps, followUpRows *fyne.Container
	problem                 *widget.Label // why the last save failed
	// problemRow holds problem and the conflicts' review button; hidden
	// when all is saved.
	problemRow *fyne.Container
	// sections list the items under each heading, items holds them, and
	// rowHeight is how tall a row of one line is without and with a line
	// of notes; textWidth is how wide an item's text is shown, for the
	// rows of longer items, which wrap.
	sections  map[model.Heading]*formList
	items     map[model.Heading][]*model.MeetingItem
	rowHeight map[bool]float32
	textWidth float32
	bodyWidth float32 // how wide the form is laid out
	adders    map[model.Heading]*widget.Entry
	// drafts are what the add boxes hold, saved as items while still being
	// typed (a crash then loses no more than other typing); Enter shows them.
	drafts  map[model.Heading]*model.MeetingItem
	rating  *widget.RadioGroup
	comment *widget.Entry
	// theirPulse is the rating the report gave ahead of the meeting.
	theirPulse *widget.Label
	shared     *noteField
	private    *noteField
	actions    *actionBox
	saved      *widget.Label
	scroll     *wheelScroll
	prompts    *suggestionPanel
}

func newMeetingEditor(o *oneOnOneScreen) *meetingEditor {
	e := &meetingEditor{screen: o, sections: map[model.Heading]*formList{}, items: map[model.Heading][]*model.MeetingItem{}, rowHeight: map[bool]float32{}, adders: map[model.Heading]*widget.Entry{}, drafts: map[model.Heading]*model.MeetingItem{}}
	e.conflicts = newConflicts(o.sh.win, o.sh.showDialog)
	e.saver = newAutosaver(o.sh.after, func(err error) {
		e.showProblem(err)
		// A refused save (notes too long, say, or someone else's save
		// first) is explained in the editor; a dialog each time typing
		// pauses would only get in the way.
		if err != nil && !model.IsValidation(err) && !isConflict(err) {
			o.sh.showError("Could not save", err)
		}
	})
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.SizeName = theme.SizeNameSubHeadingText
	e.title.Truncation = fyne.TextTruncateEllipsis
	e.saved = widget.NewLabel("")
	e.saved.SizeName = theme.SizeNameCaptionText

	e.when = widget.NewEntry()
	e.when.Validator = func(s string) error {
		if _, err := time.ParseInLocation(whenLayout, strings.TrimSpace(s), time.Local); err != nil {
			return errors.New("use YYYY-MM-DD HH:MM")
		}
		return nil
	}
	e.when.OnChanged = func(string) { e.changedMeeting() }
	e.setting = enumSelect(model.MeetingSettings(), func(model.MeetingSetting) { e.changedMeeting() })

	back := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), func() { o.openPerson(e.meeting.PersonID) })
	meeting := widget.NewButtonWithIcon("Meeting mode", theme.ViewFullScreenIcon(), func() {
		draft := e.meeting.ID == 0
		if err := e.start(); err != nil { // meeting mode holds a stored one
			o.sh.showError("Could not start the one-on-one", err)
			return
		}
		// Back from meeting mode, the editor shows what it saved, unless the
		// editor holds edits of its own that could not be saved (on another
		// one-on-one, maybe), or a draft, which has nothing stored to load.
		// A draft stored only to open meeting mode, and left with nothing
		// written, is dropped again: no meeting happened.
		o.leaveEditor(func() {
			id, person := e.meeting.ID, e.meeting.PersonID
			openMeetingMode(o.sh, id, func() {
				o.load() // the list counts what meeting mode changed (follow-ups asked)
				if e.flush() != nil || id == 0 {
					return
				}
				if !draft {
					e.load(id)
					return
				}
				fetch(o.sh, nil, "Could not check the one-on-one", func(st *model.Store) (bool, error) { return st.DropIfEmpty(id) },
					func(dropped bool) {
						if !dropped {
							e.load(id)
							return
						}
						o.openPerson(person)
						o.load()
					})
			})
		})
	})
	meeting.Importance = widget.HighImportance
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), e.confirmDelete)
	del.Importance = widget.LowImportance

	e.followUpRows = container.NewVBox()
	e.followUps = container.NewVBox(widget.NewLabelWithStyle("Follow up on", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.followUpRows)
	e.followUps.Hide()
	e.problem = widget.NewLabel("")
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Importance = widget.DangerImportance
	e.problemRow = container.NewBorder(nil, nil, nil, e.conflicts.review, e.problem)
	e.problemRow.Hide()

	e.prompts = newSuggestionPanel(o.sh)
	body := container.NewVBox(section("Prompts for this conversation", "Chosen from what you know about them; mark one asked and it rests for six weeks", e.prompts.box))
	for _, h := range model.Headings() {
		e.sections[h] = e.newSection(h)
		add := widget.NewEntry()
		add.SetPlaceHolder(fmt.Sprintf("Add to %s… (Enter)", h.Label()))
		add.OnSubmitted = func(text string) {
			if err := e.addItem(h, text, add); err != nil {
				e.screen.sh.showError("Could not add the item", err)
			}
		}
		add.OnChanged = func(string) {
			if !e.loading {
				e.saver.schedule(add, func() error { return e.saveDraft(h, add.Text) })
			}
		}
		e.adders[h] = add
		card := container.NewVBox(e.sections[h].view, add)
		if h == model.HeadingPulse {
			e.rating = widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, func(string) { e.changedMeeting() })
			e.rating.Horizontal = true
			e.comment = widget.NewEntry()
			e.comment.SetPlaceHolder("How do they feel about the team and the company?")
			e.comment.OnChanged = func(string) { e.changedMeeting() }
			e.theirPulse = widget.NewLabel("")
			card.Add(container.NewBorder(nil, nil, widget.NewLabel("Rating (1–5)"), e.theirPulse, e.rating))
			card.Add(e.comment)
		}
		body.Add(section(h.Label(), headingHint(h), card))
	}
	e.shared = newNoteField(o.sh, "Notes you could show them")
	e.shared.OnChanged = func(string) { e.changedMeeting() }
	e.private = newNoteField(o.sh, "Only for you: never exported unless you ask")
	e.private.OnChanged = func(string) { e.changedMeeting() }
	privateTitle := container.NewHBox(widget.NewIcon(theme.VisibilityOffIcon()), widget.NewLabelWithStyle("Private notes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	body.Add(section("Notes", "Shared notes are what you could show them; private notes are yours alone", container.NewVBox(
		widget.NewLabelWithStyle("Shared notes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.shared.view,
		privateTitle, e.private.view,
	)))

	e.actions = newActionBox(o.sh, "New action… (Enter)", func(a *model.Action) bool {
		a.PersonID, a.OneOnOneID = e.meeting.PersonID, &e.meeting.ID
		return true
	})
	body.Add(section("Actions", "Who does what by when", e.actions.view))

	// Two rows, so that the pickers and the buttons never share one: at
	// 900 px they overlapped.
	header := container.NewVBox(
		container.NewBorder(nil, nil, back, container.NewHBox(del, meeting), e.title),
		container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel("When"), container.NewGridWrap(fyne.NewSize(170, e.when.MinSize().Height), e.when), widget.NewLabel("Where"), fitSelect(e.setting)), e.saved),
		e.problemRow,
	)
	body.Objects = append([]fyne.CanvasObject{e.followUps}, body.Objects...)
	e.scroll = newWheelScroll(body)
	e.scroll.resized = e.resized
	e.scroll.catcher.lists = func() []*widget.List {
		lists := []*widget.List{e.actions.list.list}
		for _, h := range model.Headings() {
			lists = append(lists, e.sections[h].list)
		}
		return lists
	}
	e.view = container.NewBorder(header, nil, nil, nil, e.scroll)
	return e
}

func headingHint(h model.Heading) string {
	switch h {
	case model.HeadingProgress:
		return "What moved forward since last time, at work and outside it"
	case model.HeadingObstacles:
		return "What is in the way; open items carry over to next time"
	case model.HeadingFocus:
		return "What matters most next week; open items carry over"
	}
	return "How they feel about the team and the company"
}

// flush saves everything pending, including text typed into an add box
// but not yet confirmed with Enter: typing is never lost by leaving. It
// returns what could not be saved, which stays pending and on screen.
func (e *meetingEditor) flush() error {
	if e.meeting.PersonID != 0 {
		for _, h := range model.Headings() {
			if add := e.adders[h]; add.Text != "" {
				_ = e.addItem(h, add.Text, add) // what fails stays pending
			}
		}
		e.actions.add() // does nothing when the box is empty
	}
	err := e.saver.flush()
	e.showProblem(err)
	return err
}

// showProblem says why saving failed, or hides the message once all is saved.
func (e *meetingEditor) showProblem(err error) {
	if err == nil {
		e.saved.SetText("Saved")
		e.problemRow.Hide()
		return
	}
	e.saved.SetText("Not saved")
	e.problem.SetText("Not saved: " + refusedText(err) + ".")
	e.problemRow.Show()
}

// load fetches the one-on-one off the UI goroutine and fills the editor.
func (e *meetingEditor) load(id uint) {
	fetch(e.screen.sh, &e.loads, "Could not open the one-on-one", func(st *model.Store) (model.Meeting, error) { return st.Meeting(id) }, e.fill)
}

func (e *meetingEditor) fill(m model.Meeting) {
	e.loading = true
	defer func() { e.loading = false }()
	e.meeting = m
	e.title.SetText(m.Person.DisplayName()) // the window says "One-on-one with"
	e.screen.sh.setTitle("One-on-one with " + m.Person.DisplayName())
	e.showFields(m.OneOnOne)
	e.private.SetText(m.PrivateNotes)
	e.showFollowUps(m.FollowUps)
	e.conflicts.loaded(m.Items)
	// A draft saved before is one of m.Items now, listed like the others.
	e.emptyAdders()
	e.measureRows()
	for _, h := range model.Headings() {
		e.items[h] = itemsUnder(m.Items, h)
		e.sections[h].reset()
	}
	e.actions.set(m.Actions, model.ShortName(m.Person.Name, m.Person.PreferredName))
	e.saved.SetText("")
	e.scroll.scroll.ScrollToTop()
	var meetingID *uint // a draft's prompts are logged without it
	if m.ID != 0 {
		e.saved.SetText("Saved")
		meetingID = &m.ID
	}
	e.prompts.load(m.PersonID, meetingID)
	if m.ID == 0 && m.Waiting > 0 {
		// What they added is written already: the one-on-one starts
		// with it, so their items can be edited like any other.
		if err := e.start(); err != nil {
			e.showProblem(err)
		}
	}
}

// emptyAdders empties the add boxes; the caller holds e.loading, or
// dropped what they held.
func (e *meetingEditor) emptyAdders() {
	clear(e.drafts)
	for _, add := range e.adders {
		add.SetText("")
	}
}

// start stores a drafted one-on-one (DraftMeeting) on its first write, so
// that opening one and leaving stores nothing.
func (e *meetingEditor) start() error {
	if e.meeting.ID != 0 {
		return nil
	}
	o, items, err := e.screen.sh.store.StartDraft(e.meeting.PersonID, e.meeting.HeldAt, e.meeting.Setting)
	if err != nil {
		return err
	}
	e.meeting.OneOnOne = o
	e.showTheirPulse(o.ReportPulse)
	e.showStored(items)
	e.prompts.started(o.ID)
	e.screen.load() // its due date moves on
	return nil
}

// showStored lists the items a draft's one-on-one holds once stored, which
// are those open then: an item the draft showed keeps the editor's copy,
// with its edits; one closed meanwhile goes, one raised meanwhile comes.
func (e *meetingEditor) showStored(items []*model.MeetingItem) {
	mine := map[uint]*model.MeetingItem{}
	for _, it := range e.meeting.Items {
		mine[it.ID] = it
	}
	for i, it := range items {
		if m, ok := mine[it.ID]; ok {
			items[i] = m
		} else {
			e.conflicts.saved[it.ID] = it.Item
		}
	}
	e.meeting.Items = items
	for _, h := range model.Headings() {
		e.rebuildSection(h)
	}
}

// asked takes a follow-up asked (or its undo) into the editor's copy of its
// item, and refreshes the follow-ups.
func (e *meetingEditor) asked(stored model.Item) {
	e.takeAsked([]*model.MeetingItem{{Item: stored}})
	e.itemSaved()
}

// takeAsked takes into the editor's copies of items whether they were asked
// and what was said, as stored: the copies may hold edits waiting. When
// nothing else shown changed since the copy was loaded or saved, the copy
// takes the stored version too, so that its edits save without a conflict.
func (e *meetingEditor) takeAsked(stored []*model.MeetingItem) {
	byID := map[uint]*model.Item{}
	for _, it := range stored {
		byID[it.ID] = &it.Item
	}
	changed := map[model.Heading]bool{}
	for _, it := range e.meeting.Items {
		st := byID[it.ID]
		if st == nil || st.Version <= it.Version {
			continue // gone, or no newer than the copy
		}
		changed[it.Heading] = changed[it.Heading] || it.AskedOn != st.AskedOn || it.AskedNote != st.AskedNote
		it.AskedOn, it.AskedNote = st.AskedOn, st.AskedNote
		base, known := e.conflicts.saved[it.ID]
		base.AskedOn, base.AskedNote = st.AskedOn, st.AskedNote
		if known && len(itemDiffs(&base, st)) == 0 {
			it.Version = st.Version
			e.conflicts.saved[it.ID] = *st
		}
	}
	for h := range changed {
		if changed[h] {
			e.rebuildSection(h)
		}
	}
}

// refresh takes into the editor what was asked elsewhere (on Today, say)
// since it was loaded: into its items and its follow-ups.
func (e *meetingEditor) refresh() {
	o := e.meeting.OneOnOne
	if o.PersonID == 0 {
		return // nothing open yet
	}
	fetchOr(e.screen.sh, &e.refreshes, func(st *model.Store) (model.Meeting, error) {
		if o.ID == 0 {
			return st.DraftMeeting(o.PersonID, o.HeldAt)
		}
		return st.Meeting(o.ID)
	}, func(m model.Meeting) {
		if e.meeting.ID == o.ID && e.meeting.PersonID == o.PersonID {
			e.takeAsked(m.Items)
			e.showFollowUps(m.FollowUps)
		}
	}, func(err error) {
		if !errors.Is(err, model.ErrNotFound) { // deleted elsewhere: saving says so
			e.screen.sh.showError("Could not load the one-on-one", err)
		}
	})
}

// showFields shows the meeting's own fields but the private notes; the
// caller holds e.loading so that showing them saves nothing.
func (e *meetingEditor) showFields(o model.OneOnOne) {
	e.when.SetText(o.HeldAt.Local().Format(whenLayout))
	e.setting.SetSelected(o.Setting.Label())
	if o.PulseRating > 0 {
		e.rating.SetSelected(strconv.Itoa(o.PulseRating))
	} else {
		e.rating.SetSelected("")
	}
	e.comment.SetText(o.PulseComment)
	e.shared.SetText(o.SharedNotes)
	e.showTheirPulse(o.ReportPulse)
}

// showTheirPulse shows the rating the report gave before the meeting, to
// compare with the one given in it.
func (e *meetingEditor) showTheirPulse(rating int) {
	e.theirPulse.Hidden = rating == 0
	e.theirPulse.SetText(fmt.Sprintf("They gave %d of 5 before the meeting", rating))
}

// showFollowUps lists what to ask about from earlier one-on-ones, each in
// full with its Asked button.
func (e *meetingEditor) showFollowUps(fus []model.FollowUp) {
	e.followUpRows.RemoveAll()
	who := model.ShortName(e.meeting.Person.Name, e.meeting.Person.PreferredName)
	for _, f := range fus {
		text := widget.NewLabel(fmt.Sprintf("%s (raised %s, ask from %s)", f.Text, f.RaisedAt.Local().Format("Mon 2 Jan"), formatDay(f.FollowUp)))
		text.Wrapping = fyne.TextWrapWord
		asked := widget.NewButtonWithIcon("Asked", theme.ConfirmIcon(), func() { markAsked(e.screen.sh, who, f, e.asked) })
		asked.Importance = widget.LowImportance
		e.followUpRows.Add(container.NewBorder(nil, nil, nil, container.NewVBox(asked), text))
	}
	e.followUps.Hidden = len(fus) == 0
	e.scroll.reflow()
}

// itemChanged saves an item now and refreshes what depends on it. A save
// refused because someone else saved first waits, like typing, for the
// user to choose.
func (e *meetingEditor) itemChanged(it *model.MeetingItem) {
	if err := e.start(); err != nil {
		e.screen.sh.showError("Could not start the one-on-one", err)
		return
	}
	if err := e.saveItem(it); err != nil {
		if isConflict(err) {
			e.scheduleItem(it)
			e.showProblem(err)
			return
		}
		e.screen.sh.showError("Could not save the item", err)
		return
	}
	e.itemSaved()
}

// itemSaved refreshes what depends on items: the follow-ups above and the
// list of reports.
func (e *meetingEditor) itemSaved() {
	o := e.meeting.OneOnOne
	fetch(e.screen.sh, &e.followUpLoads, "Could not load the follow-ups", func(st *model.Store) ([]model.FollowUp, error) { return st.FollowUpsBefore(o.PersonID, o.HeldAt) },
		func(fus []model.FollowUp) {
			if e.meeting.ID == o.ID {
				e.showFollowUps(fus)
			}
		})
	e.screen.load()
}

// scheduleItem saves an item once typing pauses.
func (e *meetingEditor) scheduleItem(it *model.MeetingItem) {
	e.saved.SetText("Saving…")
	e.saver.schedule(it.ID, func() error {
		if err := e.start(); err != nil {
			return err
		}
		err := e.saveItem(it)
		if err == nil {
			e.saved.SetText("Saved")
		}
		return err
	})
}

// saveItem stores an item; when someone else saved it first, the user
// chooses, and their choice is saved or shown.
func (e *meetingEditor) saveItem(it *model.MeetingItem) error {
	return e.conflicts.updateItem(e.screen.sh.store, &it.Item, func(keptMine bool) {
		if !keptMine {
			e.saver.forget(it.ID)
			e.rebuildSection(it.Heading)
		}
		e.showProblem(e.saver.flush())
		e.itemSaved()
	})
}

// changedMeeting schedules saving the meeting's own fields.
func (e *meetingEditor) changedMeeting() {
	if e.loading {
		return
	}
	e.saved.SetText("Saving…")
	e.saver.schedule("meeting", e.saveMeeting)
}

func (e *meetingEditor) saveMeeting() error {
	if err := e.start(); err != nil {
		return err
	}
	o := e.meeting.OneOnOne
	if t, err := time.ParseInLocation(whenLayout, strings.TrimSpace(e.when.Text), time.Local); err == nil {
		o.HeldAt = t
	}
	if s, ok := enumOf(model.MeetingSettings(), e.setting.Selected); ok {
		o.Setting = s
	}
	o.PulseRating, _ = strconv.Atoi(e.rating.Selected)
	o.PulseComment, o.SharedNotes, o.PrivateNotes = e.comment.Text, e.shared.Text(), e.private.Text()
	keep := func(version int) {
		e.meeting.Version = version
		e.showProblem(e.saver.flush())
	}
	if err := e.conflicts.saveOneOnOne(e.screen.sh.store, &o, e.meeting.OneOnOne, keep, e.takeMeeting); err != nil {
		return err
	}
	moved := !o.HeldAt.Equal(e.meeting.HeldAt)
	e.meeting.OneOnOne = o
	e.saved.SetText("Saved")
	if moved { // due dates follow the last one-on-one
		e.screen.load()
	}
	return nil
}

// takeMeeting shows their save of the meeting's fields instead of the
// edits waiting here. Private notes are one's own: what was typed stays,
// and is saved on their version.
func (e *meetingEditor) takeMeeting(theirs model.OneOnOne) {
	e.saver.forget("meeting")
	moved := !theirs.HeldAt.Equal(e.meeting.HeldAt)
	theirs.PrivateNotes = e.meeting.PrivateNotes
	e.meeting.OneOnOne = theirs
	e.loading = true
	e.showFields(theirs)
	e.loading = false
	if e.private.Text() != theirs.PrivateNotes {
		e.changedMeeting()
	}
	e.showProblem(e.saver.flush())
	if moved {
		e.screen.load()
	}
}

// addItem lists what an add box holds as an item. What cannot be stored
// stays in the box, waiting to be saved like typing.
func (e *meetingEditor) addItem(h model.Heading, text string, from *widget.Entry) error {
	e.saver.forget(from)
	if err := e.saveDraft(h, text); err != nil {
		e.saver.schedule(from, func() error { return e.saveDraft(h, from.Text) })
		return err
	}
	it := e.drafts[h]
	if it == nil {
		return nil
	}
	delete(e.drafts, h)
	e.meeting.Items = append(e.meeting.Items, it)
	e.loading = true // emptying the box is no change to save
	from.SetText("")
	e.loading = false
	e.rebuildSection(h)
	e.sections[h].list.ScrollTo(len(e.items[h]) - 1)
	e.keepInView(from)
	e.screen.sh.win.Canvas().Focus(from)
	return nil
}

// keepInView scrolls the editor so that o shows whole: an add box moves
// down out of sight as the items above it grow.
func (e *meetingEditor) keepInView(o fyne.CanvasObject) { scrollToShow(e.scroll.scroll, o) }

// saveDraft keeps what an add box holds as an item not yet listed: added
// with the first words, kept in step as typing goes on, removed when the
// box is emptied.
func (e *meetingEditor) saveDraft(h model.Heading, text string) error {
	st, d := e.screen.sh.store, e.drafts[h]
	switch {
	case strings.TrimSpace(text) == "":
		if d != nil {
			delete(e.drafts, h)
			return st.DeleteItem(d.ID)
		}
		return nil
	case d == nil:
		if err := e.start(); err != nil {
			return err
		}
		it, err := st.AddItem(e.meeting.ID, h, text, false)
		if err != nil {
			return err
		}
		e.drafts[h] = &model.MeetingItem{Item: it, FromDate: e.meeting.HeldAt}
		return nil
	case d.Text != text:
		d.Text = text
		return st.UpdateItem(&d.Item)
	}
	return nil
}

// itemsUnder is the items under one heading, in the meeting's order.
func itemsUnder(items []*model.MeetingItem, h model.Heading) []*model.MeetingItem {
	var out []*model.MeetingItem
	for _, it := range items {
		if it.Heading == h {
			out = append(out, it)
		}
	}
	return out
}

// rebuildSection redraws the items under one heading.
func (e *meetingEditor) rebuildSection(h model.Heading) {
	e.items[h] = itemsUnder(e.meeting.Items, h)
	e.measureRows()
	e.sections[h].refresh()
}

// measureRows measures an item row of one line without and with a line of
// notes, and how wide the text of an item is shown.
func (e *meetingEditor) measureRows() {
	r := newItemRow(e)
	e.rowHeight[false] = r.MinSize().Height
	r.note.Show()
	e.rowHeight[true] = r.MinSize().Height
	if e.bodyWidth > 0 {
		// A section's padding, the entry's, and the list's scroll bar.
		list := e.bodyWidth - 4*theme.Padding()
		e.textWidth = list - (r.MinSize().Width - r.text.MinSize().Width) - 2*theme.InnerPadding() - theme.ScrollBarSize()
	}
}

// resized lists the items again for the width the form now has, when that
// changes how long items wrap, where each list was scrolled to. New lists:
// a list shown already redraws itself for each row's new height, which
// for thousands of rows would freeze the window.
func (e *meetingEditor) resized(width float32) {
	was := e.textWidth
	e.bodyWidth = width
	e.measureRows()
	if e.textWidth == was {
		return
	}
	for _, h := range model.Headings() {
		sec := e.sections[h]
		at, size := sec.list.GetScrollOffset(), sec.list.Size()
		sec.reset()
		sec.list.Resize(size)
		sec.list.ScrollToOffset(at)
	}
}

// heightOf is how tall an item's row is: a line per line its text wraps
// into, and one for its notes when it has some.
func (e *meetingEditor) heightOf(it *model.MeetingItem) float32 {
	h := e.rowHeight[itemNotes(it) != ""]
	if lines := wrappedLines(it.Text, e.textWidth); lines > 1 {
		h += float32(lines-1) * (fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height + theme.LineSpacing())
	}
	return h
}

// wrappedLines counts the lines text takes when wrapped by word at width,
// as the row's entry wraps it (wrapFor); 1 when the width is not known yet.
func wrappedLines(text string, width float32) int {
	size := theme.TextSize()
	if width <= 0 || wrapFor(text) == fyne.TextWrapOff || fyne.MeasureText(text, size, fyne.TextStyle{}).Width <= width {
		return 1
	}
	space := fyne.MeasureText(" ", size, fyne.TextStyle{}).Width
	lines, used := 1, float32(0)
	for _, word := range strings.Fields(text) {
		w := fyne.MeasureText(word, size, fyne.TextStyle{}).Width
		switch {
		case used == 0:
			used = w
		case used+space+w <= width:
			used += space + w
		default:
			lines++
			used = w
		}
		for used > width { // a word longer than a line breaks
			lines++
			used -= width
		}
	}
	return lines
}

// newSection lists the items under one heading.
func (e *meetingEditor) newSection(h model.Heading) *formList {
	return newFormList(8,
		func() int { return len(e.items[h]) },
		func() fyne.CanvasObject { return newItemRow(e) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*itemRow).show(e.items[h][id]) },
		func(id widget.ListItemID) float32 { return e.heightOf(e.items[h][id]) })
}

// itemRow is one editable item: done, text (wrapped), work/non-work, more,
// and a line of notes (carried over, follow-up, private…) when there are
// any. The
// list shows other items in it as it scrolls.
type itemRow struct {
	widget.BaseWidget
	e       *meetingEditor
	it      *model.MeetingItem
	showing bool // show is filling in the row: nothing changed
	done    *widget.Check
	text    *itemEntry
	tag     *widget.Button
	// secret marks a private item beside its text, and its notes say so
	// too: a private item must be unmistakable. Its menu makes it so.
	secret   *widget.Icon
	more     *widget.Button
	note     *widget.Label
	contents fyne.CanvasObject
}

// itemEntry is an item's text, wrapped over as many lines as it needs.
// Items are one paragraph: Enter ends the editing instead of a new line.
type itemEntry struct {
	widget.Entry
}

func newItemEntry() *itemEntry {
	e := &itemEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(1)
	return e
}

func (e *itemEntry) TypedKey(k *fyne.KeyEvent) {
	if isEnter(k) {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.Unfocus()
		}
		return
	}
	e.Entry.TypedKey(k)
}

func newItemRow(e *meetingEditor) *itemRow {
	r := &itemRow{e: e}
	r.done = widget.NewCheck("", func(on bool) {
		if r.showing {
			return
		}
		r.it.Status = model.ItemOpen
		if on {
			r.it.Status = model.ItemDone
		}
		e.itemChanged(r.it)
		e.rebuildSection(r.it.Heading) // muted, and "done" joins its notes
	})
	r.text = newItemEntry()
	r.text.OnChanged = func(s string) {
		if !r.showing {
			r.it.Text = s
			e.scheduleItem(r.it)
		}
	}
	r.tag = widget.NewButton(tagLabel(false), func() {
		r.it.NonWork = !r.it.NonWork
		r.tag.SetText(tagLabel(r.it.NonWork))
		e.itemChanged(r.it)
	})
	r.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() { e.itemMenu(r.it, r.more) })
	r.more.Importance = widget.LowImportance
	r.secret = widget.NewIcon(theme.VisibilityOffIcon())
	r.secret.Hide()
	r.note = widget.NewLabel("")
	r.note.SizeName = theme.SizeNameCaptionText
	r.note.Hide()
	// The controls stay on the first line of a long item.
	r.contents = container.NewBorder(nil, r.note, container.NewVBox(container.NewHBox(r.done, r.secret)),
		container.NewVBox(container.NewHBox(r.tag, r.more)), r.text)
	r.ExtendBaseWidget(r)
	return r
}

func (r *itemRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.contents) }

// show fills the row in for it. Typing in a row that scrolls out of view
// ends there, so that it does not go on into the item shown next.
func (r *itemRow) show(it *model.MeetingItem) {
	if c := r.e.screen.sh.win.Canvas(); r.it != it && c.Focused() == r.text {
		c.Unfocus()
	}
	r.it = it
	r.showing = true
	defer func() { r.showing = false }()
	r.done.SetChecked(it.Status == model.ItemDone)
	r.text.Wrapping = wrapFor(it.Text)
	if r.text.Text != it.Text {
		r.text.SetText(it.Text)
	}
	// A done item is muted: untick it to edit it again.
	if it.Status == model.ItemDone {
		r.text.Disable()
	} else {
		r.text.Enable()
	}
	r.secret.Hidden = !it.Private
	r.tag.SetText(tagLabel(it.NonWork))
	note := itemNotes(it)
	r.note.SetText(note)
	r.note.Hidden = note == ""
	r.Refresh()
}

// itemNotes is the line under an item: where it came from, whether it was
// dropped, when to follow up, whether it is private.
func itemNotes(it *model.MeetingItem) string {
	var notes []string
	if it.ByReport {
		notes = append(notes, "they added this")
	}
	if it.Carried {
		notes = append(notes, "carried over from "+formatDay(model.DateOf(it.FromDate.Local())))
	}
	switch it.Status {
	case model.ItemDone:
		notes = append(notes, "done")
	case model.ItemDropped:
		notes = append(notes, "dropped")
	}
	if !it.FollowUp.IsZero() {
		notes = append(notes, "follow up "+formatDay(it.FollowUp))
	}
	if !it.AskedOn.IsZero() {
		asked := "asked " + formatDay(it.AskedOn)
		if it.AskedNote != "" {
			asked += ": “" + it.AskedNote + "”"
		}
		notes = append(notes, asked)
	}
	if it.Private {
		notes = append(notes, "private: only you see it")
	}
	return strings.Join(notes, " · ")
}

func tagLabel(nonWork bool) string {
	if nonWork {
		return "Non-work"
	}
	return "Work"
}

func (e *meetingEditor) itemMenu(it *model.MeetingItem, at fyne.CanvasObject) {
	apply := func() {
		e.itemChanged(it)
		e.rebuildSection(it.Heading)
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Follow up on…", func() { e.askFollowUp(it, apply) }),
	}
	if !it.FollowUp.IsZero() && it.AskedOn.IsZero() {
		who := model.ShortName(e.meeting.Person.Name, e.meeting.Person.PreferredName)
		items = append(items, fyne.NewMenuItem("Mark asked…", func() {
			markAsked(e.screen.sh, who, model.FollowUp{Item: it.Item}, e.asked)
		}))
	}
	switch {
	case it.ByReport: // their own words stay theirs to see
	case it.Private:
		items = append(items, fyne.NewMenuItem("Not private (they may see it)", func() { it.Private = false; apply() }))
	default:
		items = append(items, fyne.NewMenuItem("Make private (only you see it)", func() { it.Private = true; apply() }))
	}
	if it.Status == model.ItemDropped {
		items = append(items, fyne.NewMenuItem("Reopen", func() { it.Status = model.ItemOpen; apply() }))
	} else {
		items = append(items, fyne.NewMenuItem("Drop (no longer relevant)", func() { it.Status = model.ItemDropped; apply() }))
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Delete", func() { e.deleteItem(it) }))
	showMenuBy(fyne.NewMenu("", items...), at)
}

// showMenuBy pops a menu up under at, or above it where there is no room
// below, and leftwards from its right edge where there is none to the
// right: never cut by the window, never over the button.
func showMenuBy(menu *fyne.Menu, at fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(at)
	pos, size := d.AbsolutePositionForObject(at), at.Size()
	m := widget.NewPopUpMenu(menu, c)
	want := m.MinSize()
	x, y := pos.X, pos.Y+size.Height
	if y+want.Height > c.Size().Height && pos.Y-want.Height >= 0 {
		y = pos.Y - want.Height
	}
	if x+want.Width > c.Size().Width {
		x = max(pos.X+size.Width-want.Width, 0)
	}
	m.ShowAtPosition(fyne.NewPos(x, y))
}

// askFollowUp sets the day to ask about an item again; the dialog says
// which item, and Enter sets it.
func (e *meetingEditor) askFollowUp(it *model.MeetingItem, apply func()) {
	f := newDateField(e.screen.sh.store, func() {})
	f.entry.SetText(it.FollowUp.String())
	about := widget.NewLabel("“" + it.Text + "”")
	about.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Follow up on", "Set", "Cancel", []*widget.FormItem{
		{Text: "Item", Widget: about},
		{Text: "Ask again on", Widget: f.view, HintText: "YYYY-MM-DD; empty for no follow-up"},
	}, func(ok bool) {
		if !ok {
			return
		}
		it.FollowUp = f.date()
		apply()
	}, e.screen.sh.win)
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	e.screen.sh.showDialog(d)
	e.screen.sh.win.Canvas().Focus(f.entry)
}

// deleteItem removes an item, offering undo.
func (e *meetingEditor) deleteItem(it *model.MeetingItem) {
	st := e.screen.sh.store
	e.showProblem(e.saver.flush())
	carried, err := st.CarriedTo(it.ID)
	if err == nil {
		err = st.DeleteItem(it.ID)
	}
	if err != nil {
		e.screen.sh.showError("Could not delete the item", err)
		return
	}
	gone := it.Item
	meetingID := e.meeting.ID
	kept := e.meeting.Items[:0]
	for _, x := range e.meeting.Items {
		if x.ID != gone.ID {
			kept = append(kept, x)
		}
	}
	e.meeting.Items = kept
	e.saver.forget(gone.ID) // a failed edit of it has nothing left to save to
	e.conflicts.drop(gone.ID)
	e.rebuildSection(gone.Heading)
	e.screen.sh.undo.offer(fmt.Sprintf("Deleted “%s”.", model.Ellipsize(gone.Text, 40)), e.screen.sh.undoFor, func() {
		if err := st.RestoreItem(gone, carried); err != nil {
			e.screen.sh.showError("Could not restore the item", err)
			return
		}
		if e.meeting.ID == meetingID {
			e.screen.leaveEditor(func() { e.load(meetingID) })
		}
	})
}

// discard drops every change waiting to be saved: the user chose to.
func (e *meetingEditor) discard() {
	e.saver.discard()
	e.conflicts.clear()
	e.showProblem(nil)
}

// actionLabel reads "Amir will: send the macro — by Fri 13 Mar".
func actionLabel(a model.Action, reportName string) string {
	who := reportName + " will"
	if a.Owner == model.OwnerLead || reportName == "" {
		who = "I will"
	}
	s := who + ": " + a.Text
	if !a.Due.IsZero() {
		s += " — by " + formatDay(a.Due)
	}
	return s
}

func (e *meetingEditor) confirmDelete() {
	e.screen.sh.showDialog(dialog.NewConfirm("Delete this one-on-one?",
		"Its items and notes go with it. Items still open and carried into later one-on-ones move to the next one; its actions stay on the person's list.",
		func(ok bool) {
			if !ok {
				return
			}
			if e.meeting.ID == 0 { // a draft: nothing stored to delete, nor to store
				e.emptyAdders()
				e.actions.text.SetText("")
				e.discard()
				e.screen.openPerson(e.meeting.PersonID)
				return
			}
			_ = e.flush() // edits to carried items outlive the meeting
			if err := e.screen.sh.store.DeleteOneOnOne(e.meeting.ID); err != nil {
				e.screen.sh.showError("Could not delete", err)
				return
			}
			e.discard() // what was still to be saved went with it
			e.screen.openPerson(e.meeting.PersonID)
			e.screen.load()
		}, e.screen.sh.win)) // through the shell, so Esc answers no
}
