package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// A report's own app, on a file standing in for their sign-in: their next
// one-on-one with their lead, the agenda they fill (Enter adds, a button
// takes off, undo puts back), their pulse, the shared history without
// private items, and their actions to tick; all within the smallest window.
func TestReportApp(t *testing.T) {
	s, store := newTestShell(t)
	lead := model.Person{Name: "Rhea Lind"}
	if err := store.SavePerson(&lead); err != nil {
		t.Fatal(err)
	}
	ines := model.Person{Name: "Ines Duarte", ManagerID: &lead.ID}
	if err := store.SavePerson(&ines); err != nil {
		t.Fatal(err)
	}
	held := fixedNow.Add(-7 * 24 * time.Hour)
	o, err := store.StartOneOnOne(ines.ID, held, model.MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	secret, err := store.AddItem(o.ID, model.HeadingObstacles, "Second job is wearing her out", false)
	if err == nil {
		secret.Private = true
		err = store.UpdateItem(&secret)
	}
	if err == nil {
		_, err = store.AddItem(o.ID, model.HeadingFocus, "Chat queue next week", false)
	}
	todo := model.Action{PersonID: ines.ID, Text: "Shadow a chat shift", Owner: model.OwnerReport}
	if err == nil {
		err = store.SaveAction(&todo)
	}
	if err == nil {
		err = store.SaveAction(&model.Action{PersonID: ines.ID, Text: "Ask about the course budget", Owner: model.OwnerLead})
	}
	if err != nil {
		t.Fatal(err)
	}

	r := s.openReportApp(store, ines.ID)
	want := "Your next one-on-one with Rhea Lind: " + formatDay(model.CadenceWeekly.DueAfter(held, model.DefaultWorkWeek()))
	if r.next.Text != want {
		t.Errorf("heading %q, want %q", r.next.Text, want)
	}

	entry := findEntry(t, s.win.Content(), "Add to obstacles")
	if entry == nil {
		t.Fatal("no entry under Obstacles")
	}
	test.Type(entry, "Night course clashes")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a, _ := store.Agenda(ines.ID); len(a.Items) != 1 || a.Items[0].Heading != model.HeadingObstacles || entry.Text != "" {
		t.Fatalf("Enter added %+v; the entry holds %q", a.Items, entry.Text)
	}
	r.remove(r.v.Agenda.Items[0])
	if a, _ := store.Agenda(ines.ID); len(a.Items) != 0 {
		t.Fatalf("the item stayed: %+v", a.Items)
	}
	s.undo.trigger()
	if a, _ := store.Agenda(ines.ID); len(a.Items) != 1 {
		t.Fatalf("undo did not put it back: %+v", a.Items)
	}
	r.pulse.SetSelected("4")
	if a, _ := store.Agenda(ines.ID); a.Pulse != 4 {
		t.Errorf("pulse %d, want 4", a.Pulse)
	}

	r.history.Select(0)
	if strings.Contains(r.shown.Text, "Second job") || !strings.Contains(r.shown.Text, "Chat queue next week") {
		t.Errorf("the history shows:\n%s", r.shown.Text)
	}

	var mine *widget.Check
	for i, a := range r.v.Actions {
		row := r.actions.CreateItem()
		r.actions.UpdateItem(i, row)
		tick := row.(*fyne.Container).Objects[1].(*widget.Check)
		if a.Owner == model.OwnerLead != tick.Disabled() {
			t.Errorf("%q: tick disabled %v", a.Text, tick.Disabled())
		}
		if a.ID == todo.ID {
			mine = tick
		}
	}
	mine.SetChecked(true) // after the loop: the tick reloads the rows
	if v, _ := store.ReportView(ines.ID); !v.Actions[len(v.Actions)-1].Done() {
		t.Errorf("the tick was not kept: %+v", v.Actions)
	}

	for _, size := range []fyne.Size{minWindow, fyne.NewSize(1280, 800)} {
		s.win.Resize(size)
		if m := s.win.Content().MinSize().Add(fyne.NewSquareSize(2 * theme.Padding())); m.Width > minWindow.Width || m.Height > minWindow.Height {
			t.Errorf("needs %v, more than %v", m, minWindow)
		}
	}
}

// findEntry is the entry whose placeholder starts with prefix.
func findEntry(t *testing.T, o fyne.CanvasObject, prefix string) *widget.Entry {
	t.Helper()
	if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, prefix) {
		return e
	}
	for _, k := range children(o) {
		if e, ok := k.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, prefix) {
			return e
		}
		if e := findEntry(t, k, prefix); e != nil {
			return e
		}
	}
	return nil
}

// What a report typed and did not add yet is added as the window closes.
// Before, closing dropped it, while the lead's app kept its own typing.
func TestReportAppKeepsWhatWasTypedOnClose(t *testing.T) {
	s, store := newTestShell(t)
	ines := model.Person{Name: "Ines Duarte"}
	if err := store.SavePerson(&ines); err != nil {
		t.Fatal(err)
	}
	r := s.openReportApp(store, ines.ID)
	test.Type(r.typing[model.HeadingFocus], "Ask about weekend shifts")
	r.outside[model.HeadingFocus].SetChecked(true)
	if !s.saveAll() {
		t.Fatal("saving on close failed")
	}
	a, err := store.Agenda(ines.ID)
	if err != nil || len(a.Items) != 1 || a.Items[0].Text != "Ask about weekend shifts" || !a.Items[0].NonWork {
		t.Errorf("after closing the agenda holds %+v (%v)", a.Items, err)
	}
}

// A report's record of a one-on-one holds what carried into it too, marked
// so: before, the obstacle talked through again that day was missing.
func TestReportHistoryShowsWhatCarriedIn(t *testing.T) {
	s, store := newTestShell(t)
	ines := model.Person{Name: "Ines Duarte"}
	if err := store.SavePerson(&ines); err != nil {
		t.Fatal(err)
	}
	first, err := store.StartOneOnOne(ines.ID, fixedNow.Add(-7*24*time.Hour), model.MeetingSettingWalk)
	if err == nil {
		_, err = store.AddItem(first.ID, model.HeadingObstacles, "Headset keeps dropping calls", false)
	}
	if err == nil {
		_, err = store.StartOneOnOne(ines.ID, fixedNow, model.MeetingSettingWalk)
	}
	if err != nil {
		t.Fatal(err)
	}
	r := s.openReportApp(store, ines.ID)
	if len(r.v.History) != 2 {
		t.Fatalf("history holds %d one-on-ones", len(r.v.History))
	}
	if got := meetingText(r.v.History[0]); !strings.Contains(got, "• Headset keeps dropping calls (carried over)") {
		t.Errorf("the latest one-on-one reads:\n%s", got)
	}
	if got := meetingText(r.v.History[1]); strings.Contains(got, "(carried over)") {
		t.Errorf("the first one-on-one reads:\n%s", got)
	}
}
