package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Shadowing reaches the conversations: a session beside an agent shows on
// their page and in the Prepare card of their next one-on-one, so what the
// shadower saw is brought up with the person it was about.

// shadowedMax is how many sessions a person's page lists of each kind; a
// count says how many more there are.
const shadowedMax = 3

// preparedMax is how many sessions the Prepare card brings up.
const preparedMax = 5

// shadowedLine says who walked in the customer's shoes, beside whom, when
// and where: "Sam sat beside Priya on Tue 3 Mar (chat)". me is the user,
// who is "You".
func shadowedLine(r model.ShadowedSession, me uint, today model.Date) string {
	who := r.Shadower
	if me != 0 && r.ShadowerID == me {
		who = "You"
	}
	layout := "Mon 2 Jan"
	if r.Date.Time().Year() != today.Time().Year() {
		layout = "Mon 2 Jan 2006"
	}
	when := fmt.Sprintf("on %s (%s)", r.Date.Time().Format(layout), strings.ToLower(r.Channel.Label()))
	switch {
	case r.Kind == model.KindAsCustomer && r.Journey != "":
		return fmt.Sprintf("%s went through “%s” as a customer %s", who, model.Ellipsize(r.Journey, 60), when)
	case r.Kind == model.KindAsCustomer:
		return fmt.Sprintf("%s went through it as a customer %s", who, when)
	case r.Agent == "": // the agent has left the roster since
		return fmt.Sprintf("%s sat beside an agent %s", who, when)
	}
	return fmt.Sprintf("%s sat beside %s %s", who, r.Agent, when)
}

// shadowedDetail is what to bring up: the moment and the themes.
func shadowedDetail(r model.ShadowedSession) string {
	var parts []string
	if r.Moment != "" {
		parts = append(parts, r.Moment)
	}
	if len(r.Tags) > 0 {
		parts = append(parts, "Themes: "+themeList(r.Tags))
	}
	if len(parts) == 0 {
		return "No notes on what happened."
	}
	return strings.Join(parts, " · ")
}

// themesShown is how many of a session's themes a line names.
const themesShown = 6

// themeList names a session's first themes and counts the rest: a session
// may carry hundreds, and one wrapped line of them froze the page.
func themeList(tags []string) string {
	if len(tags) <= themesShown {
		return strings.Join(tags, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(tags[:themesShown], ", "), len(tags)-themesShown)
}

// shadowedList lists sessions under a title, each a link that opens it,
// then how many more there are (a link to them when more is set); box is
// hidden when there are none.
func shadowedList(box *fyne.Container, title string, rows []model.ShadowedSession, total int, me uint, today model.Date, open func(uint), more func()) {
	box.RemoveAll()
	if len(rows) == 0 {
		box.Hide()
		return
	}
	box.Show()
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord // the column is narrow at 900 px
	box.Add(heading)
	for _, r := range rows {
		link := widget.NewHyperlink(shadowedLine(r, me, today), nil)
		link.Wrapping = fyne.TextWrapWord
		link.OnTapped = func() { open(r.ID) }
		detail := widget.NewLabel(shadowedDetail(r))
		detail.Wrapping = fyne.TextWrapWord
		box.Add(container.New(&tightColumn{}, link, detail))
	}
	if rest := total - len(rows); rest > 0 {
		text := fmt.Sprintf("and %d earlier", rest)
		if more == nil {
			box.Add(widget.NewLabel(text))
			return
		}
		b := widget.NewButton(text+"…", more)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
}

// shadowedSince is what a one-on-one can bring up of the sessions beside
// them: those since the one-on-one before it (the first total), the day
// counted from, and who the user is.
type shadowedSince struct {
	rows  []model.ShadowedSession
	total int
	since model.Date
	me    uint
}

// loadShadowedBefore reads the sessions a one-on-one with person id at at
// can bring up.
func loadShadowedBefore(st *model.Store, id uint, at time.Time) (l shadowedSince, err error) {
	if l.me, err = st.MyID(); err != nil {
		return l, err
	}
	l.rows, l.total, l.since, err = st.ShadowedBefore(id, at, preparedMax)
	return l, err
}

// hint says where the sessions are counted from.
func (l shadowedSince) hint() string {
	return fmt.Sprintf("Sessions beside them since %s: a chance to thank them, or to ask how it felt", formatDay(l.since))
}

// text is the sessions, a bullet each, then how many more there are.
func (l shadowedSince) text(today model.Date) string {
	lines := make([]string, 0, len(l.rows)+1)
	for _, r := range l.rows {
		line := "• " + shadowedLine(r, l.me, today)
		if r.Moment != "" {
			line += ": " + r.Moment
		}
		if len(r.Tags) > 0 {
			line += "\n   Themes: " + themeList(r.Tags)
		}
		lines = append(lines, line)
	}
	if rest := l.total - len(l.rows); rest > 0 {
		lines = append(lines, fmt.Sprintf("…and %d earlier, in Shadowing", rest))
	}
	return strings.Join(lines, "\n")
}
