package ui

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// withItems is a shell on a database holding one one-on-one with n items,
// spread over the four headings, and n actions, written in one transaction
// (adding them one by one through the store would take most of the test).
func withItems(t testing.TB, n int) (*shell, *model.Store, uint) {
	t.Helper()
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), model.FileName)
	store := openTestStore(t, path)
	p := model.Person{Name: "Ngozi Adeyemi"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	m, err := store.StartOneOnOne(p.ID, fixedNow, model.MeetingSettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", model.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		h := model.Headings()[i%len(model.Headings())]
		if _, err := tx.Exec("INSERT INTO one_on_one_items (one_on_one_id, heading, text, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
			m.ID, h, fmt.Sprintf("Item %d under %s", i, h.Label()), i, fixedNow, fixedNow); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec("INSERT INTO actions (person_id, one_on_one_id, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
			p.ID, m.ID, fmt.Sprintf("Action %d", i), fixedNow, fixedNow); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return newTestShellOn(t, test.NewTempWindow(t, nil), store), store, m.ID
}

// walk calls visit on o and every object under it, in containers and,
// through their renderers, in widgets.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit)
		}
	}
}

// objects counts the canvas objects under o.
func objects(o fyne.CanvasObject) int {
	n := 0
	walk(o, func(fyne.CanvasObject) { n++ })
	return n
}

// laidOut counts the characters of text drawn under o.
func laidOut(o fyne.CanvasObject) int {
	n := 0
	walk(o, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok {
			n += len(t.Text)
		}
	})
	return n
}

// The editor and meeting mode build rows only for the items (and actions)
// in view: a one-on-one of 10,000 costs the objects of one of a few
// hundred, so whatever its size it opens at once and adding to it stays
// cheap.
func TestItemsBuildOnlyTheRowsInView(t *testing.T) {
	for _, tc := range []struct {
		name string
		open func(s *shell, id uint) (view fyne.CanvasObject, add func(model.Heading, string))
	}{
		{"editor", func(s *shell, id uint) (fyne.CanvasObject, func(model.Heading, string)) {
			e := openEditor(s, id)
			return s.win.Canvas().Content(), func(h model.Heading, text string) {
				test.Type(e.adders[h], text)
				enter(e.adders[h])
			}
		}},
		{"meeting mode", func(s *shell, id uint) (fyne.CanvasObject, func(model.Heading, string)) {
			mm := openMeetingMode(s, id, func() {})
			mm.win.Resize(fyne.NewSize(1280, 800))
			mm.begin()
			return mm.win.Canvas().Content(), func(h model.Heading, text string) { addInMeeting(mm, h, text) }
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			built := map[int]int{}
			for _, n := range []int{400, 10000} {
				s, store, id := withItems(t, n)
				view, add := tc.open(s, id)
				built[n] = objects(view)
				if !contains(test.RenderObjectToMarkup(view), "Item 0 under") {
					t.Fatalf("%d items: the first is not shown", n)
				}
				for _, h := range model.Headings() {
					add(h, "One more under "+h.Label())
				}
				if !contains(test.RenderObjectToMarkup(view), "One more under "+model.HeadingPulse.Label()) {
					t.Errorf("%d items: the item just added is not in view", n)
				}
				if got := objects(view); got > built[n] {
					t.Errorf("%d items: adding four grew the view from %d to %d objects", n, built[n], got)
				}
				if m, _ := store.Meeting(id); len(m.Items) != n+4 {
					t.Errorf("%d items stored, want %d", len(m.Items), n+4)
				}
			}
			t.Logf("objects built: %v", built)
			if built[10000] > built[400] {
				t.Errorf("10,000 items built %d objects, 400 built %d: rows out of view are built too", built[10000], built[400])
			}
		})
	}
}

// A row the list shows another item in as it scrolls edits that item, not
// the one it showed before; typing in it stops when it scrolls away.
func TestScrolledRowsEditTheirOwnItems(t *testing.T) {
	s, store, id := withItems(t, 400)
	e := openEditor(s, id)
	progress := e.sections[model.HeadingProgress]
	row, _ := first[*itemRow](progress.view)
	if row.it.Text != "Item 0 under Meaningful progress" {
		t.Fatalf("the first row shows %q", row.it.Text)
	}
	s.win.Canvas().Focus(row.text)
	row.text.SetText("The first item, edited")
	progress.list.UpdateItem(50, row) // as the list does when the row scrolls out and item 50 in
	if row.it != e.items[model.HeadingProgress][50] || row.text.Text != row.it.Text {
		t.Fatalf("the row shows %q", row.text.Text)
	}
	if s.win.Canvas().Focused() == row.text {
		t.Error("typing goes on in a row that now shows another item")
	}
	fifty := row.it
	row.done.SetChecked(true)
	fifty.Private = true // as its menu's "Make private" does
	e.itemChanged(fifty)
	e.rebuildSection(fifty.Heading)
	if progress.told[50] != e.rowHeight[true] || progress.told[49] != e.rowHeight[false] {
		t.Errorf("a private item's row should be tall enough to say so: %v", progress.told[48:52])
	}
	if err := e.flush(); err != nil {
		t.Fatal(err)
	}
	got := itemsByText(t, store, id)
	if it := got["The first item, edited"]; it == nil || it.Status != model.ItemOpen {
		t.Errorf("the first item: %+v", it)
	}
	if it := got[fifty.Text]; it == nil || it.Status != model.ItemDone || !it.Private {
		t.Errorf("ticking the reused row should tick %q and make it private: %+v", fifty.Text, it)
	}
	progress.list.Refresh()
	if !contains(test.RenderObjectToMarkup(progress.view), "The first item, edited") {
		t.Error("scrolling back should show the edit")
	}
}
