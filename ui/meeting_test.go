package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

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

	// Tab goes from heading to heading; typing after it lands in a box and
	// is kept (it went into a list, which took no text).
	t.Run("tab moves between headings", func(t *testing.T) {
		mm, store, id := open(t)
		mm.begin()
		hs := model.Headings()
		c := mm.win.Canvas()
		key(mm.adders[hs[0]], fyne.KeyTab)
		if c.Focused() != mm.adders[hs[1]] {
			t.Fatalf("Tab from %s went to %T, want %s's box", hs[0].Label(), c.Focused(), hs[1].Label())
		}
		test.Type(mm.adders[hs[1]], "Headset keeps dropping")
		key(mm.adders[hs[1]], fyne.KeyReturn)
		mm.adders[hs[1]].KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		key(mm.adders[hs[1]], fyne.KeyTab)
		mm.adders[hs[1]].KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		if c.Focused() != mm.adders[hs[0]] {
			t.Errorf("Shift+Tab went to %T, want %s's box", c.Focused(), hs[0].Label())
		}
		key(mm.adders[hs[len(hs)-1]], fyne.KeyTab)
		if c.Focused() != mm.adders[hs[0]] {
			t.Errorf("Tab from the last heading went to %T, want the first's box", c.Focused())
		}
		if it := itemsByText(t, store, id)["Headset keeps dropping"]; it == nil || it.Heading != hs[1] {
			t.Errorf("the item typed after Tab: %+v", it)
		}
	})

	// Non-work is said of one item: the next starts as work again.
	t.Run("non-work is one item's", func(t *testing.T) {
		mm, store, id := open(t)
		mm.begin()
		add := mm.adders[model.HeadingProgress]
		test.Type(add, "Painted the kids' room")
		add.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault})
		key(add, fyne.KeyReturn)
		test.Type(add, "Got praised by QA")
		key(add, fyne.KeyReturn)
		got := itemsByText(t, store, id)
		if it := got["Painted the kids' room"]; it == nil || !it.NonWork {
			t.Errorf("the tagged item: %+v, want non-work", it)
		}
		if it := got["Got praised by QA"]; it == nil || it.NonWork {
			t.Errorf("the next item: %+v, want work", it)
		}
	})
}
