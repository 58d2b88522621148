package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// overviewShell opens Shadowing on a junior manager's sessions: friction
// and strengths on chat and email, a theme that contains another's name,
// and one session older than the overview's year.
func overviewShell(t *testing.T) (*shell, *model.Store, *shadowingScreen) {
	t.Helper()
	s, store := newTestShell(t)
	p := model.Person{Name: "Chen Wei"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	for _, sp := range []struct {
		ch   model.Channel
		date model.Date
		resp int
		tags []string
	}{
		{model.ChannelChat, model.NewDate(2026, 3, 2), 20, []string{"slow update", "wow moment"}},
		{model.ChannelChat, model.NewDate(2026, 3, 3), 40, []string{"slow update", "generic reply"}},
		{model.ChannelChat, model.NewDate(2026, 3, 4), 0, []string{"slow update on returns"}},
		{model.ChannelEmail, model.NewDate(2026, 3, 5), 60 * 24, []string{"slow update", "empowered agent"}},
		{model.ChannelChat, model.NewDate(2024, 6, 5), 0, []string{"slow update"}}, // before the overview's year
	} {
		sess := model.Session{PersonID: p.ID, Channel: sp.ch, Date: sp.date}
		if sp.resp > 0 {
			sess.ResponseMinutes = &sp.resp
		}
		if err := store.SaveSession(&sess, sp.tags); err != nil {
			t.Fatal(err)
		}
	}
	sc := shadowing(s)
	s.open(sc)
	return s, store, sc
}

// bars are the chart's rows as "Group/label=value".
func bars(sc *shadowingScreen) []string {
	var out []string
	for _, r := range sc.chart.rows {
		out = append(out, fmt.Sprintf("%s/%s=%d", r.Group, r.Label, r.Value))
	}
	return out
}

// tapBar clicks the bar of the chart's row group/label.
func tapBar(t *testing.T, sc *shadowingScreen, group, label string) {
	t.Helper()
	tops, _ := sc.chart.rowTops()
	for i, r := range sc.chart.rows {
		if r.Group == group && r.Label == label {
			test.TapAt(sc.chart, fyne.NewPos(250, tops[i]+barHeight/2))
			return
		}
	}
	t.Fatalf("no bar %s/%s in %v", group, label, bars(sc))
}

func TestOverviewTotalsFrictionOnlyAndResponseTimes(t *testing.T) {
	_, _, sc := overviewShell(t)
	want := []string{
		"All channels/slow update=3", "All channels/generic reply=1", "All channels/slow update on returns=1",
		"Chat/slow update=2", "Chat/generic reply=1", "Chat/slow update on returns=1",
		"Email/slow update=1",
	}
	if got := bars(sc); !slices.Equal(got, want) {
		t.Errorf("friction chart:\n got %v\nwant %v", got, want)
	}
	if got := sc.response.Text; got != "Chat: median 30 min, from 2 sessions\nEmail: median 1 d, from 1 session" {
		t.Errorf("response times: %q", got)
	}
}

// Clicking a bar lists exactly the sessions it counts (not a theme that
// only contains its name, nor one older than the chart), says so, and
// "Show all" brings every session back.
func TestClickingABarFiltersTheList(t *testing.T) {
	_, _, sc := overviewShell(t)
	if len(sc.rows) != 5 {
		t.Fatalf("%d sessions listed", len(sc.rows))
	}
	for _, tt := range []struct {
		group, label, channel string
		want                  int
		note                  string
	}{
		{"Chat", "slow update", "Chat", 2, "“slow update” on chat, last 12 months"},
		{allChannels, "slow update", allChannels, 3, "“slow update” on all channels"},
		{"Email", "slow update", "Email", 1, "on email"},
	} {
		tapBar(t, sc, tt.group, tt.label)
		if len(sc.rows) != tt.want || sc.count.Text != model.Plural(tt.want, "session", "sessions") {
			t.Errorf("%s/%s: %d sessions listed (%q), want %d", tt.group, tt.label, len(sc.rows), sc.count.Text, tt.want)
		}
		for _, r := range sc.rows {
			if !slices.Contains(strings.Split(r.Tags, ", "), tt.label) {
				t.Errorf("%s/%s lists a session tagged %q", tt.group, tt.label, r.Tags)
			}
		}
		if sc.channel.Selected != tt.channel || !sc.pickBox.Visible() || !strings.Contains(sc.pickNote.Text, tt.note) {
			t.Errorf("%s/%s: channel %q, note %v %q", tt.group, tt.label, sc.channel.Selected, sc.pickBox.Visible(), sc.pickNote.Text)
		}
	}
	test.Tap(sc.pickBox.Objects[1].(*widget.Button))
	if len(sc.rows) != 5 || sc.pickBox.Visible() || sc.channel.Selected != allChannels {
		t.Errorf("after Show all: %d sessions, note shown %v, channel %q", len(sc.rows), sc.pickBox.Visible(), sc.channel.Selected)
	}
	// Choosing another filter leaves the bar behind too.
	tapBar(t, sc, "Chat", "generic reply")
	sc.channel.SetSelected("Email")
	if sc.pickBox.Visible() || len(sc.rows) != 1 {
		t.Errorf("a new channel keeps the bar: %v, %d sessions", sc.pickBox.Visible(), len(sc.rows))
	}
	// Someone's sessions opened from elsewhere are all of them.
	tapBar(t, sc, allChannels, "generic reply")
	sc.showSessionsOf("Chen Wei")
	if sc.pickBox.Visible() || len(sc.rows) != 5 {
		t.Errorf("a person's sessions keep the bar: %v, %d sessions", sc.pickBox.Visible(), len(sc.rows))
	}
}

// Strengths have their own view, and the friction chart never counts them.
func TestStrengthsHaveTheirOwnView(t *testing.T) {
	s, _, sc := overviewShell(t)
	for _, b := range bars(sc) {
		if strings.Contains(b, "wow") || strings.Contains(b, "empowered") {
			t.Errorf("the friction chart counts a strength: %s", b)
		}
	}
	sc.kindPick.SetSelected(viewStrengths)
	want := []string{"All channels/empowered agent=1", "All channels/wow moment=1", "Chat/wow moment=1", "Email/empowered agent=1"}
	if got := bars(sc); !slices.Equal(got, want) {
		t.Errorf("strengths:\n got %v\nwant %v", got, want)
	}
	if !strings.HasPrefix(sc.title.Text, "Strengths") {
		t.Errorf("title %q", sc.title.Text)
	}
	assertGolden(t, "shadowing_overview_strengths.xml", s.win.Canvas())

	// Each view starts at its top, "All channels", wherever the other was read to.
	sc.kindPick.SetSelected(viewFriction)
	sc.chartScroll.Resize(fyne.NewSize(300, 60)) // a short pane, read down
	sc.chartScroll.ScrollToOffset(fyne.NewPos(0, 40))
	if sc.chartScroll.Offset.Y == 0 {
		t.Fatal("the friction view did not scroll")
	}
	sc.kindPick.SetSelected(viewStrengths)
	if sc.chartScroll.Offset.Y != 0 {
		t.Errorf("the strengths view opens scrolled to %v, past its first bars", sc.chartScroll.Offset.Y)
	}
}

// A theme's kind changes in the "Kinds of theme" dialog, and the theme
// moves from one view to the other at once.
func TestKindChangeMovesAThemeBetweenViews(t *testing.T) {
	s, store, sc := overviewShell(t)
	sc.editKinds()
	overlay := s.win.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no dialog")
	}
	var list *widget.List
	walk(overlay, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	})
	if list == nil {
		t.Fatal("the dialog lists no themes")
	}
	var radio *widget.RadioGroup
	walk(list, func(o fyne.CanvasObject) {
		if row, ok := o.(*fyne.Container); ok && len(row.Objects) == 2 {
			if l, ok := row.Objects[0].(*widget.Label); ok && l.Text == "generic reply" {
				radio = row.Objects[1].(*widget.RadioGroup)
			}
		}
	})
	if radio == nil || radio.Selected != model.TagFriction.Label() {
		t.Fatalf("generic reply's kind: %v", radio)
	}
	radio.SetSelected(model.TagStrength.Label())
	for _, b := range bars(sc) {
		if strings.Contains(b, "generic reply") {
			t.Errorf("the friction chart still counts it: %s", b)
		}
	}
	sc.kindPick.SetSelected(viewStrengths)
	if !slices.Contains(bars(sc), "All channels/generic reply=1") {
		t.Errorf("the strengths do not count it: %v", bars(sc))
	}
	tags, _ := store.Tags()
	for _, tg := range tags {
		if tg.Name == "generic reply" && tg.Kind != model.TagStrength {
			t.Errorf("stored as %q", tg.Kind)
		}
	}
}

// The tag filter narrows as you type: its options to the themes containing
// the text, the list to sessions with such a theme.
func TestTagFilterNarrowsAsYouType(t *testing.T) {
	s, _, sc := overviewShell(t)
	for _, tt := range []struct {
		typed   string
		options []string
		rows    int
	}{
		{"Slow", []string{"slow update", "slow update on returns"}, 5},
		{"Slow update o", []string{"slow update on returns"}, 1},
		{"wow", []string{"wow moment"}, 1},
		{"%", nil, 0},
		{"", nil, 5},
	} {
		sc.tag.SetText(tt.typed)
		if tt.typed == "" {
			tt.options = sc.tagNames
		}
		if got := offeredTags(s, sc); !slices.Equal(got, tt.options) {
			t.Errorf("%q: options %v, want %v", tt.typed, got, tt.options)
		}
		if len(sc.rows) != tt.rows {
			t.Errorf("%q: %d sessions, want %d", tt.typed, len(sc.rows), tt.rows)
		}
	}
}

// offeredTags opens the tag filter's drop-down and reads its options.
func offeredTags(s *shell, sc *shadowingScreen) []string {
	test.Tap(sc.tag.ActionItem.(fyne.Tappable))
	menu := s.win.Canvas().Overlays().Top()
	defer s.win.Canvas().Overlays().Remove(menu)
	var out []string
	walk(menu, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" {
			out = append(out, t.Text)
		}
	})
	return out
}

// A right-click on a bar moves its theme to the other view at once, and
// Undo moves it back.
func TestBarMenuMovesAThemeWithUndo(t *testing.T) {
	s, _, sc := overviewShell(t)
	tops, _ := sc.chart.rowTops()
	for i, r := range sc.chart.rows {
		if r.Group == "Chat" && r.Label == "generic reply" {
			test.TapSecondaryAt(sc.chart, fyne.NewPos(250, tops[i]+barHeight/2))
			break
		}
	}
	tapMenuItem(t, s, "Count “generic reply” as a strength")
	if slices.Contains(bars(sc), "Chat/generic reply=1") {
		t.Errorf("the friction chart still counts it: %v", bars(sc))
	}
	if !strings.Contains(s.undo.message.Text, "now counts as strength") {
		t.Errorf("undo offer %q", s.undo.message.Text)
	}
	s.undo.trigger()
	if !slices.Contains(bars(sc), "Chat/generic reply=1") {
		t.Errorf("undo should bring it back: %v", bars(sc))
	}
}

// tapMenuItem taps the item of the open pop-up menu that reads label.
func tapMenuItem(t *testing.T, s *shell, label string) {
	t.Helper()
	var item fyne.Tappable
	walk(s.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		tap, ok := o.(fyne.Tappable)
		if !ok {
			return
		}
		// The innermost tappable that shows label, not the menu around it.
		walk(o, func(c fyne.CanvasObject) {
			if txt, ok := c.(*canvas.Text); ok && txt.Text == label {
				item = tap
			}
		})
	})
	if item == nil {
		t.Fatalf("no menu item %q", label)
	}
	test.Tap(item)
}
