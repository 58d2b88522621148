package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

const allThemes = "All themes"

// promptsScreen is the prompt library: the prompt of the day, a filtered
// list, and a form to write, star, hide or delete prompts.
type promptsScreen struct {
	sh *shell
	// loads are the library's, opens the edited prompt's.
	loads, opens line

	all, shown []model.Prompt

	root        fyne.CanvasObject
	ofTheDay    *widget.Label
	dayTheme    *widget.Label
	filter      *widget.Entry
	theme       *widget.Select
	showHidden  *widget.Check
	list        *widget.List
	count       *widget.Label
	detail      *fyne.Container
	blank       fyne.CanvasObject
	form        fyne.CanvasObject
	text        *widget.Entry
	themeEntry  *widget.SelectEntry
	fits        *widget.CheckGroup
	origin      *widget.Label
	problems    *widget.Label
	starBtn     *widget.Button
	hideBtn     *widget.Button
	deleteBtn   *widget.Button
	editing     model.Prompt
	dirty       bool
	loadingForm bool
	selecting   bool
}

func newPromptsScreen(sh *shell) *promptsScreen {
	p := &promptsScreen{sh: sh}
	p.ofTheDay = widget.NewLabel("")
	p.ofTheDay.Wrapping = fyne.TextWrapWord
	p.ofTheDay.TextStyle = fyne.TextStyle{Italic: true}
	p.dayTheme = widget.NewLabel("")
	p.dayTheme.SizeName = theme.SizeNameCaptionText

	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder("Filter prompts… (Ctrl+L)")
	p.filter.OnChanged = func(string) { p.applyFilter() }
	p.theme = widget.NewSelect([]string{allThemes}, nil)
	p.theme.SetSelected(allThemes)
	p.theme.OnChanged = func(string) { p.applyFilter() }
	p.showHidden = widget.NewCheck("Show hidden", func(bool) { p.load() })
	p.count = widget.NewLabel("")
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newTwoLineRow("Theme · when") },
		func(id widget.ListItemID, o fyne.CanvasObject) { p.updateRow(id, o) },
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		if p.selecting || id >= len(p.shown) {
			return
		}
		if p.flush() {
			p.edit(p.shown[id])
		}
	}

	p.text = widget.NewMultiLineEntry()
	p.text.Wrapping = fyne.TextWrapWord
	p.text.SetMinRowsVisible(3)
	p.text.SetPlaceHolder("A question to ask, or a nudge for yourself")
	p.text.OnChanged = func(string) { p.changed() }
	p.themeEntry = widget.NewSelectEntry(nil)
	p.themeEntry.SetPlaceHolder("Pick a theme or type a new one")
	p.themeEntry.OnChanged = func(string) { p.changed() }
	p.fits = widget.NewCheckGroup(enumLabels(model.Fits()), func([]string) { p.changed() })
	p.origin = widget.NewLabel("")
	p.origin.SizeName = theme.SizeNameCaptionText
	p.problems = widget.NewLabel("")
	p.problems.Importance = widget.DangerImportance
	p.problems.Hide()
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { p.flush() })
	save.Importance = widget.HighImportance
	p.starBtn = widget.NewButtonWithIcon("Star", theme.ConfirmIcon(), p.toggleStar)
	p.hideBtn = widget.NewButtonWithIcon("Hide", theme.VisibilityOffIcon(), p.toggleHidden)
	p.deleteBtn = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), p.delete)
	p.form = container.NewBorder(nil,
		container.NewVBox(p.problems, container.NewHBox(p.starBtn, p.hideBtn, p.deleteBtn, layoutSpacer(), save)), nil, nil,
		container.NewVScroll(widget.NewForm(
			&widget.FormItem{Text: "Prompt", Widget: p.text},
			&widget.FormItem{Text: "Theme", Widget: p.themeEntry},
			&widget.FormItem{Text: "Fits", Widget: p.fits},
			&widget.FormItem{Text: "", Widget: p.origin},
		)))
	p.blank = emptyState(theme.QuestionIcon(), "Prompts for real conversations",
		"Pick a prompt to edit, star or hide it,\nor press Ctrl+N to write your own.\nOne-on-ones suggest three at a time,\nchosen from what you know about the person.")
	p.detail = container.NewStack(p.blank)

	newBtn := widget.NewButtonWithIcon("New prompt", theme.ContentAddIcon(), p.newItem)
	newBtn.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle("Prompts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	today := widget.NewCard("", "Prompt of the day", container.NewVBox(p.ofTheDay, p.dayTheme))
	left := container.NewBorder(container.NewVBox(p.filter, container.NewBorder(nil, nil, nil, p.showHidden, p.theme)), p.count, nil, nil, p.list)
	split := container.NewHSplit(left, container.NewPadded(p.detail))
	split.Offset = 0.45
	p.root = container.NewBorder(container.NewVBox(container.NewPadded(container.NewBorder(nil, nil, heading, newBtn)), today), nil, nil, nil, split)
	return p
}

func (p *promptsScreen) view() fyne.CanvasObject { return p.root }
func (p *promptsScreen) focusFilter()            { p.sh.win.Canvas().Focus(p.filter) }

// load fetches the library and the prompt of the day off the UI goroutine.
func (p *promptsScreen) load() {
	type loaded struct {
		prompts []model.Prompt
		themes  []string
		day     model.Prompt
	}
	hidden := p.showHidden.Checked
	fetch(p.sh, &p.loads, "Could not load the prompts", func(st *model.Store) (l loaded, err error) {
		if l.prompts, err = st.Prompts(hidden); err != nil {
			return l, err
		}
		if l.themes, err = st.PromptThemes(); err != nil {
			return l, err
		}
		l.day, err = st.PromptOfTheDay(st.Today())
		if errors.Is(err, model.ErrNotFound) {
			err = nil
		}
		return l, err
	}, func(l loaded) {
		p.all = l.prompts
		p.theme.SetOptions(append([]string{allThemes}, l.themes...))
		p.themeEntry.SetOptions(l.themes)
		p.ofTheDay.SetText(l.day.Text)
		p.dayTheme.SetText(l.day.Theme)
		p.applyFilter()
	})
}

func (p *promptsScreen) applyFilter() {
	p.shown = p.shown[:0]
	for _, pr := range p.all {
		if p.theme.Selected != allThemes && p.theme.Selected != "" && pr.Theme != p.theme.Selected {
			continue
		}
		if model.MatchWords(p.filter.Text, pr.Text, pr.Theme) {
			p.shown = append(p.shown, pr)
		}
	}
	p.count.SetText(shownOf(len(p.shown), len(p.all), "prompt", "prompts"))
	p.list.Refresh()
	p.selecting = true
	p.list.UnselectAll()
	for i, pr := range p.shown {
		if pr.ID == p.editing.ID && pr.ID != 0 {
			p.list.Select(i)
		}
	}
	p.selecting = false
}

func (p *promptsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	pr := p.shown[id]
	var fits []string
	for _, f := range pr.FitList() {
		fits = append(fits, strings.ToLower(f.Label()))
	}
	badge := setTwoLineRow(o, pr.Text, pr.Theme+" · "+strings.Join(fits, ", "))
	switch {
	case pr.Hidden:
		badge.SetText("Hidden")
	case pr.Starred:
		badge.SetText("★")
	default:
		badge.SetText("")
	}
}

func (p *promptsScreen) newItem() {
	if !p.flush() {
		return
	}
	p.edit(model.Prompt{Fits: string(model.FitDuring)})
	p.sh.win.Canvas().Focus(p.text)
}

// edit shows a prompt in the form; ID 0 starts a new one.
// open shows the prompt with id in the form.
func (p *promptsScreen) open(id uint) {
	fetch(p.sh, &p.opens, "Could not open the prompt", func(st *model.Store) (model.Prompt, error) { return st.Prompt(id) }, p.edit)
}

func (p *promptsScreen) edit(pr model.Prompt) {
	p.loadingForm = true
	defer func() { p.loadingForm = false }()
	p.editing = pr
	p.text.SetText(pr.Text)
	p.themeEntry.SetText(pr.Theme)
	var sel []string
	for _, f := range pr.FitList() {
		sel = append(sel, f.Label())
	}
	p.fits.SetSelected(sel)
	switch {
	case pr.ID == 0:
		p.origin.SetText("Your own prompt")
	case pr.Key == "":
		p.origin.SetText("Written by you")
	case pr.Edited:
		p.origin.SetText("From the Solemate library, edited by you (updates leave it alone)")
	default:
		p.origin.SetText("From the Solemate library")
	}
	p.starBtn.SetText(map[bool]string{true: "Unstar", false: "Star"}[pr.Starred])
	p.hideBtn.SetText(map[bool]string{true: "Show again", false: "Hide"}[pr.Hidden])
	for _, b := range []*widget.Button{p.starBtn, p.hideBtn, p.deleteBtn} {
		if pr.ID == 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	p.problems.Hide()
	p.dirty = false
	p.detail.Objects = []fyne.CanvasObject{p.form}
	p.detail.Refresh()
}

func (p *promptsScreen) changed() {
	if !p.loadingForm {
		p.dirty = true
	}
}

// flush saves the form when it changed; false means it has problems.
func (p *promptsScreen) flush() bool {
	if !p.dirty {
		return true
	}
	pr := p.editing
	pr.Text, pr.Theme = p.text.Text, p.themeEntry.Text
	var fits []model.Fit
	for _, f := range model.Fits() {
		for _, sel := range p.fits.Selected {
			if sel == f.Label() {
				fits = append(fits, f)
			}
		}
	}
	pr.Fits = model.JoinFits(fits)
	if err := p.sh.store.SavePrompt(&pr); err != nil {
		if model.IsValidation(err) {
			p.problems.SetText("Not saved: " + err.Error() + ".")
			p.problems.Show()
		} else {
			p.sh.showError("Could not save the prompt", err)
		}
		return false
	}
	p.edit(pr)
	p.load()
	return true
}

func (p *promptsScreen) toggleStar() {
	if err := p.sh.store.SetPromptStarred(p.editing.ID, !p.editing.Starred); err != nil {
		p.sh.showError("Could not star the prompt", err)
		return
	}
	p.editing.Starred = !p.editing.Starred
	p.edit(p.editing)
	p.load()
}

func (p *promptsScreen) toggleHidden() {
	if err := p.sh.store.SetPromptHidden(p.editing.ID, !p.editing.Hidden); err != nil {
		p.sh.showError("Could not hide the prompt", err)
		return
	}
	p.editing.Hidden = !p.editing.Hidden
	p.edit(p.editing)
	p.load()
}

func (p *promptsScreen) delete() {
	gone := p.editing
	if err := p.sh.store.DeletePrompt(gone.ID); err != nil {
		p.sh.showError("Could not delete the prompt", err)
		return
	}
	p.editing = model.Prompt{}
	p.dirty = false
	p.detail.Objects = []fyne.CanvasObject{p.blank}
	p.detail.Refresh()
	p.load()
	p.sh.undo.offer("Deleted “"+model.Ellipsize(gone.Text, 40)+"”.", p.sh.undoFor, func() {
		if err := p.sh.store.RestorePrompt(gone.ID); err != nil {
			p.sh.showError("Could not restore the prompt", err)
			return
		}
		p.edit(gone)
		p.load()
	})
}
