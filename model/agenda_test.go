package model

import (
	"errors"
	"testing"
)

func TestAgendaWaitsForTheNextOneOnOne(t *testing.T) {
	st := newTestStore(t)
	p := addPerson(t, st, "Priya Natarajan")
	items := []AgendaItem{
		{Heading: HeadingProgress, Text: "Closed the refund backlog"},
		{Heading: HeadingObstacles, Text: "The label printer jams"},
		{Heading: HeadingPulse, Text: "Moving house next month", NonWork: true},
	}
	added, err := st.AddToAgenda(p.ID, items)
	if err != nil || len(added) != 3 {
		t.Fatalf("added %d, %v", len(added), err)
	}
	if err := st.SetAgendaPulse(p.ID, 4); err != nil {
		t.Fatal(err)
	}
	// The same again, differently spaced and cased: nothing new.
	again := []AgendaItem{{Heading: HeadingObstacles, Text: "  the label  printer jams"}, {Heading: HeadingFocus, Text: "Learn the returns desk"}}
	if added, err = st.AddToAgenda(p.ID, again); err != nil || len(added) != 1 || added[0].Text != "Learn the returns desk" {
		t.Fatalf("second add: %v, %v", added, err)
	}
	a, err := st.Agenda(p.ID)
	if err != nil || len(a.Items) != 4 || a.Pulse != 4 {
		t.Fatalf("agenda %+v, %v", a, err)
	}
	if a.Items[0].Heading != HeadingProgress || a.Items[3].Heading != HeadingPulse {
		t.Errorf("agenda not in heading order: %+v", a.Items)
	}

	o := mustStart(t, st, p.ID, fixedNow)
	if o.ReportPulse != 4 {
		t.Errorf("report pulse %d, want 4", o.ReportPulse)
	}
	m, err := st.Meeting(o.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs := 0
	for _, it := range m.Items {
		if it.ByReport {
			theirs++
		}
	}
	if theirs != 4 {
		t.Errorf("%d of the meeting's items are the report's, want 4: %+v", theirs, m.Items)
	}
	if a, _ = st.Agenda(p.ID); len(a.Items) != 0 || a.Pulse != 0 {
		t.Errorf("the agenda still waits after the meeting started: %+v", a)
	}
	// Sending the same agenda after the meeting took it in adds nothing.
	if added, err = st.AddToAgenda(p.ID, items); err != nil || len(added) != 0 {
		t.Errorf("re-sent agenda added %v, %v", added, err)
	}
}

func TestAgendaRefusesBadItemsWhole(t *testing.T) {
	st := newTestStore(t)
	p := addPerson(t, st, "Priya Natarajan")
	_, err := st.AddToAgenda(p.ID, []AgendaItem{{Heading: HeadingProgress, Text: "fine"}, {Heading: "gossip", Text: "x"}, {Heading: HeadingFocus, Text: " "}})
	var v *ValidationError
	if !errors.As(err, &v) || len(v.Problems) != 2 {
		t.Fatalf("want two problems, got %v", err)
	}
	if a, _ := st.Agenda(p.ID); len(a.Items) != 0 {
		t.Errorf("a refused agenda wrote %d items", len(a.Items))
	}
	if _, err := st.AddToAgenda(9999, []AgendaItem{{Heading: HeadingProgress, Text: "x"}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown person: %v", err)
	}
	if err := st.SetAgendaPulse(p.ID, 9); err == nil {
		t.Error("a pulse of 9 was kept")
	}
}

// What the report added stays theirs to see: their lead cannot make it
// private, even from a copy that forgot whose it is.
func TestTheirItemsCannotBeMadePrivate(t *testing.T) {
	st := newTestStore(t)
	p := addPerson(t, st, "Priya Natarajan")
	if _, err := st.AddToAgenda(p.ID, []AgendaItem{{Heading: HeadingObstacles, Text: "The rota"}}); err != nil {
		t.Fatal(err)
	}
	o := mustStart(t, st, p.ID, fixedNow)
	m, err := st.Meeting(o.ID)
	if err != nil || len(m.Items) != 1 {
		t.Fatalf("meeting items %v, %v", m.Items, err)
	}
	it := m.Items[0].Item
	it.Private = true
	if err := st.UpdateItem(&it); !IsValidation(err) {
		t.Errorf("their item made private: %v", err)
	}
	forged := it
	forged.ByReport = false
	if err := st.UpdateItem(&forged); !IsValidation(err) {
		t.Errorf("their item made private through a copy without its mark: %v", err)
	}
}
