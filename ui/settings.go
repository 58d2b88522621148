package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Preference keys. PrefDatabase is read by the command line too.
const (
	PrefDatabase      = "database"
	prefTheme         = "theme"
	prefNotifications = "notifications"
	prefCadence       = "defaultCadence"
	prefWeekStart     = "firstDayOfWeek"
	// prefRestore holds a checked backup to restore at the next start,
	// when the database is not open; prefRestoreInto, the database it was
	// chosen for.
	prefRestore     = "pendingRestore"
	prefRestoreInto = "pendingRestoreInto"
)

const (
	themeSystem = "Follow the system"
	themeLight  = "Light"
	themeDark   = "Dark"
)

func prefs() fyne.Preferences { return fyne.CurrentApp().Preferences() }

// applyTheme sets the brand theme with the variant chosen in settings.
func applyTheme() {
	t := brandTheme{Theme: theme.DefaultTheme()}
	switch prefs().StringWithFallback(prefTheme, themeSystem) {
	case themeLight:
		v := theme.VariantLight
		t.force = &v
	case themeDark:
		v := theme.VariantDark
		t.force = &v
	}
	fyne.CurrentApp().Settings().SetTheme(t)
}

// defaultCadence is the cadence new people get.
func defaultCadence() model.Cadence {
	c, err := model.ParseCadence(prefs().StringWithFallback(prefCadence, string(model.CadenceWeekly)))
	if err != nil {
		return model.CadenceWeekly
	}
	return c
}

// weekStart is the first day of the week, for "this week".
func weekStart() time.Weekday {
	return time.Weekday(prefs().IntWithFallback(prefWeekStart, int(time.Monday)))
}

// showSettings edits the preferences: who the user is, theme,
// notifications, the default cadence, the first day of the week, and where
// the database lives.
func (s *shell) showSettings() {
	p := prefs()
	// Each choice applies at once; the focus then goes, so that Esc closes
	// Settings: a radio, check or list with the focus keeps the key.
	unfocus := s.win.Canvas().Unfocus
	themes := widget.NewRadioGroup([]string{themeSystem, themeLight, themeDark}, func(v string) {
		p.SetString(prefTheme, v)
		applyTheme()
		unfocus()
	})
	themes.Required = true // a click on the choice shown keeps it, never leaves none
	themes.SetSelected(p.StringWithFallback(prefTheme, themeSystem))
	notify := widget.NewCheck("Remind me of what is due today", func(on bool) {
		p.SetBool(prefNotifications, on)
		unfocus()
	})
	notify.SetChecked(p.BoolWithFallback(prefNotifications, true))
	cadence := enumSelect(model.Cadences(), func(c model.Cadence) {
		p.SetString(prefCadence, string(c))
		unfocus()
	})
	cadence.SetSelected(defaultCadence().Label())
	days := []time.Weekday{time.Monday, time.Sunday, time.Saturday}
	dayNames := []string{"Monday", "Sunday", "Saturday"}
	week := widget.NewSelect(dayNames, func(name string) {
		for i, n := range dayNames {
			if n == name {
				p.SetInt(prefWeekStart, int(days[i]))
			}
		}
		unfocus()
	})
	week.SetSelected(weekStart().String())
	where := widget.NewLabel(model.RedactURL(s.dbPath))
	where.Wrapping = fyne.TextWrapBreak
	copyBtn := widget.NewButtonWithIcon("Copy to…", theme.ContentCopyIcon(), func() { s.copyDatabase(false) })
	moveBtn := widget.NewButtonWithIcon("Move to…", theme.FolderOpenIcon(), func() { s.copyDatabase(true) })
	restoreBtn := widget.NewButtonWithIcon("Restore from…", theme.HistoryIcon(), s.chooseRestore)
	serverBtn := widget.NewButtonWithIcon("Use a server…", theme.StorageIcon(), s.chooseServer)
	buttons := container.NewVBox(container.NewHBox(copyBtn, moveBtn, restoreBtn), container.NewHBox(serverBtn))
	hint := "Copy makes a backup; Move opens the copy from the next start; Restore closes Solemate and replaces the database with a backup when it starts again"
	if model.IsServer(s.dbPath) {
		// The server's administrator backs it up; there is no file here.
		buttons = container.NewHBox(serverBtn, widget.NewButtonWithIcon("Use this computer's file", theme.ComputerIcon(), func() {
			prefs().RemoveValue(PrefDatabase)
			s.showMessage("Database on this computer", "Solemate will open its file on this computer from its next start. The server database stays as it is.")
		}))
		hint = "Shared on a server and backed up there; your private notes and items stay yours alone"
	}
	// A form's hint never wraps: this one, as long as it is, would widen the dialog.
	explain := widget.NewLabel(hint + ".")
	explain.SizeName = theme.SizeNameCaptionText
	explain.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		&widget.FormItem{Text: "You are", Widget: s.meRow(), HintText: "Today and reminders start from your reports"},
		&widget.FormItem{Text: "Theme", Widget: themes},
		&widget.FormItem{Text: "Notifications", Widget: notify, HintText: "One-on-ones and follow-ups, at start and then hourly"},
		&widget.FormItem{Text: "New people meet", Widget: cadence, HintText: "The cadence new people get; change anyone's on their page"},
		&widget.FormItem{Text: "Weeks start on", Widget: week},
		s.weekSettings(),
		&widget.FormItem{Text: "Database", Widget: container.NewVBox(where, buttons, explain)},
	)
	// It scrolls: at the smallest window it is taller than the window.
	d := dialog.NewCustom("Settings", "Close", container.NewVScroll(form), s.win)
	d.Resize(fyne.NewSize(700, 540))
	s.showDialog(d)
}

// chooseRestore checks a backup now and restores it at the next start,
// when the database is not in use.
func (s *shell) chooseRestore() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError("Could not choose the backup", err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		if err := model.CheckBackup(path); err != nil {
			s.showError("This file cannot be restored", err)
			return
		}
		s.confirmRestore(path)
	}, s.win)
	s.showDialog(d)
}

// confirmRestore says what a restore does and, once agreed, closes the
// window at once: whatever was written between choosing a backup and the
// next start would otherwise be replaced by it.
func (s *shell) confirmRestore(src string) {
	// Named from the database's folder, where the user finds it; both are
	// made from one path, so Rel cannot fail.
	kept, _ := filepath.Rel(filepath.Dir(s.dbPath), model.BackupDir(s.dbPath))
	d := dialog.NewConfirm("Restore "+filepath.Base(src)+"?",
		"Solemate saves what you have, closes, and opens this backup the next time you start it. "+
			"The database it replaces is kept in "+kept+string(filepath.Separator)+".",
		func(ok bool) {
			if ok && s.scheduleRestore(src) {
				s.close()
			}
		}, s.win)
	d.SetConfirmText("Close and restore")
	d.SetDismissText("Cancel")
	s.showDialog(d)
}

// scheduleRestore restores the backup src into this database, and no other,
// at the next start.
func (s *shell) scheduleRestore(src string) bool {
	into, err := filepath.Abs(s.dbPath)
	if err != nil {
		s.showError("Could not restore the backup", err)
		return false
	}
	prefs().SetString(prefRestore, src)
	prefs().SetString(prefRestoreInto, into)
	return true
}

// chooseServer asks for a PostgreSQL database to use from the next start,
// and connects to it first so a typing mistake shows now, not then.
func (s *shell) chooseServer() {
	address := newDialogEntry()
	address.SetPlaceHolder("postgres://you@server/solemate")
	if model.IsServer(s.dbPath) && !model.HasPassword(s.dbPath) {
		address.SetText(s.dbPath)
	}
	address.Validator = serverAddress
	items := []*widget.FormItem{{Text: "Address", Widget: address,
		HintText: "Your own user on the server; keep the password in ~/.pgpass rather than here"}}
	d := dialog.NewForm("Use a server database", "Connect", "Cancel", items, func(ok bool) {
		if ok {
			s.useServer(strings.TrimSpace(address.Text))
		}
	}, s.win)
	d.Resize(fyne.NewSize(560, 220))
	s.showDialog(d)
	s.win.Canvas().Focus(address)
}

// serverAddress checks an address to keep in preferences, which are
// plain text: a password belongs in ~/.pgpass.
func serverAddress(text string) error {
	switch text = strings.TrimSpace(text); {
	case !model.IsServer(text):
		return errors.New("a server address starts with postgres://")
	case model.HasPassword(text):
		return errors.New("leave the password out; put it in ~/.pgpass")
	}
	return nil
}

// useServer connects to url (off the UI goroutine) and, when that works,
// opens it from the next start.
func (s *shell) useServer(url string) {
	fetch(s, nil, "Could not use that server", func(*model.Store) (string, error) {
		st, err := model.Open(url)
		if err != nil {
			return "", err
		}
		return url, st.Close()
	}, func(url string) {
		prefs().SetString(PrefDatabase, url)
		s.showMessage("Server database", "Solemate will open "+model.RedactURL(url)+" from its next start. Your file on this computer stays as it was.")
	})
}

// ApplyPendingRestore restores a backup chosen in settings, before the
// database opens, under this window's instance lock (nil when lockErr kept it from
// the window); it says what happened, or "" when nothing was pending. now
// names the copy kept of the database it replaces.
func ApplyPendingRestore(a fyne.App, dbPath string, lock *model.InstanceLock, lockErr error, now time.Time) string {
	p := a.Preferences()
	src, into := p.String(prefRestore), p.String(prefRestoreInto)
	if src == "" {
		return ""
	}
	if !sameFile(into, dbPath) {
		// Chosen for the database opened then, not for this one (--db, a move).
		p.RemoveValue(prefRestore)
		p.RemoveValue(prefRestoreInto)
		return "The backup " + filepath.Base(src) + " was not restored: it was chosen for another database (" + into +
			"). Choose it again in Settings to restore it into this one."
	}
	if lock == nil {
		// Another window has it open; restoring under it would lose its edits.
		return "The backup was not restored: " + lockErr.Error() + ". Close it, and start Solemate again to restore " + filepath.Base(src) + "."
	}
	kept, err := lock.Restore(src, now)
	if errors.Is(err, model.ErrInUse) {
		// A second window, or a command, still has it open: the restore
		// stays chosen for a start when nothing does.
		return "The backup was not restored: " + model.ErrInUse.Error() + ". Close every other Solemate window, and start Solemate again to restore " + filepath.Base(src) + "."
	}
	p.RemoveValue(prefRestore)
	p.RemoveValue(prefRestoreInto)
	if err != nil {
		return "The backup was not restored: " + err.Error()
	}
	msg := "Restored " + filepath.Base(src) + "."
	if kept != "" {
		msg += " The database it replaced is kept as " + kept + "."
	}
	return msg
}

// sameFile tells whether two paths name one database file.
func sameFile(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if a == "" || b == "" || errA != nil || errB != nil {
		return false
	}
	if absA == absB {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// copyDatabase copies the database into a chosen folder; with move, the
// copy becomes the database from the next start (the old file stays as it
// was, as a backup), and the window closes once that is agreed.
func (s *shell) copyDatabase(move bool) {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			s.showError("Could not choose the folder", err)
			return
		}
		switch {
		case dir == nil:
		case move:
			s.confirmMove(dir.Path())
		default:
			s.copyDatabaseTo(dir.Path(), false)
		}
	}, s.win)
}

// confirmMove says what a move does and, once agreed, moves the database
// into dir and closes the window at once: whatever it wrote after the copy
// would go into the old file, which the next start no longer opens.
func (s *shell) confirmMove(dir string) {
	dst := filepath.Join(dir, model.FileName)
	d := dialog.NewConfirm("Move the database to "+dir+"?",
		"Solemate saves what you have, copies the database to "+dst+", and closes. "+
			"It opens the copy from the next time you start it; the old file stays where it was, untouched.",
		func(ok bool) {
			if ok {
				s.copyDatabaseTo(dir, true)
			}
		}, s.win)
	d.SetConfirmText("Move and close")
	d.SetDismissText("Cancel")
	s.showDialog(d)
}

// copyDatabaseTo is copyDatabase once the folder is chosen (and a move
// agreed). A copy is named by the minute, numbered when that name is taken;
// a moved database is solemate.db and never replaces one. A move saves
// what is on screen first, so the copy has it, and closes the window after,
// so nothing more goes into the old file.
func (s *shell) copyDatabaseTo(dir string, move bool) {
	if move && !s.saveAll() {
		s.showMessage("Database not moved", "Some changes have problems and could not be saved. Put them right, or undo them, and move the database again.")
		return
	}
	name := "solemate-copy-" + s.store.Now().Format("2006-01-02-1504")
	dst := filepath.Join(dir, name+".db")
	if move {
		dst = filepath.Join(dir, model.FileName)
	}
	err := s.store.CopyTo(dst)
	for n := 2; !move && errors.Is(err, fs.ErrExist); n++ {
		dst = filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, n))
		err = s.store.CopyTo(dst)
	}
	if err != nil {
		s.showError("Could not copy the database", err)
		return
	}
	if move {
		prefs().SetString(PrefDatabase, dst)
		s.close()
		return
	}
	s.showMessage("Database copied", "A copy is in "+dst+".")
}
