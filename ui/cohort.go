package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// cohortScreen lists cohorts; the right side shows a cohort's board: hires
// by phases, each cell a progress bar, behind in a warning colour.
type cohortScreen struct {
	sh *shell

	cohorts  []model.CohortSummary
	showAll  bool           // older cohorts too, once asked for
	older    *widget.Button // "Show all N cohorts"
	board    model.Board
	root     *fyne.Container
	main     fyne.CanvasObject
	welcome  fyne.CanvasObject
	list     *widget.List
	right    *fyne.Container
	blank    fyne.CanvasObject
	heading  *widget.Label
	meta     *widget.Label
	stats    *widget.Label
	grid     *fyne.Container
	header   *fyne.Container
	progress *lineChart
	chart    fyne.CanvasObject // the progress chart, folded away on request
	fold     *widget.Button
	order    *widget.Select // behind first, or by name
	behind   *widget.Check  // only those behind
	boardBox fyne.CanvasObject
	// shown are the hires the board shows, in its order.
	shown []model.HireRow
	// What the trainer chose is kept for the session, whichever cohort is
	// open; the chart's fold across sessions (prefChartFolded).
	byName, onlyBehind bool
	selected           uint
	noSelect           bool
	// lists and boards are the loads of the list and of the open board.
	lists, boards line
}

func newCohortScreen(sh *shell) *cohortScreen {
	c := &cohortScreen{sh: sh}
	c.list = widget.NewList(
		func() int { return len(c.cohorts) },
		func() fyne.CanvasObject { return newTwoLineRow("Phone coaching · 12 hires · 2 behind") },
		func(id widget.ListItemID, o fyne.CanvasObject) { c.updateRow(id, o) },
	)
	c.list.OnSelected = func(id widget.ListItemID) {
		if !c.noSelect && id < len(c.cohorts) {
			c.open(c.cohorts[id].ID)
		}
	}
	c.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.heading.SizeName = theme.SizeNameSubHeadingText
	c.heading.Truncation = fyne.TextTruncateEllipsis
	c.meta = widget.NewLabel("")
	c.meta.Wrapping = fyne.TextWrapWord
	c.stats = widget.NewLabel("")
	c.stats.Wrapping = fyne.TextWrapWord
	c.grid = container.NewVBox()
	hint := widget.NewLabel("Click a phase to tick a milestone for many hires; a name for their checklist.")
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	c.progress = newLineChart(0, 1, []float64{0, 0.5, 1}, func(v float64) string { return fmt.Sprintf("%.0f%%", v*100) }, "No milestones ticked yet")
	// Compact, and foldable under its title: with thirty hires the rows
	// matter more.
	c.chart = tall(c.progress, boardChartHeight)
	c.fold = widget.NewButton("Progress chart", func() {
		prefs().SetBool(prefChartFolded, !c.chartFolded())
		c.showFold()
	})
	c.fold.Importance = widget.LowImportance
	c.order = widget.NewSelect([]string{orderBehindFirst, orderByName}, func(s string) {
		c.byName = s == orderByName
		c.showRows()
	})
	c.order.SetSelected(orderBehindFirst)
	c.behind = widget.NewCheck("Only behind", func(on bool) {
		c.onlyBehind = on
		c.showRows()
	})
	edit := widget.NewButtonWithIcon("Edit cohort…", theme.DocumentCreateIcon(), func() { showEditCohort(c) })
	offer := widget.NewButton("Offer day…", func() { showOfferDay(c) })
	c.header = container.NewStack()
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(edit, offer), c.heading),
		container.New(&tightColumn{}, c.meta, c.stats),
		container.NewBorder(nil, nil, container.NewHBox(c.order, c.behind), c.fold),
		c.chart, c.header)
	c.boardBox = container.NewBorder(top, hint, nil, nil, container.NewScroll(c.grid))
	c.showFold()
	c.blank = emptyState(theme.GridIcon(), "Pick a cohort", "Its board shows every hire against every phase,\nwith who is behind at a glance.")
	c.right = container.NewStack(c.blank)

	newBtn := widget.NewButtonWithIcon("New cohort", theme.ContentAddIcon(), c.newItem)
	newBtn.Importance = widget.HighImportance
	programs := widget.NewButtonWithIcon("Programs…", theme.DocumentIcon(), func() { showPrograms(sh) })
	heading := widget.NewLabelWithStyle("Cohorts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	c.older = widget.NewButton("", func() {
		c.showAll = true
		c.load()
	})
	c.older.Hide()
	// The list keeps room for a cohort's name: at 900 px it was cut to "Ma…".
	split := container.NewHSplit(container.NewStack(minWidth(cohortListWidth), container.NewBorder(nil, c.older, nil, nil, c.list)), container.NewPadded(c.right))
	split.Offset = 0.25
	c.main = container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, heading, container.NewHBox(programs, newBtn))), nil, nil, nil, split)
	start := widget.NewButtonWithIcon("Start a cohort", theme.ContentAddIcon(), c.newItem)
	start.Importance = widget.HighImportance
	c.welcome = emptyState(theme.GridIcon(), "No cohorts yet",
		"A cohort takes new hires through a program together: classes, the offer to leave,\na warehouse week and phone coaching. Start one, or adapt the program first.",
		start, widget.NewButtonWithIcon("Programs…", theme.DocumentIcon(), func() { showPrograms(sh) }))
	c.root = container.NewStack(c.main)
	return c
}

func (c *cohortScreen) view() fyne.CanvasObject { return c.root }
func (c *cohortScreen) focusFilter()            {}
func (c *cohortScreen) flush() bool             { return true }
func (c *cohortScreen) newItem()                { showNewCohort(c) }

// load fetches the cohort list off the UI goroutine.
func (c *cohortScreen) load() { c.loadThen(nil) }

// loadThen reloads the list and the open board, then runs then.
func (c *cohortScreen) loadThen(then func()) {
	all := c.showAll
	fetch(c.sh, &c.lists, "Could not load the cohorts", func(st *model.Store) (cohortList, error) { return loadCohorts(st, all) }, func(l cohortList) {
		cs := l.shown
		c.cohorts = cs
		c.older.SetText("Show all " + model.Plural(l.total, "cohort", "cohorts"))
		c.older.Hidden = len(cs) >= l.total
		c.older.Refresh()
		c.list.Refresh()
		// Welcome only those with no cohort at all, not with only old ones.
		want := c.main
		if l.total == 0 {
			want = c.welcome
		}
		showOnly(c.root, want)
		if c.selected == 0 {
			c.selected = firstToOpen(cs, c.sh.store.Today())
		}
		c.noSelect = true
		for i, s := range cs {
			if s.ID == c.selected {
				c.list.Select(i)
			}
		}
		c.noSelect = false
		if c.selected != 0 {
			c.openThen(c.selected, then)
		} else if then != nil {
			then()
		}
	})
}

// firstToOpen is the cohort the screen opens when none was chosen: the
// newest running, else the newest; 0 when there is none.
func firstToOpen(cs []model.CohortSummary, today model.Date) uint {
	for _, s := range cs {
		if !today.Before(s.StartDate) && !s.EndDate.Before(today) {
			return s.ID
		}
	}
	if len(cs) > 0 {
		return cs[0].ID
	}
	return 0
}

// cohortList is what the cohort list shows: the cohorts of the last year,
// or all, and how many there are in all.
type cohortList struct {
	shown []model.CohortSummary
	total int
}

// recentCohortDays is how far back the cohort list looks until asked for
// all: years of finished cohorts are history, and each costs its board.
const recentCohortDays = 365

func loadCohorts(st *model.Store, all bool) (cohortList, error) {
	var l cohortList
	var since model.Date
	if !all {
		since = st.Today().AddDays(-recentCohortDays)
	}
	var err error
	if l.shown, err = st.CohortsSince(since); err != nil {
		return l, err
	}
	l.total, err = st.CountCohorts()
	return l, err
}

func (c *cohortScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	s := c.cohorts[id]
	// Behind first: it matters most and must not be cut off.
	detail := []string{s.PhaseName, model.Plural(s.Hires, "hire", "hires")}
	if s.Behind > 0 {
		detail = append([]string{fmt.Sprintf("%d behind", s.Behind)}, detail...)
	}
	badge := setTwoLineRow(o, s.Name, strings.Join(detail, " · "))
	badge.SetText(fmt.Sprintf("%.0f%%", s.Progress*100))
	badge.Importance = widget.MediumImportance
	if s.Behind > 0 {
		badge.Importance = widget.WarningImportance
	}
	// The row lays out again: the badge was laid out empty, cut to "1".
	o.Refresh()
}

// open loads a cohort's board off the UI goroutine and shows it.
func (c *cohortScreen) open(id uint) { c.openThen(id, nil) }

// choose makes id the cohort the next load opens.
func (c *cohortScreen) choose(id uint) { c.selected = id }

// openThen opens a cohort and runs then once its board is shown.
func (c *cohortScreen) openThen(id uint, then func()) {
	c.selected = id
	type loaded struct {
		board    model.Board
		progress []model.TrendPoint
	}
	fetch(c.sh, &c.boards, "Could not open the cohort", func(st *model.Store) (l loaded, err error) {
		if l.board, err = st.CohortBoard(id); err != nil {
			return l, err
		}
		l.progress, err = st.CohortProgress(id)
		return l, err
	}, func(l loaded) {
		c.progress.setSeries([]model.Series{{Name: l.board.Name, Points: l.progress}})
		c.showBoard(l.board)
		if then != nil {
			then()
		}
	})
}

// The board's orders.
const (
	orderBehindFirst = "Behind first"
	orderByName      = "By name"
)

const (
	boardChartHeight = 80
	cohortListWidth  = 170
)

// minWidth is an empty object w wide, to keep a column from being squeezed.
func minWidth(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}

// prefChartFolded remembers whether the board's chart is folded: it
// opened again after every start, and hid the rows in a small window.
const prefChartFolded = "cohortChartFolded"

// foldBelow is the window height under which the chart starts folded.
const foldBelow = 700

// chartFolded says whether the chart is folded: as last chosen, else
// folded in a window too low for it and the rows both.
func (c *cohortScreen) chartFolded() bool {
	return prefs().BoolWithFallback(prefChartFolded, c.sh.win.Canvas().Size().Height < foldBelow)
}

// showFold shows or folds the progress chart.
func (c *cohortScreen) showFold() {
	c.chart.Show()
	c.fold.SetIcon(theme.MenuDropUpIcon())
	if c.chartFolded() {
		c.chart.Hide()
		c.fold.SetIcon(theme.MenuDropDownIcon())
	}
	c.boardBox.Refresh()
}

func (c *cohortScreen) showBoard(b model.Board) {
	c.board = b
	c.heading.SetText(b.Name)
	meta := []string{model.StartVerb(b.StartDate, c.sh.store.Today()) + " " + formatDay(b.StartDate)}
	if b.ProgramName != "" {
		meta = append(meta, "from "+b.ProgramName)
	}
	if len(b.Trainers) > 0 {
		meta = append(meta, "trainers: "+strings.Join(b.TrainerNames(), ", "))
	}
	if b.OwnerName != "" {
		meta = append(meta, "one-on-ones with "+b.OwnerName)
	}
	c.meta.SetText(strings.Join(meta, " · "))
	c.stats.SetText(boardStats(b))
	c.showFold()
	c.behind.Text = fmt.Sprintf("Only behind (%d of %d)", b.BehindCount(), len(b.Rows))
	c.behind.Refresh()

	board := c.layoutOf(b)
	header := []fyne.CanvasObject{columnHead("Hire")}
	for i, p := range b.Phases {
		name := p.Name
		l := columnHead(name)
		l.Wrapping = fyne.TextWrapWord
		if i == b.Current {
			l.Importance = widget.HighImportance
			l.SetText(name + " (now)")
		}
		span := p.StartDate.Time().Format("2 Jan")
		if p.EndDate != p.StartDate {
			span += " – " + p.EndDate.Time().Format("2 Jan")
		}
		dates := widget.NewLabel(span + " ▾")
		dates.Wrapping = fyne.TextWrapWord
		dates.SizeName = theme.SizeNameCaptionText
		header = append(header, c.phaseHead(i, container.New(&tightColumn{}, l, dates)))
	}
	header = append(header, columnHead("Status"))
	// The header stays put above the scrolling rows.
	c.header.Objects = []fyne.CanvasObject{container.New(board, header...)}
	c.header.Refresh()
	c.showRows()
	c.right.Objects = []fyne.CanvasObject{c.boardBox}
	c.right.Refresh()
}

// columnHead is a column's heading on the board, in small type: it keeps
// four phases and the names in the smallest window.
func columnHead(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// boardStats sums the cohort up; a cohort with no hires has nothing to sum.
func boardStats(b model.Board) string {
	o := b.Offers
	if o.Hires == 0 {
		return "No hires yet."
	}
	training := 0
	for _, r := range b.Rows {
		if r.InTraining() {
			training++
		}
	}
	// Those who took the offer or left are hires no more in training.
	return fmt.Sprintf("%s, %d in training · %d behind · offer to leave: %d accepted, %d declined (%s) · retention %.0f%%",
		model.Plural(o.Hires, "hire", "hires"), training, b.BehindCount(), o.Accepted, o.Declined, o.AcceptanceText(), o.Retention()*100)
}

// layoutOf is the column layout of b's rows, its phase columns wide enough
// for the longest word of a phase's name.
func (c *cohortScreen) layoutOf(b model.Board) *boardLayout {
	l := &boardLayout{cols: len(b.Phases) + 2, cell: boardCellMin}
	for i, p := range b.Phases {
		name := p.Name
		if i == b.Current {
			name += " (now)"
		}
		l.fitWords(name, fyne.TextStyle{Bold: true})
	}
	return l
}

// showRows lays out the hires in the order and with the filter chosen.
func (c *cohortScreen) showRows() {
	b := c.board
	rows := b.Rows
	if !c.byName {
		rows = model.BehindFirst(rows)
	}
	c.shown = c.shown[:0]
	layout := c.layoutOf(b)
	layout.compact = true
	var objs []fyne.CanvasObject
	for _, r := range rows {
		if c.onlyBehind && !r.Behind {
			continue
		}
		c.shown = append(c.shown, r)
		objs = append(objs, c.hireRow(r, layout))
	}
	switch {
	case len(b.Rows) == 0:
		objs = append(objs, widget.NewLabel("No hires in this cohort yet."))
	case len(objs) == 0:
		objs = append(objs, widget.NewLabel("No one is behind."))
	}
	c.grid.Objects = objs
	c.grid.Refresh()
}

// hireRow is a hire's row: their name (and what is overdue beside it), a
// cell per phase and their status.
func (c *cohortScreen) hireRow(r model.HireRow, layout *boardLayout) fyne.CanvasObject {
	// One line of rich text for the name and what is overdue: under the
	// name it made the row as tall again, and two hires showed at 900×600.
	name := &widget.HyperlinkSegment{Text: r.Name, OnTapped: func() { showChecklist(c, r.ID) }}
	nameCell := widget.NewRichText(name)
	nameCell.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel(r.StatusText())
	status.Wrapping = fyne.TextWrapWord
	if overdue := r.Overdue(); len(overdue) > 0 {
		titles := make([]string, len(overdue))
		for i, m := range overdue {
			titles[i] = m.Title
		}
		overdueStyle := widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNameWarning}
		nameCell.Segments = append(nameCell.Segments, &widget.TextSegment{Text: "  ", Style: overdueStyle},
			&widget.TextSegment{Text: strings.Join(titles, ", "), Style: overdueStyle})
		nameCell.Refresh()
		status.SetText(fmt.Sprintf("%d overdue", len(overdue)))
	}
	if r.Behind {
		status.Importance = widget.WarningImportance
	}
	cells := []fyne.CanvasObject{nameCell}
	for _, p := range r.Phases {
		cells = append(cells, newCellBar(p.Done(), len(p.Milestones), p.Behind(), p.Current))
	}
	return container.New(layout, append(cells, status)...)
}

// boardLayout lines up a board row: a wide first column for the name, equal
// phase columns, and a status column.
type boardLayout struct {
	cols int
	cell float32 // the least width of a phase's column
	// compact rows are a line of text high: their labels' padding
	// overlaps the rows next to them, so more hires show.
	compact bool
}

// trim is how much of a text's padding a row leaves out, above and below.
func (l *boardLayout) trim() float32 {
	if l.compact {
		return theme.InnerPadding() * 0.75
	}
	return 0
}

// fitWords widens the phase columns to the widest word of a phase's name:
// a narrower column broke "Onboarding" mid-word in the smallest window.
func (l *boardLayout) fitWords(name string, style fyne.TextStyle) {
	for _, w := range strings.Fields(name) {
		l.cell = max(l.cell, fyne.MeasureText(w, theme.CaptionTextSize(), style).Width+2*theme.InnerPadding()+theme.Padding())
	}
}

const (
	boardNameWidth   = 100
	boardNameMax     = 220
	boardStatusWidth = 95
	boardCellMin     = 80
)

func (l *boardLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height-2*l.trim())
	}
	return fyne.NewSize(boardNameWidth+boardStatusWidth+float32(l.cols-2)*l.cell, h)
}

func (l *boardLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	// Room to spare goes to names first, up to boardNameMax, then to phases.
	nameW := min(boardNameMax, boardNameWidth+max(0, size.Width-l.MinSize(nil).Width))
	phaseW := (size.Width - nameW - boardStatusWidth) / float32(max(1, l.cols-2))
	x := float32(0)
	for i, o := range objs {
		w := phaseW
		switch i {
		case 0:
			w = nameW
		case len(objs) - 1:
			w = boardStatusWidth
		}
		// What is taller than the row (a label's padding) stays centred on it.
		h := max(size.Height, o.MinSize().Height)
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w-pad, h))
		x += w
	}
}

// cellBar is a progress bar for one hire in one phase: done of total,
// marked in the warning colour when behind, outlined when it is today's phase.
type cellBar struct {
	widget.BaseWidget
	done, total     int
	behind, current bool
}

func newCellBar(done, total int, behind, current bool) *cellBar {
	b := &cellBar{done: done, total: total, behind: behind, current: current}
	b.ExtendBaseWidget(b)
	return b
}

func (b *cellBar) CreateRenderer() fyne.WidgetRenderer {
	r := &cellRenderer{bar: b, bg: canvas.NewRectangle(nil), fill: canvas.NewRectangle(nil), text: canvas.NewText(fmt.Sprintf("%d/%d", b.done, b.total), nil)}
	r.bg.CornerRadius, r.fill.CornerRadius = 4, 4
	r.text.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

// tint is c made see-through to alpha (of 255).
func tint(c color.Color, alpha uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: alpha}
}

type cellRenderer struct {
	bar      *cellBar
	bg, fill *canvas.Rectangle
	text     *canvas.Text
}

// cellCount is the room kept right of the bar for "3/5".
const cellCount = 34

func (r *cellRenderer) Layout(s fyne.Size) {
	h := float32(14)
	y := (s.Height - h) / 2
	w := s.Width - cellCount
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(w, h))
	share := float32(0)
	if r.bar.total > 0 {
		share = float32(r.bar.done) / float32(r.bar.total)
	}
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(w*share, h))
	// The count sits beside the bar, in the text colour, readable on any fill.
	r.text.Move(fyne.NewPos(w, (s.Height-r.text.MinSize().Height)/2))
	r.text.Resize(fyne.NewSize(cellCount, r.text.MinSize().Height))
}

func (r *cellRenderer) MinSize() fyne.Size { return fyne.NewSize(60, 30) }

// Refresh paints the bar in the theme's colours now: a theme switched in
// Settings left bars in the old ones (black bars on white, white on white).
func (r *cellRenderer) Refresh() {
	b := r.bar
	th := b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fill := th.Color(theme.ColorNamePrimary, v)
	r.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.bg.StrokeColor, r.bg.StrokeWidth = nil, 0
	r.text.Color = th.Color(theme.ColorNameForeground, v)
	r.text.TextSize = th.Size(theme.SizeNameCaptionText)
	r.text.TextStyle.Bold = false
	switch {
	case b.behind:
		// Behind shows with nothing ticked too: a tinted, outlined bar and
		// the count in the warning colour, not an empty bar like a phase
		// still to come.
		warn := th.Color(theme.ColorNameWarning, v)
		fill = warn
		r.bg.FillColor = tint(warn, 0x48)
		r.bg.StrokeColor, r.bg.StrokeWidth = warn, 1.5
		r.text.Color = warn
		r.text.TextStyle.Bold = true
	case b.current:
		r.bg.StrokeColor, r.bg.StrokeWidth = fill, 1.5
	}
	r.fill.FillColor = fill
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *cellRenderer) Destroy() {}
func (r *cellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.fill, r.text}
}
