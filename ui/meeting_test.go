package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// addInMeeting types text under heading h in meeting mode and adds it.
func addInMeeting(mm *meetingMode, h model.Heading, text string) {
	mm.setHeading(h)
	test.Type(mm.adder, text)
	enter(mm.adder)
}

func ctrlOn(f fyne.Shortcutable, k fyne.KeyName) {
	f.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
}

// longItem wraps over several lines at any width meeting mode has.
const longItem = "The refund tool times out whenever a customer has more than twenty orders, so Amara copies each order by hand into the spreadsheet the finance team keeps, and that takes most of Friday afternoon every single week since January"

// fullMeeting is a one-on-one in meeting mode as a lead has it half-way:
// an item carried over, a follow-up due from last time, a long item, a
// private one, a non-work one that is done, an action and notes.
// It returns meeting mode, the store, the meeting's id and the earlier one's.
func fullMeeting(t *testing.T, size fyne.Size) (*meetingMode, *model.Store, uint, uint) {
	t.Helper()
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	earlier, err := store.StartOneOnOne(overdue.ID, fixedNow.Add(-16*24*time.Hour), model.MeetingSettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	fu, err := store.AddItem(earlier.ID, model.HeadingProgress, "Moving house at the weekend", true)
	if err != nil {
		t.Fatal(err)
	}
	fu.FollowUp = store.Today().AddDays(-1)
	if err := store.UpdateItem(&fu); err != nil {
		t.Fatal(err)
	}
	m, err := store.StartOneOnOne(overdue.ID, fixedNow, model.MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []struct {
		h                      model.Heading
		text                   string
		nonWork, private, done bool
	}{
		{model.HeadingProgress, longItem, false, false, false},
		{model.HeadingProgress, "Ran the half marathon", true, false, true},
		{model.HeadingObstacles, "Unsure about the team lead opening", false, true, false},
		{model.HeadingFocus, "Ship the macro library", false, false, false},
	} {
		added, err := store.AddItem(m.ID, it.h, it.text, it.nonWork)
		if err != nil {
			t.Fatal(err)
		}
		added.Private = it.private
		if it.done {
			added.Status = model.ItemDone
		}
		if err := store.UpdateItem(&added); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.SaveAction(&model.Action{PersonID: overdue.ID, OneOnOneID: &m.ID, Text: "Send the rota", Owner: model.OwnerLead, Due: store.Today().AddDays(3)}); err != nil {
		t.Fatal(err)
	}
	m.PulseRating, m.PulseComment, m.SharedNotes, m.PrivateNotes = 4, "Calmer since the new rota", "Agreed to pair on the macros.", "Ask HR about the opening."
	if err := store.SaveOneOnOne(&m); err != nil {
		t.Fatal(err)
	}
	mm := openMeetingMode(s, m.ID, func() {})
	mm.win.Resize(size)
	mm.begin()
	return mm, store, m.ID, earlier.ID
}

// Meeting mode holds the whole conversation, at both sizes it is used at,
// empty and full.
func TestMeetingModeGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		size fyne.Size
		full bool
	}{
		{"meeting_mode.xml", fyne.NewSize(1280, 800), true},
		{"meeting_mode_small.xml", fyne.NewSize(1024, 640), true},
		{"meeting_mode_empty.xml", fyne.NewSize(1024, 640), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mm *meetingMode
			if tc.full {
				mm, _, _, _ = fullMeeting(t, tc.size)
			} else {
				s, store := newTestShell(t)
				_, _, never := teamWithHistory(t, store)
				m, err := store.StartOneOnOne(never.ID, fixedNow, model.MeetingSettingDesk)
				if err != nil {
					t.Fatal(err)
				}
				mm = openMeetingMode(s, m.ID, func() {})
				mm.win.Resize(tc.size)
				mm.begin()
			}
			assertGolden(t, tc.name, mm.win.Canvas())
		})
	}
}

// texts is the text drawn under o, one string per line drawn.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && o.Visible() && t.Text != "" {
			out = append(out, t.Text)
		}
	})
	return out
}

// rowOf is the row of the conversation showing text.
func rowOf(t *testing.T, mm *meetingMode, text string) *meetingRow {
	t.Helper()
	for _, it := range mm.meeting.Items {
		if it.Text == text {
			mm.talk.scrollTo(it.Heading, it)
		}
	}
	r, ok := first(mm.talk.view, func(r *meetingRow) bool { return r.it != nil && r.it.Text == text })
	if !ok {
		t.Fatalf("no row shows %q", text)
	}
	return r
}

// An item is shown whole, wrapped over as many lines as it needs; a private
// one says so in words and with the closed eye.
func TestMeetingModeShowsItemsWhole(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(1280, 800), fyne.NewSize(1024, 640)} {
		mm, _, _, _ := fullMeeting(t, size)
		long := rowOf(t, mm, longItem)
		lines := texts(long.text)
		if got := strings.Join(lines, " "); got != longItem || len(lines) < 2 {
			t.Errorf("%v: the long item drawn as %q", size, lines)
		}
		if long.Size().Height < long.text.MinSize().Height {
			t.Errorf("%v: the long item's row is %v tall, its text needs %v", size, long.Size().Height, long.text.MinSize().Height)
		}
		private := rowOf(t, mm, "Unsure about the team lead opening")
		if !private.private.Visible() || !contains(private.marks.Text, "private") || private.marks.Importance != widget.WarningImportance {
			t.Errorf("%v: a private item is marked %q (icon shown: %v)", size, private.marks.Text, private.private.Visible())
		}
		if long.private.Visible() || contains(long.marks.Text, "private") {
			t.Errorf("%v: an item not private is marked %q", size, long.marks.Text)
		}
		carried := rowOf(t, mm, "Refund tool times out")
		if !contains(carried.marks.Text, "carried over") {
			t.Errorf("%v: a carried item is marked %q", size, carried.marks.Text)
		}
		done := rowOf(t, mm, "Ran the half marathon")
		if !contains(done.marks.Text, "non-work") || !done.check.Checked || done.text.Importance != widget.LowImportance {
			t.Errorf("%v: a done non-work item is marked %q, ticked %v", size, done.marks.Text, done.check.Checked)
		}
	}
}

// The pulse, the notes and actions are saved as in the editor; the editor
// behind shows them once meeting mode closes.
func TestMeetingModeSavesPulseNotesAndActions(t *testing.T) {
	c := &fakeClock{}
	s, store, o := startWithOverdue(t, false, c.after)
	id := o.editor.meeting.ID
	o.editor.view.Refresh()
	mm := tapMeetingMode(t, s, o.editor)
	mm.win.Resize(fyne.NewSize(1024, 640))
	mm.begin()
	side := mm.side
	side.rating.SetSelected("2")
	test.Type(side.comment, "Stretched thin")
	test.Type(side.shared.entry, "Pair on macros")
	test.Type(side.private.entry, "Watch for burnout")
	c.advance(time.Minute) // autosave's pause
	if m, _ := store.Meeting(id); m.PulseRating != 2 || m.PulseComment != "Stretched thin" || m.SharedNotes != "Pair on macros" || m.PrivateNotes != "Watch for burnout" {
		t.Errorf("stored after a pause: %d %q %q %q", m.PulseRating, m.PulseComment, m.SharedNotes, m.PrivateNotes)
	}
	if mm.saved.Text != "Saved" {
		t.Errorf("saved says %q", mm.saved.Text)
	}

	a := side.actions
	a.owner.SetSelectedIndex(1) // I will
	a.due.entry.SetText("2026-03-13")
	test.Type(a.text, "Book the training")
	enter(a.text)
	m, _ := store.Meeting(id)
	if len(m.Actions) != 1 || m.Actions[0].Text != "Book the training" || m.Actions[0].Owner != model.OwnerLead || m.Actions[0].Due.String() != "2026-03-13" {
		t.Fatalf("actions stored: %+v", m.Actions)
	}
	test.Tap(first1[*widget.Check](t, a.list.view))
	if m, _ := store.Meeting(id); !m.Actions[0].Done() {
		t.Error("ticking the action did not mark it done")
	}

	test.Type(side.comment, ", but calmer")
	mm.leave()
	if m, _ := store.Meeting(id); m.PulseComment != "Stretched thin, but calmer" {
		t.Errorf("leaving lost the typing: %q", m.PulseComment)
	}
	if o.editor.comment.Text != "Stretched thin, but calmer" || o.editor.rating.Selected != "2" || len(o.editor.actions.actions) != 1 {
		t.Errorf("the editor behind shows %q, rating %q, %d actions", o.editor.comment.Text, o.editor.rating.Selected, len(o.editor.actions.actions))
	}
}

func first1[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) T {
	t.Helper()
	x, ok := first[T](o)
	if !ok {
		var zero T
		t.Fatalf("no %T", zero)
	}
	return x
}

// A follow-up asked leaves the list, with what they said; undo brings it
// back.
func TestMeetingModeFollowUpAsked(t *testing.T) {
	mm, store, id, earlier := fullMeeting(t, fyne.NewSize(1280, 800))
	const fu = "Moving house at the weekend"
	if !contains(test.RenderObjectToMarkup(mm.side.followUps), fu) {
		t.Fatal("the follow-up due is not shown")
	}
	tapButton(t, mm.side.followUps, "Asked")
	if !inDialog(mm.win, "What they said") || !inDialog(mm.win, fu) {
		t.Fatal("Asked should ask what they said, naming the follow-up")
	}
	said, _ := first[*dialogEntry](mm.win.Canvas().Overlays().Top())
	test.Type(said, "Went well, new flat is closer")
	enter(said)
	if dialogs(mm.win) != 0 || contains(test.RenderObjectToMarkup(mm.side.followUps), fu) {
		t.Fatal("the follow-up asked should leave the list")
	}
	m, _ := store.Meeting(id)
	if fus, _ := store.FollowUps(m.PersonID); len(fus) != 0 {
		t.Errorf("still due: %+v", fus)
	}
	if it := itemsByText(t, store, earlier)[fu]; it == nil || it.AskedOn != store.Today() || it.AskedNote != "Went well, new flat is closer" {
		t.Errorf("stored %+v", it)
	}
	mm.undo.trigger()
	if !contains(test.RenderObjectToMarkup(mm.side.followUps), fu) {
		t.Error("undo should bring the follow-up back")
	}
	// Asked elsewhere meanwhile (Today, another window): the list catches
	// up, with no error.
	if _, err := store.AskFollowUp(itemsByText(t, store, earlier)[fu].ID, "Said on the phone"); err != nil {
		t.Fatal(err)
	}
	tapButton(t, mm.side.followUps, "Asked")
	said, _ = first[*dialogEntry](mm.win.Canvas().Overlays().Top())
	enter(said)
	if dialogs(mm.win) != 0 || contains(test.RenderObjectToMarkup(mm.side.followUps), fu) {
		t.Errorf("asking what was asked elsewhere: %d dialogs, still listed %v", dialogs(mm.win), contains(test.RenderObjectToMarkup(mm.side.followUps), fu))
	}
}

// Prompts are there but folded to one line; Ctrl+P opens them.
func TestMeetingModePromptsFold(t *testing.T) {
	mm, _, _, _ := fullMeeting(t, fyne.NewSize(1024, 640))
	p := mm.side.prompts
	if p.box.Visible() || !contains(p.fold.Text, "Prompts (") {
		t.Fatalf("prompts should start folded: %q, open %v", p.fold.Text, p.box.Visible())
	}
	ctrlOn(mm.adder, fyne.KeyP)
	if !p.box.Visible() {
		t.Error("Ctrl+P should open the prompts")
	}
	ctrlOn(mm.adder, fyne.KeyP)
	if p.box.Visible() {
		t.Error("Ctrl+P again should fold them")
	}
}

// Meeting mode by keyboard, as the lead's trial ran it.
func TestMeetingModeByKeyboard(t *testing.T) {
	key := func(f fyne.Focusable, k fyne.KeyName) { f.TypedKey(&fyne.KeyEvent{Name: k}) }
	open := func(t *testing.T) (*meetingMode, *model.Store, uint) {
		s, store, o := startWithOverdue(t, false, nil)
		id := o.editor.meeting.ID
		mm := openMeetingMode(s, id, func() {})
		mm.win.Resize(fyne.NewSize(1280, 800))
		return mm, store, id
	}

	// A ticked line of the checklist has the focus; Enter still begins
	// and Esc still leaves.
	t.Run("checklist keys after a tick", func(t *testing.T) {
		for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
			mm, _, _ := open(t)
			c, ok := first[*checklistCheck](mm.win.Canvas().Content())
			if !ok {
				t.Fatal("no checklist line")
			}
			test.Tap(c)
			mm.win.Canvas().Focus(c)
			key(c, k)
			if k == fyne.KeyReturn && !mm.begun {
				t.Error("Enter on a ticked line did not begin")
			}
			if k == fyne.KeyEscape && mm.sh.meetings[mm] {
				t.Error("Esc on a ticked line did not leave")
			}
		}
	})

	// Tab goes from heading to heading, the box keeping the cursor; what
	// is typed after it goes under the heading Tab moved to.
	t.Run("tab moves between headings", func(t *testing.T) {
		mm, store, id := open(t)
		mm.begin()
		hs := model.Headings()
		c := mm.win.Canvas()
		key(mm.adder, fyne.KeyTab)
		if mm.heading != hs[1] || c.Focused() != mm.adder || mm.picker.Selected != hs[1].Label() {
			t.Fatalf("Tab from %s went to %s (picker %q), focus on %T", hs[0].Label(), mm.heading.Label(), mm.picker.Selected, c.Focused())
		}
		test.Type(mm.adder, "Headset keeps dropping")
		key(mm.adder, fyne.KeyReturn)
		mm.adder.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		key(mm.adder, fyne.KeyTab)
		mm.adder.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		if mm.heading != hs[0] {
			t.Errorf("Shift+Tab went to %s, want %s", mm.heading.Label(), hs[0].Label())
		}
		mm.setHeading(hs[len(hs)-1])
		key(mm.adder, fyne.KeyTab)
		if mm.heading != hs[0] {
			t.Errorf("Tab from the last heading went to %s, want the first", mm.heading.Label())
		}
		if it := itemsByText(t, store, id)["Headset keeps dropping"]; it == nil || it.Heading != hs[1] {
			t.Errorf("the item typed after Tab: %+v", it)
		}
	})

	// Non-work is said of one item: the next starts as work again.
	t.Run("non-work is one item's", func(t *testing.T) {
		mm, store, id := open(t)
		mm.begin()
		test.Type(mm.adder, "Painted the kids' room")
		ctrlOn(mm.adder, fyne.KeyT)
		if !mm.nonWork.Checked {
			t.Fatal("Ctrl+T while typing should tick Non-work")
		}
		key(mm.adder, fyne.KeyReturn)
		if mm.nonWork.Checked {
			t.Error("Non-work should be clear again once the item is added")
		}
		test.Type(mm.adder, "Got praised by QA")
		key(mm.adder, fyne.KeyReturn)
		got := itemsByText(t, store, id)
		if it := got["Painted the kids' room"]; it == nil || !it.NonWork {
			t.Errorf("the tagged item: %+v, want non-work", it)
		}
		if it := got["Got praised by QA"]; it == nil || it.NonWork {
			t.Errorf("the next item: %+v, want work", it)
		}
	})
}

// tapMeetingMode taps the editor's Meeting mode and gives the window it
// opened.
func tapMeetingMode(t *testing.T, s *shell, e *meetingEditor) *meetingMode {
	t.Helper()
	tapButton(t, e.view, "Meeting mode")
	for open := range s.meetings {
		return open
	}
	t.Fatal("no meeting mode opened")
	return nil
}

// meetingOnNew opens meeting mode on a new one-on-one with someone who has
// history; closed says whether it was left.
func meetingOnNew(t *testing.T) (store *model.Store, meeting model.OneOnOne, mm *meetingMode, closed *bool) {
	t.Helper()
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	meeting, err := store.StartOneOnOne(overdue.ID, fixedNow, model.MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	closed = new(bool)
	mm = openMeetingMode(s, meeting.ID, func() { *closed = true })
	return store, meeting, mm, closed
}

func TestMeetingModeIsKeyboardDriven(t *testing.T) {
	store, meeting, mm, closed := meetingOnNew(t)
	if !markupContainsCanvas(mm.win.Canvas(), "Phone on silent") {
		t.Fatal("meeting mode should start with the attention checklist")
	}
	mm.win.Resize(fyne.NewSize(1280, 800)) // full screen
	mm.begin()
	if mm.win.Canvas().Focused() != mm.adder || mm.heading != model.HeadingProgress {
		t.Fatal("the cursor should start under Meaningful progress")
	}
	addInMeeting(mm, model.HeadingObstacles, "Childcare on Wednesdays")
	ctrlOn(mm.adder, fyne.KeyT)
	ctrlOn(mm.adder, fyne.KeyD)

	m, _ := store.Meeting(meeting.ID)
	var got *model.MeetingItem
	for i := range m.Items {
		if m.Items[i].Text == "Childcare on Wednesdays" {
			got = m.Items[i]
		}
	}
	if got == nil || !got.NonWork || got.Status != model.ItemDone || got.Heading != model.HeadingObstacles {
		t.Fatalf("item after Enter, Ctrl+T, Ctrl+D: %+v", got)
	}
	// The side column by keyboard too: the pulse, its comment, an action.
	ctrlOn(mm.adder, fyne.Key4)
	if mm.side.rating.Selected != "4" {
		t.Errorf("Ctrl+4 rated the pulse %q", mm.side.rating.Selected)
	}
	c := mm.win.Canvas()
	for _, step := range []struct {
		key  fyne.KeyName
		want fyne.Focusable
	}{{fyne.KeyE, mm.side.comment}, {fyne.KeyN, mm.adder}, {fyne.KeyE, mm.side.comment}, {fyne.Key2, mm.side.comment}, {fyne.KeyN, mm.adder}, {fyne.KeyJ, mm.side.actions.text}} {
		if f, ok := c.Focused().(fyne.Shortcutable); ok {
			ctrlOn(f, step.key)
		}
		if c.Focused() != step.want {
			t.Errorf("Ctrl+%s did not move the focus where it says", step.key)
		}
	}
	if mm.side.rating.Selected != "2" {
		t.Errorf("Ctrl+2 in the comment rated the pulse %q", mm.side.rating.Selected)
	}
	// Ctrl+J has the cursor in the action; its date, then Enter, adds it.
	test.Type(mm.side.actions.text, "Book the headset repair")
	due := mm.side.actions.due.entry
	test.Type(due, "2026-03-13")
	due.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if m, _ := store.Meeting(meeting.ID); len(m.Actions) != 1 || m.Actions[0].Due != model.NewDate(2026, 3, 13) {
		t.Errorf("Enter in the due date added %+v", m.Actions)
	}
	// Meeting mode's keys work from every field: the date, the notes.
	c.Focus(due)
	ctrlOn(due, fyne.KeyN)
	if c.Focused() != mm.adder {
		t.Error("Ctrl+N in the due date did not go back to the items")
	}
	notes := mm.side.shared.entry
	c.Focus(notes)
	ctrlOn(notes, fyne.KeyJ)
	if c.Focused() != mm.side.actions.text {
		t.Error("Ctrl+J in the shared notes did not go to a new action")
	}
	c.Focus(mm.adder)
	mm.adder.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !*closed {
		t.Error("Esc should leave meeting mode")
	}
}

// Leaving with an item and a comment that cannot be saved asks, in meeting
// mode's window, once; No stays with them, Yes drops them and leaves.
func TestMeetingModeLeaveAsksBeforeDiscarding(t *testing.T) {
	s, store, _, id := sharedDatabase(t)
	closed := false
	mm := openMeetingMode(s, id, func() { closed = true })
	mm.begin()
	mm.adder.SetText("Ship the macros\tby Friday")
	mm.side.comment.SetText(strings.Repeat("stretched ", model.MaxNoteText/10+1))
	mm.leave()
	if closed || dialogs(mm.win) != 1 || !inDialog(mm.win, "Discard changes?") || !inDialog(mm.win, "Ship the macros") {
		t.Fatalf("closed %v, %d dialogs", closed, dialogs(mm.win))
	}
	tapButton(t, mm.win.Canvas().Overlays().Top(), "No")
	if closed || mm.adder.Text == "" {
		t.Fatal("No should stay with what was typed")
	}
	mm.leave()
	tapButton(t, mm.win.Canvas().Overlays().Top(), "Yes")
	if !closed {
		t.Fatal("Yes should leave")
	}
	if m, _ := store.Meeting(id); len(m.Items) != 1 || m.PulseComment != "" {
		t.Errorf("discarded, yet stored %d items and the comment %q", len(m.Items), model.Ellipsize(m.PulseComment, 20))
	}
}

// An item's marks say each thing once, and what they said when asked.
func TestItemMarks(t *testing.T) {
	day := model.NewDate(2026, 3, 9)
	for _, tt := range []struct {
		name string
		it   model.Item
		want string
	}{
		{"done, non-work", model.Item{NonWork: true, Status: model.ItemDone}, "non-work · done"},
		{"asked, with what they said", model.Item{Status: model.ItemOpen, FollowUp: day, AskedOn: day, AskedNote: "The move went fine"},
			"follow up " + formatDay(day) + " · asked " + formatDay(day) + ": “The move went fine”"},
		{"asked, nothing said", model.Item{Status: model.ItemOpen, AskedOn: day}, "asked " + formatDay(day)},
	} {
		if got := itemMarks(&model.MeetingItem{Item: tt.it}); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// Actions still open from earlier one-on-ones are there with today's, so
// nothing agreed is forgotten; one done before is not.
func TestMeetingModeListsEarlierOpenActions(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	hist, err := store.History(overdue.ID)
	if err != nil || len(hist) == 0 {
		t.Fatalf("history %v, %v", hist, err)
	}
	for _, a := range []model.Action{
		{PersonID: overdue.ID, OneOnOneID: &hist[0].ID, Text: "Order a new headset", Owner: model.OwnerLead},
		{PersonID: overdue.ID, OneOnOneID: &hist[0].ID, Text: "Read the refunds guide", Owner: model.OwnerReport},
	} {
		if err := store.SaveAction(&a); err != nil {
			t.Fatal(err)
		}
		if a.Text == "Read the refunds guide" {
			if err := store.SetActionDone(a.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	meeting, err := store.StartOneOnOne(overdue.ID, fixedNow, model.MeetingSettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	mm := openMeetingMode(s, meeting.ID, func() {})
	mm.begin()
	var texts []string
	for _, a := range mm.side.actions.actions {
		texts = append(texts, a.Text)
	}
	if !slices.Equal(texts, []string{"Order a new headset"}) {
		t.Errorf("meeting mode lists the actions %q, want the one still open", texts)
	}
}

// Esc leaves meeting mode from any of its fields, as from the add box.
func TestMeetingModeEscFromEveryField(t *testing.T) {
	for _, field := range []string{"shared notes", "action", "due date", "pulse comment"} {
		t.Run(field, func(t *testing.T) {
			_, _, mm, closed := meetingOnNew(t)
			mm.begin()
			f := map[string]fyne.Focusable{"shared notes": mm.side.shared.entry, "action": mm.side.actions.text,
				"due date": mm.side.actions.due.entry, "pulse comment": mm.side.comment}[field]
			mm.win.Canvas().Focus(f)
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if !*closed {
				t.Errorf("Esc in the %s did not leave meeting mode", field)
			}
		})
	}
}

// Meeting mode opened on a draft and left with nothing written stores no
// one-on-one: none happened. One written in is kept.
func TestMeetingModeLeftUntouchedStoresNothing(t *testing.T) {
	for _, write := range []bool{false, true} {
		s, store := newTestShell(t)
		overdue, _, _ := teamWithHistory(t, store)
		before, _ := store.History(overdue.ID)
		_, e := draftWith(s, overdue.ID)
		mm := tapMeetingMode(t, s, e)
		mm.begin()
		if write {
			addInMeeting(mm, model.HeadingProgress, "Closed the refund backlog")
		}
		mm.leave()
		after, _ := store.History(overdue.ID)
		if want := len(before) + map[bool]int{false: 0, true: 1}[write]; len(after) != want {
			t.Errorf("written %v: %d one-on-ones stored, want %d", write, len(after), want)
		}
	}
}

// Esc over a pop-up (a date's calendar, a picker's list) closes the pop-up,
// not meeting mode with what was typed.
func TestMeetingModeEscClosesAPopUpFirst(t *testing.T) {
	_, _, mm, closed := meetingOnNew(t)
	mm.begin()
	c := mm.win.Canvas()
	pop := widget.NewPopUp(widget.NewLabel("March 2026"), c)
	pop.Show()
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if *closed || pop.Visible() {
		t.Fatalf("Esc over a pop-up: meeting mode closed %v, pop-up shown %v", *closed, pop.Visible())
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !*closed {
		t.Error("Esc with nothing over meeting mode should leave it")
	}
}
