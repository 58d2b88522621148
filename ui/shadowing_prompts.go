package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// promptsShown is how many debrief prompts show at a time.
const promptsShown = 3

// debriefPrompts offers a few debrief prompts from the library, in an order
// of the session's own so sessions differ, and the others on asking.
type debriefPrompts struct {
	ld      loads
	loads   line
	all     []model.Prompt
	from    int // where the prompts shown start in all
	shown   []*widget.Label
	another *widget.Button
	view    *fyne.Container
}

func newDebriefPrompts(ld loads) *debriefPrompts {
	p := &debriefPrompts{ld: ld}
	lines := container.NewVBox()
	for range promptsShown {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		p.shown = append(p.shown, l)
		lines.Add(l)
	}
	p.another = widget.NewButtonWithIcon("Other prompts", theme.ViewRefreshIcon(), p.next)
	p.another.Importance = widget.LowImportance
	p.view = container.NewVBox(lines, container.NewHBox(p.another))
	p.view.Hide()
	return p
}

// load fetches the debrief prompts in the order seed gives.
func (p *debriefPrompts) load(seed uint64) {
	fetch(p.ld, &p.loads, "Could not load the debrief prompts", func(st *model.Store) ([]model.Prompt, error) {
		return st.PromptsFor(model.FitDebrief, 0, seed)
	}, func(all []model.Prompt) {
		p.all, p.from = all, 0
		p.another.Hidden = len(all) <= promptsShown
		p.view.Hidden = len(all) == 0
		p.show()
	})
}

// next shows the prompts after those shown, and the first again after the last.
func (p *debriefPrompts) next() {
	if p.from += promptsShown; p.from >= len(p.all) {
		p.from = 0
	}
	p.show()
}

func (p *debriefPrompts) show() {
	for i, l := range p.shown {
		l.Hidden = p.from+i >= len(p.all)
		if !l.Hidden {
			l.SetText("• " + p.all[p.from+i].Text)
		}
	}
	p.view.Refresh()
}
