package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// choosePerson types into a picker and picks the first match with Enter.
func choosePerson(t *testing.T, p *personPicker, typed string) {
	t.Helper()
	p.SetText("")
	test.Type(p, typed)
	if !p.matchesShowing() {
		t.Fatalf("typing %q offers no one", typed)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.chosen == nil || p.pending() {
		t.Fatalf("typing %q and Enter chose no one (field reads %q)", typed, p.Text)
	}
}
