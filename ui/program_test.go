package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// programEntries lists the editor's fields in the order shown.
func programEntries(o fyne.CanvasObject) []*dialogEntry {
	if e, ok := o.(*dialogEntry); ok {
		return []*dialogEntry{e}
	}
	var out []*dialogEntry
	for _, c := range children(o) {
		out = append(out, programEntries(c)...)
	}
	return out
}

// In the smallest window a milestone's title is read whole and the number
// of shadowing sessions says what it counts; a milestone moved to an
// earlier day takes its place by day once saved.
func TestProgramEditorMilestones(t *testing.T) {
	s, store := newTestShell(t)
	s.win.Resize(minWindow)
	e := showPrograms(s)
	for _, f := range programEntries(e.editor) {
		if f.Text == "Walk in the customer's shoes twice" {
			if need := fyne.MeasureText(f.Text, 14, fyne.TextStyle{}).Width; f.Size().Width < need {
				t.Errorf("%q is %v wide, cut below %v", f.Text, f.Size().Width, need)
			}
		}
	}
	if !markupContains(t, s, ">sessions<") {
		t.Error("the shadowing count should be labelled")
	}

	add, _ := first(e.editor, func(b *widget.Button) bool { return b.Text == "Add milestone" })
	test.Tap(add)
	fields := programEntries(e.editor)
	i := slices.IndexFunc(fields, func(f *dialogEntry) bool { return f.Text == "New milestone" })
	fields[i+1].SetText("8") // its day
	e.save()
	if e.problems.Visible() {
		t.Fatal(e.problems.Text)
	}
	d, _ := store.Program(e.current.ID)
	var days []int
	for _, m := range d.Phases[0].Milestones {
		days = append(days, m.DueDay)
	}
	if !slices.Equal(days, []int{5, 8, 10, 15, 18, 20}) {
		t.Errorf("days of phase 1: %v", days)
	}
}
