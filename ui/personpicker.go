package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// personPicker chooses someone by typing part of their name, team or
// email: the store offers a few dozen matches as one types, so a roster of
// any size costs nothing until it is searched. An empty field is nobody.
type personPicker struct {
	widget.Entry
	ld      loads
	find    func(st *model.Store, query string) ([]model.PersonChoice, error)
	changed func()
	// pendingMsg says what to do when the typing names no one yet.
	pendingMsg string

	chosen     *uint  // the person chosen, nil for nobody
	chosenName string // their name, for "Sam will"
	chosenLeft bool   // they left: never given an action
	chosenText string // how the field shows them
	setting    bool   // set while the field is filled, so that is not typing
	searches   line
	labels     line

	found   []model.PersonChoice
	current int // the match Enter picks
	results *widget.List
	none    *widget.Label
	popUp   *widget.PopUp
	keys    *keyRelay
}

// matchesShown is how many matches the list shows without scrolling.
const matchesShown = 8

// pickerMatches is how many people a picker offers for what is typed.
const pickerMatches = 30

func newPersonPicker(ld loads, placeholder, pendingMsg string, find func(*model.Store, string) ([]model.PersonChoice, error), changed func()) *personPicker {
	m := &personPicker{ld: ld, find: find, changed: changed, pendingMsg: pendingMsg}
	m.SetPlaceHolder(placeholder)
	m.Validator = func(string) error {
		if m.pending() {
			return errors.New(m.pendingMsg)
		}
		return nil
	}
	m.OnChanged = m.typed
	m.results = widget.NewList(
		func() int { return len(m.found) },
		func() fyne.CanvasObject { return widget.NewLabel("Name — Team") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(m.label(i))
			l.Importance = widget.MediumImportance
			if i == m.current {
				l.Importance = widget.HighImportance
			}
			l.Refresh()
		})
	m.results.OnSelected = func(i widget.ListItemID) {
		m.results.UnselectAll()
		m.pick(i)
	}
	m.none = widget.NewLabel("No one on the roster matches.")
	m.ExtendBaseWidget(m)
	return m
}

// set shows the person with id (nil for nobody), called name, as label.
func (m *personPicker) set(id *uint, c model.PersonChoice, label string) {
	m.setting = true
	defer func() { m.setting = false }()
	m.chosen, m.chosenName, m.chosenText, m.chosenLeft = id, c.Name, label, c.Left
	m.SetText(label)
	m.hideMatches()
}

// show shows the person with id, nil for nobody, and then calls then (if
// any) once their name is known. The name arrives later: it is shown unless
// someone else was chosen or typed meanwhile.
func (m *personPicker) show(id *uint, then func()) {
	m.labels.stop()
	m.set(id, model.PersonChoice{}, "")
	if id == nil {
		return
	}
	want := m.chosen
	shown := func(c model.PersonChoice) {
		if m.chosen == want && !m.pending() {
			m.set(id, c, personLabel(c, false))
		}
		if then != nil {
			then()
		}
	}
	fetchOr(m.ld, &m.labels, func(st *model.Store) (model.PersonChoice, error) {
		p, err := st.Person(*id)
		return model.PersonChoice{ID: p.ID, Name: p.Name, Team: p.Team, Left: p.Archived() || p.Status == model.StatusLeft}, err
	}, shown, func(error) { shown(model.PersonChoice{Name: "someone removed"}) })
}

// pending reports whether the field holds typing that names no one yet.
func (m *personPicker) pending() bool {
	return m.Text != "" && m.Text != m.chosenText
}

func (m *personPicker) typed(text string) {
	if m.setting {
		return
	}
	m.changed()
	if text == "" {
		m.chosen, m.chosenName, m.chosenText, m.chosenLeft = nil, "", "", false
	}
	if text == "" || text == m.chosenText {
		m.hideMatches()
		return
	}
	m.search(text)
}

// search asks for the matches off the UI goroutine; a newer search drops it.
func (m *personPicker) search(query string) {
	fetch(m.ld, &m.searches, "Could not find anyone", func(st *model.Store) ([]model.PersonChoice, error) {
		return m.find(st, query)
	}, m.showMatches)
}

// label is how found[i] shows: name and team, and the email too when a
// namesake in the same team is among the matches.
func (m *personPicker) label(i int) string {
	c := m.found[i]
	twin := false
	for j, o := range m.found {
		twin = twin || (j != i && o.Name == c.Name && o.Team == c.Team)
	}
	return personLabel(c, twin)
}

// personLabel is how a picker shows c: name and team, the email when asked,
// and whether they left.
func personLabel(c model.PersonChoice, withEmail bool) string {
	label := c.Name
	if c.Team != "" {
		label = fmt.Sprintf("%s — %s", c.Name, c.Team)
	}
	if withEmail && c.Email != "" {
		label = fmt.Sprintf("%s (%s)", label, c.Email)
	}
	if c.Left {
		label += " (left)"
	}
	return label
}

// showMatches lists found under the field.
func (m *personPicker) showMatches(found []model.PersonChoice) {
	m.found, m.current = found, 0
	c := fyne.CurrentApp().Driver().CanvasForObject(m)
	if c == nil {
		return
	}
	if m.popUp == nil {
		m.keys = &keyRelay{to: m}
		m.keys.ExtendBaseWidget(m.keys)
		m.popUp = widget.NewPopUp(container.NewStack(m.keys, m.results, m.none), c)
	}
	m.none.Hidden = len(found) > 0
	m.results.Hidden = len(found) == 0
	m.results.Refresh()
	m.results.ScrollToTop()
	rows := max(1, min(len(found), matchesShown))
	th := m.Theme()
	// The pop-up keeps an inner padding around the rows.
	height := float32(rows)*(m.none.MinSize().Height+th.Size(theme.SizeNameSeparatorThickness)) + th.Size(theme.SizeNameInnerPadding)
	// Below the field, or above it when there is more room there: a list
	// pushed back inside the window would cover what is being typed.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(m)
	at := pos.AddXY(0, m.Size().Height)
	below, above := c.Size().Height-at.Y, pos.Y
	if height > below && above > below {
		height = min(height, above)
		at = pos.SubtractXY(0, height)
	} else {
		height = min(height, below)
	}
	m.popUp.Resize(fyne.NewSize(m.Size().Width, height))
	m.popUp.ShowAtPosition(at)
	c.Focus(m.keys)
}

func (m *personPicker) hideMatches() {
	m.found = nil
	if m.popUp != nil && m.popUp.Visible() {
		m.popUp.Hide()
		if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
			c.Focus(m) // the keyboard comes back from the pop-up
		}
	}
}

// keyRelay holds the keyboard while the matches show and hands every key
// to the picker: a pop-up has a focus of its own, and without it the keys
// after the first letter would go nowhere.
type keyRelay struct {
	widget.BaseWidget
	to *personPicker
}

func (r *keyRelay) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(layout.NewSpacer())
}
func (r *keyRelay) FocusGained()                  {}
func (r *keyRelay) FocusLost()                    {}
func (r *keyRelay) TypedRune(ch rune)             { r.to.TypedRune(ch) }
func (r *keyRelay) TypedKey(e *fyne.KeyEvent)     { r.to.TypedKey(e) }
func (r *keyRelay) TypedShortcut(s fyne.Shortcut) { r.to.TypedShortcut(s) }

func (m *personPicker) matchesShowing() bool {
	return m.popUp != nil && m.popUp.Visible() && len(m.found) > 0
}

// pick chooses found[i].
func (m *personPicker) pick(i int) {
	if i < 0 || i >= len(m.found) {
		return
	}
	id := m.found[i].ID
	m.set(&id, m.found[i], m.label(i))
	m.changed()
}

// TypedKey steps through the matches with the arrows, picks one with Enter
// and closes them with Esc; with them closed, Esc closes the dialog the
// picker is in. Other keys edit the text.
func (m *personPicker) TypedKey(e *fyne.KeyEvent) {
	if m.matchesShowing() {
		switch e.Name {
		case fyne.KeyDown, fyne.KeyUp:
			step := map[fyne.KeyName]int{fyne.KeyDown: 1, fyne.KeyUp: -1}[e.Name]
			m.current = (m.current + step + len(m.found)) % len(m.found)
			m.results.ScrollTo(m.current)
			m.results.Refresh()
			return
		case fyne.KeyReturn, fyne.KeyEnter:
			m.pick(m.current)
			return
		case fyne.KeyEscape:
			m.hideMatches()
			return
		}
	}
	if escapeDialog(m, e) {
		return
	}
	m.Entry.TypedKey(e)
}
