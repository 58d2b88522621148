package ui

import (
	"fmt"
	"strings"

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
		parts = append(parts, "Themes: "+strings.Join(r.Tags, ", "))
	}
	if len(parts) == 0 {
		return "No notes on what happened."
	}
	return strings.Join(parts, " · ")
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

// preparedShadowing is the Prepare card's lines on the sessions beside
// them since their last one-on-one.
func preparedShadowing(rows []model.ShadowedSession, total int, me uint, today model.Date) string {
	lines := make([]string, 0, len(rows)+1)
	for _, r := range rows {
		line := "• " + shadowedLine(r, me, today)
		if r.Moment != "" {
			line += ": " + r.Moment
		}
		if len(r.Tags) > 0 {
			line += "\n   Themes: " + strings.Join(r.Tags, ", ")
		}
		lines = append(lines, line)
	}
	if rest := total - len(rows); rest > 0 {
		lines = append(lines, fmt.Sprintf("…and %d earlier, in Shadowing", rest))
	}
	return strings.Join(lines, "\n")
}
