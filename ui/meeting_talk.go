package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// talkList is the whole conversation in one list: each heading, then its
// items with their whole text wrapped. A heading takes the room its items
// need, and the list builds only the rows in view, however many there are.
type talkList struct {
	mm   *meetingMode
	list *widget.List
	rows []talkRow
	view *fyne.Container // holds list; talkList is its layout
	// width is the list's as last laid out; measure is a row, out of view,
	// that row heights are measured in; told is the height the list was
	// given for each row (List.SetItemHeight redraws the list each time a
	// height changes, so only changes are passed on).
	width   float32
	measure *meetingRow
	told    []float32
	// headHeight, lineStep, heights, oneLine and textWidth are what was
	// measured at this width (height says how they are used).
	headHeight float32
	lineStep   float32
	heights    map[rowShape]float32
	oneLine    map[oneLine]float32
	textWidth  map[bool]float32
	// restore is where a new list is to be scrolled to once laid out.
	restore float32
}

// talkRow is a heading (item nil) or an item under it.
type talkRow struct {
	heading model.Heading
	item    *model.MeetingItem
}

func newTalkList(mm *meetingMode) *talkList {
	t := &talkList{mm: mm, measure: newMeetingRow(mm)}
	container.NewThemeOverride(t.measure, mm.th) // measured in the large type
	t.view = container.New(t)
	t.newList()
	t.view.Objects = []fyne.CanvasObject{container.NewThemeOverride(t.list, mm.th)}
	t.rows = t.build()
	return t
}

// newList starts the list afresh: the heights of a list not yet drawn are
// set at no cost, where each set on one drawn redraws it.
func (t *talkList) newList() {
	t.list = widget.NewList(func() int { return len(t.rows) },
		func() fyne.CanvasObject { return newMeetingRow(t.mm) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*meetingRow).show(t.rows[id]) })
	t.list.HideSeparators = true
	t.list.OnSelected = t.list.Unselect // rows are ticked, not picked
	t.told = nil
}

// rowAt is the row at offset y down the list as told, and how far into it
// y is.
func (t *talkList) rowAt(y float32) (int, float32) {
	pad := t.mm.th.Size(theme.SizeNamePadding)
	for i, h := range t.told {
		if y < h+pad {
			return i, y
		}
		y -= h + pad
	}
	return 0, 0
}

// offsetOf is how far down the list as told row i starts.
func (t *talkList) offsetOf(i int) float32 {
	pad := t.mm.th.Size(theme.SizeNamePadding)
	y := float32(0)
	for _, h := range t.told[:i] {
		y += h + pad
	}
	return y
}

// build lists the rows: each heading, then its items.
func (t *talkList) build() []talkRow {
	rows := make([]talkRow, 0, len(t.mm.meeting.Items)+4)
	for _, h := range model.Headings() {
		rows = append(rows, talkRow{heading: h})
		for _, it := range itemsUnder(t.mm.meeting.Items, h) {
			rows = append(rows, talkRow{heading: h, item: it})
		}
	}
	return rows
}

// refresh shows the conversation as it is now.
func (t *talkList) refresh() {
	t.rows = t.build()
	if t.sizeRows() {
		t.Layout(t.view.Objects, t.view.Size())
		t.view.Refresh()
		return
	}
	t.list.Refresh()
}

// scrollTo shows item under heading h, or h itself when item is nil.
func (t *talkList) scrollTo(h model.Heading, item *model.MeetingItem) {
	for i, r := range t.rows {
		if r.heading == h && r.item == item {
			t.list.ScrollTo(i)
			return
		}
	}
}

// manyHeights is how many rows may change height before the list is
// started afresh rather than told of each (newList).
const manyHeights = 32

// sizeRows tells the list each row's height at its width, and reports
// whether it started a new list to do so.
func (t *talkList) sizeRows() (renewed bool) {
	if t.width <= 0 {
		return false
	}
	t.told = t.told[:min(len(t.told), len(t.rows))]
	heights := make([]float32, len(t.rows))
	changes := 0
	for i, r := range t.rows {
		heights[i] = t.height(i, r)
		if i >= len(t.told) || heights[i] != t.told[i] {
			changes++
		}
	}
	top, within := 0, float32(0)
	if changes > manyHeights {
		top, within = t.rowAt(t.list.GetScrollOffset())
		t.newList()
		renewed = true
	}
	for i, h := range heights {
		if i == len(t.told) {
			t.told = append(t.told, -1) // the list's own guess, never trusted
		}
		if t.told[i] != h {
			t.told[i] = h
			t.list.SetItemHeight(i, h)
		}
	}
	if renewed { // drawn from here on, in the large type, at the same row
		t.restore = t.offsetOf(top) + min(within, t.told[top])
		t.view.Objects = []fyne.CanvasObject{container.NewThemeOverride(t.list, t.mm.th)}
	}
	return renewed
}

// rowShape is what an item row's height depends on, besides the width.
type rowShape struct {
	text, marks string
	private     bool
}

// oneLine is the height of a row whose text and marks (if any) each fit
// on a line, with or without the private mark.
type oneLine struct{ marks, private bool }

// exactRows is how many rows are measured exactly, far more than a
// meeting holds. Measuring lays text out, which is slow, so rows beyond
// are reckoned instead, as if every character were wide: never too short.
const exactRows = 1000

// height is how tall row i, r, is at the list's width. Heights measured
// are kept until the width changes, and a text that fits on one line
// takes the height of the first such row.
func (t *talkList) height(i int, r talkRow) float32 {
	if r.item == nil {
		if t.headHeight == 0 {
			t.headHeight = t.measureRow(r)
		}
		return t.headHeight
	}
	shape := rowShape{clip(r.item.Text), itemMarks(r.item), r.item.Private}
	if h, ok := t.heights[shape]; ok {
		return h
	}
	line := t.lineHeight(oneLine{shape.marks != "", shape.private})
	if i >= exactRows {
		return line + float32(t.lines(shape.text, shape.private)-1)*t.lineStep
	}
	h := line
	if !t.fits(shape.text, shape.private) {
		h = t.measureRow(r)
	}
	t.heights[shape] = h
	return h
}

// lineHeight is the height of a row of one line of text, measured once
// per width, as is how much each further line adds (lineStep).
func (t *talkList) lineHeight(l oneLine) float32 {
	if h, ok := t.oneLine[l]; ok {
		return h
	}
	it := &model.MeetingItem{Item: model.Item{Text: "x", NonWork: l.marks, Private: l.private, Status: model.ItemOpen}}
	h := t.measureRow(talkRow{item: it})
	if t.lineStep == 0 {
		it.Text = "x\nx"
		t.lineStep = t.measureRow(talkRow{item: it}) - h
	}
	t.oneLine[l] = h
	return h
}

// fits reports whether text fits on one line of an item's text, with a
// character to spare.
func (t *talkList) fits(text string, private bool) bool {
	size := t.mm.th.Size(theme.SizeNameText)
	pad := 2 * t.mm.th.Size(theme.SizeNameInnerPadding)
	return fyne.MeasureText(text, size, fyne.TextStyle{}).Width+pad+size < t.textWidth[private]
}

// lines reckons how many lines text takes at most, each character as wide
// as the widest (a wide ideograph, an emoji).
func (t *talkList) lines(text string, private bool) int {
	perLine := max(1, int((t.textWidth[private]-2*t.mm.th.Size(theme.SizeNameInnerPadding))/(1.25*t.mm.th.Size(theme.SizeNameText))))
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
	}
	return n
}

// measureRow lays r out in the measuring row at the list's width.
func (t *talkList) measureRow(r talkRow) float32 {
	m := t.measure
	m.show(r)
	face := m.headFace
	if r.item != nil {
		face = m.itemFace
	}
	// Laid out directly: a resize to the size it already has does nothing.
	face.Layout.Layout(face.Objects, fyne.NewSize(t.width, face.MinSize().Height))
	if r.item != nil {
		t.textWidth[r.item.Private] = m.lines.Size().Width
	}
	return face.MinSize().Height
}

// MinSize makes talkList the layout of its view: a few rows at least.
func (t *talkList) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, 3*t.list.MinSize().Height)
}

// Layout sizes the rows again when the width changes: wrapping moves.
func (t *talkList) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if size.Width != t.width {
		t.width = size.Width
		t.headHeight = 0
		t.heights, t.oneLine, t.textWidth, t.lineStep = map[rowShape]float32{}, map[oneLine]float32{}, map[bool]float32{}, 0
		t.sizeRows()
	}
	t.view.Objects[0].Resize(size)
	if t.restore > 0 {
		t.list.ScrollToOffset(t.restore)
		t.restore = 0
	}
}

// meetingRow shows a heading, or one item: a tick for done, its whole text,
// and what is special about it (non-work, carried over, private…). The
// list shows other rows in it as it scrolls.
type meetingRow struct {
	widget.BaseWidget
	mm       *meetingMode
	it       *model.MeetingItem
	showing  bool // show is filling in the row: nothing changed
	head     *widget.Label
	empty    *widget.Label // beside a heading with nothing under it yet
	check    *widget.Check
	text     *widget.Label
	marks    *widget.Label
	lines    *fyne.Container // text, and marks when there are any
	private  *widget.Icon
	headFace *fyne.Container
	itemFace *fyne.Container
	box      *fyne.Container
}

func newMeetingRow(mm *meetingMode) *meetingRow {
	r := &meetingRow{mm: mm}
	r.head = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.head.SizeName = theme.SizeNameSubHeadingText
	r.empty = widget.NewLabel("Nothing yet")
	r.empty.Importance = widget.LowImportance
	r.headFace = container.NewHBox(r.head, r.empty)
	r.check = widget.NewCheck("", func(on bool) {
		if !r.showing {
			r.it.Status = doneOrOpen(on)
			mm.save(r.it)
		}
	})
	r.text = widget.NewLabel("")
	r.text.Wrapping = fyne.TextWrapWord
	r.marks = widget.NewLabel("")
	r.marks.SizeName = theme.SizeNameCaptionText
	// One line: a wrapping label newly put under the text is given the
	// height of its line before it wraps, and overlaps the next item.
	r.marks.Truncation = fyne.TextTruncateEllipsis
	r.private = widget.NewIcon(theme.VisibilityOffIcon())
	r.lines = container.New(&tightColumn{}, r.text)
	r.itemFace = container.NewBorder(nil, nil, container.NewVBox(r.check), container.NewVBox(r.private), r.lines)
	// A new row is as small as it can be: the list's template.
	r.headFace.Hide()
	r.box = container.NewStack(r.headFace, r.itemFace)
	r.ExtendBaseWidget(r)
	return r
}

func (r *meetingRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

func (r *meetingRow) show(row talkRow) {
	r.it = row.item
	r.showing = true
	defer func() { r.showing = false }()
	r.headFace.Hidden = row.item != nil
	r.itemFace.Hidden = row.item == nil
	if row.item == nil {
		r.showHeading(row.heading)
	} else {
		r.showItem(row.item)
	}
	r.box.Refresh()
}

// showHeading shows a heading, in the accent colour while typing adds to it.
func (r *meetingRow) showHeading(h model.Heading) {
	r.head.SetText(h.Label())
	r.head.Importance = widget.MediumImportance
	if h == r.mm.heading {
		r.head.Importance = widget.HighImportance
	}
	r.head.Refresh()
	r.empty.Hidden = len(itemsUnder(r.mm.meeting.Items, h)) > 0
}

// showItem shows an item in full: done ones muted, private ones with the
// closed eye and the word.
func (r *meetingRow) showItem(it *model.MeetingItem) {
	r.check.SetChecked(it.Status == model.ItemDone)
	r.text.Importance = widget.MediumImportance
	if it.Status != model.ItemOpen {
		r.text.Importance = widget.LowImportance
	}
	if t := clip(it.Text); r.text.Text != t {
		r.text.SetText(t)
	} else {
		r.text.Refresh()
	}
	marks := itemMarks(it)
	r.marks.SetText(marks)
	r.lines.Objects = []fyne.CanvasObject{r.text}
	if marks != "" {
		r.lines.Objects = append(r.lines.Objects, r.marks)
	}
	r.marks.Importance = widget.MediumImportance
	if it.Private {
		r.marks.Importance = widget.WarningImportance
	}
	r.private.Hidden = !it.Private
}

// itemMarks says what is special about an item in meeting mode: the
// editor's notes on it, and what the editor shows with its tag.
func itemMarks(it *model.MeetingItem) string {
	var marks []string
	if it.NonWork {
		marks = append(marks, "non-work")
	}
	if notes := itemNotes(it); notes != "" { // "done" among them
		marks = append(marks, notes)
	}
	return strings.Join(marks, " · ")
}

// doneOrOpen is the status a tick for done gives.
func doneOrOpen(done bool) model.ItemStatus {
	if done {
		return model.ItemDone
	}
	return model.ItemOpen
}
