package ui

import (
	"strings"
	"testing"

	"solemate/model"
)

// What a report added before the meeting is in the one-on-one their lead
// starts, each item saying they added it, with the pulse they gave ahead.
// Before, the lead's notebook had no room for the report's own words.
func TestTheirAgendaIsInTheOneOnOneTheLeadStarts(t *testing.T) {
	s, store := newTestShell(t)
	amara, _, _ := teamWithHistory(t, store)
	if _, err := store.AddToAgenda(amara.ID, []model.AgendaItem{
		{Heading: model.HeadingObstacles, Text: "The label printer jams every morning"},
		{Heading: model.HeadingPulse, Text: "My sister's wedding in May", NonWork: true},
	}); err != nil {
		t.Fatal(err)
	}
	if err := store.SetAgendaPulse(amara.ID, 2); err != nil {
		t.Fatal(err)
	}
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	// Before the meeting, their page and the Prepare card say what they added.
	o.openPerson(amara.ID)
	if got := o.page.agenda.Text; o.page.agenda.Hidden || !strings.Contains(got, "They added 2 items") || !strings.Contains(got, "Their rating ahead: 2 of 5") {
		t.Errorf("their page says %q (hidden %v)", got, o.page.agenda.Hidden)
	}
	o.prepare(amara)
	if !inDialog(s.win, "• The label printer jams every morning (obstacles)") {
		t.Error("the Prepare card does not list what they added")
	}
	s.closeDialogs()
	o.start(amara.ID)
	e := o.editor
	if e.meeting.ID == 0 {
		t.Fatal("the one-on-one with their agenda is still a draft: their items cannot be edited")
	}
	var theirs []string
	for _, h := range model.Headings() {
		for _, it := range e.items[h] {
			if it.ByReport {
				if notes := itemNotes(it); !strings.Contains(notes, "they added this") {
					t.Errorf("%q does not say they added it: %q", it.Text, notes)
				}
				theirs = append(theirs, it.Text)
			}
		}
	}
	if len(theirs) != 2 {
		t.Errorf("the editor shows %d of their items, want 2: %v", len(theirs), theirs)
	}
	if e.theirPulse.Text != "They gave 2 of 5 before the meeting" || e.theirPulse.Hidden {
		t.Errorf("their pulse reads %q", e.theirPulse.Text)
	}
	if a, _ := store.Agenda(amara.ID); len(a.Items) != 0 {
		t.Errorf("%d items still wait after the meeting took them in", len(a.Items))
	}
}
