package ui

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

func TestSettingsApply(t *testing.T) {
	s, store := newTestShell(t)
	s.showSettings()
	if !markupContains(t, s, "Weeks start on") {
		t.Fatal("settings dialog not shown")
	}
	assertGolden(t, "settings.xml", s.win.Canvas())

	prefs().SetString(prefTheme, themeDark)
	applyTheme()
	bg := fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if bg != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("a forced dark theme should colour as dark whatever the system says")
	}

	prefs().SetString(prefCadence, string(model.CadenceMonthly))
	prefs().SetInt(prefWeekStart, int(time.Sunday))
	if weekStart() != time.Sunday {
		t.Error("first day of the week not read back")
	}
	s.open(s.people())
	s.people().newItem()
	test.Type(s.people().form.name, "Monthly Person")
	s.people().form.saveNow()
	rows, _ := store.People(false)
	if len(rows) != 1 || rows[0].Cadence != model.CadenceMonthly {
		t.Errorf("a new person should get the default cadence: %+v", rows)
	}
}

func TestRestoreWaitsForTheNextStart(t *testing.T) {
	s, store := newTestShell(t)
	if err := store.SavePerson(&model.Person{Name: "In The Backup"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	backup := dir + "/backup.db"
	if err := store.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	target := dir + "/target.db"
	empty, err := model.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	empty.Close()
	s.dbPath = target
	s.scheduleRestore(backup)
	msg := restoreUnderLock(t, target)
	if !strings.HasPrefix(msg, "Restored backup.db.") || prefs().String(prefRestore) != "" {
		t.Fatalf("restore message %q", msg)
	}
	r, err := model.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, _ := r.CountPeople(); n != 1 {
		t.Errorf("restored database has %d people", n)
	}
	if restoreUnderLock(t, target) != "" {
		t.Error("a restore runs once")
	}
}

// On a server the settings show its address without the password, offer
// no file copies, and check a new address before keeping it.
func TestSettingsOnAServer(t *testing.T) {
	s, _ := newTestShell(t)
	s.dbPath = "postgres://ana:s3cret@db.example/solemate"
	s.showSettings()
	if !markupContains(t, s, "postgres://ana:***@db.example/solemate") || markupContains(t, s, "s3cret") {
		t.Error("the address should show with its password hidden")
	}
	if markupContains(t, s, "Copy to…") || !markupContains(t, s, "Use this computer") {
		t.Error("a server database offers going back to the file, not copies")
	}

	if serverAddress("/not/a/server") == nil || serverAddress(" postgres://ana@db/solemate ") != nil {
		t.Error("a server address is one that starts with postgres://")
	}
	if serverAddress("postgres://ana:s3cret@db/solemate") == nil {
		t.Error("a password should not go into the preferences")
	}
	prefs().SetString(PrefDatabase, "kept.db")
	s.useServer("postgres://nobody@127.0.0.1:1/solemate?connect_timeout=2")
	if !markupContains(t, s, "Could not use that server") {
		t.Error("an unreachable server should say so")
	}
	if got := prefs().String(PrefDatabase); got != "kept.db" {
		t.Errorf("an unreachable server replaced the database setting: %q", got)
	}
}

// TestPendingRestoreWaitsWhileAnotherWindowIsOpen: a restore chosen in
// settings is not applied under another window (it holds the instance lock);
// the database stays as it was and the restore stays pending.
func TestPendingRestoreWaitsWhileAnotherWindowIsOpen(t *testing.T) {
	s, store := newTestShell(t)
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	if err := store.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.db")
	other, err := model.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SavePerson(&model.Person{Name: "Only In The Open Window"}); err != nil {
		t.Fatal(err)
	}
	lock, err := model.LockInstance(target)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	s.dbPath = target
	s.scheduleRestore(backup)
	_, lockErr := model.LockInstance(target) // this window's
	msg := ApplyPendingRestore(fyne.CurrentApp(), target, nil, lockErr, fixedNow)
	if !strings.Contains(msg, "not restored") || !strings.Contains(msg, "another Solemate window") {
		t.Errorf("message %q", msg)
	}
	if prefs().String(prefRestore) == "" {
		t.Error("the restore should stay pending for the next start")
	}
	if n, _ := other.CountPeople(); n != 1 {
		t.Errorf("the open database has %d people", n)
	}
}

// restoreUnderLock runs a pending restore as a window starting on dbPath does.
func restoreUnderLock(t *testing.T, dbPath string) string {
	t.Helper()
	lock, err := model.LockInstance(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	return ApplyPendingRestore(fyne.CurrentApp(), dbPath, lock, nil, fixedNow)
}

// TestPendingRestoreAppliesOnlyToItsDatabase: a restore chosen for one
// database is not applied to another that opens next (say with --db); it
// is dropped, and the start says so.
func TestPendingRestoreAppliesOnlyToItsDatabase(t *testing.T) {
	s, store := newTestShell(t)
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	if err := store.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	chosenFor, other := filepath.Join(dir, "chosen.db"), filepath.Join(dir, "other.db")
	for _, path := range []string{chosenFor, other} {
		st, err := model.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SavePerson(&model.Person{Name: "Kept In " + filepath.Base(path)}); err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	s.dbPath = chosenFor
	s.scheduleRestore(backup)
	msg := restoreUnderLock(t, other)
	if !strings.Contains(msg, "not restored") || !strings.Contains(msg, chosenFor) {
		t.Errorf("message %q", msg)
	}
	if prefs().String(prefRestore) != "" {
		t.Error("a restore for another database should be dropped")
	}
	st, err := model.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.CountPeople(); n != 1 {
		t.Errorf("the other database has %d people", n)
	}
}

// Choosing a restore closes the window once agreed, so nothing written after
// the choice is replaced at the next start; cancelling schedules nothing.
func TestChoosingARestoreClosesTheWindow(t *testing.T) {
	for _, tt := range []struct {
		button string
		closes bool
	}{{"Cancel", false}, {"Close and restore", true}} {
		s, store := newTestShellClosing(t, tt.closes)
		backup := t.TempDir() + "/backup.db"
		if err := store.CopyTo(backup); err != nil {
			t.Fatal(err)
		}
		prefs().RemoveValue(prefRestore)
		s.confirmRestore(backup)
		tapButton(t, s.win.Canvas().Overlays().Top(), tt.button)
		if pending := prefs().String(prefRestore) != ""; pending != tt.closes || s.closeSaved != tt.closes {
			t.Errorf("%s: restore pending %v, window closed %v", tt.button, pending, s.closeSaved)
		}
		prefs().RemoveValue(prefRestore)
		prefs().RemoveValue(prefRestoreInto)
	}
}

// TestSettingsShowsTheThemeChosen: the theme radio shows the choice saved,
// and a click on it keeps it rather than leaving none.
func TestSettingsShowsTheThemeChosen(t *testing.T) {
	for _, saved := range []string{"", themeSystem, themeLight, themeDark} {
		t.Run(saved, func(t *testing.T) {
			s, _ := newTestShell(t)
			if saved != "" {
				prefs().SetString(prefTheme, saved)
			}
			s.showSettings()
			radio, ok := first[*widget.RadioGroup](s.win.Canvas().Overlays().Top())
			if !ok {
				t.Fatal("no theme radio")
			}
			want := cmp.Or(saved, themeSystem)
			if radio.Selected != want {
				t.Errorf("shows %q, want %q", radio.Selected, want)
			}
			n := slices.Index(radio.Options, want)
			item, _ := first(radio, func(tappableFocus) bool { n--; return n < 0 })
			test.Tap(item)
			if radio.Selected != want || prefs().StringWithFallback(prefTheme, themeSystem) != want {
				t.Errorf("a click on %q left %q, saved %q", want, radio.Selected, prefs().String(prefTheme))
			}
		})
	}
}

// TestEnterConnectsToAServer: Enter in the one field of a form dialog,
// "Use a server database" here, does what its button does (Connect) once
// the field is valid.
func TestEnterConnectsToAServer(t *testing.T) {
	for _, c := range []struct {
		address string
		tried   bool
	}{
		{"not a server", false},
		{"postgres://nobody@127.0.0.1:1/solemate?connect_timeout=2", true},
	} {
		t.Run(c.address, func(t *testing.T) {
			s, _ := newTestShell(t)
			s.chooseServer()
			address, ok := first[*dialogEntry](s.win.Canvas().Overlays().Top())
			if !ok {
				t.Fatal("no address field")
			}
			test.Type(address, c.address)
			address.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if tried := markupContains(t, s, "Could not use that server"); tried != c.tried {
				t.Errorf("Enter tried the server: %v, want %v", tried, c.tried)
			}
		})
	}
}
