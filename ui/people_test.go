package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

func people(s *shell) *peopleScreen { return s.people() }

// peopleWithDemo opens People on a database with n demo people.
func peopleWithDemo(t *testing.T, n int, seed uint64) (*shell, *model.Store, *peopleScreen) {
	t.Helper()
	s, store := newTestShell(t)
	s.open(s.people())
	if _, err := store.Demo(model.DemoOptions{People: n, Seed: seed}); err != nil {
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
	if len(p.shown) != 1 || p.count.Text != "1 person" {
		t.Errorf("list shows %d, count %q", len(p.shown), p.count.Text)
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
	s, _, p := peopleWithDemo(t, 24, 3)
	if len(p.shown) != 24 || p.count.Text != "24 people" {
		t.Fatalf("loaded %d, count %q", len(p.shown), p.count.Text)
	}
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyL))
	if s.win.Canvas().Focused() != p.filter {
		t.Fatal("Ctrl+L should focus the filter")
	}
	test.Type(p.filter, "chat")
	want := len(model.FilterPeople(p.all, "chat"))
	if want == 0 || want == 24 || len(p.shown) != want || p.list.Length() != want {
		t.Fatalf("filter chat: shown %d, want %d", len(p.shown), want)
	}
	for _, i := range p.shown {
		if r := p.all[i]; r.Team != "Chat" {
			t.Errorf("%s (%s) does not belong under chat", r.Name, r.Team)
		}
	}
	assertGolden(t, "people_filtered.xml", s.win.Canvas())

	p.filter.SetText("nobody-called-this")
	if len(p.shown) != 0 || !p.noMatch.Visible() {
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
	if len(p.shown) != 4 {
		t.Fatalf("after archive the list shows %d, want 4", len(p.shown))
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
	if len(p.shown) != 5 || s.undo.view.Visible() || p.form.person.ID != victim.ID {
		t.Errorf("after undo: %d shown, bar visible %v, form on %d", len(p.shown), s.undo.view.Visible(), p.form.person.ID)
	}

	// Archived people come back into view with "Show archived" and can be restored there.
	test.Tap(p.form.archiveBtn)
	test.Tap(p.showArchived)
	if len(p.shown) != 5 || !markupContains(t, s, "Archived") {
		t.Fatalf("show archived: %d shown", len(p.shown))
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
	if len(s.people().shown) != 4 {
		t.Fatalf("%d shown", len(s.people().shown))
	}
	m, err := store.StartOneOnOne(first.ID, fixedNow, model.SettingWalk)
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
	if got := s.oneOnOnes().editor.shared.Text; got != m.SharedNotes {
		t.Fatalf("the note was cut to %d bytes", len(got))
	}
	size := s.win.Canvas().Size()
	if size.Width > 1100 || size.Height > 700 {
		t.Errorf("odd text widened the window to %v", size)
	}
	_ = test.RenderToMarkup(s.win.Canvas()) // renders without panicking
}

// The manager list is made when it is opened: until then it offers only no
// manager and the person's own, which is all the form shows.
func TestPeopleManagerChoicesAreMadeWhenOpened(t *testing.T) {
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
	twinLabel := "Lena Lead — Phone (twin@example.com)"
	if f.manager.Selected != twinLabel || len(f.manager.Options) != 2 {
		t.Fatalf("manager %q of options %q", f.manager.Selected, f.manager.Options)
	}
	test.Tap(f.manager)
	want := []string{noManager, "Lena Lead — Phone", twinLabel, "Omar Other — Chat"}
	if strings.Join(f.manager.Options, "|") != strings.Join(want, "|") {
		t.Fatalf("opened, the list is %q, want %q", f.manager.Options, want)
	}
	s.win.Canvas().Overlays().Top().Hide()
	f.manager.SetSelected("Omar Other — Chat")
	test.Tap(f.saveBtn)
	got, err := store.Person(agent.ID)
	if err != nil || got.ManagerID == nil || *got.ManagerID != other.ID {
		t.Fatalf("saved manager %v (%v), want %d", got.ManagerID, err, other.ID)
	}
	// Someone is never their own manager, and no manager clears it.
	p.openPerson(other.ID)
	test.Tap(f.manager)
	for _, o := range f.manager.Options {
		if strings.HasPrefix(o, "Omar") {
			t.Errorf("Omar is offered as his own manager")
		}
	}
	s.win.Canvas().Overlays().Top().Hide()
	p.openPerson(agent.ID)
	f.manager.SetSelected(noManager)
	test.Tap(f.saveBtn)
	if got, _ := store.Person(agent.ID); got.ManagerID != nil {
		t.Errorf("no manager saved as %d", *got.ManagerID)
	}
}

// A filter run that a newer one overtakes stops and is not shown.
func TestPeopleFilterStopsWhenOvertaken(t *testing.T) {
	rows := make([]model.PersonRow, 5000)
	for i := range rows {
		rows[i].Name = "Person"
	}
	if shown, ok := filterPeople(rows, "person", func() bool { return false }); !ok || len(shown) != len(rows) {
		t.Fatalf("filter: %d shown, ok %v", len(shown), ok)
	}
	if _, ok := filterPeople(rows, "person", func() bool { return true }); ok {
		t.Error("a stale filter run should stop")
	}
}

// The arrow keys step through the whole roster, as in any Select.
func TestPeopleManagerKeys(t *testing.T) {
	s, store := newTestShell(t)
	lead := model.Person{Name: "Lena Lead"}
	agent := model.Person{Name: "Ada Agent"}
	for _, p := range []*model.Person{&lead, &agent} {
		if err := store.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	s.open(s.people())
	p := people(s)
	p.openPerson(agent.ID)
	p.form.manager.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if p.form.manager.Selected != "Lena Lead" || !p.form.dirty {
		t.Fatalf("Right selected %q", p.form.manager.Selected)
	}
	test.Tap(p.form.saveBtn)
	if got, _ := store.Person(agent.ID); got.ManagerID == nil || *got.ManagerID != lead.ID {
		t.Errorf("saved manager %v, want %d", got.ManagerID, lead.ID)
	}
}

// Until the filter has run on a new load, the list keeps showing the rows
// its filter ran on: a shorter roster cannot leave it pointing past the end.
func TestPeopleListWaitsForItsFilter(t *testing.T) {
	s, store, p := peopleWithDemo(t, 5, 1)
	var jobs []func()
	s.bg = func(f func()) { jobs = append(jobs, f) }
	run := func() {
		for len(jobs) > 0 {
			f := jobs[0]
			jobs = jobs[1:]
			f()
		}
	}
	last := p.listed[p.shown[4]]
	if err := store.ArchivePerson(last.ID); err != nil {
		t.Fatal(err)
	}
	p.load()
	jobs[0]() // the load, not yet the filter
	jobs = jobs[1:]
	if len(p.all) != 4 || len(p.shown) != 5 {
		t.Fatalf("loaded %d, showing %d", len(p.all), len(p.shown))
	}
	_ = test.RenderToMarkup(s.win.Canvas())
	p.list.Select(4)
	if p.form.person.ID != last.ID {
		t.Errorf("the fifth row opened %d, want %d", p.form.person.ID, last.ID)
	}
	run()
	if len(p.shown) != 4 || p.count.Text != "4 people" {
		t.Errorf("after the filter: %d shown, %q", len(p.shown), p.count.Text)
	}
}
