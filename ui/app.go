// Package ui holds Solemate's Fyne screens. It reaches the data only through
// the model's Store and never builds queries itself.
package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Info is what the About dialog tells.
type Info struct {
	Version string
	Build   int
	Commit  string // "" when not built from a checkout
}

// screen is one entry of the sidebar.
type screen interface {
	title() string
	icon() fyne.Resource
	view() fyne.CanvasObject
	// load fetches the screen's data again (off the UI goroutine).
	load()
	// newItem starts a new item (Ctrl+N).
	newItem()
	// flush saves what is being edited; false means something could not be
	// saved and is still only on screen.
	flush() bool
	// focusFilter puts the cursor in the screen's filter box (Ctrl+L).
	focusFilter()
}

// shell is the main window: sidebar, current screen and the undo bar.
type shell struct {
	win     fyne.Window
	store   *model.Store
	info    Info
	screens []screen
	current int
	nav     *widget.List
	body    *fyne.Container
	undo    *undoBar
	// bg runs work off the UI goroutine; tests make it synchronous.
	bg func(func())
	// undoFor is how long the undo bar stays.
	undoFor time.Duration
	// dialogs are the ones open, so a link inside one can close them.
	dialogs []dialog.Dialog
	dbPath  string

	today     *todayScreen
	people    *peopleScreen
	oneOnOnes *oneOnOneScreen
	shadowing *shadowingScreen
	cohorts   *cohortScreen
	prompts   *promptsScreen
}

// Run opens the database and shows the main window until it is closed.
func Run(a fyne.App, dbPath string, info Info) error {
	applyTheme()
	a.SetIcon(appIcon)
	w := a.NewWindow("Solemate")
	w.Resize(fyne.NewSize(1100, 720))
	restored := restorePending(a, dbPath)
	store, err := model.Open(dbPath)
	if err != nil {
		showFatal(w, err)
		return err
	}
	defer store.Close()
	s := newShell(w, store, info, func(f func()) { go f() })
	s.dbPath = dbPath
	lock, lockErr := model.LockInstance(dbPath)
	defer lock.Release()
	if restored != "" {
		s.showMessage("Restore", restored)
	}
	if errors.Is(lockErr, model.ErrAlreadyOpen) {
		s.showMessage("Already open", "Solemate is already open on this database in another window. Both save safely, but one window does not see the other's changes until you switch screens.")
	}
	go s.notifyLoop(time.Hour)
	// At most once a day, a backup beside the database, keeping two weeks.
	go func() {
		if _, err := store.AutoBackup(filepath.Join(filepath.Dir(dbPath), "backups"), 14); err != nil {
			fyne.Do(func() { s.showError("The daily backup failed", err) })
		}
	}()
	w.SetMainMenu(s.menu())
	w.SetMaster()
	w.SetCloseIntercept(s.close)
	w.ShowAndRun()
	return nil
}

// showFatal shows why the app cannot start, in a window of its own.
func showFatal(w fyne.Window, err error) {
	msg := widget.NewLabel(fmt.Sprintf("Solemate could not open its database.\n\n%s", err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", w.Close)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layoutSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(520, 240))
	w.ShowAndRun()
}

func newShell(w fyne.Window, store *model.Store, info Info, bg func(func())) *shell {
	s := &shell{win: w, store: store, info: info, bg: bg, undoFor: 10 * time.Second}
	s.undo = newUndoBar()
	s.people = newPeopleScreen(s)
	s.oneOnOnes = newOneOnOneScreen(s)
	s.shadowing = newShadowingScreen(s)
	s.cohorts = newCohortScreen(s)
	s.prompts = newPromptsScreen(s)
	s.today = newTodayScreen(s)
	s.screens = []screen{s.today, s.people, s.oneOnOnes, s.shadowing, s.cohorts, s.prompts}
	s.body = container.NewStack()
	s.nav = widget.NewList(
		func() int { return len(s.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.AccountIcon()), widget.NewLabel("Screen name"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.screens[id].icon())
			row.Objects[1].(*widget.Label).SetText(s.screens[id].title())
		},
	)
	s.nav.OnSelected = func(id widget.ListItemID) { s.show(id) }
	brand := widget.NewLabelWithStyle("Solemate", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	about := widget.NewButtonWithIcon("About", theme.InfoIcon(), s.showAbout)
	about.Importance = widget.LowImportance
	sidebar := container.NewBorder(container.NewPadded(brand), about, nil, nil, s.nav)
	split := container.NewHSplit(sidebar, container.NewBorder(nil, s.undo.view, nil, nil, s.body))
	split.Offset = 0.16
	w.SetContent(split)
	s.addShortcuts()
	s.nav.Select(0)
	return s
}

// fetch runs get off the UI goroutine and hands its result to show on it,
// or tells the user what failed.
func fetch[T any](sh *shell, failure string, get func() (T, error), show func(T)) {
	sh.bg(func() {
		v, err := get()
		fyne.Do(func() {
			if err != nil {
				sh.showError(failure, err)
				return
			}
			show(v)
		})
	})
}

// open switches to a screen.
func (s *shell) open(sc screen) {
	for i, x := range s.screens {
		if x == sc {
			s.show(i)
		}
	}
}

// show switches to screen i.
func (s *shell) show(i int) {
	if i < 0 || i >= len(s.screens) {
		return
	}
	if i != s.current {
		s.screens[s.current].flush()
	}
	s.current = i
	if s.nav.Length() > i {
		s.nav.Select(i) // no-op when already selected
	}
	sc := s.screens[i]
	s.body.Objects = []fyne.CanvasObject{sc.view()}
	s.body.Refresh()
	s.win.SetTitle("Solemate — " + sc.title())
	sc.load()
}

// close saves everything before the window goes; unsaved invalid edits are
// only thrown away when the user says so.
func (s *shell) close() {
	ok := true
	for _, sc := range s.screens {
		ok = sc.flush() && ok
	}
	if ok {
		s.win.Close()
		return
	}
	dialog.ShowConfirm("Quit without saving?", "Some changes have problems and could not be saved. Quit anyway and lose them?",
		func(quit bool) {
			if quit {
				s.win.Close()
			}
		}, s.win)
}

// shortcut is one keyboard shortcut, shown in the menu and the help.
type shortcut struct {
	key   fyne.KeyName
	label string
	run   func()
}

func (s *shell) shortcuts() []shortcut {
	list := []shortcut{
		{fyne.KeyN, "New item on this screen", func() { s.screens[s.current].newItem() }},
		{fyne.KeyF, "Search everything", func() { showSearch(s) }},
		{fyne.KeyL, "Focus this screen's filter", func() { s.screens[s.current].focusFilter() }},
	}
	for i, sc := range s.screens {
		list = append(list, shortcut{fyne.KeyName(fmt.Sprint(i + 1)), "Go to " + sc.title(), func() { s.show(i) }})
	}
	return list
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts registers the shortcuts on the canvas too, so they work when
// no menu is shown (tests, and platforms without a menu bar).
func (s *shell) addShortcuts() {
	for _, sc := range s.shortcuts() {
		run := sc.run
		s.win.Canvas().AddShortcut(ctrl(sc.key), func(fyne.Shortcut) { run() })
	}
	s.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { s.undo.trigger() })
}

func (s *shell) menu() *fyne.MainMenu {
	item := func(label string, key fyne.KeyName, run func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, run)
		if key != "" {
			it.Shortcut = ctrl(key)
		}
		return it
	}
	people := s.people
	file := fyne.NewMenu("File",
		item("New (person, one-on-one…)", fyne.KeyN, func() { s.screens[s.current].newItem() }),
		fyne.NewMenuItemSeparator(),
		item("Import people…", fyne.KeyI, people.importCSV),
		item("Export people…", fyne.KeyE, people.exportRoster),
		item("Export one-on-ones…", "", func() { s.exportOneOnOnes(0, "one-on-ones.md") }),
		item("Export calendar…", "", s.exportCalendar),
		fyne.NewMenuItemSeparator(),
		item("Load demo data…", "", people.loadDemo),
		fyne.NewMenuItemSeparator(),
		item("Settings…", fyne.KeyComma, s.showSettings),
		fyne.NewMenuItemSeparator(),
		quitItem(item("Quit", fyne.KeyQ, s.close)),
	)
	edit := fyne.NewMenu("Edit",
		item("Save", fyne.KeyS, func() { s.screens[s.current].flush() }),
		item("Search…", fyne.KeyF, func() { showSearch(s) }),
		item("Filter this list", fyne.KeyL, func() { s.screens[s.current].focusFilter() }),
	)
	var goItems []*fyne.MenuItem
	for i, sc := range s.screens {
		goItems = append(goItems, item(sc.title(), fyne.KeyName(fmt.Sprint(i+1)), func() { s.show(i) }))
	}
	help := fyne.NewMenu("Help",
		item("Keyboard shortcuts", "", s.showShortcuts),
		item("About Solemate", "", s.showAbout),
	)
	return fyne.NewMainMenu(file, edit, fyne.NewMenu("Go", goItems...), help)
}

// quitItem marks it as the menu's Quit, so Fyne adds no second one and the
// shortcut saves before leaving like closing the window does.
func quitItem(it *fyne.MenuItem) *fyne.MenuItem {
	it.IsQuit = true
	return it
}

func (s *shell) showAbout() {
	built := fmt.Sprintf("build %d", s.info.Build)
	if s.info.Commit != "" {
		built += ", commit " + s.info.Commit
	}
	text := fmt.Sprintf("**Solemate %s** (%s)\n\nOne-on-ones, onboarding cohorts and customer shadowing for service teams — one conversation at a time.\n\nYour data stays on this computer.", s.info.Version, built)
	icon := canvas.NewImageFromResource(appIcon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	s.showDialog(dialog.NewCustom("About Solemate", "Close", container.NewBorder(nil, nil, container.NewCenter(icon), nil, widget.NewRichTextFromMarkdown(text)), s.win))
}

// shortcutHelp lists every shortcut as "Ctrl+N" and what it does.
func (s *shell) shortcutHelp() [][2]string {
	rows := [][2]string{}
	for _, sc := range s.shortcuts() {
		rows = append(rows, [2]string{"Ctrl+" + string(sc.key), sc.label})
	}
	return append(rows,
		[2]string{"Ctrl+S", "Save the open form"},
		[2]string{"Ctrl+I", "Import people from CSV"},
		[2]string{"Ctrl+E", "Export people"},
		[2]string{"Ctrl+Z", "Undo the last archive or delete (outside text fields)"},
		[2]string{"Ctrl+,", "Settings"},
		[2]string{"Ctrl+Q", "Quit"},
	)
}

func (s *shell) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, r := range s.shortcutHelp() {
		grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(r[1]))
	}
	s.showDialog(dialog.NewCustom("Keyboard shortcuts", "Close", grid, s.win))
}

// showError tells the user what went wrong in plain words.
func (s *shell) showError(what string, err error) {
	s.showDialog(dialog.NewError(fmt.Errorf("%s: %w", what, err), s.win))
}

// showMessage shows a short message with a Close button.
func (s *shell) showMessage(title, text string) {
	s.showDialog(dialog.NewInformation(title, text, s.win))
}

// closeDialogs hides every dialog shown through showDialog.
func (s *shell) closeDialogs() {
	for _, d := range s.dialogs {
		d.Hide()
	}
	s.dialogs = nil
}

// showDialog shows d and lets Esc close it, as people expect of a dialog.
func (s *shell) showDialog(d dialog.Dialog) {
	s.dialogs = append(s.dialogs, d)
	c := s.win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			d.Hide()
			return
		}
		if prev != nil {
			prev(k)
		}
	})
	d.SetOnClosed(func() {
		c.SetOnTypedKey(prev)
		s.dialogs = slices.DeleteFunc(s.dialogs, func(x dialog.Dialog) bool { return x == d })
	})
	d.Show()
}
