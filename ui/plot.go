package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// lineChart draws one or more series over time against a labelled scale,
// with a legend when there is more than one. A few dozen points at most, so
// canvas primitives are simpler than a plotting library here.
type lineChart struct {
	widget.BaseWidget
	series     []model.Series
	yMin, yMax float64
	ticks      []float64
	label      func(float64) string
	empty      string
}

func newLineChart(yMin, yMax float64, ticks []float64, label func(float64) string, empty string) *lineChart {
	c := &lineChart{yMin: yMin, yMax: yMax, ticks: ticks, label: label, empty: empty}
	c.ExtendBaseWidget(c)
	return c
}

// newPulseChart is a chart of pulse ratings from 1 to 5.
func newPulseChart() *lineChart {
	return newLineChart(1, 5, []float64{1, 3, 5}, func(v float64) string { return fmt.Sprint(v) }, "No pulse ratings yet")
}

// tall gives a chart room: at least h high, as wide as its container.
func tall(c fyne.CanvasObject, h float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(spacer, c)
}

func (c *lineChart) setSeries(series []model.Series) {
	c.series = series
	c.Refresh()
}

func (c *lineChart) CreateRenderer() fyne.WidgetRenderer {
	r := &lineRenderer{chart: c}
	r.rebuild()
	return r
}

type lineRenderer struct {
	chart   *lineChart
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *lineRenderer) MinSize() fyne.Size           { return fyne.NewSize(150, 90) }
func (r *lineRenderer) Destroy()                     {}
func (r *lineRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *lineRenderer) Layout(s fyne.Size)           { r.size = s; r.rebuild() }
func (r *lineRenderer) Refresh()                     { r.rebuild(); canvas.Refresh(r.chart) }

// seriesColors tells the lines apart; the first is the brand accent.
func seriesColors(th fyne.Theme, v fyne.ThemeVariant) []color.Color {
	return []color.Color{
		th.Color(theme.ColorNamePrimary, v), th.Color(theme.ColorNameWarning, v), th.Color(theme.ColorNameSuccess, v),
		th.Color(theme.ColorNameError, v), color.NRGBA{R: 0x7e, G: 0x57, B: 0xc2, A: 0xff}, color.NRGBA{R: 0x8d, G: 0x6e, B: 0x63, A: 0xff},
		color.NRGBA{R: 0x42, G: 0x85, B: 0xf4, A: 0xff}, th.Color(theme.ColorNameForeground, v),
	}
}

func (r *lineRenderer) rebuild() {
	c := r.chart
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	grid := th.Color(theme.ColorNameSeparator, v)
	colors := seriesColors(th, v)
	textSize := th.Size(theme.SizeNameCaptionText)
	text := func(s string, x, y float32) *canvas.Text {
		t := canvas.NewText(s, fg)
		t.TextSize = textSize
		t.Move(fyne.NewPos(x, y))
		return t
	}
	var first, last time.Time
	points := 0
	for _, s := range c.series {
		for _, p := range s.Points {
			if points == 0 || p.At.Before(first) {
				first = p.At
			}
			if points == 0 || p.At.After(last) {
				last = p.At
			}
			points++
		}
	}
	if points == 0 {
		r.objects = []fyne.CanvasObject{text(c.empty, 8, r.size.Height/2-textSize)}
		return
	}
	legendH := float32(0)
	if len(c.series) > 1 {
		legendH = textSize + 8
	}
	w, h := r.size.Width, r.size.Height
	left, top := float32(30), textSize/2+2
	bottom := textSize + 6 + legendH
	plotH := h - top - bottom
	y := func(val float64) float32 { return top + plotH*float32((c.yMax-val)/(c.yMax-c.yMin)) }
	span := last.Sub(first)
	x := func(t time.Time) float32 {
		if span <= 0 {
			return left + (w-left-8)/2
		}
		return left + 4 + (w-left-12)*float32(t.Sub(first))/float32(span)
	}
	var objs []fyne.CanvasObject
	for _, tick := range c.ticks {
		ln := canvas.NewLine(grid)
		ln.Position1, ln.Position2 = fyne.NewPos(left, y(tick)), fyne.NewPos(w, y(tick))
		objs = append(objs, ln, text(c.label(tick), 2, y(tick)-textSize/2-2))
	}
	objs = append(objs, text(first.Format("2 Jan"), left, h-bottom+2))
	if span > 0 {
		end := text(last.Format("2 Jan"), 0, h-bottom+2)
		end.Move(fyne.NewPos(w-end.MinSize().Width, h-bottom+2))
		objs = append(objs, end)
	}
	lx := left
	for i, s := range c.series {
		col := colors[i%len(colors)]
		for j := 1; j < len(s.Points); j++ {
			ln := canvas.NewLine(col)
			ln.StrokeWidth = 2
			ln.Position1 = fyne.NewPos(x(s.Points[j-1].At), y(s.Points[j-1].Value))
			ln.Position2 = fyne.NewPos(x(s.Points[j].At), y(s.Points[j].Value))
			objs = append(objs, ln)
		}
		for _, p := range s.Points {
			dot := canvas.NewCircle(col)
			dot.Resize(fyne.NewSquareSize(6))
			dot.Move(fyne.NewPos(x(p.At)-3, y(p.Value)-3))
			objs = append(objs, dot)
		}
		if legendH > 0 {
			sw := canvas.NewRectangle(col)
			sw.Resize(fyne.NewSquareSize(8))
			sw.Move(fyne.NewPos(lx, h-legendH+textSize/2-2))
			name := text(s.Name, lx+12, h-legendH)
			objs = append(objs, sw, name)
			lx += 12 + name.MinSize().Width + 14
		}
	}
	r.objects = objs
}

// barRow is one bar of a bar chart: a group heading when Group is set and
// differs from the previous row, then the label, the bar and the value.
type barRow struct {
	Group, Label string
	Value        int
}

// barChart draws horizontal bars grouped under headings, scaled to the
// largest value, so recurring themes stand out at a glance. With onTapped
// set, a click on a row's line tells which row; onMenu, a right-click,
// with where it was on the canvas.
type barChart struct {
	widget.BaseWidget
	rows     []barRow
	color    fyne.ThemeColorName
	onTapped func(row int)
	onMenu   func(row int, at fyne.Position)
}

func newBarChart() *barChart {
	b := &barChart{color: theme.ColorNamePrimary}
	b.ExtendBaseWidget(b)
	return b
}

func (b *barChart) setRows(rows []barRow) {
	b.rows = rows
	b.Refresh()
}

// setColor draws the bars in the theme's colour c.
func (b *barChart) setColor(c fyne.ThemeColorName) {
	b.color = c
	b.Refresh()
}

// Tapped tells onTapped the row whose line was clicked, if any.
func (b *barChart) Tapped(e *fyne.PointEvent) {
	if i, ok := b.rowAt(e.Position.Y); ok && b.onTapped != nil {
		b.onTapped(i)
	}
}

// TappedSecondary tells onMenu the row whose line was right-clicked.
func (b *barChart) TappedSecondary(e *fyne.PointEvent) {
	if i, ok := b.rowAt(e.Position.Y); ok && b.onMenu != nil {
		b.onMenu(i, e.AbsolutePosition)
	}
}

// rowAt is the row whose line is at y, if any.
func (b *barChart) rowAt(y float32) (int, bool) {
	tops, _ := b.rowTops()
	for i, top := range tops {
		if y >= top && y < top+barHeight+barGap {
			return i, true
		}
	}
	return 0, false
}

// Cursor shows that the bars can be clicked.
func (b *barChart) Cursor() desktop.Cursor {
	if b.onTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// rowTops is where each row starts, below its group's heading when it opens
// one, and the height of them all.
func (b *barChart) rowTops() (tops []float32, height float32) {
	prev := ""
	for _, row := range b.rows {
		if row.Group != prev {
			height += groupGap + barHeight
			prev = row.Group
		}
		tops = append(tops, height)
		height += barHeight + barGap
	}
	return tops, height
}

func (b *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{chart: b}
	r.rebuild()
	return r
}

type barRenderer struct {
	chart   *barChart
	objects []fyne.CanvasObject
	size    fyne.Size
}

const (
	barHeight  = 18
	barGap     = 6
	groupGap   = 14
	labelWidth = 190 // the label column at least; wider for longer labels
)

// labelColumn is as wide as the widest label needs, within half the chart.
func (r *barRenderer) labelColumn(textSize float32) float32 {
	col := float32(labelWidth)
	for _, row := range r.chart.rows {
		col = max(col, fyne.MeasureText(row.Label, textSize, fyne.TextStyle{}).Width+24)
	}
	return max(labelWidth, min(col, r.size.Width/2))
}

// fitText shortens s with an ellipsis until it is at most width wide.
func fitText(s string, textSize, width float32) string {
	if fyne.MeasureText(s, textSize, fyne.TextStyle{}).Width <= width {
		return s
	}
	// The longest start that fits, found by halving: measuring after each
	// rune dropped froze the chart on a long name.
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", textSize, fyne.TextStyle{}).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

func (r *barRenderer) MinSize() fyne.Size {
	_, h := r.chart.rowTops()
	return fyne.NewSize(labelWidth+120, h)
}

func (r *barRenderer) Destroy()                     {}
func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barRenderer) Layout(s fyne.Size)           { r.size = s; r.rebuild() }
func (r *barRenderer) Refresh()                     { r.rebuild(); canvas.Refresh(r.chart) }

func (r *barRenderer) rebuild() {
	th := r.chart.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	fill := th.Color(r.chart.color, v)
	textSize := th.Size(theme.SizeNameText)
	maxV := 1
	for _, row := range r.chart.rows {
		maxV = max(maxV, row.Value)
	}
	col := r.labelColumn(textSize)
	avail := r.size.Width - col - 40
	var objs []fyne.CanvasObject
	tops, _ := r.chart.rowTops()
	prev := ""
	for i, row := range r.chart.rows {
		y := tops[i]
		if row.Group != prev {
			g := canvas.NewText(row.Group, fg)
			g.TextStyle = fyne.TextStyle{Bold: true}
			g.TextSize = textSize
			g.Move(fyne.NewPos(0, y-barHeight))
			objs = append(objs, g)
			prev = row.Group
		}
		label := canvas.NewText(fitText(row.Label, textSize, col-24), fg)
		label.TextSize = textSize
		label.Move(fyne.NewPos(12, y))
		bar := canvas.NewRectangle(fill)
		bar.CornerRadius = 3
		w := max(2, avail*float32(row.Value)/float32(maxV))
		bar.Move(fyne.NewPos(col, y+2))
		bar.Resize(fyne.NewSize(w, barHeight-4))
		val := canvas.NewText(fmt.Sprint(row.Value), fg)
		val.TextSize = textSize
		val.Move(fyne.NewPos(col+w+6, y))
		objs = append(objs, label, bar, val)
	}
	r.objects = objs
}
