package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

const nobody = "Nobody"

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
)

// sessionForm edits one shadowing session: who, where, what they saw, tags,
// the debrief and the actions that came out of it.
type sessionForm struct {
	screen  *shadowingScreen
	session model.SessionDetail
	// conflicts asks whose session to keep when someone else saved first.
	conflicts *conflicts
	view      fyne.CanvasObject

	who, agent, debriefWith *widget.Select
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
	problems                *problemLine
	heading                 *widget.Label
	scroll                  *container.Scroll

	people  []model.PersonRow
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
		return e
	}
	f.who = widget.NewSelect(nil, edited(model.FieldShadower))
	f.agent = widget.NewSelect(nil, onText)
	f.debriefWith = widget.NewSelect(nil, onText)
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
		&widget.FormItem{Text: "Themes", Widget: container.NewVBox(f.tagBox, container.NewBorder(nil, nil, nil, addTag, f.tagEntry))},
	)
	debrief := widget.NewForm(
		&widget.FormItem{Text: "Debriefed on", Widget: narrow(f.debriefDate.view, 180)},
		&widget.FormItem{Text: "With", Widget: f.debriefWith},
		&widget.FormItem{Text: "Agreed", Widget: f.agreed.view},
	)
	body := container.NewVBox(
		section("The session", "Who walked in the customer's shoes, and where", session),
		section("What they saw", "Write down what the customer saw, not what the process says", seen),
		section("Debrief", "Talk it through with a lead and agree what to try", debrief),
		section("Actions", "Ideas turned into who does what by when", f.actions.view),
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

// setChoices refreshes the people and tag options.
// optionalSpan accepts an empty field or a length of time (45 min, 3 h, 1 d).
func optionalSpan(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := model.ParseSpan(s)
	return err
}

func (f *sessionForm) setChoices(people []model.PersonRow, tags []string) {
	f.people = people
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	f.who.SetOptions(names)
	f.agent.SetOptions(append([]string{nobody}, names...))
	f.debriefWith.SetOptions(append([]string{nobody}, names...))
	f.tagEntry.SetOptions(tags)
}

func (f *sessionForm) nameOf(id *uint) string {
	if id == nil {
		return nobody
	}
	for _, p := range f.people {
		if p.ID == *id {
			return p.Name
		}
	}
	return nobody
}

func (f *sessionForm) idOf(name string) *uint {
	for _, p := range f.people {
		if p.Name == name {
			id := p.ID
			return &id
		}
	}
	return nil
}

// edit loads a session into the form; ID 0 starts a new one.
func (f *sessionForm) edit(d model.SessionDetail) {
	f.loading = true
	defer func() { f.loading = false }()
	f.session = d
	s := d.Session
	if s.ID == 0 {
		f.heading.SetText("New shadowing session")
	} else {
		f.heading.SetText(fmt.Sprintf("%s · %s", f.nameOf(&s.PersonID), s.Channel.Label()))
	}
	if s.PersonID != 0 {
		f.who.SetSelected(f.nameOf(&s.PersonID))
	} else {
		f.who.ClearSelected()
	}
	f.kind.SetSelected(s.Kind.Label())
	f.agent.SetSelected(f.nameOf(s.AgentID))
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
	f.debriefWith.SetSelected(f.nameOf(s.DebriefWithID))
	f.agreed.SetText(s.DebriefAgreed)
	f.tags = append([]string(nil), d.Tags...)
	f.showTags()
	f.actions.set(d.Actions, model.ShortName(f.nameOf(&s.PersonID), ""))
	f.problems.clear()
	f.dirty = false
	f.scroll.ScrollToTop()
}

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
	if id := f.idOf(f.who.Selected); id != nil {
		s.PersonID = *id
	} else {
		s.PersonID = 0
	}
	if k, ok := enumOf(model.ShadowKinds(), f.kind.Selected); ok {
		s.Kind = k
	}
	s.AgentID = f.idOf(f.agent.Selected)
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
	s.DebriefWithID = f.idOf(f.debriefWith.Selected)
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
	f.actions.rename(model.ShortName(f.nameOf(&s.PersonID), ""))
	f.problems.clear()
	f.dirty = false
	f.heading.SetText(fmt.Sprintf("%s · %s", f.nameOf(&s.PersonID), s.Channel.Label()))
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
	if !f.dirty && f.tagEntry.Text == "" {
		return true
	}
	return f.save()
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
