package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"solemate/model"
)

func TestSettingsApply(t *testing.T) {
	s, store := newTestShell(t)
	s.showSettings()
	if !markupContains(t, s, "Weeks start on") {
		t.Fatal("settings dialog not shown")
	}
	assertGolden(t, "settings.xml", s.win.Canvas())

	prefs().SetString(prefTheme, themeDark)
	applyTheme()
	bg := fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if bg != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("a forced dark theme should colour as dark whatever the system says")
	}

	prefs().SetString(prefCadence, string(model.CadenceMonthly))
	prefs().SetInt(prefWeekStart, int(time.Sunday))
	if weekStart() != time.Sunday {
		t.Error("first day of the week not read back")
	}
	s.open(s.people)
	s.people.newItem()
	test.Type(s.people.form.name, "Monthly Person")
	s.people.form.saveNow()
	rows, _ := store.People(false)
	if len(rows) != 1 || rows[0].Cadence != model.CadenceMonthly {
		t.Errorf("a new person should get the default cadence: %+v", rows)
	}
}
