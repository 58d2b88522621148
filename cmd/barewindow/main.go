// Command barewindow is the smallest Fyne program that opens a window: one
// window of Solemate's size with a label in it, built with the same Fyne
// version. It does nothing else on purpose. It is the baseline that
// BenchmarkStartup in cmd/solemate measures Solemate's start-up time and
// memory against, so the budgets ("≤ 1.15× the bare window's start-up",
// "≤ the bare window's memory + 40 MB") hold on any machine.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("app.solemate.barewindow")
	w := a.NewWindow("Bare window")
	w.SetContent(widget.NewLabel("A bare Fyne window: the start-up baseline."))
	w.Resize(fyne.NewSize(1100, 720)) // Solemate's main window size
	w.ShowAndRun()
}
