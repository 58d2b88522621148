package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

func TestEnumSelectPicksByLabel(t *testing.T) {
	channels := model.Channels()
	var got []model.Channel
	sel := enumSelect(model.Channels(), func(c model.Channel) { got = append(got, c) })
	if len(sel.Options) != len(channels) || sel.Options[0] != channels[0].Label() {
		t.Fatalf("options %q", sel.Options)
	}
	last := channels[len(channels)-1]
	sel.SetSelected(last.Label())
	if len(got) != 1 || got[0] != last {
		t.Errorf("changed got %v, want %v", got, last)
	}
	if c, ok := enumOf(model.Channels(), sel.Selected); !ok || c != last {
		t.Errorf("enumOf(%q) = %v, %v", sel.Selected, c, ok)
	}
	if _, ok := enumOf(model.Channels(), ""); ok {
		t.Error("enumOf found a value for no selection")
	}
}

// An empty date field's calendar opens on the store's today, which
// SOLEMATE_TODAY sets, not on the computer's.
func TestDateFieldCalendarOpensOnTheStoresDay(t *testing.T) {
	s, store := newTestShell(t)
	store.Now = func() time.Time { return time.Date(2031, time.July, 14, 9, 0, 0, 0, time.Local) }
	f := newDateField(store, func() {})
	s.win.SetContent(f.view)
	test.Tap(f.entry.ActionItem.(fyne.Tappable))
	if !markupContains(t, s, "July 2031") {
		t.Error("the calendar of an empty field should open on the store's month, July 2031")
	}
}
