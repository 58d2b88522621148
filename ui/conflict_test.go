package ui

import (
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// sharedDatabase is the app on a database that a second client (another
// lead) opens too, with a one-on-one holding one obstacle.
func sharedDatabase(t *testing.T) (s *shell, store, other *model.Store, meetingID uint) {
	t.Helper()
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), model.FileName)
	store = openTestStore(t, path)
	s = newTestShellOn(t, test.NewTempWindow(t, nil), store)
	other = openTestStore(t, path)
	p := model.Person{Name: "Amara Okafor", Team: "Chat"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	m, err := store.StartOneOnOne(p.ID, fixedNow, model.MeetingSettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddItem(m.ID, model.HeadingObstacles, "Refund tool times out", false); err != nil {
		t.Fatal(err)
	}
	return s, store, other, m.ID
}

// openEditor shows the one-on-one in the editor.
func openEditor(s *shell, id uint) *meetingEditor {
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	o.openMeeting(id)
	return o.editor
}

// theirItemSave has the other client change the one-on-one's only item.
func theirItemSave(t *testing.T, other *model.Store, id uint, change func(*model.Item)) {
	t.Helper()
	m, err := other.Meeting(id)
	if err != nil {
		t.Fatal(err)
	}
	change(&m.Items[0].Item)
	if err := other.UpdateItem(&m.Items[0].Item); err != nil {
		t.Fatal(err)
	}
}

func storedItem(t *testing.T, store *model.Store, id uint) model.Item {
	t.Helper()
	m, err := store.Meeting(id)
	if err != nil {
		t.Fatal(err)
	}
	return m.Items[0].Item
}

// first finds the first object of type T under o that is, when match is
// given, the one sought: in containers and, through their renderers, in
// widgets, depth first.
func first[T fyne.CanvasObject](o fyne.CanvasObject, match ...func(T) bool) (T, bool) {
	if x, ok := o.(T); ok && (len(match) == 0 || match[0](x)) {
		return x, true
	}
	for _, c := range children(o) {
		if x, ok := first(c, match...); ok {
			return x, true
		}
	}
	var zero T
	return zero, false
}

// children are what o shows: a container's objects, a widget's renderer's.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}

// inDialog reports whether the dialog on top of w shows text.
func inDialog(w fyne.Window, text string) bool {
	top := w.Canvas().Overlays().Top()
	return top != nil && contains(test.RenderObjectToMarkup(top), text)
}

// dialogs counts the overlays of a window (each dialog is one).
func dialogs(w fyne.Window) int { return len(w.Canvas().Overlays().List()) }

func TestItemConflictAsksAndKeepMine(t *testing.T) {
	s, store, other, id := sharedDatabase(t)
	e := openEditor(s, id)
	theirItemSave(t, other, id, func(it *model.Item) { it.Text = "Refund tool fixed by IT"; it.Status = model.ItemDone })

	text, _ := first[*itemEntry](e.sections[model.HeadingObstacles].view)
	text.SetText("Refund tool: escalated to IT")
	if err := e.flush(); !isConflict(err) {
		t.Fatalf("flush on a stale item: %v", err)
	}
	if dialogs(s.win) != 1 {
		t.Fatalf("%d dialogs, want the conflict's", dialogs(s.win))
	}
	for _, want := range []string{"Someone else saved this item", "Text", "Theirs:  Refund tool fixed by IT", "Yours:   Refund tool: escalated to IT",
		"Done / open", "Theirs:  done", "Yours:   open", "Keep mine", "Take theirs"} {
		if !inDialog(s.win, want) {
			t.Errorf("the dialog should show %q", want)
		}
	}
	if inDialog(s.win, "Work / non-work") {
		t.Error("fields that do not differ are not listed")
	}
	applyTheme() // the app's look; it also lays the dialog out, as drawing would
	assertGolden(t, "conflict_item.xml", s.win.Canvas())
	if e.saved.Text != "Not saved" || !contains(e.problem.Text, "someone else saved the item “Refund tool fixed by IT” while you were editing it") {
		t.Errorf("notice: %q / %q", e.saved.Text, e.problem.Text)
	}

	// Autosave retrying on each pause does not stack dialogs; Enter picks nothing.
	_ = e.saver.flush()
	s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if dialogs(s.win) != 1 || storedItem(t, store, id).Text != "Refund tool fixed by IT" {
		t.Fatalf("a retry or Enter changed something: %d dialogs, stored %q", dialogs(s.win), storedItem(t, store, id).Text)
	}
	// Esc is neither: the change waits, and the notice says so.
	s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if dialogs(s.win) != 0 || !e.saver.dirty() || !e.problemRow.Visible() || !e.conflicts.review.Visible() {
		t.Fatalf("Esc: %d dialogs, pending %v, notice %v", dialogs(s.win), e.saver.dirty(), e.problemRow.Visible())
	}
	_ = e.saver.flush()
	if dialogs(s.win) != 0 {
		t.Error("the same refusal should not ask again after Esc")
	}
	// Leaving asks again rather than losing the change.
	e.screen.openPerson(e.meeting.PersonID)
	if dialogs(s.win) != 1 || e.screen.right.Objects[0] != e.view {
		t.Fatal("leaving with a conflict should ask whose to keep and stay")
	}

	tapButton(t, s.win.Canvas().Overlays().Top(), "Keep mine")
	got := storedItem(t, store, id)
	if got.Text != "Refund tool: escalated to IT" || got.Status != model.ItemOpen {
		t.Errorf("Keep mine stored %+v", got)
	}
	if dialogs(s.win) != 0 || e.saver.dirty() || e.problemRow.Visible() || e.conflicts.review.Visible() || e.saved.Text != "Saved" {
		t.Errorf("after Keep mine: %d dialogs, pending %v, notice %q, %q", dialogs(s.win), e.saver.dirty(), e.problem.Text, e.saved.Text)
	}
}

func TestTickedItemConflictTakeTheirs(t *testing.T) {
	s, store, other, id := sharedDatabase(t)
	e := openEditor(s, id)
	theirItemSave(t, other, id, func(it *model.Item) {
		it.Text = "Refund tool fixed by IT"
		it.FollowUp = model.DateOf(fixedNow).AddDays(7)
	})

	done, _ := first[*widget.Check](e.sections[model.HeadingObstacles].view)
	test.Tap(done)
	if dialogs(s.win) != 1 || !inDialog(s.win, "Yours:   done") || !inDialog(s.win, "Theirs:  Tue 17 Mar 2026") {
		t.Fatalf("ticking a stale item should ask: %d dialogs", dialogs(s.win))
	}
	if !e.saver.dirty() || !e.problemRow.Visible() {
		t.Fatal("the tick should wait, unsaved, with the notice")
	}
	tapButton(t, s.win.Canvas().Overlays().Top(), "Take theirs")
	got := storedItem(t, store, id)
	if got.Status != model.ItemOpen || got.Text != "Refund tool fixed by IT" {
		t.Errorf("Take theirs stored %+v", got)
	}
	done, _ = first[*widget.Check](e.sections[model.HeadingObstacles].view)
	text, _ := first[*itemEntry](e.sections[model.HeadingObstacles].view)
	if done.Checked || text.Text != "Refund tool fixed by IT" || e.saver.dirty() || e.problemRow.Visible() {
		t.Errorf("after Take theirs: ticked %v, text %q, pending %v", done.Checked, text.Text, e.saver.dirty())
	}
	// Their version is now ours: the next tick saves.
	test.Tap(done)
	if storedItem(t, store, id).Status != model.ItemDone || dialogs(s.win) != 0 {
		t.Error("ticking after Take theirs should save")
	}
}

func TestMeetingConflictTakeTheirsKeepsPrivateNotes(t *testing.T) {
	s, store, other, id := sharedDatabase(t)
	e := openEditor(s, id)
	theirs, err := other.Meeting(id)
	if err != nil {
		t.Fatal(err)
	}
	theirs.PulseRating, theirs.SharedNotes = 4, "Agreed to try the new refund macro on Monday and see how the queue copes."
	theirs.Setting = model.MeetingSettingWalk
	if err := other.SaveOneOnOne(&theirs.OneOnOne); err != nil {
		t.Fatal(err)
	}

	e.rating.SetSelected("2")
	test.Type(e.shared.entry, "Agreed to try the new refund macro on Monday and see how the team copes with it.")
	test.Type(e.private.entry, "Seems tired.")
	_ = e.flush()
	for _, want := range []string{"Someone else saved this one-on-one", "Pulse rating", "Theirs:  4 of 5", "Yours:   2 of 5",
		"Where", "Theirs:  Walk", "Shared notes", "Your private notes are kept either way"} {
		if !inDialog(s.win, want) {
			t.Errorf("the dialog should show %q", want)
		}
	}
	if inDialog(s.win, "Seems tired") || inDialog(s.win, "Pulse comment") {
		t.Error("private notes and unchanged fields are not compared")
	}
	// Long notes that differ late show where they differ.
	if !inDialog(s.win, "Theirs:  …on Monday and see how the queue copes.") || !inDialog(s.win, "Yours:   …on Monday and see how the team copes with it.") {
		t.Error("long notes should be cut to where they differ\n" + test.RenderObjectToMarkup(s.win.Canvas().Overlays().Top()))
	}
	applyTheme()
	assertGolden(t, "conflict_meeting.xml", s.win.Canvas())

	tapButton(t, s.win.Canvas().Overlays().Top(), "Take theirs")
	m, err := store.Meeting(id)
	if err != nil {
		t.Fatal(err)
	}
	if m.PulseRating != 4 || m.SharedNotes != theirs.SharedNotes || m.Setting != model.MeetingSettingWalk || m.PrivateNotes != "Seems tired." {
		t.Errorf("stored after Take theirs: %+v", m.OneOnOne)
	}
	if e.rating.Selected != "4" || e.shared.Text() != theirs.SharedNotes || e.setting.Selected != "Walk" || e.private.Text() != "Seems tired." {
		t.Errorf("editor after Take theirs: %q %q %q %q", e.rating.Selected, e.shared.Text(), e.setting.Selected, e.private.Text())
	}
	if dialogs(s.win) != 0 || e.saver.dirty() || e.saved.Text != "Saved" {
		t.Errorf("after Take theirs: %d dialogs, pending %v", dialogs(s.win), e.saver.dirty())
	}
}

// A save of theirs that changed nothing we compare (their private notes,
// say) is no conflict: ours is saved without asking.
func TestConflictWithNothingOfTheirsSavesQuietly(t *testing.T) {
	s, store, other, id := sharedDatabase(t)
	e := openEditor(s, id)
	theirs, _ := other.Meeting(id)
	theirs.PrivateNotes = "Mine alone"
	if err := other.SaveOneOnOne(&theirs.OneOnOne); err != nil {
		t.Fatal(err)
	}
	test.Type(e.comment, "Team feels stretched")
	if err := e.flush(); err != nil || dialogs(s.win) != 0 {
		t.Fatalf("flush: %v, %d dialogs", err, dialogs(s.win))
	}
	if m, _ := store.Meeting(id); m.PulseComment != "Team feels stretched" {
		t.Errorf("stored %q", m.PulseComment)
	}
}

func TestMeetingModeConflict(t *testing.T) {
	s, store, other, id := sharedDatabase(t)
	closed := false
	mm := openMeetingMode(s, id, func() { closed = true })
	mm.begin()
	theirItemSave(t, other, id, func(it *model.Item) { it.NonWork = true })

	mm.setHeading(model.HeadingObstacles)
	add := mm.adder
	add.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault})
	if dialogs(mm.win) != 1 || !inDialog(mm.win, "Theirs:  Non-work") || !inDialog(mm.win, "Yours:   done") {
		t.Fatalf("Ctrl+D on a stale item should ask in meeting mode: %d dialogs", dialogs(mm.win))
	}
	// Esc closes the dialog, not meeting mode; leaving then asks again.
	mm.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed || dialogs(mm.win) != 0 || !contains(mm.notice.Text, "someone else saved the item") {
		t.Fatalf("Esc: closed %v, %d dialogs, notice %q", closed, dialogs(mm.win), mm.notice.Text)
	}
	mm.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed || dialogs(mm.win) != 1 {
		t.Fatal("leaving with a change waiting should ask first")
	}
	tapButton(t, mm.win.Canvas().Overlays().Top(), "Keep mine")
	if got := storedItem(t, store, id); got.Status != model.ItemDone || got.NonWork {
		t.Errorf("Keep mine stored %+v", got)
	}
	if mm.notice.Text != "" || dialogs(mm.win) != 0 {
		t.Error("the notice should go once chosen")
	}
	add.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !closed {
		t.Error("Esc should leave once nothing waits")
	}
}

func TestExcerptsShowWhereTextsDiffer(t *testing.T) {
	long := "We talked about the queue, the refund macro and how the new rota works for the late shift on "
	for _, c := range []struct{ theirs, mine, wantT, wantM string }{
		{"Short", "", "Short", "(empty)"},
		{"Two\nlines", "Two  lines!", "Two lines", "Two lines!"},
		{long + "Fridays.", long + "Sundays.", "…works for the late shift on Fridays.", "…works for the late shift on Sundays."},
		{"Fridays " + long, "Sundays " + long, "Fridays We talked about the queue, the refund macro and how…", "Sundays We talked about the queue, the refund macro and how…"},
	} {
		if gotT, gotM := excerpts(c.theirs, c.mine); gotT != c.wantT || gotM != c.wantM {
			t.Errorf("excerpts(%q, %q) = %q, %q", c.theirs, c.mine, gotT, gotM)
		}
	}
}

// A follow-up asked elsewhere (Today, meeting mode) is a difference: a stale
// copy saved over it would silently un-ask it.
func TestItemDiffsSeeAFollowUpAsked(t *testing.T) {
	mine := model.Item{Text: "Moving house", Status: model.ItemOpen, FollowUp: model.NewDate(2026, 3, 9)}
	theirs := mine
	theirs.AskedOn, theirs.AskedNote = model.NewDate(2026, 3, 10), "Went well"
	var names []string
	for _, d := range itemDiffs(&mine, &theirs) {
		names = append(names, d.name)
	}
	if !slices.Equal(names, []string{"Asked on", "What they said"}) {
		t.Errorf("differences %v, want the asked day and what they said", names)
	}
}
