package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// The overview's two views, by the kind of theme each counts.
const (
	viewFriction  = "Friction"
	viewStrengths = "Strengths"
)

// newOverview builds the right side the screen opens on: the themes of one
// kind in all and per channel, and the response times per channel.
func (s *shadowingScreen) newOverview() fyne.CanvasObject {
	s.kindPick = widget.NewRadioGroup([]string{viewFriction, viewStrengths}, nil)
	s.kindPick.Horizontal, s.kindPick.Required = true, true
	s.kindPick.SetSelected(viewFriction)
	s.kindPick.OnChanged = func(v string) {
		s.kind = model.TagFriction
		if v == viewStrengths {
			s.kind = model.TagStrength
		}
		s.chartScroll.ScrollToTop() // the other view starts at its top, "All channels"
		s.load()
	}
	kinds := widget.NewButtonWithIcon("Kinds of theme…", theme.SettingsIcon(), s.editKinds)
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.title.Wrapping = fyne.TextWrapWord
	// Two short lines rather than a wrapped one, which would lag a resize.
	hint := widget.NewLabel("Sessions that carried each theme, in all and per channel.\nClick a bar to list them; right-click to move it to the other view.")
	hint.SizeName = theme.SizeNameCaptionText
	s.chart = newBarChart()
	s.chart.onTapped = func(i int) {
		if i < len(s.bars) {
			s.pickBar(s.bars[i])
		}
	}
	s.chart.onMenu = s.barMenu
	s.chartNone = widget.NewLabel("")
	s.chartNone.Wrapping = fyne.TextWrapWord
	respTitle := widget.NewLabelWithStyle(fmt.Sprintf("Response times, last %d months", model.ThemeMonths), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.response = widget.NewLabel("")
	s.response.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewHBox(s.kindPick, layout.NewSpacer(), kinds), s.title, hint)
	s.chartScroll = container.NewVScroll(container.NewVBox(s.chartNone, s.chart, respTitle, s.response))
	return container.NewBorder(top, nil, nil, nil, s.chartScroll)
}

// showThemes fills the overview: each theme across all channels first
// (what hurts most overall), then each channel's.
func (s *shadowingScreen) showThemes(kind model.TagKind, o model.ThemeOverview) {
	var rows []barRow
	s.bars = s.bars[:0]
	for _, t := range o.Totals {
		rows = append(rows, barRow{Group: allChannels, Label: t.Name, Value: t.Count})
		s.bars = append(s.bars, pickedBar{theme: t.Name, since: o.Since})
	}
	for _, t := range o.ByChannel {
		rows = append(rows, barRow{Group: t.Channel.Label(), Label: t.Tag, Value: t.Count})
		s.bars = append(s.bars, pickedBar{channel: t.Channel, theme: t.Tag, since: o.Since})
	}
	if kind == model.TagStrength {
		s.title.SetText(fmt.Sprintf("Strengths, last %d months", model.ThemeMonths))
		s.chartNone.SetText("No strengths yet. Tag what served the customer well (\"wow moment\", \"empowered agent\") and it gathers here.")
		s.chart.setColor(theme.ColorNameSuccess)
	} else {
		s.title.SetText(fmt.Sprintf("Friction themes, last %d months", model.ThemeMonths))
		s.chartNone.SetText("No themes yet. Tag sessions (\"generic reply\", \"slow update\") and the themes that recur on each channel show up here.")
		s.chart.setColor(theme.ColorNamePrimary)
	}
	s.chart.setRows(rows)
	s.chartNone.Hidden = len(rows) > 0
	s.chartNone.Refresh()
	s.response.SetText(responseText(o.Response))
}

// responseText is a line per channel: the median wait and how many
// sessions logged one.
func responseText(rs []model.ChannelResponse) string {
	if len(rs) == 0 {
		return "No response times logged yet. Note how long the customer waited for an answer and each channel's typical wait shows here."
	}
	lines := make([]string, len(rs))
	for i, r := range rs {
		lines[i] = fmt.Sprintf("%s: median %s, from %s", r.Channel.Label(), model.SpanText(r.MedianMinutes), model.Plural(r.Count, "session", "sessions"))
	}
	return strings.Join(lines, "\n")
}

// barMenu offers, on a bar, its sessions and moving its theme to the
// other view.
func (s *shadowingScreen) barMenu(i int, at fyne.Position) {
	if i >= len(s.bars) {
		return
	}
	b := s.bars[i]
	to, move := model.TagStrength, "Count “%s” as a strength"
	if s.kind == model.TagStrength {
		to, move = model.TagFriction, "Count “%s” as friction"
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("List its sessions", func() { s.pickBar(b) }),
		fyne.NewMenuItem(fmt.Sprintf(move, model.Ellipsize(b.theme, 40)), func() {
			from := s.kind
			if s.setTagKind(b.theme, to) {
				s.sh.undo.offer(fmt.Sprintf("“%s” now counts as %s.", model.Ellipsize(b.theme, 40), strings.ToLower(to.Label())), s.sh.undoFor, func() {
					s.setTagKind(b.theme, from)
				})
			}
		}))
	widget.ShowPopUpMenuAtPosition(menu, s.sh.win.Canvas(), at)
}

// setTagKind files a theme under kind and recounts; false when refused.
func (s *shadowingScreen) setTagKind(name string, kind model.TagKind) bool {
	if err := s.sh.store.SetTagKind(name, kind); err != nil {
		s.sh.showError("Could not change the kind of theme", err)
		return false
	}
	s.load()
	return true
}

// pickBar lists the sessions a bar counts; the note above the list says so
// and offers the way back.
func (s *shadowingScreen) pickBar(b pickedBar) {
	channel := allChannels
	if b.channel != "" {
		channel = b.channel.Label()
	}
	s.quiet = true
	s.channel.SetSelected(channel)
	s.tag.SetText("")
	s.quiet = false
	s.picked = &b
	s.pickNote.SetText(fmt.Sprintf("“%s” on %s, last %d months", b.theme, strings.ToLower(channel), model.ThemeMonths))
	s.pickBox.Show()
	s.load()
}

// unpickBar goes back to every session.
func (s *shadowingScreen) unpickBar() {
	s.quiet = true
	s.channel.SetSelected(allChannels)
	s.quiet = false
	s.dropPick()
	s.load()
}

func (s *shadowingScreen) dropPick() {
	s.picked = nil
	s.pickBox.Hide()
}

// filtersChanged follows the channel and tag filters; changing either
// leaves a clicked bar behind.
func (s *shadowingScreen) filtersChanged() {
	if s.quiet {
		return
	}
	s.dropPick()
	s.load()
}

// narrowTags offers the themes containing what was typed in the tag filter.
func (s *shadowingScreen) narrowTags() {
	typed := model.NormalizeTag(s.tag.Text)
	var names []string
	for _, n := range s.tagNames {
		if strings.Contains(n, typed) {
			names = append(names, n)
		}
	}
	s.tag.SetOptions(names)
}

// editKinds lists the themes in use, each as friction or strength; a
// change counts at once.
func (s *shadowingScreen) editKinds() {
	tags := append([]model.TagCount(nil), s.tags...)
	if len(tags) == 0 {
		s.sh.showDialog(dialog.NewInformation("Kinds of theme", "No themes yet. Tag a session and its themes are listed here.", s.sh.win))
		return
	}
	labels := enumLabels(model.TagKinds())
	var list *widget.List
	list = widget.NewList(
		func() int { return len(tags) },
		func() fyne.CanvasObject {
			r := widget.NewRadioGroup(labels, nil)
			r.Horizontal, r.Required = true, true
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, r, name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			label, r := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.RadioGroup)
			label.SetText(tags[id].Name)
			r.OnChanged = nil
			r.SetSelected(tags[id].Kind.Label())
			r.OnChanged = func(v string) {
				k, _ := enumOf(model.TagKinds(), v)
				if !s.setTagKind(tags[id].Name, k) {
					list.RefreshItem(id) // back to the kind it has
					return
				}
				tags[id].Kind = k
			}
		},
	)
	hint := widget.NewLabel("Friction is what got in the customer's way; a strength is what served them well. Each counts in its own view of the overview.")
	hint.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Kinds of theme", "Done", container.NewBorder(hint, nil, nil, nil, list), s.sh.win)
	d.Resize(fyne.NewSize(560, 440))
	s.sh.showDialog(d)
}
