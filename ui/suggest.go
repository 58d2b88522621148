package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// suggestionCount is how many prompts a conversation is offered.
const suggestionCount = 3

// suggestionPanel shows prompts chosen for a person, each with why it was
// chosen and an "Asked" button that logs it and rotates it out.
type suggestionPanel struct {
	sh        *shell
	box       *fyne.Container
	personID  uint
	meetingID *uint
	// draftUses are the prompts logged asked while the one-on-one was a
	// draft, to log in it once it is stored (started).
	draftUses []uint
	loads     line
	// onChange runs after new suggestions are shown or folded away
	// (meeting mode re-applies its large theme).
	onChange func()
	// fold opens and closes the panel when it is folded; shown counts the
	// prompts it holds.
	fold  *widget.Button
	shown int
}

func newSuggestionPanel(sh *shell) *suggestionPanel {
	return &suggestionPanel{sh: sh, box: container.NewVBox()}
}

// load fetches suggestions for a person off the UI goroutine.
func (p *suggestionPanel) load(personID uint, meetingID *uint) {
	if meetingID != nil || personID != p.personID {
		p.draftUses = nil
	}
	p.personID, p.meetingID = personID, meetingID
	current := uint(0)
	if meetingID != nil {
		current = *meetingID
	}
	fetch(p.sh, &p.loads, "Could not choose prompts", func(st *model.Store) ([]model.Suggestion, error) {
		return st.Suggest(personID, current, suggestionCount)
	}, p.show)
}

func (p *suggestionPanel) show(sugs []model.Suggestion) {
	p.box.Objects = nil
	p.shown = len(sugs)
	p.showFold()
	for _, sg := range sugs {
		text := widget.NewLabel(sg.Prompt.Text)
		text.Wrapping = fyne.TextWrapWord
		text.TextStyle = fyne.TextStyle{Italic: true}
		why := widget.NewLabel(sg.Reason)
		why.SizeName = theme.SizeNameCaptionText
		why.Wrapping = fyne.TextWrapWord
		asked := widget.NewButtonWithIcon("Asked", theme.ConfirmIcon(), nil)
		asked.Importance = widget.LowImportance
		promptID := sg.Prompt.ID
		asked.OnTapped = func() { p.asked(promptID) }
		p.box.Add(container.NewBorder(nil, nil, nil, asked, container.New(&tightColumn{}, text, why)))
	}
	if len(sugs) == 0 {
		p.box.Add(widget.NewLabel("No prompts to suggest: every prompt is hidden or was asked recently."))
	}
	p.box.Refresh()
	if p.onChange != nil {
		p.onChange()
	}
}

// folded puts the panel behind a one-line button that opens and closes it
// (as toggle does): meeting mode keeps prompts out of the way until asked.
func (p *suggestionPanel) folded() fyne.CanvasObject {
	p.fold = widget.NewButton("", p.toggle)
	p.fold.Alignment = widget.ButtonAlignLeading
	p.fold.Importance = widget.LowImportance
	p.box.Hide()
	p.showFold()
	return container.NewVBox(p.fold, p.box)
}

// toggle opens the folded panel, or folds it away again.
func (p *suggestionPanel) toggle() {
	p.box.Hidden = !p.box.Hidden
	p.showFold()
	p.box.Refresh()
	if p.onChange != nil {
		p.onChange()
	}
}

// showFold says on the fold's button how many prompts it holds and whether
// it is open.
func (p *suggestionPanel) showFold() {
	if p.fold == nil {
		return
	}
	p.fold.Icon = theme.MenuExpandIcon()
	if !p.box.Hidden {
		p.fold.Icon = theme.MenuDropDownIcon()
	}
	p.fold.SetText(fmt.Sprintf("Prompts (%d) · Ctrl+P", p.shown))
}

func (p *suggestionPanel) asked(promptID uint) {
	use, err := p.sh.store.MarkAsked(promptID, p.personID, p.meetingID)
	if err != nil {
		p.sh.showError("Could not log the prompt", err)
		return
	}
	if p.meetingID == nil {
		p.draftUses = append(p.draftUses, use)
	}
	p.load(p.personID, p.meetingID)
	p.sh.undo.offer("Logged as asked; it rests for six weeks with them.", p.sh.undoFor, func() {
		if err := p.sh.store.UnmarkAsked(use); err != nil {
			p.sh.showError("Could not undo", err)
			return
		}
		p.load(p.personID, p.meetingID)
	})
}

// started logs the prompts asked on a draft in its one-on-one, now stored
// as id: reopened, it does not suggest them again.
func (p *suggestionPanel) started(id uint) {
	p.meetingID = &id
	if len(p.draftUses) == 0 {
		return
	}
	if err := p.sh.store.MoveAsked(p.draftUses, id); err != nil {
		p.sh.showError("Could not log the prompts asked", err)
	}
	p.draftUses = nil
}
