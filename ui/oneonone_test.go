package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

func oneOnOnes(s *shell) *oneOnOneScreen { return s.oneOnOnes() }

// startWithOverdue starts a one-on-one with the most overdue report of a
// team with history, with autosave's timers on after (nil: the shell's). A
// test that closes the window itself gets one that is not a temp window.
func startWithOverdue(t *testing.T, closes bool, after afterFunc) (*shell, *model.Store, *oneOnOneScreen) {
	t.Helper()
	s, store := newTestShellClosing(t, closes)
	if after != nil {
		s.after = after
	}
	overdue, _, _ := teamWithHistory(t, store)
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	o.openPerson(overdue.ID)
	o.start(overdue.ID)
	if err := o.editor.start(); err != nil { // stored, as a first write does
		t.Fatal(err)
	}
	return s, store, o
}

func enter(e fyne.Focusable) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// teamWithHistory is three reports: one overdue with an open obstacle, one
// met yesterday, one never met.
func teamWithHistory(t *testing.T, store *model.Store) (overdue, recent, never model.Person) {
	t.Helper()
	for _, p := range []*model.Person{&overdue, &recent, &never} {
		*p = model.Person{Name: map[*model.Person]string{&overdue: "Amara Okafor", &recent: "Ben Lindqvist", &never: "Chiara Rossi"}[p], Team: "Chat"}
		if err := store.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	day := 24 * time.Hour
	old, err := store.StartOneOnOne(overdue.ID, fixedNow.Add(-9*day), model.MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddItem(old.ID, model.HeadingObstacles, "Refund tool times out", false); err != nil {
		t.Fatal(err)
	}
	old.PulseRating = 4
	if err := store.SaveOneOnOne(&old); err != nil {
		t.Fatal(err)
	}
	if _, err := store.StartOneOnOne(recent.ID, fixedNow.Add(-day), model.MeetingSettingCoffee); err != nil {
		t.Fatal(err)
	}
	return overdue, recent, never
}

func TestOneOnOnesListedByDueDate(t *testing.T) {
	s, store := newTestShell(t)
	overdue, recent, never := teamWithHistory(t, store)
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key3))
	o := oneOnOnes(s)
	if s.current != 2 || len(o.shown) != 3 {
		t.Fatalf("Ctrl+2: screen %d, %d reports", s.current, len(o.shown))
	}
	if o.shown[0].ID != overdue.ID || o.shown[1].ID != never.ID || o.shown[2].ID != recent.ID {
		t.Errorf("order = %s, %s, %s", o.shown[0].Name, o.shown[1].Name, o.shown[2].Name)
	}
	if o.count.Text != "3 reports · 1 overdue" {
		t.Errorf("count = %q", o.count.Text)
	}
	o.list.Select(0)
	if o.page.person.ID != overdue.ID || len(o.page.history) != 1 || len(o.page.plot.series) != 1 || len(o.page.plot.series[0].Points) != 1 {
		t.Fatalf("person page: %+v, %d meetings", o.page.person, len(o.page.history))
	}
	assertGolden(t, "oneonones_page.xml", s.win.Canvas())
}

// The filter runs off the UI goroutine; a run that a newer one overtakes
// is not shown.
func TestOneOnOnesFilter(t *testing.T) {
	s, store := newTestShell(t)
	_, _, never := teamWithHistory(t, store)
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	var queued []func()
	s.bg = func(f func()) { queued = append(queued, f) }
	test.Type(o.filter, "b") // Ben
	test.Type(o.filter, "z") // no one
	o.filter.SetText("chi")  // Chiara
	if len(queued) != 3 || len(o.shown) != 3 {
		t.Fatalf("%d runs queued, %d shown before any ran", len(queued), len(o.shown))
	}
	queued[2]()
	if len(o.shown) != 1 || o.shown[0].ID != never.ID || o.count.Text != "1 of 3 reports · 1 overdue" {
		t.Fatalf("filter chi: %d shown, count %q", len(o.shown), o.count.Text)
	}
	queued[0]()
	queued[1]()
	if len(o.shown) != 1 || o.shown[0].ID != never.ID {
		t.Errorf("older runs replaced the newest: %d shown", len(o.shown))
	}
}

func TestOneOnOneEditorCarriesOverAndAutosaves(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	o.list.Select(0)
	test.Tap(o.page.startBtn)
	e := o.editor
	// A draft until something is written: leaving now stores nothing.
	if hist, _ := store.History(overdue.ID); e.meeting.ID != 0 || e.meeting.PersonID != overdue.ID || len(hist) != 1 {
		t.Fatalf("start should open a draft with them and store nothing: %+v, %d stored", e.meeting.OneOnOne, len(hist))
	}
	if len(e.meeting.Items) != 1 || !e.meeting.Items[0].Carried {
		t.Fatalf("the open obstacle should be carried over: %+v", e.meeting.Items)
	}
	if !markupContains(t, s, "carried over from Sun 1 Mar 2026") {
		t.Error("a carried item should say where it came from")
	}

	add := e.adders[model.HeadingProgress]
	test.Type(add, "Moving house went well")
	enter(add)
	if add.Text != "" || len(e.items[model.HeadingProgress]) != 1 {
		t.Fatalf("Enter should add the item and clear the box")
	}
	if hist, _ := store.History(overdue.ID); e.meeting.ID == 0 || len(hist) != 2 {
		t.Fatalf("the first item should store the one-on-one: %d, %d stored", e.meeting.ID, len(hist))
	}
	test.Type(e.shared.entry, "Walked to the park.")
	test.Type(e.private.entry, "Seems tired.")
	e.rating.SetSelected("2")
	if !e.saver.dirty() {
		t.Fatal("typing should leave saves pending until the pause")
	}
	// Switching screens saves what was typed.
	s.open(s.people())
	m, err := store.Meeting(e.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.SharedNotes != "Walked to the park." || m.PrivateNotes != "Seems tired." || m.PulseRating != 2 {
		t.Errorf("after switching screens: %+v", m.OneOnOne)
	}
	var added *model.MeetingItem
	for i := range m.Items {
		if m.Items[i].Text == "Moving house went well" {
			added = m.Items[i]
		}
	}
	if added == nil || added.NonWork {
		t.Fatalf("added item: %+v", m.Items)
	}
	s.open(s.oneOnOnes())
	assertGolden(t, "oneonone_editor.xml", s.win.Canvas())
}

func TestClosingTheWindowSavesTyping(t *testing.T) {
	test.NewTempApp(t)
	// Not a temp window: the test closes it itself.
	s, store, o := startWithOverdue(t, true, nil)
	test.Type(o.editor.comment, "Team feels stretched")
	s.close()
	m, _ := store.Meeting(o.editor.meeting.ID)
	if m.PulseComment != "Team feels stretched" {
		t.Errorf("closing lost the typing: %q", m.PulseComment)
	}
}

func markupContainsCanvas(c fyne.Canvas, text string) bool {
	return contains(test.RenderToMarkup(c), text)
}

func TestTeamActionsAcrossTheTeam(t *testing.T) {
	s, store := newTestShell(t)
	overdue, recent, _ := teamWithHistory(t, store)
	today := store.Today()
	for _, a := range []model.Action{
		{PersonID: recent.ID, Text: "Read the returns policy", Due: today.AddDays(3)},
		{PersonID: overdue.ID, Text: "Send the rota", Owner: model.OwnerLead, Due: today.AddDays(-2)},
		{PersonID: overdue.ID, Text: "Someday"},
	} {
		if err := store.SaveAction(&a); err != nil {
			t.Fatal(err)
		}
	}
	s.open(s.oneOnOnes())
	a := oneOnOnes(s).actions
	if len(a.rows) != 3 || a.rows[0].Text != "Send the rota" || !a.rows[0].Overdue || !a.rows[1].DueSoon {
		t.Fatalf("team actions = %+v", a.rows)
	}
	if a.summary.Text != "3 actions open · 1 overdue · 1 due within 7 days" {
		t.Errorf("summary = %q", a.summary.Text)
	}
	assertGolden(t, "team_actions.xml", s.win.Canvas())

	row := a.list.CreateItem()
	a.updateRow(0, row)
	row.(*fyne.Container).Objects[1].(*widget.Check).SetChecked(true)
	if len(a.rows) != 2 {
		t.Fatalf("ticking an action should take it off the list: %d left", len(a.rows))
	}
	s.undo.trigger()
	if len(a.rows) != 3 {
		t.Errorf("undo should bring the action back: %d", len(a.rows))
	}
}

func TestFileSafe(t *testing.T) {
	for in, want := range map[string]string{"Amara O'Brien": "amara-obrien", "José": "jos", "": "one-on-ones", "Ben  Kim": "ben--kim"} {
		if got := fileSafe(in); got != want {
			t.Errorf("fileSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// Rows hold on to their items while the list grows: an edit made after other
// items were added survives the section being redrawn.
func TestEditorEditsSurviveRedraws(t *testing.T) {
	s, store, o := startWithOverdue(t, false, nil)
	e := o.editor
	for _, text := range []string{"One", "Two", "Three"} {
		test.Type(e.adders[model.HeadingProgress], text)
		enter(e.adders[model.HeadingProgress])
	}
	carried, _ := first[*itemEntry](e.sections[model.HeadingObstacles].view)
	carried.SetText("Refund tool: escalated to IT")
	test.Type(e.adders[model.HeadingObstacles], "Headset crackles")
	enter(e.adders[model.HeadingObstacles])
	e.saver.flush()
	if !markupContains(t, s, "Refund tool: escalated to IT") {
		t.Error("redrawing Obstacles lost the edit to the carried item")
	}
	m, _ := store.Meeting(e.meeting.ID)
	for _, it := range m.Items {
		if it.Heading == model.HeadingObstacles && it.Carried && it.Text != "Refund tool: escalated to IT" {
			t.Errorf("carried item saved as %q", it.Text)
		}
	}
}

// Text typed into an add box but never confirmed with Enter is kept when
// leaving the editor or meeting mode.
func TestUnconfirmedTypingIsKept(t *testing.T) {
	s, store, o := startWithOverdue(t, false, nil)
	id := o.editor.meeting.ID
	test.Type(o.editor.adders[model.HeadingFocus], "Pending focus text")
	s.open(s.people())

	mm := openMeetingMode(s, id, func() {})
	mm.begin()
	add := mm.adder
	test.Type(add, "Typed in meeting mode")
	add.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault})
	if !mm.nonWork.Checked {
		t.Error("Ctrl+T while typing should tag the item being typed")
	}
	add.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	got := itemsByText(t, store, id)
	if it := got["Pending focus text"]; it == nil || it.Heading != model.HeadingFocus {
		t.Errorf("editor lost the unconfirmed text: %v", got)
	}
	if it := got["Typed in meeting mode"]; it == nil || !it.NonWork {
		t.Errorf("meeting mode lost the unconfirmed text: %v", got)
	}
}

func itemsByText(t *testing.T, store *model.Store, id uint) map[string]*model.MeetingItem {
	t.Helper()
	m, err := store.Meeting(id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.MeetingItem{}
	for _, it := range m.Items {
		out[it.Text] = it
	}
	return out
}
