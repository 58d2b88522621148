package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// wheelStep is how many of Fyne's scroll steps (25 px on Linux) one turn
// of the wheel moves a page: about three lines, as other programs do.
const wheelStep = 3

// wheelScroll is a vertical scroll that the mouse wheel moves a useful
// distance from anywhere over it. Without it Fyne moves 25 px a notch, and
// a list or an entry inside with nothing of its own to scroll takes the
// wheel, so the page stays put. Lists that do scroll on their own (a long
// one in a formList) are named by lists and get the wheel first.
type wheelScroll struct {
	widget.BaseWidget
	scroll  *container.Scroll
	catcher *wheelCatcher
	// resized, when set, hears the content's new width before it is laid
	// out again.
	resized func(width float32)
}

func newWheelScroll(content fyne.CanvasObject) *wheelScroll {
	w := &wheelScroll{}
	watch := &widthWatch{changed: func(width float32) {
		if w.resized != nil {
			w.resized(width)
		}
		w.reflow()
	}}
	w.scroll = container.NewVScroll(container.New(watch, content))
	w.catcher = &wheelCatcher{scroll: w.scroll}
	w.catcher.ExtendBaseWidget(w.catcher)
	w.ExtendBaseWidget(w)
	return w
}

// CreateRenderer lays the catcher over the scroll: the wheel goes to the
// last object under the pointer that takes it.
func (w *wheelScroll) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(w.scroll, w.catcher))
}

// reflow lays the content out again once its rows have their width: Fyne
// measures wrapped text by the width it last had, so new rows of it are
// laid out too short until a second pass.
func (w *wheelScroll) reflow() {
	w.scroll.Refresh()
	w.scroll.Refresh()
}

// wheelCatcher takes every wheel turn over the scroll and passes it on,
// bigger, to a list under the pointer that can still move, else the page.
// It takes nothing else: taps, typing and hovering reach what is below.
type wheelCatcher struct {
	widget.BaseWidget
	scroll *container.Scroll
	lists  func() []*widget.List
}

func (c *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack())
}

func (c *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	dy := ev.Scrolled.DY * wheelStep
	if c.lists != nil {
		d := fyne.CurrentApp().Driver()
		for _, l := range c.lists() {
			at, size := d.AbsolutePositionForObject(l), l.Size()
			p := ev.AbsolutePosition
			if !l.Visible() || p.X < at.X || p.Y < at.Y || p.X >= at.X+size.Width || p.Y >= at.Y+size.Height {
				continue
			}
			before := l.GetScrollOffset()
			l.ScrollToOffset(before - dy)
			if l.GetScrollOffset() != before {
				return
			}
		}
	}
	c.scroll.Scrolled(&fyne.ScrollEvent{PointEvent: ev.PointEvent, Scrolled: fyne.NewDelta(0, dy)})
}

// widthWatch lays its one object out in all its space, and says when its
// width changes.
type widthWatch struct {
	width   float32
	changed func(width float32)
}

func (w *widthWatch) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (w *widthWatch) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Resize(size)
	if size.Width != w.width {
		w.width = size.Width
		w.changed(size.Width)
	}
}
