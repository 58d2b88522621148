package ui

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Hints under the guided headings: what to look for, in our words.
var sessionHints = map[string]string{
	"worked":   "Personal touches, clear next steps, a human reply",
	"friction": "Waiting, repeating yourself, generic answers, no update",
	"wow":      "Something personal you would tell a friend about",
	"response": "How long until a real answer came: 45 min, 3 h, 1 d",
	"ideas":    "Small changes an agent or the team could try next week",
}

// The fields only the form checks, beside the model's.
const (
	fieldDebriefDate = "debrief_date"
	fieldResponse    = "response_minutes"
	fieldAgent       = "agent"
	fieldDebriefWith = "debrief_with"
)

// whoeverShadowed owns an action until the form knows who shadowed.
const whoeverShadowed = "Whoever shadowed"

// Preference keys: who shadowed and who led the debrief last, filled into
// a new session, since a junior manager logs a week of them in a row.
const (
	prefShadower    = "shadowingShadower"
	prefDebriefWith = "shadowingDebriefWith"
)

// sessionForm edits one shadowing session: who, where, what they saw, tags,
// the debrief and the actions that came out of it.
type sessionForm struct {
	screen  *shadowingScreen
	session model.SessionDetail
	// conflicts asks whose session to keep when someone else saved first.
	conflicts *conflicts
	view      fyne.CanvasObject

	who, agent, debriefWith *personPicker
	kind                    *widget.RadioGroup
	channel                 *widget.Select
	journey, minutes, resp  *widget.Entry
	date, debriefDate       *dateField
	worked, friction, wow   *noteField
	ideas, agreed           *noteField
	tags                    []string
	tagBox                  *fyne.Container
	tagEntry                *widget.SelectEntry
	actions                 *actionBox
	ideaList                *ideaList
	prompts                 *debriefPrompts
	problems                *problemLine
	heading                 *widget.Label
	scroll                  *container.Scroll

	// names are what the people of the session and its actions are
	// called, by ID, for "Sam will".
	names   map[uint]string
	me      uint // the user's ID, 0 while nobody is
	named   line
	dirty   bool
	loading bool
}

func newSessionForm(s *shadowingScreen) *sessionForm {
	f := &sessionForm{screen: s, conflicts: newConflicts(s.sh.win, s.sh.showDialog)}
	changed := func() {
		if !f.loading {
			f.dirty = true
		}
	}
	onText := func(string) { changed() }
	// A change to a field named in "Not saved: …" takes its problem off.
	edited := func(field string) func(string) {
		return func(string) {
			changed()
			f.problems.fixed(field)
		}
	}
	multi := func(placeholder string) *noteField {
		e := newNoteField(s.sh, placeholder)
		e.OnChanged = onText
		e.entry.focused = func() { scrollToShow(f.scroll, e.view) }
		return e
	}
	// A session may name someone who has left since; a new one rarely does.
	find := func(st *model.Store, q string) ([]model.PersonChoice, error) {
		return st.FindPeople(st.Context(), model.PeopleQuery{Text: q, Limit: pickerMatches, OrLeft: true})
	}
	picker := func(placeholder, pending, field string) *personPicker {
		return newPersonPicker(s.sh, placeholder, pending, find, func() {
			edited(field)("")
			f.offerOwners()
		})
	}
	f.who = picker("Type a name to choose who shadowed", "choose who shadowed from the list", model.FieldShadower)
	f.agent = picker("Nobody (type a name to choose)", "choose the agent from the list, or clear the field for nobody", fieldAgent)
	f.debriefWith = picker("Nobody (type a name to choose)", "choose who led the debrief from the list, or clear the field for nobody", fieldDebriefWith)
	f.kind = widget.NewRadioGroup(enumLabels(model.ShadowKinds()), onText)
	f.channel = enumSelect(model.Channels(), func(model.Channel) { edited(model.FieldChannel)("") })
	f.journey = widget.NewEntry()
	f.journey.SetPlaceHolder("e.g. returning shoes that do not fit")
	f.journey.OnChanged = onText
	f.minutes = widget.NewEntry()
	f.minutes.SetPlaceHolder("minutes")
	f.minutes.Validator = optionalNumber
	f.minutes.OnChanged = edited(model.FieldMinutes)
	f.resp = widget.NewEntry()
	f.resp.SetPlaceHolder("e.g. 3 h")
	f.resp.Validator = optionalSpan
	f.resp.OnChanged = edited(fieldResponse)
	f.date = newDateField(s.sh.store, func() { edited(model.FieldDate)("") })
	f.debriefDate = newDateField(s.sh.store, func() { edited(fieldDebriefDate)("") })
	f.worked = multi("What went well for the customer?")
	f.friction = multi("Where did it hurt?")
	f.wow = multi("Anything worth retelling?")
	f.ideas = multi("One idea per line")
	f.ideas.OnChanged = func(text string) {
		changed()
		f.ideaList.set(text)
	}
	f.agreed = multi("What you agreed in the debrief")

	f.tagBox = container.NewHBox()
	f.tagEntry = widget.NewSelectEntry(nil)
	f.tagEntry.SetPlaceHolder("Add a theme and press Enter")
	f.tagEntry.OnSubmitted = func(string) { f.addTag() }
	addTag := widget.NewButtonWithIcon("", theme.ContentAddIcon(), f.addTag)

	f.actions = newActionBox(s.sh, "Turn an idea into an action… (Enter)", func(a *model.Action) bool {
		// An action belongs to a saved session.
		if f.session.ID == 0 && !f.save() {
			return false
		}
		a.PersonID, a.SessionID = f.session.PersonID, &f.session.ID
		return true
	})
	f.ideaList = newIdeaList(func(idea string) { f.actions.addText(idea) }, f.madeAction)
	f.actions.added = f.ideaList.list.refresh
	f.prompts = newDebriefPrompts(s.sh)

	f.problems = newProblemLine()
	f.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.heading.SizeName = theme.SizeNameSubHeadingText
	f.heading.Truncation = fyne.TextTruncateEllipsis

	narrow := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewHBox(container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o))
	}
	session := widget.NewForm(
		&widget.FormItem{Text: "Who shadowed", Widget: f.who},
		&widget.FormItem{Text: "How", Widget: f.kind},
		&widget.FormItem{Text: "Agent shadowed", Widget: f.agent, HintText: "When they sat beside someone"},
		&widget.FormItem{Text: "Channel", Widget: f.channel},
		&widget.FormItem{Text: "Journey", Widget: f.journey},
		&widget.FormItem{Text: "Date", Widget: narrow(f.date.view, 180)},
		&widget.FormItem{Text: "Length", Widget: narrow(f.minutes, 120), HintText: "Minutes"},
	)
	seen := widget.NewForm(
		&widget.FormItem{Text: "What worked", Widget: f.worked.view, HintText: sessionHints["worked"]},
		&widget.FormItem{Text: "Friction", Widget: f.friction.view, HintText: sessionHints["friction"]},
		&widget.FormItem{Text: "WOW moments", Widget: f.wow.view, HintText: sessionHints["wow"]},
		&widget.FormItem{Text: "Response time", Widget: narrow(f.resp, 120), HintText: sessionHints["response"]},
		&widget.FormItem{Text: "Ideas", Widget: f.ideas.view, HintText: sessionHints["ideas"]},
		&widget.FormItem{Text: "Themes", Widget: container.NewVBox(container.NewHScroll(f.tagBox), container.NewBorder(nil, nil, nil, addTag, f.tagEntry))},
	)
	debrief := widget.NewForm(
		&widget.FormItem{Text: "To ask", Widget: f.prompts.view, HintText: "A few questions for the debrief"},
		&widget.FormItem{Text: "Debriefed on", Widget: narrow(f.debriefDate.view, 180)},
		&widget.FormItem{Text: "With", Widget: f.debriefWith},
		&widget.FormItem{Text: "Agreed", Widget: f.agreed.view},
	)
	body := container.NewVBox(
		section("The session", "Who walked in the customer's shoes, and where", session),
		section("What they saw", "Write down what the customer saw, not what the process says", seen),
		section("Debrief", "Talk it through with a lead and agree what to try", debrief),
		section("Actions", "Ideas turned into who does what by when", container.NewVBox(f.ideaList.view, f.actions.view)),
	)
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { f.save() })
	save.Importance = widget.HighImportance
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), f.confirmDelete)
	f.scroll = container.NewVScroll(body)
	f.view = container.NewBorder(f.heading, container.NewVBox(f.problems, container.NewHBox(del, layoutSpacer(), save)), nil, nil, f.scroll)
	return f
}

func optionalNumber(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 0 {
		return errors.New("a whole number of minutes")
	}
	return nil
}

// optionalSpan accepts an empty field or a length of time (45 min, 3 h, 1 d).
func optionalSpan(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := model.ParseSpan(s)
	return err
}

// setThemes refreshes the theme suggestions; the people pickers search
// the roster themselves.
func (f *sessionForm) setThemes(tags []string) {
	f.tagEntry.SetOptions(tags)
}

// madeAction reports whether idea is already one of the session's actions.
func (f *sessionForm) madeAction(idea string) bool {
	for _, a := range f.actions.actions {
		if strings.EqualFold(strings.TrimSpace(a.Text), idea) {
			return true
		}
	}
	return false
}

// offerOwners offers the action's owners as the form now names them: who
// shadowed, the agent, who led the debrief and me, each a person whose list
// the action goes on ("I will" is mine whoever opens the app later).
func (f *sessionForm) offerOwners() {
	names := maps.Clone(f.names)
	if names == nil {
		names = map[uint]string{}
	}
	type candidate struct {
		id   uint
		full string
	}
	var people []candidate
	for _, p := range []*personPicker{f.who, f.agent, f.debriefWith} {
		// Someone who left is named in the session but does nothing now.
		if p.chosen != nil && !p.chosenLeft && !slices.ContainsFunc(people, func(c candidate) bool { return c.id == *p.chosen }) {
			people = append(people, candidate{*p.chosen, p.chosenName})
		}
	}
	short := map[string]int{} // two Sams: their full names tell them apart
	for _, c := range people {
		short[model.ShortName(c.full, "")]++
	}
	var owners []actionOwner
	if f.who.chosen == nil {
		owners = append(owners, actionOwner{name: whoeverShadowed})
	}
	for _, c := range people {
		name := model.ShortName(c.full, "")
		if short[name] > 1 {
			name = c.full
		}
		if c.id == f.me {
			name = "" // I will
		}
		names[c.id] = name
		owners = append(owners, actionOwner{name: name, personID: c.id})
	}
	switch {
	case f.me == 0:
		owners = append(owners, actionOwner{}) // the lead, as in a one-on-one
	case !slices.ContainsFunc(people, func(c candidate) bool { return c.id == f.me }):
		names[f.me] = ""
		owners = append(owners, actionOwner{personID: f.me})
	}
	f.actions.choose(owners, names)
}

// edit loads a session into the form; ID 0 starts a new one.
func (f *sessionForm) edit(d model.SessionDetail) {
	f.loading = true
	defer func() { f.loading = false }()
	f.session = d
	s := d.Session
	f.heading.SetText("New shadowing session")
	f.kind.SetSelected(s.Kind.Label())
	f.channel.SetSelected(s.Channel.Label())
	f.journey.SetText(s.Journey)
	f.date.entry.SetText(s.Date.String())
	f.minutes.SetText(numberText(s.Minutes, s.Minutes > 0))
	f.resp.SetText("")
	if s.ResponseMinutes != nil {
		f.resp.SetText(model.SpanText(*s.ResponseMinutes))
	}
	f.worked.SetText(s.Worked)
	f.friction.SetText(s.Friction)
	f.wow.SetText(s.Wow)
	f.ideas.SetText(s.Ideas)
	f.debriefDate.entry.SetText(s.DebriefDate.String())
	f.agreed.SetText(s.DebriefAgreed)
	f.tags = append([]string(nil), d.Tags...)
	f.showTags()
	f.actions.set(d.Actions, whoeverShadowed)
	f.ideaList.set(s.Ideas)
	f.showPeople(d)
	seed := uint64(s.ID) // a new session's own until it is saved
	if s.ID == 0 {
		seed = uint64(f.screen.sh.store.Now().UnixNano())
	}
	f.prompts.load(seed)
	f.problems.clear()
	f.dirty = false
	f.scroll.ScrollToTop()
}

// showPeople fills in who shadowed, whom and who led the debrief, and
// names the people the actions are for. A new session starts with the
// people of the last one saved, or me, unless they have left since.
func (f *sessionForm) showPeople(d model.SessionDetail) {
	s := d.Session
	type people struct {
		me   uint
		rows map[uint]model.PersonRow
	}
	who, with := ptr(s.PersonID), s.DebriefWithID
	if s.ID == 0 {
		who, with = remembered(prefShadower), remembered(prefDebriefWith)
	}
	// Until the names arrive the form holds the IDs, so a save keeps them.
	f.who.set(who, model.PersonChoice{}, "")
	f.agent.set(s.AgentID, model.PersonChoice{}, "")
	f.debriefWith.set(with, model.PersonChoice{}, "")
	fetch(f.screen.sh, &f.named, "Could not load the session's people", func(st *model.Store) (p people, err error) {
		if p.me, err = st.MyID(); err != nil {
			return p, err
		}
		ids := []uint{p.me}
		for _, id := range []*uint{who, s.AgentID, with} {
			if id != nil {
				ids = append(ids, *id)
			}
		}
		for _, a := range d.Actions {
			ids = append(ids, a.PersonID)
		}
		rows, err := st.PeopleByIDs(ids)
		p.rows = map[uint]model.PersonRow{}
		for _, r := range rows {
			p.rows[r.ID] = r
		}
		return p, err
	}, func(p people) {
		f.loading = true
		defer func() { f.loading = false }()
		f.me, f.names = p.me, map[uint]string{}
		for id, r := range p.rows {
			f.names[id] = model.ShortName(r.Name, "")
		}
		show := func(picker *personPicker, id *uint, fresh bool) {
			r, ok := model.PersonRow{}, id != nil
			if ok {
				r, ok = p.rows[*id]
			}
			left := ok && (r.Archived() || r.Status == model.StatusLeft)
			if !ok || (fresh && left) {
				picker.set(nil, model.PersonChoice{}, "")
				return
			}
			c := model.PersonChoice{ID: r.ID, Name: r.Name, Team: r.Team, Left: left}
			picker.set(id, c, personLabel(c, false))
		}
		fresh := s.ID == 0
		show(f.who, who, fresh)
		if fresh && f.who.chosen == nil && p.me != 0 {
			show(f.who, &p.me, fresh)
		}
		show(f.agent, s.AgentID, false)
		show(f.debriefWith, with, fresh)
		if !fresh {
			f.heading.SetText(fmt.Sprintf("%s · %s", f.who.chosenName, s.Channel.Label()))
		}
		f.offerOwners()
	})
}

// remembered is the person last chosen under key, nil for none.
func remembered(key string) *uint {
	if id := prefs().Int(key); id > 0 {
		return ptr(uint(id))
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func numberText(n int, set bool) string {
	if !set {
		return ""
	}
	return strconv.Itoa(n)
}

func (f *sessionForm) showTags() {
	f.tagBox.Objects = nil
	for _, t := range f.tags {
		name := t
		chip := widget.NewButtonWithIcon(name, theme.CancelIcon(), func() { f.removeTag(name) })
		chip.IconPlacement = widget.ButtonIconTrailingText
		f.tagBox.Add(chip)
	}
	f.tagBox.Refresh()
}

func (f *sessionForm) addTag() {
	t := model.NormalizeTag(f.tagEntry.Text)
	if t == "" {
		return
	}
	for _, have := range f.tags {
		if have == t {
			f.tagEntry.SetText("")
			return
		}
	}
	f.tags = append(f.tags, t)
	f.tagEntry.SetText("")
	f.dirty = true
	f.showTags()
}

func (f *sessionForm) removeTag(name string) {
	kept := f.tags[:0]
	for _, t := range f.tags {
		if t != name {
			kept = append(kept, t)
		}
	}
	f.tags = kept
	f.dirty = true
	f.showTags()
}

// values reads the form into a session.
func (f *sessionForm) values() (model.Session, []string, error) {
	s := f.session.Session
	v := &model.ValidationError{}
	// Typing that names no one yet is a problem of its own; an empty
	// "Who shadowed" is the model's.
	chosen := func(p *personPicker, field string) *uint {
		if p.pending() {
			v.Problems = append(v.Problems, model.FieldError{Field: field, Message: p.pendingMsg})
			return nil
		}
		return p.chosen
	}
	s.PersonID = 0
	if id := chosen(f.who, model.FieldShadower); id != nil {
		s.PersonID = *id
	}
	if k, ok := enumOf(model.ShadowKinds(), f.kind.Selected); ok {
		s.Kind = k
	}
	s.AgentID = chosen(f.agent, fieldAgent)
	if c, ok := enumOf(model.Channels(), f.channel.Selected); ok {
		s.Channel = c
	}
	s.Journey = f.journey.Text
	var err error
	if s.Date, err = model.ParseDate(f.date.entry.Text); err != nil {
		v.Problems = append(v.Problems, model.FieldError{Field: model.FieldDate, Message: "date: " + err.Error()})
	}
	if s.DebriefDate, err = model.ParseDate(f.debriefDate.entry.Text); err != nil {
		v.Problems = append(v.Problems, model.FieldError{Field: fieldDebriefDate, Message: "debrief date: " + err.Error()})
	}
	s.Minutes = 0
	if t := strings.TrimSpace(f.minutes.Text); t != "" {
		if s.Minutes, err = strconv.Atoi(t); err != nil {
			v.Problems = append(v.Problems, model.FieldError{Field: model.FieldMinutes, Message: "the length is a whole number of minutes"})
		}
	}
	s.ResponseMinutes = nil
	if t := strings.TrimSpace(f.resp.Text); t != "" {
		if n, err := model.ParseSpan(t); err == nil {
			s.ResponseMinutes = &n
		} else {
			v.Problems = append(v.Problems, model.FieldError{Field: fieldResponse, Message: "response time: " + err.Error()})
		}
	}
	s.Worked, s.Friction, s.Wow, s.Ideas = f.worked.Text(), f.friction.Text(), f.wow.Text(), f.ideas.Text()
	s.DebriefWithID = chosen(f.debriefWith, fieldDebriefWith)
	s.DebriefAgreed = f.agreed.Text()
	if len(v.Problems) > 0 {
		return s, nil, v
	}
	return s, f.tags, nil
}

// save stores the session; problems are listed above the buttons.
func (f *sessionForm) save() bool {
	if f.tagEntry.Text != "" {
		f.addTag()
	}
	s, tags, err := f.values()
	if err == nil {
		err = f.screen.sh.store.SaveSession(&s, tags)
	}
	if theirs := theirsOf[model.Session](err); theirs != nil {
		f.askWhoseToKeep(s, *theirs)
		return false
	}
	if err != nil {
		if v := (*model.ValidationError)(nil); errors.As(err, &v) {
			f.problems.show(v)
		} else {
			f.screen.sh.showError("Could not save the session", err)
		}
		return false
	}
	f.session.Session = s
	f.session.Tags = tags
	prefs().SetInt(prefShadower, int(s.PersonID))
	if s.DebriefWithID != nil {
		prefs().SetInt(prefDebriefWith, int(*s.DebriefWithID))
	}
	f.offerOwners()
	f.problems.clear()
	f.dirty = false
	f.heading.SetText(fmt.Sprintf("%s · %s", f.who.chosenName, s.Channel.Label()))
	f.screen.load()
	return true
}

// flush saves when something changed; false means it could not.
// askWhoseToKeep asks, once someone else saved this session first, whether
// to save the form over theirs or to show theirs instead.
func (f *sessionForm) askWhoseToKeep(mine, theirs model.Session) {
	f.conflicts.add(&conflict{key: theirs.ID, title: "Someone else saved this session", subject: "this session",
		version: theirs.Version, diffs: sessionDiffs(&mine, &theirs),
		keep: func() {
			f.session.Version = theirs.Version
			f.save()
		},
		take: func() {
			fetch(f.screen.sh, &f.screen.opens, "Could not load their session", func(st *model.Store) (model.SessionDetail, error) { return st.Session(theirs.ID) },
				func(d model.SessionDetail) {
					f.edit(d)
					f.screen.load()
				})
		}})
}

func (f *sessionForm) flush() bool {
	if !f.dirty && f.tagEntry.Text == "" || f.session.ID == 0 && f.blank() {
		return true
	}
	return f.save()
}

// blank reports whether nothing of a session has been written: something
// typed and erased again is no session to keep.
func (f *sessionForm) blank() bool {
	for _, t := range []string{f.journey.Text, f.minutes.Text, f.resp.Text, f.tagEntry.Text, f.agent.Text, f.debriefWith.Text,
		f.worked.Text(), f.friction.Text(), f.wow.Text(), f.ideas.Text(), f.agreed.Text()} {
		if strings.TrimSpace(t) != "" {
			return false
		}
	}
	return len(f.tags) == 0 && len(f.actions.actions) == 0
}

func (f *sessionForm) confirmDelete() {
	if f.session.ID == 0 {
		f.dirty = false
		f.screen.showOverview()
		return
	}
	d := dialog.NewConfirm("Delete this session?", "Its notes and themes go with it; actions from its debrief stay on the team's list.",
		func(ok bool) {
			if !ok {
				return
			}
			if err := f.screen.sh.store.DeleteSession(f.session.ID); err != nil {
				f.screen.sh.showError("Could not delete the session", err)
				return
			}
			f.dirty = false
			f.screen.showOverview()
		}, f.screen.sh.win)
	f.screen.sh.showDialog(d)
}
