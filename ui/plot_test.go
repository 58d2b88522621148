package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// A bar's label never runs under its bar: the label column widens for long
// labels, and one too long for half the chart is cut with an ellipsis.
func TestBarLabelsStayClearOfTheBars(t *testing.T) {
	test.NewTempApp(t)
	for _, label := range []string{"slow update", "asked twice for order number", strings.Repeat("very long theme ", 20)} {
		c := newBarChart()
		c.setRows([]barRow{{Group: "Email", Label: label, Value: 3}})
		w := test.NewTempWindow(t, c)
		w.Resize(fyne.NewSize(600, 200))
		var text *canvas.Text
		var bar *canvas.Rectangle
		for _, o := range test.WidgetRenderer(c).Objects() {
			switch o := o.(type) {
			case *canvas.Text:
				if o.Text != "Email" && o.Text != "3" {
					text = o
				}
			case *canvas.Rectangle:
				bar = o
			}
		}
		if text == nil || bar == nil {
			t.Fatalf("%q: no label or no bar", label)
		}
		if end := text.Position().X + text.MinSize().Width; end > bar.Position().X {
			t.Errorf("%q: the label ends at %v, under the bar at %v", label, end, bar.Position().X)
		}
		if len(label) < 40 && text.Text != label {
			t.Errorf("%q was shortened to %q", label, text.Text)
		}
	}
}

// BenchmarkFitText cuts a 3,000-character chart label to a bar's width:
// by halving, a dozen measures; one letter at a time took seconds.
func BenchmarkFitText(b *testing.B) {
	test.NewTempApp(b)
	long := "slow update " + strings.Repeat("and then nothing ", 180)
	for b.Loop() {
		fitText(long, 14, 200)
	}
}
