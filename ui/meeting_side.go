package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// meetingSide is meeting mode's right-hand column: the prompts (folded),
// the follow-ups to ask about, the pulse, the actions and the notes.
type meetingSide struct {
	mm      *meetingMode
	view    fyne.CanvasObject
	prompts *suggestionPanel
	// followUps lists fus, the follow-ups still to ask about; asking lists
	// them again after an undo.
	followUps *fyne.Container
	fus       []model.FollowUp
	asking    line
	shadowed  *fyne.Container // the sessions beside them since last time
	rating    *widget.RadioGroup
	theirs    *widget.Label // the rating they gave before the meeting
	comment   *dialogEntry
	shared    *noteField
	private   *noteField
	actions   *actionBox
	loading   bool // the fields are being filled in: nothing changed
}

func newMeetingSide(mm *meetingMode) *meetingSide {
	s := &meetingSide{mm: mm, followUps: container.NewVBox(), shadowed: container.NewVBox()}
	s.shadowed.Hide() // until there are sessions to bring up
	m := mm.meeting
	fetchOr(mm.sh, nil, func(st *model.Store) (shadowedSince, error) { return loadShadowedBefore(st, m.PersonID, m.HeldAt) },
		s.showShadowed, func(err error) { mm.showError("Could not load the shadowing sessions", err) })

	s.prompts = newSuggestionPanel(mm.sh)
	s.prompts.onChange = mm.relayout
	s.prompts.load(m.PersonID, &mm.meeting.ID)

	s.rating = widget.NewRadioGroup([]string{"1", "2", "3", "4", "5"}, func(string) { s.changed() })
	s.theirs = widget.NewLabel("")
	s.rating.Horizontal = true
	s.comment = newDialogEntry() // meeting mode's keys work from it (windowKeys)
	s.comment.SetPlaceHolder("How do they feel about the company?")
	s.comment.OnChanged = func(string) { s.changed() }
	s.shared = newNoteField(mm.sh, "Notes you could show them")
	s.shared.OnChanged = func(string) { s.changed() }
	s.private = newNoteField(mm.sh, "Only for you: never exported unless you ask")
	s.private.OnChanged = func(string) { s.changed() }
	s.showFields(m.OneOnOne)
	s.loading = true // the private notes as loaded are no change to save
	s.private.SetText(m.PrivateNotes)
	s.loading = false

	s.actions = newActionBox(mm.sh, "New action… (Enter)", func(a *model.Action) bool {
		a.PersonID, a.OneOnOneID = mm.meeting.PersonID, &mm.meeting.ID
		return true
	})
	s.actions.set(append(slices.Clone(mm.earlier), m.Actions...), model.ShortName(m.Person.Name, m.Person.PreferredName))
	// The action box's parts, stacked to fit a column: its own row of
	// them leaves the text no room in large type.
	a := s.actions
	addAction := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), a.add)
	actions := container.NewVBox(container.NewStack(a.list.view, a.none), container.NewBorder(nil, nil, nil, addAction, a.text), a.owner, a.due.view)

	privateTitle := container.NewHBox(widget.NewIcon(theme.VisibilityOffIcon()), title("Private notes"), caption("only you see these", fyne.TextAlignLeading))
	s.showFollowUps(m.FollowUps)
	s.view = container.NewVScroll(container.NewVBox(
		s.prompts.folded(),
		s.followUps,
		s.shadowed,
		title(model.HeadingPulse.Label()),
		s.theirs,
		s.rating,
		s.comment,
		title("Actions"),
		actions,
		title("Shared notes"),
		s.shared.view,
		privateTitle,
		s.private.view,
	))
	return s
}

// title is a bold line over a part of meeting mode.
func title(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// showFollowUps lists what to ask about from earlier one-on-ones, each
// with a button to mark it asked.
func (s *meetingSide) showFollowUps(fus []model.FollowUp) {
	s.fus = fus
	s.followUps.Objects = nil
	if len(fus) > 0 {
		s.followUps.Add(title("Ask how it went"))
	}
	for _, f := range fus {
		text := widget.NewLabel(clip(f.Text) + privateMark(f.Private))
		text.Wrapping = fyne.TextWrapWord
		when := caption("raised "+formatDay(model.DateOf(f.RaisedAt.Local()))+" · ask "+formatDay(f.FollowUp), fyne.TextAlignLeading)
		when.Wrapping = fyne.TextWrapWord
		asked := widget.NewButtonWithIcon("Asked", theme.ConfirmIcon(), func() { s.ask(f) })
		s.followUps.Add(container.NewBorder(nil, nil, nil, container.NewVBox(asked), container.NewVBox(text, when)))
	}
	s.followUps.Refresh()
	s.mm.relayout()
}

// showShadowed brings up the sessions beside them since the one-on-one
// before this one, when there are any: folded, as meeting mode is calm.
func (s *meetingSide) showShadowed(l shadowedSince) {
	if len(l.rows) == 0 {
		return
	}
	text := widget.NewLabel(l.text(s.mm.sh.store.Today()))
	text.Wrapping = fyne.TextWrapWord
	text.Hide()
	fold := widget.NewButtonWithIcon(fmt.Sprintf("Seen beside them (%d)", l.total), theme.MenuExpandIcon(), nil)
	fold.Alignment, fold.Importance = widget.ButtonAlignLeading, widget.LowImportance
	fold.OnTapped = func() { // as the prompts fold
		text.Hidden = !text.Hidden
		fold.Icon = theme.MenuExpandIcon()
		if !text.Hidden {
			fold.Icon = theme.MenuDropDownIcon()
		}
		fold.Refresh()
		text.Refresh()
		s.mm.relayout()
	}
	s.shadowed.Objects = []fyne.CanvasObject{fold, text}
	s.shadowed.Show()
	s.mm.relayout()
}

// ask asks what they said about a follow-up (optional) and marks it asked.
func (s *meetingSide) ask(f model.FollowUp) {
	said := newDialogEntry() // Esc closes the dialog
	said.SetPlaceHolder("Optional")
	d := dialog.NewForm("Asked about “"+model.Ellipsize(f.Text, 40)+"”", "Asked", "Cancel", []*widget.FormItem{
		{Text: "What they said", Widget: said},
	}, func(ok bool) {
		if ok {
			s.asked(f.ID, said.Text)
		}
	}, s.mm.win)
	said.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	showDialogOn(s.mm.win, d, func() {})
	s.mm.win.Canvas().Focus(said)
}

// asked marks follow-up id asked, with what they said: it leaves the list,
// and undo brings it back.
func (s *meetingSide) asked(id uint, note string) {
	mm := s.mm
	// Through the loader: marking reads the item first.
	fetchOr(mm.sh, nil, func(st *model.Store) (asking, error) {
		it, err := st.AskFollowUp(id, note)
		if errors.Is(err, model.ErrAlreadyAsked) { // elsewhere, since the list was loaded
			return asking{it, true}, nil
		}
		return asking{it, false}, err
	}, func(a asking) {
		it := a.it
		s.synced(it)
		s.showFollowUps(slices.DeleteFunc(slices.Clone(s.fus), func(f model.FollowUp) bool { return f.ID == id }))
		if a.again { // undo would un-ask that asking
			return
		}
		mm.undo.offer("Marked asked: “"+model.Ellipsize(it.Text, 40)+"”", mm.sh.undoFor, func() {
			it.AskedOn, it.AskedNote = model.Date{}, ""
			if err := mm.sh.store.UpdateItem(&it); err != nil {
				mm.showError("Could not undo", err)
				return
			}
			s.synced(it)
			s.reloadFollowUps()
		})
	}, func(err error) { mm.showError("Could not mark it asked", err) })
}

// reloadFollowUps lists the follow-ups due again, as stored.
func (s *meetingSide) reloadFollowUps() {
	mm, o := s.mm, s.mm.meeting.OneOnOne
	fetchOr(mm.sh, &s.asking, func(st *model.Store) ([]model.FollowUp, error) { return st.FollowUpsBefore(o.PersonID, o.HeldAt) },
		s.showFollowUps, func(err error) { mm.showError("Could not load the follow-ups", err) })
}

// synced takes an item as stored into the meeting's copy of it, if the
// meeting shows it (carried over): a later save of that copy would
// otherwise be refused, or undo what was stored.
func (s *meetingSide) synced(it model.Item) {
	for _, x := range s.mm.meeting.Items {
		if x.ID == it.ID {
			x.AskedOn, x.AskedNote, x.Version = it.AskedOn, it.AskedNote, it.Version
			s.mm.conflicts.saved[it.ID] = x.Item
		}
	}
}

// showFields shows the pulse and shared notes; saving nothing.
func (s *meetingSide) showFields(o model.OneOnOne) {
	s.loading = true
	defer func() { s.loading = false }()
	s.rating.SetSelected("")
	if o.PulseRating > 0 {
		s.rating.SetSelected(strconv.Itoa(o.PulseRating))
	}
	s.comment.SetText(o.PulseComment)
	s.shared.SetText(o.SharedNotes)
	s.theirs.SetText(fmt.Sprintf("They gave %d of 5 before the meeting", o.ReportPulse))
	s.theirs.Hidden = o.ReportPulse == 0
}

// changed saves the meeting's own fields once typing pauses.
func (s *meetingSide) changed() {
	if s.loading {
		return
	}
	s.mm.saved.SetText("Saving…")
	s.mm.saver.schedule("meeting", s.save)
}

func (s *meetingSide) save() error {
	mm := s.mm
	o := mm.meeting.OneOnOne
	o.PulseRating, _ = strconv.Atoi(s.rating.Selected)
	o.PulseComment, o.SharedNotes, o.PrivateNotes = s.comment.Text, s.shared.Text(), s.private.Text()
	keep := func(version int) {
		mm.meeting.Version = version
		mm.showSaved(mm.saver.flush())
	}
	if err := mm.conflicts.saveOneOnOne(mm.sh.store, &o, mm.meeting.OneOnOne, keep, s.take); err != nil {
		return err
	}
	mm.meeting.OneOnOne = o
	mm.saved.SetText("Saved")
	return nil
}

// take shows their save of the meeting's fields instead of the edits
// waiting here. Private notes are one's own: what was typed stays, and is
// saved on their version.
func (s *meetingSide) take(theirs model.OneOnOne) {
	mm := s.mm
	mm.saver.forget("meeting")
	theirs.PrivateNotes = mm.meeting.PrivateNotes
	mm.meeting.OneOnOne = theirs
	s.showFields(theirs)
	if s.private.Text() != theirs.PrivateNotes {
		s.changed()
	}
	mm.showSaved(mm.saver.flush())
}
