package ui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// withFollowUp is teamWithHistory with something Amara shared in her last
// one-on-one, to ask about today.
func withFollowUp(t *testing.T) (*shell, *model.Store, model.Person) {
	t.Helper()
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	addFollowUp(t, store, overdue.ID, "Moving house next week")
	return s, store, overdue
}

// addFollowUp adds to a person's last one-on-one a non-work item to ask
// about today.
func addFollowUp(t *testing.T, store *model.Store, personID uint, text string) {
	t.Helper()
	hist, _ := store.History(personID)
	it, err := store.AddItem(hist[0].ID, model.HeadingProgress, text, true)
	if err != nil {
		t.Fatal(err)
	}
	it.FollowUp = store.Today()
	if err := store.UpdateItem(&it); err != nil {
		t.Fatal(err)
	}
}

// askedButton is the first "Asked" button under o.
func askedButton(t *testing.T, o fyne.CanvasObject) *widget.Button {
	t.Helper()
	b, ok := first(o, func(b *widget.Button) bool { return b.Text == "Asked" })
	if !ok {
		t.Fatal("no Asked button")
	}
	return b
}

// A follow-up is marked asked, with what they said, from Today, the
// person's page and the editor; the dialog says which one it is, Enter
// confirms, it leaves the lists, and undo brings it back. Before, Asked
// only logged a prompt, and the follow-up stayed due.
func TestFollowUpsMarkedAsked(t *testing.T) {
	for _, tt := range []struct {
		where string
		open  func(s *shell, id uint) fyne.CanvasObject
	}{
		{"Today", func(s *shell, _ uint) fyne.CanvasObject { s.today().load(); return s.today().cards }},
		{"person's page", func(s *shell, id uint) fyne.CanvasObject {
			s.open(s.oneOnOnes())
			oneOnOnes(s).openPerson(id)
			return oneOnOnes(s).page.follow
		}},
		{"editor", func(s *shell, id uint) fyne.CanvasObject {
			s.open(s.oneOnOnes())
			oneOnOnes(s).start(id)
			return oneOnOnes(s).editor.followUps
		}},
	} {
		t.Run(tt.where, func(t *testing.T) {
			s, store, amara := withFollowUp(t)
			view := tt.open(s, amara.ID)
			if !shows(view, "Moving house next week") {
				t.Fatal("the follow-up is not shown")
			}
			test.Tap(askedButton(t, view))
			if !inDialog(s.win, "You asked Amara about “Moving house next week”.") {
				t.Fatal("the dialog does not say which follow-up it is")
			}
			note := s.win.Canvas().Focused()
			if note == nil {
				t.Fatal("the note does not have the focus")
			}
			test.Type(note, "Moved; the kids love the new school")
			enter(note)
			if dialogs(s.win) != 0 {
				t.Fatal("Enter should confirm")
			}
			if fus, _ := store.FollowUps(amara.ID); len(fus) != 0 {
				t.Errorf("still due: %+v", fus)
			}
			if shows(view, "Moving house next week") {
				t.Error("the follow-up is still listed")
			}
			if tt.where == "person's page" && shows(oneOnOnes(s).list, "1 follow-up") {
				t.Error("the list of reports still counts the follow-up")
			}
			hist, _ := store.History(amara.ID)
			m, _ := store.Meeting(hist[len(hist)-1].ID)
			if it := itemNamed(m, "Moving house next week"); it == nil || it.AskedNote != "Moved; the kids love the new school" || it.AskedOn != store.Today() {
				t.Errorf("asked item: %+v", it)
			}
			s.undo.trigger()
			if fus, _ := store.FollowUps(amara.ID); len(fus) != 1 || fus[0].AskedNote != "" {
				t.Errorf("after undo: %+v", fus)
			}
			if !shows(view, "Moving house next week") {
				t.Error("undo should list it again")
			}
		})
	}
}

// shows reports whether a label or link under o says text, however it wraps.
func shows(o fyne.CanvasObject, text string) bool {
	_, label := first(o, func(l *widget.Label) bool { return contains(l.Text, text) })
	_, link := first(o, func(l *widget.Hyperlink) bool { return contains(l.Text, text) })
	return label || link
}

func itemNamed(m model.Meeting, text string) *model.MeetingItem {
	for _, it := range m.Items {
		if it.Text == text {
			return it
		}
	}
	return nil
}

// "and N more" on Today's follow-ups lists them all, each with Asked.
func TestTodayListsEveryFollowUp(t *testing.T) {
	s, store, amara := withFollowUp(t)
	for i := range todayMax {
		addFollowUp(t, store, amara.ID, fmt.Sprint("Shared thing ", i))
	}
	s.today().load()
	more, ok := first(s.today().cards, func(b *widget.Button) bool { return b.Text == "and 1 more…" })
	if !ok {
		t.Fatal("no link to the rest")
	}
	test.Tap(more)
	list, ok := first[*widget.List](s.win.Canvas().Overlays().Top())
	if !ok || list.Length() != todayMax+1 || !inDialog(s.win, "Follow-ups due (9)") {
		t.Fatal("the rest should open as a list of every follow-up due")
	}
	test.Tap(askedButton(t, list))
	if !inDialog(s.win, "Mark asked") {
		t.Error("each follow-up in the list has its Asked")
	}
}

// Today lists what a roster import added as soon as it is done, without
// leaving the screen; before, it showed the day as it was.
func TestTodayRefreshedByAnImport(t *testing.T) {
	s, store := newTestShell(t)
	// The import reads through the shell's store in the background, which
	// the tests' synchronous loader cannot tell from the UI goroutine.
	store.OnRead(func(context.Context) {})
	s.today().load()
	s.people().runImport("team.csv", []byte("name,team\nAmara Okafor,Chat\n"))
	if s.current != screenToday || !markupContains(t, s, "Amara Okafor — due today") {
		t.Error("Today should show the imported person due")
	}
}

// The item menu pops up above its button when there is no room below.
func TestMenuNeverCutByTheWindow(t *testing.T) {
	test.NewTempApp(t)
	for _, tt := range []struct {
		name  string
		top   bool
		above bool
	}{{"room below", true, false}, {"at the bottom", false, true}} {
		b := widget.NewButton("…", nil)
		content := container.NewVBox(b, layout.NewSpacer())
		if !tt.top {
			content = container.NewVBox(layout.NewSpacer(), b)
		}
		w := test.NewTempWindow(t, content)
		w.Resize(fyne.NewSize(400, 300))
		showMenuBy(fyne.NewMenu("", fyne.NewMenuItem("Follow up on…", nil), fyne.NewMenuItem("Make private", nil), fyne.NewMenuItem("Drop", nil), fyne.NewMenuItem("Delete", nil)), b)
		m, _ := first[*widget.PopUpMenu](w.Canvas().Overlays().Top())
		bPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		mPos := fyne.CurrentApp().Driver().AbsolutePositionForObject(m)
		below := mPos.Y >= bPos.Y+b.Size().Height
		above := mPos.Y+m.MinSize().Height <= bPos.Y
		if tt.above && !above || !tt.above && !below {
			t.Errorf("%s: menu at %v, button at %v", tt.name, mPos, bPos)
		}
	}
}

// A turn of the wheel moves a page three of Fyne's steps, wherever the
// pointer is over it.
func TestWheelScrollsAUsefulDistance(t *testing.T) {
	test.NewTempApp(t)
	tall := widget.NewLabel("")
	for range 200 {
		tall.Text += "line\n"
	}
	w := newWheelScroll(tall)
	win := test.NewTempWindow(t, w)
	win.Resize(fyne.NewSize(300, 300))
	w.catcher.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -25)})
	if got := w.scroll.Offset.Y; got != 75 {
		t.Errorf("one turn moved %v px, want 75", got)
	}
}

// A person's page gives the pulse the width, follow-ups their lines, and
// the cadence picker its longest choice. Before, the chart was about
// 200×90, a wrapped follow-up ran into the next heading and "Every 2
// weeks" read "Every 2 we…".
func TestPersonPageUsesItsRoom(t *testing.T) {
	s, store, amara := withFollowUp(t)
	addFollowUp(t, store, amara.ID, "Her dad is in hospital for a few days; she may need to swap the Thursday late shift with someone")
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	o.openPerson(amara.ID)
	p := o.page
	if size := p.plot.Size(); size.Width < 300 || size.Height < 120 {
		t.Errorf("the pulse chart is %v", size)
	}
	var rows float32
	for _, r := range p.follow.Objects {
		rows += r.MinSize().Height
	}
	if p.follow.Size().Height < rows {
		t.Errorf("the follow-ups get %v of the %v they need", p.follow.Size().Height, rows)
	}
	longest := fyne.MeasureText("Every 2 weeks", p.cadence.Theme().Size("text"), fyne.TextStyle{}).Width
	if p.cadence.Size().Width < longest+p.cadence.Theme().Size("iconInline") {
		t.Errorf("the cadence picker is %v wide", p.cadence.Size().Width)
	}
}

// A follow-up asked in meeting mode leaves the list's count once meeting
// mode is left.
func TestListCountsFollowUpsAskedInMeetingMode(t *testing.T) {
	s, store, amara := withFollowUp(t)
	o, e := draftWith(s, amara.ID)
	if !shows(o.list, "1 follow-up") {
		t.Fatal("the list does not count the follow-up to begin with")
	}
	mm := tapMeetingMode(t, s, e)
	fus, _ := store.FollowUps(amara.ID)
	mm.begin()
	mm.side.asked(fus[0].ID, "")
	mm.leave()
	if shows(o.list, "1 follow-up") {
		t.Error("the list still counts the follow-up asked in meeting mode")
	}
}

// Today and a person's page may be on a shared screen: a private
// follow-up says it is private.
func TestTodayMarksPrivateFollowUps(t *testing.T) {
	s, store, amara := withFollowUp(t)
	fus, _ := store.FollowUps(amara.ID)
	it := fus[0].Item
	it.Private = true
	if err := store.UpdateItem(&it); err != nil {
		t.Fatal(err)
	}
	s.today().load()
	if !shows(s.today().cards, "Moving house next week” (private)") {
		t.Error("Today does not mark the private follow-up")
	}
	s.open(s.oneOnOnes())
	oneOnOnes(s).openPerson(amara.ID)
	if !shows(oneOnOnes(s).page.follow, "Moving house next week (private)") {
		t.Error("the person's page does not mark the private follow-up")
	}
}
