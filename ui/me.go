package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// scopeSwitch switches whose reports a screen lists (model.Scope). It
// shows only when there is a choice: once the user has said who they are.
type scopeSwitch struct {
	sel     *widget.Select
	current model.Scope
	// holder is laid out again when the switch shows or hides: a
	// container keeps its layout until refreshed, and the list under it
	// would lie beneath the switch.
	holder fyne.CanvasObject
}

// newScopeSwitch keeps the scope chosen for the user, then reloads.
func newScopeSwitch(sh *shell, reload func()) *scopeSwitch {
	w := &scopeSwitch{}
	w.sel = enumSelect(model.Scopes(), func(sc model.Scope) {
		if sc == w.current { // shown, not chosen
			return
		}
		if err := sh.store.SetScope(sc); err != nil {
			sh.showError("Could not switch whose reports to show", err)
			return
		}
		w.current = sc
		reload()
	})
	w.sel.Hide()
	return w
}

// show shows the scope a load found, and the choices the user has.
func (w *scopeSwitch) show(c model.ScopeChoice) {
	w.current = c.Current
	defer func() {
		if w.holder != nil {
			w.holder.Refresh()
		}
	}()
	if len(c.Choices) == 0 {
		w.sel.Hide()
		return
	}
	w.sel.SetOptions(enumLabels(c.Choices))
	w.sel.SetSelected(c.Current.Label())
	w.sel.Show()
}

// settingAskedMe records that the user put the first start's question off:
// Settings asks from then on.
const settingAskedMe = "asked_me"

// whoAmI is what asking who the user is needs to know.
type whoAmI struct {
	me     model.Person
	known  bool
	people int64 // on the roster: with none, the user can only add themselves
	asked  bool  // the first start's question was put off
}

func loadWhoAmI(st *model.Store) (whoAmI, error) {
	var w whoAmI
	var err error
	if w.me, w.known, err = st.Me(); err != nil {
		return w, err
	}
	if w.people, err = st.CountPeople(); err != nil {
		return w, err
	}
	asked, err := st.UserSetting(settingAskedMe)
	w.asked = asked != ""
	return w, err
}

// askWhoYouAre asks who the user is when nobody is yet, unless they put
// the question off before.
func (s *shell) askWhoYouAre() {
	fetch(s, nil, "Could not read who you are", loadWhoAmI, func(w whoAmI) {
		if w.known || w.asked {
			return
		}
		s.chooseMe(w.people > 0, func() {
			if err := s.store.SetUserSetting(settingAskedMe, "later"); err != nil {
				s.showError("Could not save your answer", err)
			}
		}, func(model.Person) { s.screen(s.current).load() })
	})
}

// chooseMe asks who the user is: someone on the roster (when onRoster),
// found by typing, or a new person with their name and email. chosen gets
// them; later runs when the user puts the question off.
func (s *shell) chooseMe(onRoster bool, later func(), chosen func(model.Person)) {
	intro := widget.NewLabel("Solemate starts from you: Today and reminders show the people who report to you.")
	intro.Wrapping = fyne.TextWrapWord
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var d *dialog.CustomDialog
	// choose saves the choice off the UI goroutine (saving reads the roster).
	choose := func(save func(*model.Store) (model.Person, error)) {
		fetchOr(s, nil, save, func(p model.Person) {
			d.Hide()
			chosen(p)
		}, func(err error) {
			problem.SetText(sentence(err.Error()))
			problem.Show()
		})
	}
	name, email := newDialogEntry(), newDialogEntry()
	name.SetPlaceHolder("Your name")
	email.SetPlaceHolder("you@example.com")
	add := widget.NewButtonWithIcon("Add me", theme.ContentAddIcon(), func() {
		choose(func(st *model.Store) (model.Person, error) { return st.AddMe(name.Text, email.Text) })
	})
	name.OnSubmitted = func(string) { add.OnTapped() }
	email.OnSubmitted = name.OnSubmitted
	addRow := container.NewBorder(nil, nil, nil, add, container.NewGridWithColumns(2, name, email))
	rows := []fyne.CanvasObject{intro}
	if onRoster {
		var picker *personPicker
		mine := widget.NewButtonWithIcon("That's me", theme.ConfirmIcon(), func() {
			id := *picker.chosen
			choose(func(st *model.Store) (model.Person, error) {
				if err := st.SetMe(id); err != nil {
					return model.Person{}, err
				}
				return st.Person(id)
			})
		})
		mine.Importance = widget.HighImportance
		mine.Disable()
		picker = newPersonPicker(s, "Type your name or email", "", func(st *model.Store, q string) ([]model.PersonChoice, error) {
			return st.Managers(st.Context(), q, 0, pickerMatches)
		}, func() {
			if picker.chosen != nil && !picker.pending() {
				mine.Enable()
			} else {
				mine.Disable()
			}
		})
		picker.Validator = nil              // "That's me" waits for a choice; the field need not mark it
		picker.OnSubmitted = func(string) { // Enter once chosen is "That's me"
			if !mine.Disabled() {
				mine.OnTapped()
			}
		}
		rows = append(rows, widget.NewLabel("Find yourself on the roster:"), container.NewBorder(nil, nil, nil, mine, picker),
			widget.NewLabel("Not on it? Add yourself:"))
	} else {
		add.Importance = widget.HighImportance
		rows = append(rows, widget.NewLabel("Add yourself to the roster:"))
	}
	rows = append(rows, addRow, problem)
	laterBtn := widget.NewButton("Later", func() {
		d.Hide()
		if later != nil {
			later()
		}
	})
	d = dialog.NewCustomWithoutButtons("Who are you?", container.NewVBox(rows...), s.win)
	d.SetButtons([]fyne.CanvasObject{laterBtn})
	d.Resize(fyne.NewSize(560, 0))
	s.showDialog(d)
}

// meRow is Settings' line on who the user is, with a button to change it.
func (s *shell) meRow() fyne.CanvasObject {
	who := widget.NewLabel("")
	who.Wrapping = fyne.TextWrapWord
	change := widget.NewButton("Change…", nil)
	change.Disable()
	var show func(whoAmI)
	reload := func() { fetch(s, nil, "Could not read who you are", loadWhoAmI, show) }
	show = func(w whoAmI) {
		who.SetText("Nobody yet: say who you are, and Today shows your reports")
		change.SetText("Choose…")
		if w.known {
			who.SetText(w.me.DisplayName())
			change.SetText("Change…")
		}
		change.OnTapped = func() {
			s.chooseMe(w.people > 0, nil, func(model.Person) {
				reload()
				s.screen(s.current).load()
			})
		}
		change.Enable()
	}
	reload()
	return container.NewBorder(nil, nil, nil, change, who)
}
