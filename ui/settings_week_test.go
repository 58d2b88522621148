package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// weekWidgets finds the working week's fields in its form item.
func weekWidgets(t *testing.T, item *widget.FormItem) (days map[string]*widget.Check, start, zone *dialogEntry, length *widget.Select, problem *widget.Label) {
	t.Helper()
	days = map[string]*widget.Check{}
	box := item.Widget.(*fyne.Container)
	for _, o := range box.Objects[0].(*fyne.Container).Objects {
		c := o.(*widget.Check)
		days[c.Text] = c
	}
	row := box.Objects[1].(*fyne.Container).Objects
	start = row[1].(*fyne.Container).Objects[0].(*dialogEntry)
	length = row[3].(*widget.Select)
	zone = row[5].(*fyne.Container).Objects[0].(*dialogEntry)
	return days, start, zone, length, box.Objects[2].(*widget.Label)
}

func TestWorkingWeekSettings(t *testing.T) {
	s, store := newTestShell(t)
	days, start, zone, length, problem := weekWidgets(t, s.weekSettings())
	if !days["Mon"].Checked || days["Sat"].Checked || start.Text != "10:00" || length.Selected != "30 min" || zone.Text != "UTC" {
		t.Fatalf("the default week is not shown: start %q, length %q, zone %q", start.Text, length.Selected, zone.Text)
	}
	for _, step := range []struct {
		name    string
		do      func()
		problem string // "" when it is saved
		check   func(model.WorkWeek) bool
	}{
		{"Saturday is a working day", func() { days["Sat"].SetChecked(true) }, "",
			func(w model.WorkWeek) bool { return w.Days[time.Saturday] }},
		{"a start that is no time", func() { start.SetText("25:00") }, `Not saved: Start: "25:00" is not a time of day like 10:00`,
			func(w model.WorkWeek) bool { return w.Start == 10*time.Hour }},
		{"put right", func() { start.SetText("9:30") }, "",
			func(w model.WorkWeek) bool { return w.Start == 9*time.Hour+30*time.Minute }},
		{"an hour", func() { length.SetSelected("1 hour") }, "",
			func(w model.WorkWeek) bool { return w.Length == time.Hour }},
		{"a zone misspelt", func() { zone.SetText("Europe/Berln") }, `Not saved: Time zone: "Europe/Berln" is not a time zone; use a name such as Europe/Berlin, or UTC`,
			func(w model.WorkWeek) bool { return w.TimeZone == "UTC" }},
		{"a real zone", func() { zone.SetText("Europe/Berlin") }, "",
			func(w model.WorkWeek) bool { return w.TimeZone == "Europe/Berlin" && w.Length == time.Hour }},
		{"no day left", func() {
			for _, c := range days {
				c.SetChecked(false)
			}
		}, "Not saved: Working days: pick at least one working day",
			func(w model.WorkWeek) bool { return w.Days != [7]bool{} }},
	} {
		step.do()
		if got := map[bool]string{true: problem.Text}[problem.Visible()]; got != step.problem {
			t.Errorf("%s: the form says %q, want %q", step.name, got, step.problem)
		}
		if w, err := store.WorkWeek(); err != nil || !step.check(w) {
			t.Errorf("%s: stored %+v, %v", step.name, w, err)
		}
	}
}

// Today behind the settings follows the week: someone never met is due
// today on a Tuesday, and on Wednesday once Tuesday is no working day.
func TestWorkingWeekMovesWhatTodayShows(t *testing.T) {
	s, store := newTestShell(t)
	if err := store.SavePerson(&model.Person{Name: "Never Met"}); err != nil {
		t.Fatal(err)
	}
	s.today().load()
	if !markupContains(t, s, "Never Met — due today") {
		t.Fatal("someone never met is due today, a Tuesday")
	}
	s.showSettings()
	days, _, _, _, _ := weekWidgets(t, s.weekSettings())
	days["Tue"].SetChecked(false)
	s.closeDialogs()
	if markupContains(t, s, "Never Met — due today") {
		t.Error("Today still has them due on a day that is no longer a working day")
	}
}
