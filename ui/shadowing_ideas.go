package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// ideaList shows each line of a session's ideas with a button that makes it
// an action at once, for the owner and due date chosen beneath; an idea
// already made into an action says so, so it is not made twice.
type ideaList struct {
	ideas []string
	made  func(idea string) bool
	act   func(idea string)
	list  *formList
	view  *fyne.Container
}

func newIdeaList(act func(string), made func(string) bool) *ideaList {
	l := &ideaList{act: act, made: made}
	l.list = newFormList(5, func() int { return len(l.ideas) }, func() fyne.CanvasObject {
		text := widget.NewLabel("An idea")
		text.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("Make it an action", theme.ContentAddIcon(), nil), text)
	}, l.showIdea, nil)
	title := widget.NewLabel("Ideas from this session:")
	l.view = container.NewVBox(title, l.list.view)
	l.view.Hide()
	return l
}

// set lists the lines of text, one idea each.
func (l *ideaList) set(text string) {
	l.ideas = l.ideas[:0]
	for line := range strings.SplitSeq(text, "\n") {
		if line = model.OneLine(line); line != "" { // as an action can hold it
			l.ideas = append(l.ideas, line)
		}
	}
	l.view.Hidden = len(l.ideas) == 0
	l.list.refresh()
	l.view.Refresh()
}

func (l *ideaList) showIdea(i widget.ListItemID, o fyne.CanvasObject) {
	idea := l.ideas[i]
	c := o.(*fyne.Container)
	text, button := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Button)
	text.Text, text.Importance = idea, widget.MediumImportance
	button.OnTapped = func() { l.act(idea) }
	button.Enable()
	if l.made(idea) {
		text.Text, text.Importance = idea+"  → action", widget.LowImportance
		button.Disable()
	}
	text.Refresh()
}
