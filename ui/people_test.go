package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
	"solemate/model/demo"
	"solemate/model/roster"
)

func people(s *shell) *peopleScreen { return s.people() }

// peopleWithDemo opens People on a database with n demo people.
func peopleWithDemo(t *testing.T, n int, seed uint64) (*shell, *model.Store, *peopleScreen) {
	t.Helper()
	s, store := newTestShell(t)
	s.open(s.people())
	if _, err := demo.Generate(store, demo.Options{People: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	s.people().load()
	return s, store, s.people()
}

func markupContains(t *testing.T, s *shell, text string) bool {
	t.Helper()
	return contains(test.RenderToMarkup(s.win.Canvas()), text)
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestPeopleEmptyStateOffersNextSteps(t *testing.T) {
	s, _ := newTestShell(t)
	s.open(s.people())
	if people(s).root.Objects[0] != people(s).welcome {
		t.Fatal("an empty roster should show the welcome")
	}
	assertGolden(t, "people_empty.xml", s.win.Canvas())
}

func TestPeopleAddPerson(t *testing.T) {
	s, store := newTestShell(t)
	s.open(s.people())
	p := people(s)
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyN))
	if !p.form.editingNew() {
		t.Fatal("Ctrl+N should open a blank form")
	}
	if s.win.Canvas().Focused() != p.form.name {
		t.Error("a new person's form should put the cursor in Name")
	}
	test.Type(p.form.name, "Amara Okafor")
	test.Type(p.form.email, "amara@example.com")
	test.Type(p.form.team, "Phone North")
	p.form.role.SetSelected(model.RoleTeamLead.Label())
	test.Type(p.form.start.entry, "2021-03-01")
	test.Tap(p.form.saveBtn)

	rows, err := store.People(false)
	if err != nil || len(rows) != 1 {
		t.Fatalf("after save: %v, %v", rows, err)
	}
	got := rows[0]
	if got.Name != "Amara Okafor" || got.Email != "amara@example.com" || got.Role != model.RoleTeamLead ||
		got.Team != "Phone North" || got.StartDate.String() != "2021-03-01" {
		t.Errorf("saved %+v", got.Person)
	}
	if p.form.person.ID != got.ID || p.form.dirty {
		t.Error("the form should now show the saved person, clean")
	}
	if len(p.ids) != 1 || p.count.Text != "1 person" {
		t.Errorf("list shows %d, count %q", len(p.ids), p.count.Text)
	}
	assertGolden(t, "people_saved.xml", s.win.Canvas())
}

func TestPeopleValidationMessagesAndNothingWritten(t *testing.T) {
	s, store := newTestShell(t)
	s.open(s.people())
	taken := model.Person{Name: "Ben Lindqvist", Email: "ben@example.com"}
	if err := store.SavePerson(&taken); err != nil {
		t.Fatal(err)
	}
	p := people(s)
	p.load()
	p.newItem()

	test.Type(p.form.email, "not-an-email")
	test.Tap(p.form.saveBtn)
	if n, _ := store.CountPeople(); n != 1 {
		t.Fatalf("an invalid form was saved: %d people", n)
	}
	if !markupContains(t, s, "is not an email address like name@example.com") {
		t.Error("the bad email should be explained under its field")
	}

	p.form.email.SetText("")
	test.Type(p.form.name, "Other Ben")
	test.Type(p.form.email, "BEN@example.com")
	test.Tap(p.form.saveBtn)
	if n, _ := store.CountPeople(); n != 1 {
		t.Fatalf("a duplicate email was saved: %d people", n)
	}
	if !markupContains(t, s, "another person already has this email") {
		t.Error("the duplicate email should be explained under its field")
	}
	assertGolden(t, "people_invalid.xml", s.win.Canvas())
}

func TestPeopleFilter(t *testing.T) {
	s, store, p := peopleWithDemo(t, 24, 3)
	if len(p.ids) != 24 || p.count.Text != "24 people" {
		t.Fatalf("loaded %d, count %q", len(p.ids), p.count.Text)
	}
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyL))
	if s.win.Canvas().Focused() != p.filter {
		t.Fatal("Ctrl+L should focus the filter")
	}
	test.Type(p.filter, "chat")
	roster, _ := store.People(false)
	want := 0
	for _, r := range roster {
		if model.MatchWords("chat", r.Name, r.PreferredName, r.Team, r.Role.Label(), r.Email, r.ManagerName) {
			want++
		}
	}
	if want == 0 || want == 24 || len(p.ids) != want || p.list.Length() != want || p.count.Text != fmt.Sprintf("%d of 24 people", want) {
		t.Fatalf("filter chat: shown %d, want %d, count %q", len(p.ids), want, p.count.Text)
	}
	for i := range p.ids {
		if r := p.rowAt(i); r == nil || r.Team != "Chat" {
			t.Errorf("row %d: %+v does not belong under chat", i, r)
		}
	}
	assertGolden(t, "people_filtered.xml", s.win.Canvas())

	p.filter.SetText("nobody-called-this")
	if len(p.ids) != 0 || !p.noMatch.Visible() {
		t.Error("a filter that matches nobody should say so")
	}
}

func TestPeopleArchiveWithUndo(t *testing.T) {
	s, store, p := peopleWithDemo(t, 5, 1)
	p.list.Select(0)
	victim := p.form.person
	if victim.ID == 0 {
		t.Fatal("selecting a row should load the person")
	}
	test.Tap(p.form.archiveBtn)
	if len(p.ids) != 4 {
		t.Fatalf("after archive the list shows %d, want 4", len(p.ids))
	}
	if !s.undo.view.Visible() || !strings.Contains(s.undo.message.Text, victim.Name) {
		t.Fatalf("undo bar: visible %v, %q", s.undo.view.Visible(), s.undo.message.Text)
	}
	if got, _ := store.Person(victim.ID); !got.Archived() {
		t.Fatal("archive did not reach the database")
	}

	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if got, _ := store.Person(victim.ID); got.Archived() {
		t.Fatal("Ctrl+Z did not restore the person")
	}
	if len(p.ids) != 5 || s.undo.view.Visible() || p.form.person.ID != victim.ID {
		t.Errorf("after undo: %d shown, bar visible %v, form on %d", len(p.ids), s.undo.view.Visible(), p.form.person.ID)
	}

	// Archived people come back into view with "Show archived" and can be restored there.
	test.Tap(p.form.archiveBtn)
	test.Tap(p.showArchived)
	if len(p.ids) != 5 || !markupContains(t, s, "Archived") {
		t.Fatalf("show archived: %d shown", len(p.ids))
	}
}

func TestPeopleSwitchingSavesValidEdits(t *testing.T) {
	_, store, p := peopleWithDemo(t, 3, 1)
	p.list.Select(0)
	first := p.form.person
	p.form.preferred.SetText("Sunny")
	p.list.Select(1)
	if got, _ := store.Person(first.ID); got.PreferredName != "Sunny" {
		t.Errorf("switching away lost the edit: preferred name %q", got.PreferredName)
	}
	if p.form.person.ID == first.ID {
		t.Error("the form should now show the second person")
	}
}

func TestPeopleNewPersonIsNotAddedByClickingAway(t *testing.T) {
	s, store, p := peopleWithDemo(t, 3, 1)
	p.newItem()
	test.Type(p.form.name, "Half Typed")
	p.list.Select(0)
	if n, _ := store.CountPeople(); n != 3 {
		t.Errorf("clicking away added the half-typed person: %d people", n)
	}
	if !markupContains(t, s, "Add Half Typed?") {
		t.Error("clicking away from a new person should ask whether to add them")
	}
}

func TestAboutAndShortcutHelp(t *testing.T) {
	s, _ := newTestShell(t)
	s.showAbout()
	if !markupContains(t, s, "Solemate 1.2.3") {
		t.Error("About should show the version")
	}
	s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if markupContains(t, s, "Solemate 1.2.3") {
		t.Error("Esc should close the About dialog")
	}
	help := s.shortcutHelp()
	keys := map[string]bool{}
	for _, r := range help {
		keys[r[0]] = true
	}
	for _, k := range []string{"Ctrl+1", "Ctrl+N", "Ctrl+F", "Ctrl+S", "Ctrl+Z"} {
		if !keys[k] {
			t.Errorf("shortcut help lacks %s", k)
		}
	}
}

// Long names and notes, emoji, right-to-left names and empty values keep
// the layout.
func TestOddTextKeepsTheLayout(t *testing.T) {
	s, store := newTestShell(t)
	names := []string{"محمد الفارسي", "Zoë 🌻 Ávila", "יעל כהן", strings.Repeat("Wolfeschlegelsteinhausen", 8)}
	var first model.Person
	for i, n := range names {
		p := model.Person{Name: n, Team: "🌍 Global"}
		if err := store.SavePerson(&p); err != nil {
			t.Fatalf("%q: %v", n, err)
		}
		if i == 0 {
			first = p
		}
	}
	s.open(s.people())
	if len(s.people().ids) != 4 {
		t.Fatalf("%d shown", len(s.people().ids))
	}
	m, err := store.StartOneOnOne(first.ID, fixedNow, model.MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	// 100 KB notes have their own test, TestLongNotesOpenWhole.
	m.SharedNotes = strings.Repeat("A long note about the week, with détails and 😊. ", 60)
	if err := store.SaveOneOnOne(&m); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddItem(m.ID, model.HeadingProgress, "", false); err != nil {
		t.Fatal(err)
	}
	s.open(s.oneOnOnes())
	s.oneOnOnes().openMeeting(m.ID)
	if got := s.oneOnOnes().editor.shared.Text(); got != m.SharedNotes {
		t.Fatalf("the note was cut to %d bytes", len(got))
	}
	size := s.win.Canvas().Size()
	if size.Width > 1100 || size.Height > 700 {
		t.Errorf("odd text widened the window to %v", size)
	}
	_ = test.RenderToMarkup(s.win.Canvas()) // renders without panicking
}

// The manager is found by typing: the picker offers who matches (never the
// person themselves), the arrows and Enter or a tap choose, and an empty
// field is no manager.
func TestPeopleManagerPicker(t *testing.T) {
	s, store := newTestShell(t)
	lead := model.Person{Name: "Lena Lead", Team: "Phone"}
	twin := model.Person{Name: "Lena Lead", Team: "Phone", Email: "twin@example.com"}
	other := model.Person{Name: "Omar Other", Team: "Chat"}
	for _, p := range []*model.Person{&lead, &twin, &other} {
		if err := store.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	agent := model.Person{Name: "Ada Agent", ManagerID: &twin.ID}
	if err := store.SavePerson(&agent); err != nil {
		t.Fatal(err)
	}
	s.open(s.people())
	p := people(s)
	p.openPerson(agent.ID)
	f := p.form
	if f.manager.Text != "Lena Lead — Phone" || f.dirty {
		t.Fatalf("manager shows %q, dirty %v", f.manager.Text, f.dirty)
	}

	f.manager.SetText("")
	test.Type(f.manager, "lena")
	want := []string{"Lena Lead — Phone", "Lena Lead — Phone (twin@example.com)"}
	if got := matchLabels(f.manager); strings.Join(got, "|") != strings.Join(want, "|") || !f.manager.popUp.Visible() {
		t.Fatalf("typing lena offers %q, want %q", got, want)
	}
	f.manager.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	f.manager.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.manager.Text != want[1] || f.manager.popUp.Visible() || !f.dirty {
		t.Fatalf("Down, Enter chose %q (matches showing %v, dirty %v)", f.manager.Text, f.manager.popUp.Visible(), f.dirty)
	}

	// Typing a name without choosing it is not saved.
	f.manager.SetText("")
	test.Type(f.manager, "omar")
	test.Tap(f.saveBtn)
	if got, _ := store.Person(agent.ID); got.ManagerID == nil || *got.ManagerID != twin.ID {
		t.Fatalf("an unchosen manager was saved: %v", got.ManagerID)
	}
	if !strings.Contains(f.problems.Text, "choose the manager from the list") {
		t.Errorf("problems say %q", f.problems.Text)
	}
	if got := matchLabels(f.manager); len(got) != 1 || got[0] != "Omar Other — Chat" {
		t.Fatalf("typing %q offers %q", f.manager.Text, got)
	}
	f.manager.results.Select(0)
	test.Tap(f.saveBtn)
	if got, _ := store.Person(agent.ID); got.ManagerID == nil || *got.ManagerID != other.ID {
		t.Fatalf("saved manager %v, want %d", got.ManagerID, other.ID)
	}

	// Someone is never their own manager, and an empty field clears it.
	p.openPerson(other.ID)
	test.Type(f.manager, "o")
	for _, l := range matchLabels(f.manager) {
		if strings.HasPrefix(l, "Omar") {
			t.Errorf("Omar is offered as his own manager")
		}
	}
	f.manager.SetText("")
	p.openPerson(agent.ID)
	f.manager.SetText("")
	test.Tap(f.saveBtn)
	if got, _ := store.Person(agent.ID); got.ManagerID != nil {
		t.Errorf("no manager saved as %d", *got.ManagerID)
	}
}

func matchLabels(m *personPicker) []string {
	if m.popUp == nil || !m.popUp.Visible() {
		return nil
	}
	labels := make([]string, len(m.found))
	for i := range m.found {
		labels[i] = m.label(i)
	}
	return labels
}

// A long roster is read a page at a time as the list scrolls: the rows on
// screen are the right people, and only a few pages are kept.
func TestPeopleListReadsPagesAsItScrolls(t *testing.T) {
	s, store := newTestShell(t)
	const n = 1200
	var csv strings.Builder
	csv.WriteString("name,team\n")
	for i := range n {
		fmt.Fprintf(&csv, "Person %04d,Team %d\n", i, i%7)
	}
	if _, err := roster.Import(store, strings.NewReader(csv.String())); err != nil {
		t.Fatal(err)
	}
	s.open(s.people())
	p := people(s)
	if len(p.ids) != n || p.count.Text != "1200 people" || len(p.pages.pages) != 1 {
		t.Fatalf("listed %d, count %q, %d pages read", len(p.ids), p.count.Text, len(p.pages.pages))
	}
	for _, at := range []int{0, 333, 700, 1000, n - 1} {
		p.list.ScrollTo(at)
		markup := test.RenderToMarkup(s.win.Canvas())
		if name := fmt.Sprintf("Person %04d", at); !contains(markup, name) {
			t.Errorf("scrolled to %d, %s is not on screen", at, name)
		}
		if len(p.pages.pages) > pagesKept {
			t.Fatalf("%d pages kept", len(p.pages.pages))
		}
	}
	// Selecting a row far down opens that person, and filtering finds them.
	p.list.Select(n - 2)
	if p.form.person.Name != fmt.Sprintf("Person %04d", n-2) {
		t.Fatalf("row %d opened %q", n-2, p.form.person.Name)
	}
	test.Type(p.filter, "person 11")
	var want []string
	for i := range n {
		if name := fmt.Sprintf("Person %04d", i); strings.Contains(name, "11") {
			want = append(want, name)
		}
	}
	if len(p.ids) != len(want) || p.count.Text != fmt.Sprintf("%d of 1200 people", len(want)) {
		t.Fatalf("filter: %d shown, count %q, want %d", len(p.ids), p.count.Text, len(want))
	}
	for i := range want {
		if r := p.rowAt(i); r == nil || r.Name != want[i] {
			t.Fatalf("match %d is %+v, want %s", i, r, want[i])
		}
	}
}

// A list run that a newer one overtakes is dropped: only the newest filter
// is shown, whatever order they finish in.
func TestPeopleListRunOvertakenIsDropped(t *testing.T) {
	s, _, p := peopleWithDemo(t, 5, 1)
	var jobs []func()
	s.bg = func(f func()) { jobs = append(jobs, f) }
	test.Type(p.filter, "zzz-nobody")
	p.filter.SetText("")
	// The newest (no filter) finishes first, then the older ones.
	for i := len(jobs) - 1; i >= 0; i-- {
		jobs[i]()
	}
	if len(p.ids) != 5 || p.count.Text != "5 people" || p.noMatch.Visible() {
		t.Errorf("after the runs: %d shown, %q", len(p.ids), p.count.Text)
	}
}

// Typing a manager's name through the keyboard, as a person does: the
// matches showing after the first letter must not take the keys that follow
// (a pop-up has a focus of its own), and Esc then Enter act on the field.
func TestPeopleManagerPickerTakesEveryKey(t *testing.T) {
	s, store := newTestShell(t)
	for _, name := range []string{"Bruno Martins", "Benjamin Adeyemi", "Ada Agent"} {
		if err := store.SavePerson(&model.Person{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	s.open(s.people())
	p := people(s)
	rows, _ := store.People(false)
	p.openPerson(rows[0].ID) // Ada
	f := p.form
	c := s.win.Canvas()
	c.Focus(f.manager)
	for _, r := range "bru" { // as the driver does: to whatever has the focus
		if c.Focused() == nil {
			t.Fatalf("after %q the keyboard goes nowhere", f.manager.Text)
		}
		c.Focused().TypedRune(r)
	}
	if f.manager.Text != "bru" {
		t.Fatalf("the field holds %q after typing bru", f.manager.Text)
	}
	if got := matchLabels(f.manager); len(got) != 1 || got[0] != "Bruno Martins" {
		t.Fatalf("typing bru offers %q", got)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.manager.Text != "Bruno Martins" || f.manager.popUp.Visible() {
		t.Fatalf("Enter chose %q (matches showing %v)", f.manager.Text, f.manager.popUp.Visible())
	}
	if c.Focused() != fyne.Focusable(f.manager) {
		t.Error("after choosing, the keyboard should be back in the field")
	}
}

// TestNotSavedClearsOnceFixed fixes the fields "Not saved: …" names, one
// by one: each problem leaves the line as its field is edited, and the
// line goes with the last (it stayed until the next save).
func TestNotSavedClearsOnceFixed(t *testing.T) {
	for _, c := range []struct {
		name  string
		fix   []string // fields edited, in order
		after []string // a part of what the line says after each, "" for hidden
	}{
		{"the one problem", []string{model.FieldEmail}, []string{""}},
		{"one of two, then the other", []string{model.FieldStartDate, model.FieldEmail},
			[]string{"not an email address", ""}},
		{"a field with no problem", []string{model.FieldPreferredName}, []string{"not an email address"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestShell(t)
			p := people(s)
			p.newItem()
			f := p.form
			test.Type(f.name, "Ana Ruiz")
			test.Type(f.email, "not-an-email")
			if len(c.fix) > 1 {
				f.start.entry.SetText("someday")
			}
			test.Tap(f.saveBtn)
			if !f.problems.Visible() || !strings.HasPrefix(f.problems.Text, "Not saved:") {
				t.Fatalf("the failed save should say why: %q", f.problems.Text)
			}
			fixes := map[string]func(){
				model.FieldEmail:         func() { f.email.SetText("ana@example.com") },
				model.FieldStartDate:     func() { f.start.entry.SetText("2024-05-01") },
				model.FieldPreferredName: func() { test.Type(f.preferred, "Ana") },
			}
			for i, field := range c.fix {
				fixes[field]()
				got := ""
				if f.problems.Visible() {
					got = f.problems.Text
				}
				if want := c.after[i]; want == "" && got != "" || !strings.Contains(got, want) || strings.Contains(got, "date") {
					t.Errorf("after fixing %s the line says %q, want %q in it", field, got, want)
				}
			}
		})
	}
}
