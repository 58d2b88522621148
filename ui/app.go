// Package ui holds Solemate's Fyne screens. It reaches the data only through
// the model's Store and never builds queries itself.
package ui

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
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

// The screens in the sidebar's order; Ctrl+1… follow it.
const (
	screenToday = iota
	screenPeople
	screenOneOnOnes
	screenShadowing
	screenCohorts
	screenPrompts
)

// screenSlot is one entry of the sidebar: what the sidebar and the menus
// show of it, and the screen itself, built the first time it is needed so
// that start-up builds only Today.
type screenSlot struct {
	title string
	icon  fyne.Resource
	build func(*shell) screen
	built screen // nil until first needed
}

func newScreenSlots() []screenSlot {
	return []screenSlot{
		screenToday:     {title: "Today", icon: theme.HomeIcon(), build: func(s *shell) screen { return newTodayScreen(s) }},
		screenPeople:    {title: "People", icon: theme.AccountIcon(), build: func(s *shell) screen { return newPeopleScreen(s) }},
		screenOneOnOnes: {title: "One-on-ones", icon: theme.MailComposeIcon(), build: func(s *shell) screen { return newOneOnOneScreen(s) }},
		screenShadowing: {title: "Shadowing", icon: theme.VisibilityIcon(), build: func(s *shell) screen { return newShadowingScreen(s) }},
		screenCohorts:   {title: "Cohorts", icon: theme.GridIcon(), build: func(s *shell) screen { return newCohortScreen(s) }},
		screenPrompts:   {title: "Prompts", icon: theme.QuestionIcon(), build: func(s *shell) screen { return newPromptsScreen(s) }},
	}
}

// shell is the main window: sidebar, current screen and the undo bar.
type shell struct {
	loader
	// popups is the line of loads that end in a dialog or a window (a
	// checklist, meeting mode, the prepare card): a newer one, or a switch
	// of screen, drops one still loading, so nothing opens twice or over a
	// screen the user has left.
	popups  line
	win     fyne.Window
	info    Info
	screens []screenSlot
	current int
	nav     *widget.List
	body    *fyne.Container
	undo    *undoBar
	// undoFor is how long the undo bar stays.
	undoFor time.Duration
	// after is the clock autosave waits on.
	after afterFunc
	// meetings are the meeting modes open.
	meetings map[*meetingMode]bool
	// closeSaved says the window closed through close, which saved.
	closeSaved bool
	// report is the report's own app, when a report signed in.
	report *reportApp
	// dialogs are the ones open, so a link inside one can close them.
	dialogs []dialog.Dialog
	dbPath  string
	// floor keeps the window at minWindow at least, beside sidebar.
	floor   *floor
	sidebar fyne.CanvasObject
	// onDay, when set, is handed the day Today loads first (the start-up
	// notification uses it instead of loading the day again).
	onDay func(model.TodayView)
}

// screen returns screen i, building it on first use.
func (s *shell) screen(i int) screen {
	sl := &s.screens[i]
	if sl.built == nil {
		sl.built = sl.build(s)
	}
	return sl.built
}

func (s *shell) today() *todayScreen         { return s.screen(screenToday).(*todayScreen) }
func (s *shell) people() *peopleScreen       { return s.screen(screenPeople).(*peopleScreen) }
func (s *shell) oneOnOnes() *oneOnOneScreen  { return s.screen(screenOneOnOnes).(*oneOnOneScreen) }
func (s *shell) shadowing() *shadowingScreen { return s.screen(screenShadowing).(*shadowingScreen) }
func (s *shell) cohorts() *cohortScreen      { return s.screen(screenCohorts).(*cohortScreen) }
func (s *shell) prompts() *promptsScreen     { return s.screen(screenPrompts).(*promptsScreen) }

// Start is what the window needs from the command that opens it.
type Start struct {
	Info   Info
	DBPath string // where the database is, for Settings and About
	// Open opens the database. Run calls it off the UI goroutine while the
	// window already shows, and shows the notices once the screens load.
	Open func() (*model.Store, []Notice, error)
	// Started runs in the background once Today's first load is in (or a
	// minute has passed), with that day when it came; ctx ends when the
	// window closes, and showError tells the user what failed.
	Started func(ctx context.Context, store *model.Store, first *model.TodayView, showError func(what string, err error))
}

// Notice is a message for the user once the window is open.
type Notice struct{ Title, Text string }

// Run shows the main window at once and opens the database through
// start.Open meanwhile (a pending restore or a schema upgrade can take a
// while on a large one); the screens load once it is open. It returns when
// the window has closed and saved, Open's error if it failed.
func Run(a fyne.App, start Start) error {
	applyTheme()
	bold := loadBoldFont()
	a.SetIcon(windowIcon)
	w := a.NewWindow("Solemate")
	w.Resize(savedWindowSize(a.Preferences()))
	fyne.MeasureText("Solemate", theme.TextSize(), fyne.TextStyle{}) // regular meanwhile
	<-bold
	s := newShellFrame(w, start.Info, func(f func()) { go f() })
	s.dbPath = start.DBPath
	w.SetMainMenu(s.menu())
	w.SetOnDropped(s.dropped)
	w.SetMaster()
	w.SetCloseIntercept(s.close)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer func() {
		signal.Stop(signals)
		close(signals)
	}()
	quitOn(signals, a.Quit)
	ctx, cancel := context.WithCancel(context.Background())

	var openErr error
	opened := make(chan struct{})
	var closed atomic.Bool // the window went before the database opened
	go func() {
		defer close(opened)
		store, notices, err := start.Open()
		if err != nil {
			openErr = err
			fyne.Do(func() { showFatal(w, err) })
			return
		}
		day := make(chan model.TodayView, 1)
		fyne.Do(func() {
			if closed.Load() {
				return
			}
			if store.IAmReport() { // their own small app, not the lead's
				s.showReport(store)
				return
			}
			s.onDay = func(v model.TodayView) { day <- v }
			s.attach(store)
			for _, n := range notices {
				s.showMessage(n.Title, n.Text)
			}
			s.askWhoYouAre()
			go s.afterStart(ctx, store, day, start.Started)
		})
	}()
	w.ShowAndRun()
	cancel() // what Started began ends with the window
	closed.Store(true)
	<-opened
	s.saveOnQuit()
	return openErr
}

// afterStart waits for Today's first load (at most a minute), so that
// started does not compete with it, then runs started.
func (s *shell) afterStart(ctx context.Context, store *model.Store, day <-chan model.TodayView, started func(context.Context, *model.Store, *model.TodayView, func(string, error))) {
	var first *model.TodayView
	select {
	case v := <-day:
		first = &v
	case <-time.After(time.Minute):
	case <-ctx.Done():
		return
	}
	started(ctx, store, first, func(what string, err error) {
		fyne.Do(func() { s.showError(what, err) })
	})
}

// showFatal shows why the app cannot start in place of the main window's
// content.
func showFatal(w fyne.Window, err error) {
	msg := widget.NewLabel(fmt.Sprintf("Solemate could not open its database.\n\n%s", err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", w.Close)
	quit.Importance = widget.HighImportance
	w.SetMainMenu(nil)
	w.SetCloseIntercept(w.Close)
	w.SetTitle("Solemate")
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layoutSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(520, 240))
}

// newShell builds the main window on an open store and loads Today.
func newShell(w fyne.Window, store *model.Store, info Info, bg func(func())) *shell {
	s := newShellFrame(w, info, bg)
	s.attach(store)
	return s
}

// newShellFrame builds the sidebar and the Today screen, which need no
// data; the other screens are built when first opened. Nothing loads until
// attach gives it the store.
func newShellFrame(w fyne.Window, info Info, bg func(func())) *shell {
	s := &shell{loader: loader{bg: bg}, win: w, info: info, undoFor: 10 * time.Second, after: wallClock, meetings: map[*meetingMode]bool{}, screens: newScreenSlots()}
	s.fail = s.showError
	s.undo = newUndoBar()
	s.body = container.NewStack(s.screen(screenToday).view())
	s.nav = widget.NewList(
		func() int { return len(s.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.AccountIcon()), widget.NewLabel("Screen name"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.screens[id].icon)
			row.Objects[1].(*widget.Label).SetText(s.screens[id].title)
		},
	)
	s.nav.OnSelected = func(id widget.ListItemID) {
		if id != s.current { // not show's own nav.Select, which would load twice
			s.show(id)
		}
	}
	brand := widget.NewLabelWithStyle("Solemate", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	about := widget.NewButtonWithIcon("About", theme.InfoIcon(), s.showAbout)
	about.Importance = widget.LowImportance
	sidebar := container.NewBorder(container.NewPadded(brand), about, nil, nil, s.nav)
	s.sidebar = sidebar
	s.floor = &floor{inner: layout.NewBorderLayout(nil, s.undo.view, nil, nil)}
	split := container.NewHSplit(sidebar, container.New(s.floor, s.body, s.undo.view))
	split.Offset = 0.16
	w.SetContent(split)
	s.setTitle(s.screens[screenToday].title)
	s.addShortcuts()
	s.nav.Select(screenToday)
	return s
}

// attach gives the shell its open store and shows the screen chosen so far
// (Today, unless the sidebar was clicked while the database was opening).
func (s *shell) attach(store *model.Store) {
	// Not before: the window shows by now, with its menu bar, which a
	// floor fitted without it would have pushed out of the window.
	s.fitMinWindow()
	s.store = store
	s.show(s.current)
}

// open switches to a screen.
func (s *shell) open(sc screen) {
	for i, x := range s.screens {
		if x.built == sc {
			s.show(i)
		}
	}
}

// show switches to screen i, building it on its first visit, and loads it.
func (s *shell) show(i int) {
	if i < 0 || i >= len(s.screens) {
		return
	}
	if s.store == nil { // still opening the database: attach shows it
		s.current = i
		return
	}
	if i != s.current {
		s.screen(s.current).flush()
		s.popups.stop()
	}
	s.current = i
	if s.nav.Length() > i {
		s.nav.Select(i) // no-op when already selected
	}
	sc := s.screen(i)
	showOnly(s.body, sc.view())
	s.setTitle(s.screens[i].title)
	sc.load()
}

// ready says whether the window takes commands: the database is open and
// no dialog is asking something. Until then shortcuts and menu items do
// nothing: Ctrl+1 behind a dialog left it standing over another screen.
func (s *shell) ready() bool { return s.store != nil && len(s.dialogs) == 0 }

// close saves everything before the window goes; unsaved invalid edits are
// only thrown away when the user says so.
func (s *shell) close() {
	quit := func() {
		s.closeSaved = true
		saveWindowSize(prefs(), s.win.Canvas().Size())
		s.win.Close()
	}
	if s.saveAll() {
		quit()
		return
	}
	s.showDialog(dialog.NewConfirm("Quit without saving?", "Some changes have problems and could not be saved. Quit anyway and lose them?",
		func(ok bool) {
			if ok {
				quit()
			}
		}, s.win))
}

// saveAll saves what every screen and meeting mode holds; false means
// something could not be saved and is still only on screen.
func (s *shell) saveAll() bool {
	ok := true
	for mm := range s.meetings {
		ok = mm.commitTyped() == nil && ok
	}
	for _, sl := range s.screens {
		if sl.built != nil {
			ok = sl.built.flush() && ok
		}
	}
	if s.report != nil {
		ok = s.report.flush() && ok
	}
	return ok
}

// quitOn ends the app through quit when a signal arrives (a logout, kill,
// Ctrl+C in a terminal); Run then saves, in saveOnQuit.
func quitOn(signals <-chan os.Signal, quit func()) {
	go func() {
		if _, ok := <-signals; ok {
			fyne.Do(quit)
		}
	}()
}

// saveOnQuit saves what closing the window saves when the app ended another
// way, by a signal: Fyne quits by itself on SIGINT and SIGTERM and drops
// what waits to run, so no handler of ours can save first. It runs once
// the app has stopped (UI code then runs at once, on any goroutine) and
// asks nothing: no one may be there to answer.
func (s *shell) saveOnQuit() {
	if !s.closeSaved && s.store != nil {
		s.saveAll()
	}
}

// prefWindowSize is the window's width and height as it closed, for the
// next start: one setting, written at once, as the app is quitting. (A
// signal ends the app before a setting written then is kept.)
const prefWindowSize = "windowSize"

var (
	// minWindow is the smallest the window can be: every screen and
	// dialog fits it without overlapping or breaking a word.
	minWindow = fyne.NewSize(900, 600)
	// firstWindow is the window's size at the first start.
	firstWindow = fyne.NewSize(1100, 720)
)

// fitMinWindow makes the screens ask for what is left of minWindow beside
// the sidebar, the split's divider, the menu bar and the window's padding:
// Fyne makes the window no smaller than its content, so it is never
// smaller than minWindow, and as every screen fits that, none makes it
// grow.
func (s *shell) fitMinWindow() {
	chrome := fyne.NewSquareSize(2 * theme.Padding()) // a test canvas has no menu bar
	if c, ok := s.win.Canvas().(interface{ MinSize() fyne.Size }); ok {
		chrome = c.MinSize().Subtract(s.win.Content().MinSize())
	}
	s.floor.min = minWindow.Subtract(chrome).SubtractWidthHeight(s.sidebar.MinSize().Width+2*theme.Padding(), 0)
}

// savedWindowSize is the size the window had when it last closed, never
// below minWindow. Fyne has no window position: where it opens is the
// window manager's choice, which also keeps it on a smaller screen.
func savedWindowSize(p fyne.Preferences) fyne.Size {
	wh := p.FloatListWithFallback(prefWindowSize, []float64{float64(firstWindow.Width), float64(firstWindow.Height)})
	if len(wh) != 2 {
		return firstWindow
	}
	return fyne.NewSize(float32(wh[0]), float32(wh[1])).Max(minWindow)
}

// saveWindowSize keeps size for savedWindowSize.
func saveWindowSize(p fyne.Preferences, size fyne.Size) {
	p.SetFloatList(prefWindowSize, []float64{float64(size.Width), float64(size.Height)})
}

// setTitle names the window after what it shows, and after the day when
// SOLEMATE_TODAY sets it, so a screenshot or a training session never
// passes for today.
func (s *shell) setTitle(what string) {
	title := "Solemate — " + what
	if day, set := model.DayFromEnv(); set {
		title += " (as of " + day.Time().Format("Mon 2 Jan 2006") + ")"
	}
	s.win.SetTitle(title)
}

// shortcut is one keyboard shortcut, shown in the menu and the help.
type shortcut struct {
	key   fyne.KeyName
	label string
	run   func()
}

func (s *shell) shortcuts() []shortcut {
	list := []shortcut{
		{fyne.KeyN, "New item on this screen", func() { s.screen(s.current).newItem() }},
		{fyne.KeyF, "Search everything", func() { showSearch(s) }},
		{fyne.KeyL, "Focus this screen's filter", func() { s.screen(s.current).focusFilter() }},
	}
	for i, sl := range s.screens {
		list = append(list, shortcut{fyne.KeyName(fmt.Sprint(i + 1)), "Go to " + sl.title, func() { s.show(i) }})
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
		s.win.Canvas().AddShortcut(ctrl(sc.key), func(fyne.Shortcut) {
			if s.ready() {
				run()
			}
		})
	}
	s.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { s.undo.trigger() })
}

func (s *shell) menu() *fyne.MainMenu {
	item := func(label string, key fyne.KeyName, run func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() {
			if s.ready() {
				run()
			}
		})
		if key != "" {
			it.Shortcut = ctrl(key)
		}
		return it
	}
	file := fyne.NewMenu("File",
		item("New (person, one-on-one…)", fyne.KeyN, func() { s.screen(s.current).newItem() }),
		fyne.NewMenuItemSeparator(),
		item("Import people…", fyne.KeyI, func() { s.people().importCSV() }),
		item("Export people…", fyne.KeyE, s.exportRoster),
		item("Import agenda…", "", s.importAgenda),
		item("Export one-on-ones…", "", func() { s.exportOneOnOnes(0, "one-on-ones.md") }),
		item("Export calendar…", "", s.exportCalendar),
		item("Export a cohort…", "", func() { s.exportCohort("") }),
		item("Export shadowing…", "", s.exportShadowing),
		fyne.NewMenuItemSeparator(),
		item("Load demo data…", "", s.loadDemo),
		fyne.NewMenuItemSeparator(),
		item("Settings…", fyne.KeyComma, s.showSettings),
		fyne.NewMenuItemSeparator(),
		quitItem(&fyne.MenuItem{Label: "Quit", Shortcut: ctrl(fyne.KeyQ), Action: s.close}),
	)
	edit := fyne.NewMenu("Edit",
		item("Save", fyne.KeyS, func() { s.screen(s.current).flush() }),
		item("Search…", fyne.KeyF, func() { showSearch(s) }),
		item("Filter this list", fyne.KeyL, func() { s.screen(s.current).focusFilter() }),
	)
	var goItems []*fyne.MenuItem
	for i, sl := range s.screens {
		goItems = append(goItems, item(sl.title, fyne.KeyName(fmt.Sprint(i+1)), func() { s.show(i) }))
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
	where := "Your data stays on this computer."
	if model.IsServer(s.dbPath) {
		where = "Your team's data is on its PostgreSQL server; your private notes and items are readable by you alone."
	}
	text := fmt.Sprintf("**Solemate %s** (%s)\n\nOne-on-ones, onboarding cohorts and customer shadowing for service teams — one conversation at a time.\n\n%s", s.info.Version, built, where)
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
		[2]string{"Ctrl+Z", "Undo the last archive or delete"},
		[2]string{"Ctrl+,", "Settings"},
		[2]string{"Ctrl+Q", "Quit"},
	)
}

func (s *shell) showShortcuts() {
	// Two columns of shortcuts: one was taller than the smallest window.
	rows := s.shortcutHelp()
	half := (len(rows) + 1) / 2
	columns := container.NewGridWithColumns(2)
	for _, part := range [][][2]string{rows[:half], rows[half:]} {
		col := container.New(layout.NewFormLayout())
		for _, r := range part {
			col.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
			col.Add(widget.NewLabel(r[1]))
		}
		columns.Add(col)
	}
	s.showDialog(dialog.NewCustom("Keyboard shortcuts", "Close", columns, s.win))
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
	showDialogOn(s.win, d, func() {
		s.dialogs = slices.DeleteFunc(s.dialogs, func(x dialog.Dialog) bool { return x == d })
	})
}

// showDialogOn shows d over win and lets Esc close it; closed runs once it
// is gone.
func showDialogOn(win fyne.Window, d dialog.Dialog, closed func()) {
	c := win.Canvas()
	st := escStacks[c]
	if st == nil {
		st = &escStack{below: c.OnTypedKey()}
		escStacks[c] = st
		c.SetOnTypedKey(st.typed)
	}
	st.open = append(st.open, d)
	d.SetOnClosed(func() {
		st.open = slices.DeleteFunc(st.open, func(x dialog.Dialog) bool { return x == d })
		if len(st.open) == 0 && escStacks[c] == st {
			c.SetOnTypedKey(st.below)
			delete(escStacks, c)
		}
		closed()
	})
	d.Show()
}

// escStack is the dialogs open over a canvas, newest last, and the key
// handler they cover. One handler per canvas, not one per dialog: a dialog
// closing must not take Esc away from one opened meanwhile (by its own
// close callback, say, as "Discard changes?" is).
type escStack struct {
	below func(*fyne.KeyEvent)
	open  []dialog.Dialog
}

var escStacks = map[fyne.Canvas]*escStack{}

func (st *escStack) typed(k *fyne.KeyEvent) {
	if !st.escape(k) && st.below != nil {
		st.below(k)
	}
}

// escape closes the newest dialog when k is Esc, and says whether it did.
func (st *escStack) escape(k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyEscape || len(st.open) == 0 {
		return false
	}
	st.open[len(st.open)-1].Hide()
	return true
}

// escapeDialog is Esc for a field with the focus, which takes every key,
// so that the canvas's Esc never hears it: it closes the newest dialog
// over the field's canvas, else does the window's own Esc (windowKeys),
// and says whether it did.
func escapeDialog(field fyne.CanvasObject, k *fyne.KeyEvent) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(field)
	st := escStacks[c]
	return st != nil && st.escape(k) || k.Name == fyne.KeyEscape && windowKeys[c] != nil && windowKeys[c](k.Name, false)
}

// windowKeys are a window's own keys (meeting mode's): Esc, and Ctrl with
// a key. A field with the focus hears every key first, and passes these
// on (escapeDialog, windowShortcut); each says whether it did anything.
var windowKeys = map[fyne.Canvas]func(k fyne.KeyName, ctrl bool) bool{}

// windowShortcut passes Ctrl with a key, typed in a field, to the field's
// window when it has keys of its own, and says whether it took it.
func windowShortcut(field fyne.CanvasObject, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return false
	}
	keys := windowKeys[fyne.CurrentApp().Driver().CanvasForObject(field)]
	return keys != nil && keys(cs.KeyName, true)
}

// isEnter says whether k is Enter, on the main keyboard or the keypad.
func isEnter(k *fyne.KeyEvent) bool { return k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter }

// submitDialog is Enter in a form dialog's field: it submits the form
// (when it is valid, as its button would) and says whether there was one.
func submitDialog(field fyne.CanvasObject, k *fyne.KeyEvent) bool {
	st := escStacks[fyne.CurrentApp().Driver().CanvasForObject(field)]
	if st == nil || len(st.open) == 0 || !isEnter(k) {
		return false
	}
	form, ok := st.open[len(st.open)-1].(*dialog.FormDialog)
	if ok {
		form.Submit()
	}
	return ok
}
