package ui

import (
	"testing"

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
