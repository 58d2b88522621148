package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Starting a one-on-one and leaving stores nothing; a second one the same
// day asks first, and either opens that one or starts another. Before,
// each start stored a meeting at once, empty or not.
func TestStartingAgainTheSameDayAsksFirst(t *testing.T) {
	s, store := newTestShell(t)
	amara, _, _ := teamWithHistory(t, store)
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	stored := func() int { h, _ := store.History(amara.ID); return len(h) }

	o.start(amara.ID)
	o.openPerson(amara.ID)
	if stored() != 1 {
		t.Fatalf("leaving a draft stored it: %d one-on-ones", stored())
	}
	o.start(amara.ID)
	test.Type(o.editor.adders[model.HeadingProgress], "Closed the backlog")
	enter(o.editor.adders[model.HeadingProgress])
	met := o.editor.meeting.ID
	if stored() != 2 || met == 0 {
		t.Fatalf("the first item should store it: %d, id %d", stored(), met)
	}

	for _, tt := range []struct {
		choose string
		want   uint // the meeting the editor shows; 0 a new draft
	}{{"Open that one", met}, {"Start another", 0}} {
		o.start(amara.ID)
		if !inDialog(s.win, "You already met Amara Okafor today.") {
			t.Fatalf("%s: no question", tt.choose)
		}
		b, _ := first(s.win.Canvas().Overlays().Top(), func(b *widget.Button) bool { return b.Text == tt.choose })
		test.Tap(b)
		if o.editor.meeting.ID != tt.want || o.editor.meeting.PersonID != amara.ID {
			t.Errorf("%s: the editor shows %d, want %d", tt.choose, o.editor.meeting.ID, tt.want)
		}
	}
	if stored() != 2 {
		t.Errorf("%d one-on-ones stored, want 2", stored())
	}
}

// Long items wrap over as many lines as they need; done items are muted
// and say so; private ones show an icon and say so. Before, a long item
// was cut at the row's end and the two looked like any other.
func TestItemRowsReadWell(t *testing.T) {
	s, store, id := withItems(t, 16)
	e := openEditor(s, id)
	items := e.items[model.HeadingProgress]
	long, done, private := items[0], items[1], items[2]
	long.Text = strings.Repeat("a long thought about the rota ", 12)
	done.Status = model.ItemDone
	private.Private = true
	for _, it := range []*model.MeetingItem{long, done, private} {
		if err := store.UpdateItem(&it.Item); err != nil {
			t.Fatal(err)
		}
	}
	e.rebuildSection(model.HeadingProgress)
	if e.heightOf(long) < 2*e.rowHeight[false] {
		t.Errorf("a long item's row is %v high, one line is %v", e.heightOf(long), e.rowHeight[false])
	}
	row := newItemRow(e)
	for _, tt := range []struct {
		it          *model.MeetingItem
		muted, icon bool
		note        string
	}{
		{done, true, false, "done"},
		{private, false, true, "private: only you see it"},
		{items[3], false, false, ""},
	} {
		row.show(tt.it)
		if row.text.Disabled() != tt.muted || row.secret.Visible() != tt.icon || row.note.Text != tt.note {
			t.Errorf("%q: muted %v, icon %v, note %q", tt.it.Text, row.text.Disabled(), row.secret.Visible(), row.note.Text)
		}
	}
	// Enter ends the editing: an item is one paragraph.
	row.show(items[3])
	s.win.Canvas().Focus(row.text)
	enter(row.text)
	if strings.Contains(row.text.Text, "\n") || s.win.Canvas().Focused() == row.text {
		t.Errorf("Enter in an item: %q, still focused %v", row.text.Text, s.win.Canvas().Focused() == row.text)
	}
}

// wrappedLines counts lines as a word-wrapping entry makes them.
func TestWrappedLines(t *testing.T) {
	test.NewTempApp(t)
	word := fyne.MeasureText("word", fyne.CurrentApp().Settings().Theme().Size("text"), fyne.TextStyle{}).Width
	for _, tt := range []struct {
		text  string
		width float32
		want  int
	}{
		{"word", 0, 1},
		{"word word", word * 10, 1},
		{"word word word word", word * 2.5, 2},
		{strings.Repeat("w", 40), word, 10},
	} {
		if got := wrappedLines(tt.text, tt.width); got != tt.want && !(tt.want == 10 && got >= 8) {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", tt.text, tt.width, got, tt.want)
		}
	}
}

// The follow-up dialog says which item it is for, and Enter sets the day.
func TestFollowUpDialogNamesTheItem(t *testing.T) {
	s, store, id := withItems(t, 1)
	e := openEditor(s, id)
	it := e.items[model.HeadingProgress][0]
	e.askFollowUp(it, func() { e.itemChanged(it) })
	if !inDialog(s.win, it.Text) {
		t.Fatal("the dialog does not name the item")
	}
	date := s.win.Canvas().Focused().(*dialogEntry)
	date.SetText("2026-03-20")
	enter(date)
	m, _ := store.Meeting(id)
	if dialogs(s.win) != 0 || m.Items[0].FollowUp.String() != "2026-03-20" {
		t.Errorf("Enter: %d dialogs, follow-up %s", dialogs(s.win), m.Items[0].FollowUp)
	}
}
