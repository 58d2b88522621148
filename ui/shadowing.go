package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

const (
	everyone    = "Everyone"
	allChannels = "All channels"
)

// shadowingScreen lists "walk in the customer's shoes" sessions with
// filters; the right side shows the friction overview or a session.
type shadowingScreen struct {
	sh *shell
	// loads are the list's, opens the open session's.
	loads, opens line

	rows     []model.SessionRow
	people   []model.PersonRow
	tags     []model.TagCount
	tagNames []string

	// kind is the kind of theme the overview counts; bars are what each
	// of its chart's rows lists when clicked, picked the one clicked.
	kind   model.TagKind
	bars   []pickedBar
	picked *pickedBar

	root     fyne.CanvasObject
	right    *fyne.Container
	overview fyne.CanvasObject
	kindPick *widget.RadioGroup
	// chartScroll holds the chart: each view starts at its top.
	chartScroll *container.Scroll
	title       *widget.Label
	chart       *barChart
	chartNone   *widget.Label
	response    *widget.Label
	who         *widget.Select
	channel     *widget.Select
	tag         *widget.SelectEntry
	pickNote    *widget.Label
	pickBox     *fyne.Container
	list        *widget.List
	count       *widget.Label
	form        *sessionForm
	selecting   bool
	// quiet is set while the screen sets the filters itself.
	quiet bool
}

// pickedBar narrows the list to a bar of the overview: the sessions since
// the overview's start on a channel ("" for all) that carried a theme.
type pickedBar struct {
	channel model.Channel
	theme   string
	since   model.Date
}

func newShadowingScreen(sh *shell) *shadowingScreen {
	s := &shadowingScreen{sh: sh, kind: model.TagFriction}
	s.form = newSessionForm(s)
	s.who = widget.NewSelect([]string{everyone}, nil)
	s.who.SetSelected(everyone)
	s.who.OnChanged = func(string) { s.load() }
	s.channel = widget.NewSelect(append([]string{allChannels}, enumLabels(model.Channels())...), nil)
	s.channel.SetSelected(allChannels)
	s.channel.OnChanged = func(string) { s.filtersChanged() }
	s.tag = widget.NewSelectEntry(nil)
	s.tag.SetPlaceHolder("Theme tag… (Ctrl+L)")
	s.tag.OnChanged = func(string) { s.narrowTags(); s.filtersChanged() }
	s.pickNote = widget.NewLabel("")
	s.pickNote.Truncation = fyne.TextTruncateEllipsis // a wrapped line would push the list about
	s.pickBox = container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("Show all", theme.CancelIcon(), s.unpickBar), s.pickNote)
	s.pickBox.Hide()
	s.count = widget.NewLabel("")
	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newTwoLineRow("Mon 2 Mar 2026 · 30 min · tags") },
		func(id widget.ListItemID, o fyne.CanvasObject) { s.updateRow(id, o) },
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		if s.selecting || id >= len(s.rows) {
			return
		}
		if s.form.flush() {
			s.open(s.rows[id].ID)
		}
	}

	s.overview = s.newOverview()
	s.right = container.NewStack(s.overview)

	newBtn := widget.NewButtonWithIcon("New session", theme.ContentAddIcon(), s.newItem)
	newBtn.Importance = widget.HighImportance
	overviewBtn := widget.NewButtonWithIcon("Overview", theme.ListIcon(), s.showOverview)
	heading := widget.NewLabelWithStyle("Shadowing", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	filters := container.NewVBox(s.tag, container.NewGridWithColumns(2, s.who, s.channel), s.pickBox)
	left := container.NewBorder(filters, s.count, nil, nil, s.list)
	split := container.NewHSplit(left, container.NewPadded(s.right))
	split.Offset = 0.4
	s.root = container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, heading, container.NewHBox(overviewBtn, newBtn))), nil, nil, nil, split)
	return s
}

func (s *shadowingScreen) view() fyne.CanvasObject { return s.root }
func (s *shadowingScreen) focusFilter()            { s.sh.win.Canvas().Focus(s.tag) }
func (s *shadowingScreen) flush() bool             { return s.form.flush() }

func (s *shadowingScreen) filter() model.SessionFilter {
	f := model.SessionFilter{Tag: s.tag.Text, Limit: sessionsShown}
	if p := s.picked; p != nil {
		f.Theme, f.From = p.theme, p.since
	}
	for _, p := range s.people {
		if s.who.Selected == p.Name {
			f.PersonID = p.ID
		}
	}
	if c, ok := enumOf(model.Channels(), s.channel.Selected); ok {
		f.Channel = c
	}
	return f
}

// load fetches sessions, people, tags and the overview off the UI goroutine.
func (s *shadowingScreen) load() {
	type loaded struct {
		rows   []model.SessionRow
		total  int
		people []model.PersonRow
		tags   []model.TagCount
		themes model.ThemeOverview
	}
	f, kind := s.filter(), s.kind
	fetch(s.sh, &s.loads, "Could not load the sessions", func(st *model.Store) (l loaded, err error) {
		if l.rows, err = st.Sessions(f); err != nil {
			return l, err
		}
		if l.total = len(l.rows); l.total == f.Limit {
			if l.total, err = st.CountSessions(f); err != nil {
				return l, err
			}
		}
		if l.people, err = st.People(false); err != nil {
			return l, err
		}
		if l.tags, err = st.Tags(); err != nil {
			return l, err
		}
		l.themes, err = st.Overview(kind)
		return l, err
	}, func(l loaded) {
		s.rows, s.people = l.rows, l.people
		names := []string{everyone}
		for _, p := range l.people {
			names = append(names, p.Name)
		}
		s.who.Options = names
		s.who.Refresh()
		s.tags = l.tags
		s.tagNames = make([]string, len(l.tags))
		for i, t := range l.tags {
			s.tagNames[i] = t.Name
		}
		s.narrowTags()
		s.form.setThemes(s.tagNames)
		s.showThemes(kind, l.themes)
		s.count.SetText(sessionCount(len(l.rows), l.total))
		s.list.Refresh()
		s.syncSelection()
	})
}

// sessionsShown bounds the list: years of sessions are narrowed with the
// filters rather than scrolled.
const sessionsShown = 200

func sessionCount(shown, total int) string {
	if shown < total {
		return fmt.Sprintf("The newest %d of %d sessions; filter to find older ones", shown, total)
	}
	return model.Plural(total, "session", "sessions")
}

func (s *shadowingScreen) syncSelection() {
	s.selecting = true
	defer func() { s.selecting = false }()
	s.list.UnselectAll()
	for i, r := range s.rows {
		if r.ID == s.form.session.ID && r.ID != 0 {
			s.list.Select(i)
		}
	}
}

func (s *shadowingScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := s.rows[id]
	title := r.PersonName
	switch {
	case r.AgentName != "":
		title += " beside " + r.AgentName
	case r.Kind == model.KindAsCustomer:
		title += " as a customer"
	}
	title += " · " + r.Channel.Label()
	if r.Journey != "" {
		title += " — " + r.Journey
	}
	detail := []string{formatDay(r.Date)}
	if r.Minutes > 0 {
		detail = append(detail, fmt.Sprintf("%d min", r.Minutes))
	}
	if r.Tags != "" {
		detail = append(detail, r.Tags)
	}
	badge := setTwoLineRow(o, title, strings.Join(detail, " · "))
	badge.SetText("")
	if r.Debriefed() {
		badge.SetText("Debriefed")
	}
}

func (s *shadowingScreen) newItem() {
	if !s.form.flush() {
		return
	}
	s.form.edit(model.SessionDetail{Session: model.Session{Date: s.sh.store.Today(), Kind: model.KindAsCustomer, Channel: model.ChannelChat}})
	s.right.Objects = []fyne.CanvasObject{s.form.view}
	s.right.Refresh()
	s.syncSelection()
}

// showSessionsOf narrows the list to the sessions of the person named,
// all of them: a bar clicked earlier would hide some.
func (s *shadowingScreen) showSessionsOf(person string) {
	s.dropPick()
	if s.who.Selected == person {
		s.load()
		return
	}
	s.who.SetSelected(person)
}

func (s *shadowingScreen) open(id uint) {
	fetch(s.sh, &s.opens, "Could not open the session", func(st *model.Store) (model.SessionDetail, error) { return st.Session(id) }, func(d model.SessionDetail) {
		s.form.edit(d)
		s.right.Objects = []fyne.CanvasObject{s.form.view}
		s.right.Refresh()
	})
}

func (s *shadowingScreen) showOverview() {
	if !s.form.flush() {
		return
	}
	s.form.session = model.SessionDetail{}
	s.right.Objects = []fyne.CanvasObject{s.overview}
	s.right.Refresh()
	s.syncSelection()
	s.load()
}
