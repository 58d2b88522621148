package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// pulsePlot draws pulse ratings (1–5) over time as a small line chart with
// a labelled scale. A few dozen points at most, so canvas primitives are
// simpler than a plotting library here.
type pulsePlot struct {
	widget.BaseWidget
	points []model.PulsePoint
}

func newPulsePlot() *pulsePlot {
	p := &pulsePlot{}
	p.ExtendBaseWidget(p)
	return p
}

// setPoints shows the last points (oldest first).
func (p *pulsePlot) setPoints(pts []model.PulsePoint) {
	const keep = 26 // about half a year of weekly meetings
	if len(pts) > keep {
		pts = pts[len(pts)-keep:]
	}
	p.points = pts
	p.Refresh()
}

func (p *pulsePlot) CreateRenderer() fyne.WidgetRenderer {
	r := &pulseRenderer{plot: p}
	r.rebuild()
	return r
}

type pulseRenderer struct {
	plot    *pulsePlot
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *pulseRenderer) MinSize() fyne.Size { return fyne.NewSize(150, 90) }
func (r *pulseRenderer) Destroy()           {}

func (r *pulseRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *pulseRenderer) Layout(s fyne.Size) {
	r.size = s
	r.rebuild()
}

func (r *pulseRenderer) Refresh() {
	r.rebuild()
	canvas.Refresh(r.plot)
}

// rebuild lays out grid lines for 1, 3 and 5, the line and its dots.
func (r *pulseRenderer) rebuild() {
	th := r.plot.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	grid := th.Color(theme.ColorNameSeparator, v)
	accent := th.Color(theme.ColorNamePrimary, v)
	textSize := th.Size(theme.SizeNameCaptionText)

	w, h := r.size.Width, r.size.Height
	left, top, bottom := float32(18), textSize/2+2, textSize/2+2
	plotH := h - top - bottom
	y := func(rating int) float32 { return top + plotH*float32(5-rating)/4 }
	pts := r.plot.points
	if len(pts) == 0 {
		msg := canvas.NewText("No pulse ratings yet", fg)
		msg.TextSize = textSize
		msg.Move(fyne.NewPos(8, h/2-textSize))
		r.objects = []fyne.CanvasObject{msg}
		return
	}
	var objs []fyne.CanvasObject
	for _, level := range []int{1, 3, 5} {
		ln := canvas.NewLine(grid)
		ln.Position1, ln.Position2 = fyne.NewPos(left, y(level)), fyne.NewPos(w, y(level))
		lbl := canvas.NewText(fmt.Sprint(level), fg)
		lbl.TextSize = textSize
		lbl.Move(fyne.NewPos(2, y(level)-textSize/2-2))
		objs = append(objs, ln, lbl)
	}
	step := float32(0)
	if len(pts) > 1 {
		step = (w - left - 8) / float32(len(pts)-1)
	}
	x := func(i int) float32 { return left + 4 + step*float32(i) }
	for i := 1; i < len(pts); i++ {
		ln := canvas.NewLine(accent)
		ln.StrokeWidth = 2
		ln.Position1 = fyne.NewPos(x(i-1), y(pts[i-1].Rating))
		ln.Position2 = fyne.NewPos(x(i), y(pts[i].Rating))
		objs = append(objs, ln)
	}
	for i, pt := range pts {
		dot := canvas.NewCircle(accent)
		dot.Resize(fyne.NewSquareSize(6))
		dot.Move(fyne.NewPos(x(i)-3, y(pt.Rating)-3))
		objs = append(objs, dot)
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
// largest value, so recurring themes stand out at a glance.
type barChart struct {
	widget.BaseWidget
	rows []barRow
}

func newBarChart() *barChart {
	b := &barChart{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *barChart) setRows(rows []barRow) {
	b.rows = rows
	b.Refresh()
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
	labelWidth = 190
)

func (r *barRenderer) MinSize() fyne.Size {
	h := float32(0)
	prev := ""
	for _, row := range r.chart.rows {
		if row.Group != prev {
			h += groupGap + barHeight
			prev = row.Group
		}
		h += barHeight + barGap
	}
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
	accent := th.Color(theme.ColorNamePrimary, v)
	textSize := th.Size(theme.SizeNameText)
	maxV := 1
	for _, row := range r.chart.rows {
		maxV = max(maxV, row.Value)
	}
	avail := r.size.Width - labelWidth - 40
	var objs []fyne.CanvasObject
	y := float32(0)
	prev := ""
	for _, row := range r.chart.rows {
		if row.Group != prev {
			y += groupGap
			g := canvas.NewText(row.Group, fg)
			g.TextStyle = fyne.TextStyle{Bold: true}
			g.TextSize = textSize
			g.Move(fyne.NewPos(0, y))
			objs = append(objs, g)
			y += barHeight
			prev = row.Group
		}
		label := canvas.NewText(row.Label, fg)
		label.TextSize = textSize
		label.Move(fyne.NewPos(12, y))
		bar := canvas.NewRectangle(accent)
		bar.CornerRadius = 3
		w := max(2, avail*float32(row.Value)/float32(maxV))
		bar.Move(fyne.NewPos(labelWidth, y+2))
		bar.Resize(fyne.NewSize(w, barHeight-4))
		val := canvas.NewText(fmt.Sprint(row.Value), fg)
		val.TextSize = textSize
		val.Move(fyne.NewPos(labelWidth+w+6, y))
		objs = append(objs, label, bar, val)
		y += barHeight + barGap
	}
	r.objects = objs
}
