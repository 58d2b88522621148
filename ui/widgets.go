package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// undoBar is a strip at the bottom of the window offering to take back the
// last destructive action for a few seconds.
type undoBar struct {
	view    *fyne.Container
	message *widget.Label
	button  *widget.Button
	action  func()
	timer   *time.Timer
}

func newUndoBar() *undoBar {
	u := &undoBar{message: widget.NewLabel("")}
	u.button = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), u.trigger)
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), u.hide)
	dismiss.Importance = widget.LowImportance
	// The message wraps: a long name in it would widen the window.
	u.message.Wrapping = fyne.TextWrapWord
	u.view = container.NewBorder(nil, nil, nil, container.NewHBox(u.button, dismiss), u.message)
	u.view.Hide()
	return u
}

// offer shows message with an Undo button that runs undo, for d.
func (u *undoBar) offer(message string, d time.Duration, undo func()) {
	u.message.SetText(message)
	u.action = undo
	u.button.Show()
	u.view.Show()
	if u.timer != nil {
		u.timer.Stop()
	}
	u.timer = time.AfterFunc(d, func() { fyne.Do(u.hide) })
}

// inform shows message alone for d, with nothing to undo.
func (u *undoBar) inform(message string, d time.Duration) {
	u.offer(message, d, nil)
	u.button.Hide()
}

// trigger runs the pending undo, if any.
func (u *undoBar) trigger() {
	if u.action == nil {
		return
	}
	action := u.action
	u.hide()
	action()
}

func (u *undoBar) hide() {
	u.action = nil
	if u.timer != nil {
		u.timer.Stop()
	}
	u.view.Hide()
}

// dialogEntry is an entry in which Esc closes the dialog it is in, as it
// does where no field has the focus, and Enter submits a form dialog
// (a date asked for, a server's address) unless the entry takes Enter.
type dialogEntry struct{ widget.Entry }

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *dialogEntry) TypedShortcut(s fyne.Shortcut) {
	if !windowShortcut(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if escapeDialog(e, k) || !e.MultiLine && e.OnSubmitted == nil && submitDialog(e, k) {
		return
	}
	e.Entry.TypedKey(k)
}

// dateField is an entry for YYYY-MM-DD with a calendar to pick from, which
// opens on the field's day or, when it has none, on the store's today
// (SOLEMATE_TODAY's day when that is set).
type dateField struct {
	entry *dialogEntry
	view  fyne.CanvasObject
}

func newDateField(st *model.Store, onChanged func()) *dateField {
	f := &dateField{entry: newDialogEntry()}
	f.entry.SetPlaceHolder("YYYY-MM-DD")
	f.entry.Validator = func(s string) error {
		_, err := model.ParseDate(s)
		return err
	}
	f.entry.OnChanged = func(string) { onChanged() }
	var pop *widget.PopUp
	pick := widget.NewButtonWithIcon("", theme.CalendarIcon(), nil)
	pick.Importance = widget.LowImportance
	f.entry.ActionItem = pick
	pick.OnTapped = func() {
		start := st.Now()
		if d, err := model.ParseDate(f.entry.Text); err == nil && !d.IsZero() {
			start = d.Time()
		}
		cal := widget.NewCalendar(start, func(t time.Time) {
			f.entry.SetText(model.DateOf(t).String())
			pop.Hide()
		})
		c := fyne.CurrentApp().Driver().CanvasForObject(pick)
		pop = widget.NewPopUp(cal, c)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.entry)
		pop.ShowAtPosition(pos.Add(fyne.NewPos(0, f.entry.Size().Height)))
	}
	// The calendar sits inside the entry, so a form treats the field as an
	// entry and shows its validation message.
	f.view = f.entry
	return f
}

func (f *dateField) date() model.Date {
	d, _ := model.ParseDate(f.entry.Text)
	return d
}

// A long dialog scrolls within dialogMin, which fits the smallest window
// with its title and buttons, and asks for dialogRoomy, which a larger
// window gives it.
var (
	dialogMin   = fyne.NewSize(600, 440)
	dialogRoomy = fyne.NewSize(720, 680)
)

// emptyState is a calm placeholder that says what to do next.
// showOnly makes obj the one thing c shows, refreshing it only on a change.
func showOnly(c *fyne.Container, obj fyne.CanvasObject) {
	if len(c.Objects) == 1 && c.Objects[0] == obj {
		return
	}
	c.Objects = []fyne.CanvasObject{obj}
	c.Refresh()
}

func emptyState(icon fyne.Resource, title, body string, actions ...fyne.CanvasObject) fyne.CanvasObject {
	img := widget.NewIcon(icon)
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	// body carries its own line breaks: wrapping labels cannot size a centred column.
	text := widget.NewLabel(body)
	text.Alignment = fyne.TextAlignCenter
	iconBox := container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), img))
	col := container.NewVBox(iconBox, heading, text)
	if len(actions) > 0 {
		col.Add(container.NewCenter(container.NewHBox(actions...)))
	}
	return container.NewCenter(col)
}

// formatDay reads naturally: "Tue 3 Mar 2026".
func formatDay(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("Mon 2 Jan 2006")
}

// tightColumn stacks objects vertically, overlapping the inner padding of
// neighbouring labels so a two-line list row stays compact.
type tightColumn struct{}

func (tightColumn) overlap() float32 { return theme.InnerPadding() * 0.75 }

func (t tightColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objects {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= t.overlap()
		}
	}
	return s
}

func (t tightColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - t.overlap()
	}
}

// section is a titled block of a long form: a bold title, a one-line hint
// and its content, padded like a card but lighter.
func section(title, hint string, content fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.SizeName = theme.SizeNameSubHeadingText
	h := widget.NewLabel(hint)
	h.SizeName = theme.SizeNameCaptionText
	h.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(container.New(&tightColumn{}, t, h), content, widget.NewSeparator()))
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	out := strings.ToUpper(string(r[0])) + string(r[1:])
	if !strings.HasSuffix(out, ".") {
		out += "."
	}
	return out
}

// newTwoLineRow is a list row: a bold title over a small line of detail,
// with a badge at the right. sample sizes the detail line.
func newTwoLineRow(sample string) fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel(sample)
	detail.SizeName = theme.SizeNameCaptionText
	detail.Truncation = fyne.TextTruncateEllipsis
	badge := widget.NewLabel("")
	return container.NewBorder(nil, nil, nil, badge, container.New(&tightColumn{}, title, detail))
}

// setTwoLineRow fills a row made by newTwoLineRow and returns its badge.
func setTwoLineRow(row fyne.CanvasObject, title, detail string) *widget.Label {
	c := row.(*fyne.Container)
	text := c.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(title)
	text.Objects[1].(*widget.Label).SetText(detail)
	return c.Objects[1].(*widget.Label)
}

// shownOf counts what a filtered list shows: "40 people", or "6 of 40
// people" while a filter hides some.
func shownOf(shown, total int, one, many string) string {
	if shown == total {
		return model.Plural(total, one, many)
	}
	return fmt.Sprintf("%d of %s", shown, model.Plural(total, one, many))
}

// formList is a widget.List inside a scrolling form, for a list that may
// grow without bound (the items of a one-on-one): it is as tall as its rows
// up to maxRows template rows and scrolls within beyond that, so it builds
// only the rows in view. Rows may differ in height: height, when given,
// says each one's.
type formList struct {
	view    *fyne.Container // holds list, sized by formList as a layout
	list    *widget.List
	maxRows int
	length  func() int
	create  func() fyne.CanvasObject
	update  func(widget.ListItemID, fyne.CanvasObject)
	height  func(widget.ListItemID) float32
	// told is the height the list was given for each row, and total their
	// sum: List.SetItemHeight redraws the list each time a height changes,
	// so only changes are passed on.
	told  []float32
	total float32
	row   float32 // a template row's height
}

func newFormList(maxRows int, length func() int, create func() fyne.CanvasObject,
	update func(widget.ListItemID, fyne.CanvasObject), height func(widget.ListItemID) float32) *formList {
	l := &formList{maxRows: maxRows, length: length, create: create, update: update, height: height}
	l.view = container.New(l)
	l.reset()
	return l
}

// reset starts a new list, for new contents: its rows are sized before it
// is first drawn, which costs nothing however many there are.
func (l *formList) reset() {
	l.list = widget.NewList(l.length, l.create, l.update)
	l.list.OnSelected = l.list.Unselect // rows are edited in place, not picked
	l.told = nil
	l.view.Objects = []fyne.CanvasObject{l.list}
	l.refresh()
}

// refresh shows the rows as they are now.
func (l *formList) refresh() {
	n := l.length()
	l.row = l.create().MinSize().Height
	pad := theme.Padding()
	l.total = 0
	for i := range n {
		h := l.row
		if l.height != nil {
			h = l.height(i)
		}
		if i == len(l.told) {
			l.told = append(l.told, l.row)
		}
		if l.told[i] != h {
			l.told[i] = h
			l.list.SetItemHeight(i, h)
		}
		l.total += h + pad
	}
	l.total = max(l.total-pad, 0)
	l.list.Refresh()
	l.view.Refresh()
}

// MinSize makes formList the layout of its view.
func (l *formList) MinSize([]fyne.CanvasObject) fyne.Size {
	most := float32(l.maxRows)*(l.row+theme.Padding()) - theme.Padding()
	return fyne.NewSize(l.list.MinSize().Width, min(l.total, most))
}

// Layout gives the list at least its own height, as a VBox gives its rows:
// the form may not be laid out again yet after the list grew.
func (l *formList) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	size.Height = max(size.Height, l.MinSize(objects).Height)
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

// enum is a model enum: a value shown by its label. Its values, in order,
// are the model's list of them (model.Roles(), model.Channels(), …).
type enum interface {
	comparable
	Label() string
}

// enumLabels are the labels of values, in their order.
func enumLabels[T enum](values []T) []string {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = v.Label()
	}
	return labels
}

// enumOf is the value among values whose label is label; false when none
// is, as for an empty selection.
func enumOf[T enum](values []T, label string) (T, bool) {
	for _, v := range values {
		if v.Label() == label {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// enumSelect picks one of values by its label; changed (nil for none) gets
// the value chosen. Show a value with SetSelected(v.Label()) and read it
// back with enumOf.
func enumSelect[T enum](values []T, changed func(T)) *widget.Select {
	sel := widget.NewSelect(enumLabels(values), nil)
	if changed != nil {
		sel.OnChanged = func(label string) {
			if v, ok := enumOf(values, label); ok {
				changed(v)
			}
		}
	}
	return sel
}

// floor lays out as inner does but asks for at least min, whatever its
// objects ask.
type floor struct {
	inner fyne.Layout
	min   fyne.Size
}

func (f *floor) Layout(objects []fyne.CanvasObject, size fyne.Size) { f.inner.Layout(objects, size) }

func (f *floor) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return f.inner.MinSize(objects).Max(f.min)
}

// problemLine is a form's "Not saved: …" line: what the last save found
// wrong, each problem taken off as soon as its field is edited, and the
// line gone with the last (it used to stay, naming a field put right,
// until the next save).
type problemLine struct {
	widget.Label
	shown *model.ValidationError // nil while hidden
}

func newProblemLine() *problemLine {
	l := &problemLine{}
	l.ExtendBaseWidget(l)
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func (l *problemLine) show(v *model.ValidationError) {
	l.shown = v
	l.SetText("Not saved: " + v.Error() + ".")
	l.Show()
}

func (l *problemLine) clear() {
	l.shown = nil
	l.Hide()
}

// fixed takes field's problems off, and says whether it had any.
func (l *problemLine) fixed(field string) bool {
	if l.shown == nil || l.shown.For(field) == "" {
		return false
	}
	rest := slices.DeleteFunc(slices.Clone(l.shown.Problems), func(p model.FieldError) bool { return p.Field == field })
	if len(rest) == 0 {
		l.clear()
	} else {
		l.show(&model.ValidationError{Problems: rest})
	}
	return true
}

// scrollToShow scrolls sc so that o, inside it, shows whole.
func scrollToShow(sc *container.Scroll, o fyne.CanvasObject) {
	sc.Refresh() // lays the content out again for what it now holds
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(sc).Y
	bottom := top + o.Size().Height
	switch {
	case bottom > sc.Size().Height:
		sc.ScrollToOffset(sc.Offset.AddXY(0, bottom-sc.Size().Height+theme.Padding()))
	case top < 0:
		sc.ScrollToOffset(sc.Offset.AddXY(0, top-theme.Padding()))
	}
}
