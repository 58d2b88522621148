package ui

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Adversary #19b: drafted one-on-ones, follow-ups asked everywhere, meeting
// mode. Each test here failed on main when written.

// advDraftWithAskableObstacle is teamWithHistory with the overdue report's
// open obstacle (carried into the next one-on-one) also due to be asked
// about today, and a draft of that next one-on-one open in the editor.
func advDraftWithAskableObstacle(t *testing.T) (*shell, *model.Store, *meetingEditor, uint) {
	t.Helper()
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	hist, _ := store.History(overdue.ID)
	old, err := store.Meeting(hist[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	it := itemNamed(old, "Refund tool times out")
	it.FollowUp = store.Today()
	if err := store.UpdateItem(&it.Item); err != nil {
		t.Fatal(err)
	}
	_, e := draftWith(s, overdue.ID)
	if e.meeting.ID != 0 || len(e.meeting.Items) != 1 || !e.meeting.Items[0].Carried {
		t.Fatalf("want a draft carrying the obstacle: %+v %+v", e.meeting.OneOnOne, e.meeting.Items)
	}
	return s, store, e, it.ID
}

// advMenuItem runs the item of the pop-up menu on top of w labelled label.
func advMenuItem(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	m, ok := first[*widget.PopUpMenu](w.Canvas().Overlays().Top())
	if !ok {
		t.Fatal("no menu shown")
	}
	for _, o := range m.Items {
		v := reflect.ValueOf(o).Elem().FieldByName("Item")
		if !v.IsValid() {
			continue
		}
		if mi, _ := v.Interface().(*fyne.MenuItem); mi != nil && mi.Label == label {
			w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
			mi.Action()
			return
		}
	}
	t.Fatalf("no %q in the menu", label)
}

// The draft shows what its one-on-one will carry over; start() says the
// stored one "carries the very items the draft showed". It does not:
// StartOneOnOne carries what is open at the first write, so an obstacle
// closed elsewhere meanwhile stays in the editor (its tick, its text edits
// go to an item the stored one-on-one no longer holds, and it vanishes on
// the next open), while one raised meanwhile is stored but never shown.
func TestAdvDraftStoresTheCarryOverItShowed(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	_, e := draftWith(s, overdue.ID)
	if e.meeting.ID != 0 || len(e.meeting.Items) != 1 {
		t.Fatalf("want a draft carrying one obstacle: %+v", e.meeting.Items)
	}
	// Meanwhile, in another window (or by another lead on a server), the
	// obstacle is closed and another one is raised in the last meeting.
	hist, _ := store.History(overdue.ID)
	old, _ := store.Meeting(hist[0].ID)
	closed := itemNamed(old, "Refund tool times out")
	closed.Status = model.ItemDone
	if err := store.UpdateItem(&closed.Item); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddItem(old.ID, model.HeadingObstacles, "Rota clashes with training", false); err != nil {
		t.Fatal(err)
	}

	add := e.adders[model.HeadingProgress]
	test.Type(add, "Moving house went well")
	enter(add) // the first write stores the draft
	if e.meeting.ID == 0 {
		t.Fatal("the first write did not store the one-on-one")
	}
	stored, err := store.Meeting(e.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(items []*model.MeetingItem) (out []string) {
		for _, it := range items {
			out = append(out, it.Text)
		}
		slices.Sort(out)
		return out
	}
	if shown, kept := ids(e.meeting.Items), ids(stored.Items); !slices.Equal(shown, kept) {
		t.Errorf("the editor shows %q, the stored one-on-one holds %q", shown, kept)
	}
}

// A follow-up asked from the editor's own "Follow up on" list, whose item
// is also one the editor lists (an obstacle carried over), leaves the
// editor's copy of the item stale: the next edit of that item is refused
// as "someone else saved this item", and Keep mine un-asks the follow-up.
// Meeting mode syncs its copy (meetingSide.synced); the editor does not.
func TestAdvEditorAskedFollowUpThenEditedIsNoConflict(t *testing.T) {
	s, store, e, itemID := advDraftWithAskableObstacle(t)
	test.Tap(askedButton(t, e.followUps))
	note := s.win.Canvas().Focused()
	if note == nil {
		t.Fatal("no Mark asked dialog")
	}
	test.Type(note, "IT is on it")
	enter(note)

	text, _ := first[*itemEntry](e.sections[model.HeadingObstacles].view)
	text.SetText("Refund tool times out: IT patch Friday")
	if err := e.flush(); err != nil {
		t.Errorf("editing the item after asking about it in the same editor: %v", err)
	}
	if dialogs(s.win) != 0 {
		t.Errorf("%d dialogs: the editor's own Asked is taken for someone else's save", dialogs(s.win))
	}
	// Keep mine, were it chosen, would store the editor's stale copy.
	if d := s.win.Canvas().Overlays().Top(); d != nil {
		if b, ok := first(d, func(b *widget.Button) bool { return b.Text == "Keep mine" }); ok {
			test.Tap(b)
		}
	}
	m, _ := store.Meeting(e.meeting.ID)
	for _, it := range m.Items {
		if it.ID == itemID && it.AskedOn.IsZero() {
			t.Errorf("the follow-up asked in this editor was un-asked: %+v", it.Item)
		}
	}
}

// "Mark asked…" in an item's menu reloads the editor by its meeting's ID:
// on a draft that is 0, and the reload fails with an error dialog ("Could
// not open the one-on-one") while the editor's copy stays un-asked.
func TestAdvMarkAskedFromItemMenuOnADraft(t *testing.T) {
	s, _, e, _ := advDraftWithAskableObstacle(t)
	row, ok := first[*itemRow](e.sections[model.HeadingObstacles].view)
	if !ok {
		t.Fatal("no item row")
	}
	test.Tap(row.more)
	advMenuItem(t, s.win, "Mark asked…")
	note := s.win.Canvas().Focused()
	if note == nil {
		t.Fatal("no Mark asked dialog")
	}
	enter(note)
	if n := dialogs(s.win); n != 0 {
		t.Errorf("after Mark asked on a draft, %d dialogs: %s", n, test.RenderObjectToMarkup(s.win.Canvas().Overlays().Top()))
	}
	if it := e.meeting.Items[0]; it.AskedOn.IsZero() {
		t.Errorf("the editor's item does not show it asked: %+v", it.Item)
	}
}

// "Mark asked…" in an item's menu reloads the editor without saving what
// waits to be saved: an edit that could not be saved yet (here a pulse
// comment over the limit, which the editor keeps on screen and asks about
// before it is ever dropped) is silently replaced by the stored text.
func TestAdvMarkAskedFromItemMenuKeepsWaitingEdits(t *testing.T) {
	s, _, e, _ := advDraftWithAskableObstacle(t)
	if err := e.start(); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("stretched ", model.MaxNoteText/10+1)
	e.comment.SetText(long)
	if err := e.flush(); err == nil {
		t.Fatal("a comment over the limit should not save")
	}
	row, _ := first[*itemRow](e.sections[model.HeadingObstacles].view)
	test.Tap(row.more)
	advMenuItem(t, s.win, "Mark asked…")
	note := s.win.Canvas().Focused()
	if note == nil {
		t.Fatal("no Mark asked dialog")
	}
	enter(note)
	if e.comment.Text != long {
		t.Errorf("the pulse comment waiting to be saved was replaced by %q (no question asked)", model.Ellipsize(e.comment.Text, 30))
	}
}

// Delete on a draft with words in an add box: the user confirms deleting
// the one-on-one, and leaving saves the typing, which stores it.
func TestAdvDeletingADraftStoresNothing(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	_, e := draftWith(s, overdue.ID)
	test.Type(e.adders[model.HeadingProgress], "Moving house")
	tapButton(t, e.view, "Delete")
	tapButton(t, s.win.Canvas().Overlays().Top(), "Yes")
	if hist, _ := store.History(overdue.ID); len(hist) != 1 {
		t.Errorf("deleting a draft stored it: %d one-on-ones", len(hist))
	}
}

// Asking twice: a follow-up already asked elsewhere (another window, another
// lead) is still listed on a page loaded before; Asked there overwrites what
// they said with the new (empty) note, and its undo un-asks it altogether.
func TestAdvAskingTwiceKeepsWhatTheySaid(t *testing.T) {
	s, store, amara := withFollowUp(t)
	s.open(s.oneOnOnes())
	oneOnOnes(s).openPerson(amara.ID)
	view := oneOnOnes(s).page.follow
	fus, _ := store.FollowUps(amara.ID)
	if len(fus) != 1 {
		t.Fatalf("%d follow-ups", len(fus))
	}
	if _, err := store.AskFollowUp(fus[0].ID, "Moved; the kids love the new school"); err != nil {
		t.Fatal(err)
	}
	test.Tap(askedButton(t, view)) // the page is stale
	note := s.win.Canvas().Focused()
	if note == nil {
		t.Fatal("no Mark asked dialog")
	}
	enter(note)
	hist, _ := store.History(amara.ID)
	m, _ := store.Meeting(hist[0].ID)
	if it := itemNamed(m, "Moving house next week"); it == nil || it.AskedNote != "Moved; the kids love the new school" {
		t.Errorf("asking again erased what they said: %+v", it)
	}
	for len(s.win.Canvas().Overlays().List()) > 0 {
		s.win.Canvas().Overlays().Remove(s.win.Canvas().Overlays().Top())
	}
	s.undo.trigger()
	m, _ = store.Meeting(hist[0].ID)
	if it := itemNamed(m, "Moving house next week"); it == nil || it.AskedOn.IsZero() {
		t.Errorf("undoing the second Asked un-asked the first: %+v", it)
	}
}

// Leaving meeting mode with pulse or notes that could not be saved (a
// comment over the limit) closes it and drops them: leave() only stays for
// a conflict, though its comment says "could not be saved ... is shown
// instead". The editor keeps such edits and asks before dropping them.
func TestAdvMeetingModeLeaveKeepsWhatCouldNotBeSaved(t *testing.T) {
	s, store, _, id := sharedDatabase(t)
	closed := false
	mm := openMeetingMode(s, id, func() { closed = true })
	mm.begin()
	long := strings.Repeat("stretched ", model.MaxNoteText/10+1)
	mm.side.comment.SetText(long)
	mm.leave()
	if closed {
		m, _ := store.Meeting(id)
		t.Errorf("meeting mode closed dropping a comment it could not save (stored %q)", model.Ellipsize(m.PulseComment, 20))
	}
}

// Quitting the app with meeting mode open saves its typing (saveAll), but a
// save that fails there does not stop the quit: "Quit without saving?" is
// asked only for the main window's screens.
func TestAdvQuitAsksBeforeDroppingMeetingModeNotes(t *testing.T) {
	s, _, o := startWithOverdue(t, true, nil)
	mm := openMeetingMode(s, o.editor.meeting.ID, func() {})
	mm.begin()
	mm.side.comment.SetText(strings.Repeat("stretched ", model.MaxNoteText/10+1))
	s.close()
	if s.closeSaved {
		t.Error("the app quit, dropping meeting mode's comment that could not be saved, without asking")
	}
	if !s.closeSaved {
		s.win.Close()
	}
}

// A prompt marked asked on a draft is logged with no one-on-one (the panel
// was loaded with none), and the editor never tells the panel once the
// draft is stored: reopening that one-on-one later suggests the very prompt
// already asked in it.
func TestAdvPromptAskedOnADraftStaysAsked(t *testing.T) {
	test.NewTempApp(t)
	store := openTestStore(t, filepath.Join(t.TempDir(), model.FileName))
	now := fixedNow
	store.Now = func() time.Time { return now }
	s := newTestShellOn(t, test.NewTempWindow(t, nil), store)
	overdue, _, _ := teamWithHistory(t, store)
	o, e := draftWith(s, overdue.ID)
	now = fixedNow.Add(10 * time.Minute) // ten minutes into the conversation
	b, ok := first(e.prompts.box, func(b *widget.Button) bool { return b.Text == "Asked" })
	if !ok {
		t.Fatal("no prompt suggested")
	}
	row := texts(e.prompts.box)
	asked := row[0] // the first prompt's first line
	test.Tap(b)
	add := e.adders[model.HeadingProgress]
	test.Type(add, "Moving house went well")
	enter(add) // the first write stores the draft
	id := e.meeting.ID
	o.openPerson(overdue.ID)
	o.openMeeting(id)
	if slices.Contains(texts(e.prompts.box), asked) {
		t.Errorf("the prompt asked in this one-on-one is suggested again when it is reopened: %q", asked)
	}
}

// Leaving meeting mode reloads the editor behind (onClose: e.load of the
// editor's meeting as it is then), without saving or asking: if the editor
// meanwhile holds an edit not yet saved (one that could not be, here, on
// another one-on-one opened in the main window), it is replaced without a
// word by what is stored.
func TestAdvLeavingMeetingModeKeepsTheEditorsOtherMeeting(t *testing.T) {
	s, store, o := startWithOverdue(t, false, nil)
	a := o.editor.meeting.ID
	o.editor.view.Refresh()
	mm := tapMeetingMode(t, s, o.editor)
	mm.begin()
	// Back in the main window, another one-on-one with them.
	b, err := store.StartOneOnOne(o.editor.meeting.PersonID, fixedNow.Add(time.Hour), model.MeetingSettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	o.openMeeting(b.ID)
	long := strings.Repeat("stretched ", model.MaxNoteText/10+1)
	o.editor.comment.SetText(long)
	if err := o.editor.flush(); err == nil {
		t.Fatal("a comment over the limit should not save")
	}
	mm.leave()
	if o.editor.meeting.ID != b.ID || o.editor.comment.Text != long {
		t.Errorf("leaving meeting mode on %d: the editor is on %d (want %d) and shows the comment %q, dropping the one waiting", a, o.editor.meeting.ID, b.ID, model.Ellipsize(o.editor.comment.Text, 20))
	}
}

// An item pasted into an add box that cannot be stored (a tab from a
// spreadsheet cell) is dropped on leaving: flush's addItem shows an error
// but flush returns nil (the box's pending save was forgotten first), so
// leaveEditor goes on, asks nothing, and the next fill empties the box.
// The same flush lets the window close without "Quit without saving?".
func TestAdvEditorAddBoxThatCannotBeSavedIsNotDropped(t *testing.T) {
	s, _, o := startWithOverdue(t, false, nil)
	add := o.editor.adders[model.HeadingFocus]
	add.SetText("Ship the macros\tby Friday") // pasted from a spreadsheet
	if err := o.editor.flush(); err == nil {
		t.Error("flush says all is saved, with an item in the add box that could not be")
	}
	for len(s.win.Canvas().Overlays().List()) > 0 {
		s.win.Canvas().Overlays().Remove(s.win.Canvas().Overlays().Top())
	}
	o.openPerson(o.editor.meeting.PersonID)
	if o.right.Objects[0] != o.editor.view && !inDialog(s.win, "Discard") {
		t.Error("leaving dropped the item that could not be added, without asking")
	}
}

// Meeting mode saves what the add box holds only once its window has closed
// (commitTyped in SetOnClosed): an item that cannot be added (a pasted tab)
// is then shown an error on a window that is gone, and lost.
func TestAdvMeetingModeLeaveKeepsAnItemThatCannotBeAdded(t *testing.T) {
	s, store, _, id := sharedDatabase(t)
	closed := false
	mm := openMeetingMode(s, id, func() { closed = true })
	mm.begin()
	mm.adder.SetText("Ship the macros\tby Friday") // pasted from a spreadsheet
	mm.leave()
	if m, _ := store.Meeting(id); closed && len(m.Items) == 1 {
		t.Error("meeting mode closed, dropping the item typed that could not be added")
	}
}

// The editor keeps its copy of a carried item while the user goes to Today
// and marks that item's follow-up asked there; coming back shows the same
// copy (the screen's load reloads the list, not the editor), so ticking the
// item is refused as someone else's save, and Keep mine un-asks it.
func TestAdvAskedOnTodayThenTickedInTheEditor(t *testing.T) {
	s, store, e, itemID := advDraftWithAskableObstacle(t)
	if err := e.start(); err != nil {
		t.Fatal(err)
	}
	s.open(s.today())
	s.today().load()
	test.Tap(askedButton(t, s.today().cards))
	enter(s.win.Canvas().Focused())
	s.open(s.oneOnOnes())
	row, _ := first[*itemRow](e.sections[model.HeadingObstacles].view)
	test.Tap(row.done)
	if dialogs(s.win) != 0 {
		t.Errorf("ticking the item asked on Today: %d dialogs (someone else's save?)", dialogs(s.win))
		if b, ok := first(s.win.Canvas().Overlays().Top(), func(b *widget.Button) bool { return b.Text == "Keep mine" }); ok {
			test.Tap(b)
		}
	}
	m, _ := store.Meeting(e.meeting.ID)
	for _, it := range m.Items {
		if it.ID == itemID && (it.AskedOn.IsZero() || it.Status != model.ItemDone) {
			t.Errorf("stored: %+v", it.Item)
		}
	}
}

// draftWith opens a person's page and starts a one-on-one with them: a
// draft until its first write.
func draftWith(s *shell, id uint) (*oneOnOneScreen, *meetingEditor) {
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	o.openPerson(id)
	o.start(id)
	return o, o.editor
}
