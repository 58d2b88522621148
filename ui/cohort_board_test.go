package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// behindDay is the store's today for the boards with hires behind: Wed 25
// March, when the culture (6 Mar), systems (13 Mar) and products (20 Mar)
// classes have fallen due.
var behindDay = time.Date(2026, time.March, 25, 9, 30, 0, 0, time.UTC)

// behindShell is a test shell whose today is behindDay, on a cohort made
// by behindCohort.
func behindShell(t *testing.T, hires ...string) (*shell, *model.Store, model.Cohort) {
	t.Helper()
	test.NewTempApp(t)
	store := openTestStore(t, filepath.Join(t.TempDir(), model.FileName))
	store.Now = func() time.Time { return behindDay }
	c := behindCohort(t, store, hires...)
	return newTestShellOn(t, test.NewTempWindow(t, nil), store), store, c
}

// behindCohort starts "March 2026" on Mon 2 March with six hires and a
// trainer. As of behindDay Dee has done nothing (3 overdue), Cy the culture
// class (2), Ben culture and systems (1); Ana, Eli and Fay all three.
func behindCohort(t *testing.T, store *model.Store, hires ...string) model.Cohort {
	t.Helper()
	trainer := model.Person{Name: "Tara Trainer", Role: model.RoleTrainer}
	if err := store.SavePerson(&trainer); err != nil {
		t.Fatal(err)
	}
	if len(hires) == 0 {
		hires = []string{"Ana Alves", "Ben Brooks", "Cy Chen", "Dee Diaz", "Eli Eze", "Fay Fox"}
	}
	var ids []uint
	for _, n := range hires {
		p := model.Person{Name: n, StartDate: model.NewDate(2026, 3, 2)}
		if err := store.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	progs, _ := store.Programs()
	c, err := store.CreateCohort(model.NewCohort{Name: "March 2026", ProgramID: progs[0].ID, Start: model.NewDate(2026, 3, 2),
		TrainerIDs: []uint{trainer.ID}, HireIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := store.CohortBoard(c.ID)
	classes := b.Rows[0].Phases[0].Milestones
	done := map[string]int{"Ana Alves": 3, "Ben Brooks": 2, "Cy Chen": 1, "Eli Eze": 3, "Fay Fox": 3}
	for _, r := range b.Rows {
		for _, m := range classes[:done[r.Name]] {
			if err := store.SetCompletion(r.ID, m.ID, true, m.DueDate, nil, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	return c
}

// boardIn opens cohort id's board in s.
func boardIn(s *shell, id uint) *cohortScreen {
	s.openCohort(id)
	return s.cohorts()
}

// boardNames lists the hires the board shows, in its order.
func boardNames(c *cohortScreen) []string {
	var out []string
	for _, r := range c.shown {
		out = append(out, r.Name)
	}
	return out
}

// boardRow is the board row showing hire name.
func boardRow(t *testing.T, c *cohortScreen, name string) *fyne.Container {
	t.Helper()
	for i, r := range c.shown {
		if r.Name == name {
			return c.grid.Objects[i].(*fyne.Container)
		}
	}
	t.Fatalf("%s is not on the board", name)
	return nil
}

func TestBoardMarksWhoIsBehind(t *testing.T) {
	s, _, c := behindShell(t)
	sc := boardIn(s, c.ID)
	warn := theme.Current().Color(theme.ColorNameWarning, fyne.CurrentApp().Settings().ThemeVariant())
	for _, tc := range []struct {
		hire     string
		count    string
		behind   bool
		status   string
		overdues string
	}{
		// Nothing ticked and overdue: behind, not "not started".
		{"Dee Diaz", "0/5", true, "3 overdue", "Culture and core values, Systems: orders, returns and refunds, Products: the range and how it fits"},
		{"Ben Brooks", "2/5", true, "1 overdue", "Products: the range and how it fits"},
		{"Ana Alves", "3/5", false, "On track", ""},
	} {
		t.Run(tc.hire, func(t *testing.T) {
			row := boardRow(t, sc, tc.hire)
			cell := row.Objects[1].(*cellBar)
			r := test.WidgetRenderer(cell).(*cellRenderer)
			if cell.behind != tc.behind || r.text.Text != tc.count || (r.text.Color == warn) != tc.behind || (r.bg.StrokeColor == warn) != tc.behind {
				t.Errorf("classes cell %s: behind %v, text colour %v, outline %v", r.text.Text, cell.behind, r.text.Color, r.bg.StrokeColor)
			}
			status := row.Objects[len(row.Objects)-1].(*widget.Label)
			if status.Text != tc.status || (status.Importance == widget.WarningImportance) != tc.behind {
				t.Errorf("status %q (importance %v), want %q", status.Text, status.Importance, tc.status)
			}
			// The name, a paragraph's end, what is overdue.
			got := ""
			if name := row.Objects[0].(*widget.RichText); len(name.Segments) == 3 {
				got = name.Segments[2].(*widget.TextSegment).Text
			}
			if got != tc.overdues {
				t.Errorf("overdue line %q, want %q", got, tc.overdues)
			}
		})
	}
	assertGolden(t, "cohort_board_behind.xml", s.win.Canvas())
	for _, th := range []string{themeLight, themeDark} {
		prefs().SetString(prefTheme, th)
		applyTheme()
		sc.open(c.ID)
		assertGolden(t, "cohort_board_behind_"+strings.ToLower(th)+".xml", s.win.Canvas())
	}
}

// The board puts those most behind first, or goes by name, and can show
// only those behind; the choice holds for the session.
func TestBoardOrderAndOnlyBehind(t *testing.T) {
	s, _, c := behindShell(t)
	sc := boardIn(s, c.ID)
	behindFirst := []string{"Dee Diaz", "Cy Chen", "Ben Brooks", "Ana Alves", "Eli Eze", "Fay Fox"}
	if got := boardNames(sc); fmt.Sprint(got) != fmt.Sprint(behindFirst) {
		t.Errorf("default order %v, want behind first %v", got, behindFirst)
	}
	if sc.behind.Text != "Only behind (3 of 6)" {
		t.Errorf("filter says %q", sc.behind.Text)
	}
	sc.order.SetSelected(orderByName)
	if got := boardNames(sc); fmt.Sprint(got) != "[Ana Alves Ben Brooks Cy Chen Dee Diaz Eli Eze Fay Fox]" {
		t.Errorf("by name: %v", got)
	}
	test.Tap(sc.behind)
	if got := boardNames(sc); fmt.Sprint(got) != "[Ben Brooks Cy Chen Dee Diaz]" || len(sc.grid.Objects) != 3 {
		t.Errorf("only behind, by name: %v", got)
	}
	// Leaving the screen and coming back keeps the choice.
	s.show(screenPeople)
	sc = boardIn(s, c.ID)
	if got := boardNames(sc); fmt.Sprint(got) != "[Ben Brooks Cy Chen Dee Diaz]" || sc.order.Selected != orderByName || !sc.behind.Checked {
		t.Errorf("after coming back: %v", got)
	}
}

// The chart folds away and stays folded, after a restart too (it opened
// again); a cohort with no hires says so rather than "retention 0%".
func TestBoardFoldsItsChartAndSaysWhenNoHires(t *testing.T) {
	s, store := newTestShell(t)
	s.win.Resize(fyne.NewSize(1280, 800))
	progs, _ := store.Programs()
	c, err := store.CreateCohort(model.NewCohort{Name: "Empty", ProgramID: progs[0].ID, Start: model.NewDate(2026, 3, 2)})
	if err != nil {
		t.Fatal(err)
	}
	sc := boardIn(s, c.ID)
	if sc.stats.Text != "No hires yet." || markupContains(t, s, "retention") {
		t.Errorf("stats of an empty cohort: %q", sc.stats.Text)
	}
	if !sc.chart.Visible() {
		t.Fatal("the chart shows at first")
	}
	test.Tap(sc.fold)
	s.show(screenPeople)
	sc = boardIn(s, c.ID)
	if sc.chart.Visible() || sc.fold.Icon != theme.MenuDropDownIcon() {
		t.Error("the chart should stay folded for the session")
	}
	again := newTestShellOn(t, test.NewTempWindow(t, nil), store)
	again.win.Resize(fyne.NewSize(1280, 800))
	if sc = boardIn(again, c.ID); sc.chart.Visible() {
		t.Error("the chart should stay folded after a restart")
	}
}

// With thirty hires the first rows show under the header, at the largest
// usual window and the smallest, where the chart starts folded (it left
// room for one or two hires); the list keeps room for cohort names.
func TestThirtyHiresFitTheWindow(t *testing.T) {
	names := make([]string, 30)
	for i := range names {
		names[i] = fmt.Sprintf("Hire %02d", i+1)
	}
	for _, tc := range []struct {
		size   fyne.Size
		fold   string // "folded" or "shown" as chosen before, "" when never chosen
		folded bool   // whether the chart is folded then
		rows   int    // at least this many rows show whole
	}{
		{fyne.NewSize(1280, 800), "", false, 8},
		{fyne.NewSize(1280, 800), "folded", true, 10},
		{minWindow, "shown", false, 3},
		{minWindow, "", true, 6},
	} {
		t.Run(fmt.Sprint(tc.size, tc.fold), func(t *testing.T) {
			s, _, c := behindShell(t, names...)
			s.win.Resize(tc.size)
			if tc.fold != "" {
				prefs().SetBool(prefChartFolded, tc.fold == "folded")
			}
			sc := boardIn(s, c.ID)
			if sc.chart.Visible() == tc.folded {
				t.Errorf("the chart shows: %v, want folded %v", sc.chart.Visible(), tc.folded)
			}
			scroll, _ := first[*container.Scroll](sc.boardBox)
			d := fyne.CurrentApp().Driver()
			bottom := d.AbsolutePositionForObject(scroll).Y + scroll.Size().Height
			if bottom > tc.size.Height {
				t.Fatalf("the rows end at %.0f, below the window's %.0f", bottom, tc.size.Height)
			}
			whole := 0
			for _, row := range sc.grid.Objects {
				if d.AbsolutePositionForObject(row).Y+row.Size().Height <= bottom {
					whole++
				}
			}
			if whole < tc.rows {
				t.Errorf("%d rows show whole, want at least %d (a row is %.0f px high)", whole, tc.rows, sc.grid.Objects[0].Size().Height)
			}
			if w := sc.list.Size().Width; w < cohortListWidth-1 {
				t.Errorf("the cohort list is %.0f px wide", w)
			}
			// Its badge was laid out while empty, and cut to "1".
			badge, _ := first(sc.list, func(l *widget.Label) bool { return strings.HasSuffix(l.Text, "%") })
			if badge == nil || badge.Size().Width < badge.MinSize().Width {
				t.Error("the cohort's progress should show whole")
			}
		})
	}
}

// Switching the theme repaints the board's bars: they kept the colours of
// the theme they were made in (black bars and white counts on white).
func TestBoardBarsFollowTheTheme(t *testing.T) {
	s, _, c := behindShell(t)
	sc := boardIn(s, c.ID)
	ana := test.WidgetRenderer(boardRow(t, sc, "Ana Alves").Objects[1].(*cellBar)).(*cellRenderer) // today's phase
	dee := test.WidgetRenderer(boardRow(t, sc, "Dee Diaz").Objects[1].(*cellBar)).(*cellRenderer)  // behind
	for _, th := range []string{themeLight, themeDark, themeLight} {
		prefs().SetString(prefTheme, th)
		applyTheme()
		v := theme.VariantLight
		if th == themeDark {
			v = theme.VariantDark
		}
		want := brandTheme{Theme: theme.DefaultTheme()}
		fg, primary, warn := want.Color(theme.ColorNameForeground, v), want.Color(theme.ColorNamePrimary, v), want.Color(theme.ColorNameWarning, v)
		if ana.text.Color != fg || ana.fill.FillColor != primary || ana.bg.StrokeColor != primary {
			t.Errorf("%s: today's phase bar %v, count %v; want %v, %v", th, ana.fill.FillColor, ana.text.Color, primary, fg)
		}
		if dee.text.Color != warn || dee.bg.StrokeColor != warn {
			t.Errorf("%s: a bar behind %v; want %v", th, dee.text.Color, warn)
		}
	}
}

// The stats line counts those in training apart from all the hires: "6
// hires" stood after one took the offer.
func TestBoardStatsCountThoseInTraining(t *testing.T) {
	s, store, c := behindShell(t)
	if err := store.SetCohortOffer(c.ID, model.NewDate(2026, 3, 25), 2000, "EUR"); err != nil {
		t.Fatal(err)
	}
	sc := boardIn(s, c.ID)
	if !strings.HasPrefix(sc.stats.Text, "6 hires, 6 in training · 3 behind") {
		t.Errorf("stats %q", sc.stats.Text)
	}
	for _, r := range sc.board.Rows {
		if r.Name == "Ana Alves" {
			if _, err := store.AnswerOffer(r.ID, model.OfferAccepted); err != nil {
				t.Fatal(err)
			}
		}
	}
	sc.open(c.ID)
	if !strings.HasPrefix(sc.stats.Text, "6 hires, 5 in training · 3 behind · offer to leave: 1 accepted") {
		t.Errorf("after Ana took the offer: %q", sc.stats.Text)
	}
}

// The screen opens on the newest running cohort when none was chosen: it
// said "Pick a cohort" with one right there.
func TestCohortsOpenTheNewestRunningCohort(t *testing.T) {
	s, store, c := behindShell(t)
	progs, _ := store.Programs()
	if _, err := store.CreateCohort(model.NewCohort{Name: "May 2026", ProgramID: progs[0].ID, Start: model.NewDate(2026, 5, 4)}); err != nil {
		t.Fatal(err)
	}
	s.show(screenCohorts)
	sc := s.cohorts()
	if sc.board.ID != c.ID || sc.right.Objects[0] != sc.boardBox || sc.list.Length() != 2 {
		t.Errorf("opened %q, want the running March 2026", sc.board.Name)
	}
}

func TestFirstCohortToOpen(t *testing.T) {
	today := model.NewDate(2026, 3, 25)
	summary := func(id uint, start, end model.Date) model.CohortSummary {
		return model.CohortSummary{Cohort: model.Cohort{ID: id, StartDate: start}, EndDate: end}
	}
	future := summary(3, model.NewDate(2026, 5, 4), model.NewDate(2026, 7, 1))
	running := summary(2, model.NewDate(2026, 3, 2), model.NewDate(2026, 4, 27))
	past := summary(1, model.NewDate(2025, 9, 1), model.NewDate(2025, 10, 27))
	for _, c := range []struct {
		name string
		cs   []model.CohortSummary
		want uint
	}{
		{"the running one before a newer to come", []model.CohortSummary{future, running, past}, 2},
		{"the newest when none runs", []model.CohortSummary{future, past}, 3},
		{"none", nil, 0},
	} {
		if got := firstToOpen(c.cs, today); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
