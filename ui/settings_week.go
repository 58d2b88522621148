package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// meetingLengths are the lengths the working week offers for a one-on-one.
var meetingLengths = []time.Duration{15 * time.Minute, 20 * time.Minute, 30 * time.Minute, 45 * time.Minute,
	time.Hour, 90 * time.Minute}

func lengthLabel(d time.Duration) string {
	if d%time.Hour == 0 {
		return model.Plural(int(d/time.Hour), "hour", "hours")
	}
	return fmt.Sprintf("%d min", int(d/time.Minute))
}

// weekFieldNames are the working week's fields as the form calls them.
var weekFieldNames = map[string]string{"days": "Working days", "start": "Start", "length": "Length", "time zone": "Time zone"}

// weekSettings is the Settings form's working week: the days one-on-ones
// fall due on, and when calendar events start (unless a person has a usual
// time), how long they last and in which time zone. It shows the user's
// week once loaded and saves every change that holds; what does not is
// named below it until put right.
func (s *shell) weekSettings() *widget.FormItem {
	var week model.WorkWeek
	loaded := false
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var days [7]*widget.Check
	start := newDialogEntry()
	zone := newDialogEntry()
	zone.SetPlaceHolder("Europe/Berlin")
	length := widget.NewSelect(nil, nil)

	save := func() {
		if !loaded {
			return
		}
		w := week
		for d, c := range days {
			w.Days[d] = c.Checked
		}
		w.TimeZone = strings.TrimSpace(zone.Text)
		var bad []string
		at, err := model.ParseClock(start.Text)
		if err != nil {
			bad = append(bad, "Start: "+err.Error())
		} else {
			w.Start = at
		}
		for _, l := range meetingLengths {
			if lengthLabel(l) == length.Selected {
				w.Length = l
			}
		}
		if err := w.Validate(); err != nil {
			var v *model.ValidationError
			if !errors.As(err, &v) {
				s.showError("Could not save the working week", err)
				return
			}
			for _, p := range v.Problems {
				bad = append(bad, weekFieldNames[p.Field]+": "+p.Message)
			}
		}
		if len(bad) > 0 {
			problem.SetText("Not saved: " + strings.Join(bad, "; "))
			problem.Show()
			return
		}
		if err := s.store.SetWorkWeek(w); err != nil {
			s.showError("Could not save the working week", err)
			return
		}
		week = w
		problem.Hide()
		s.screen(s.current).load() // its due dates move with the week
	}
	first := weekStart()
	dayRow := container.NewHBox()
	for i := range days {
		d := (first + time.Weekday(i)) % 7
		days[d] = widget.NewCheck(d.String()[:3], func(bool) { save() })
		dayRow.Add(days[d])
	}
	start.OnChanged = func(string) { save() }
	zone.OnChanged = func(string) { save() }
	length.OnChanged = func(string) { save() }
	// Entries in a row shrink to their text: these keep room for a time and a zone.
	times := container.NewHBox(widget.NewLabel("from"), container.NewGridWrap(fyne.NewSize(80, start.MinSize().Height), start),
		widget.NewLabel("for"), length, widget.NewLabel("in"), container.NewGridWrap(fyne.NewSize(200, zone.MinSize().Height), zone))
	box := container.NewVBox(dayRow, times, problem)
	fetch(s, nil, "Could not load the working week", func(st *model.Store) (model.WorkWeek, error) {
		return st.WorkWeek()
	}, func(w model.WorkWeek) {
		week = w
		for d, c := range days {
			c.SetChecked(w.Days[d])
		}
		start.SetText(model.ClockText(w.Start))
		zone.SetText(w.TimeZone)
		var labels []string
		for _, l := range meetingLengths {
			labels = append(labels, lengthLabel(l))
		}
		if !slices.Contains(labels, lengthLabel(w.Length)) {
			labels = append(labels, lengthLabel(w.Length)) // set on another computer
		}
		length.SetOptions(labels)
		length.SetSelected(lengthLabel(w.Length))
		loaded = true
	})
	return &widget.FormItem{Text: "Working week", Widget: box,
		HintText: "One-on-ones fall due on these days; calendar events start at each person's usual time, else at this one"}
}
