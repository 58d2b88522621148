package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// leadsTeam is a lead with two reports (never met, so due today) under a
// manager, and another lead's report.
func leadsTeam(t *testing.T, store *model.Store) (lead model.Person) {
	t.Helper()
	save := func(name, email string, manager *model.Person) model.Person {
		p := model.Person{Name: name, Email: email}
		if manager != nil {
			p.ManagerID = &manager.ID
		}
		if err := store.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	boss := save("Maya Manager", "maya@example.com", nil)
	lead = save("Lena Lead", "lena@example.com", &boss)
	save("Amir Haddad", "", &lead)
	save("Bea Berg", "", &lead)
	other := save("Omar Other", "", nil)
	save("Zoe Agent", "", &other)
	return lead
}

// Today and the One-on-ones list show my reports once I have said who I
// am, with a switch to everyone; without me there is no switch.
func TestScopeSwitch(t *testing.T) {
	for _, tt := range []struct {
		name    string
		me      bool
		choices []string
		mine    []string // the one-on-ones listed at first
	}{
		{"nobody is me", false, nil, []string{"Amir Haddad", "Bea Berg", "Lena Lead", "Zoe Agent"}},
		{"a lead", true, []string{"My reports", "Everyone"}, []string{"Amir Haddad", "Bea Berg"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestShell(t)
			lead := leadsTeam(t, store)
			if tt.me {
				if err := store.SetMe(lead.ID); err != nil {
					t.Fatal(err)
				}
			}
			today := s.today()
			today.load()
			for _, sw := range []*widget.Select{today.scope.sel, func() *widget.Select { s.open(s.oneOnOnes()); return s.oneOnOnes().scope.sel }()} {
				if sw.Visible() != (tt.choices != nil) || (tt.choices != nil && !slices.Equal(sw.Options, tt.choices)) {
					t.Errorf("switch shown %v with %v, want %v", sw.Visible(), sw.Options, tt.choices)
				}
			}
			o := s.oneOnOnes()
			if got := reportNames(o.reports); !slices.Equal(got, tt.mine) {
				t.Errorf("one-on-ones list %v, want %v", got, tt.mine)
			}
			if !tt.me {
				return
			}
			o.scope.sel.SetSelected("Everyone")
			if got := reportNames(o.reports); len(got) != 4 {
				t.Errorf("everyone: %v", got)
			}
			if c, _ := store.ScopeChoice(); c.Current != model.ScopeEveryone {
				t.Errorf("the choice was not kept: %v", c.Current)
			}
			s.open(today)
			if !markupContains(t, s, "Zoe Agent — due today") || today.scope.sel.Selected != "Everyone" {
				t.Error("Today does not follow the choice of everyone")
			}
			today.scope.sel.SetSelected("My reports")
			if markupContains(t, s, "Zoe Agent") || !markupContains(t, s, "Amir Haddad — due today") {
				t.Error("Today still shows someone else's reports")
			}
		})
	}
}

func reportNames(reps []model.Report) []string {
	var out []string
	for _, r := range reps {
		out = append(out, r.Name)
	}
	slices.Sort(out)
	return out
}

// The first start asks who you are: picked from the roster by typing, or
// added; "Later" puts the question off for good, Settings asks again.
func TestFirstStartAsksWhoYouAre(t *testing.T) {
	t.Run("picked from the roster", func(t *testing.T) {
		s, store := newTestShell(t)
		leadsTeam(t, store)
		s.askWhoYouAre()
		d := s.win.Canvas().Overlays().Top()
		if !inDialog(s.win, "Who are you?") {
			t.Fatal("nobody was asked")
		}
		assertGolden(t, "who_are_you.xml", s.win.Canvas())
		picker, _ := first[*personPicker](d)
		test.Type(picker, "lena")
		picker.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		tapButton(t, d, "That's me")
		if me, ok, _ := store.Me(); !ok || me.Name != "Lena Lead" || dialogs(s.win) != 0 {
			t.Fatalf("me = %q %v, %d dialogs open", me.Name, ok, dialogs(s.win))
		}
		if !s.today().scope.sel.Visible() {
			t.Error("Today did not reload for me")
		}
		s.askWhoYouAre()
		if dialogs(s.win) != 0 {
			t.Error("asked again though I said who I am")
		}
	})
	t.Run("added on an empty roster", func(t *testing.T) {
		s, store := newTestShell(t)
		s.askWhoYouAre()
		d := s.win.Canvas().Overlays().Top()
		if _, ok := first[*personPicker](d); ok {
			t.Error("an empty roster offers to pick from it")
		}
		name, _ := first(d, func(e *dialogEntry) bool { return e.PlaceHolder == "Your name" })
		email, _ := first(d, func(e *dialogEntry) bool { return e.PlaceHolder == "you@example.com" })
		test.Type(name, "Lena Lead")
		test.Type(email, "lena@")
		tapButton(t, d, "Add me")
		if !inDialog(s.win, "email") {
			t.Error("a bad email was not explained")
		}
		test.Type(email, "example.com")
		email.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter adds, as the button does
		if me, ok, _ := store.Me(); !ok || me.Email != "lena@example.com" || dialogs(s.win) != 0 {
			t.Fatalf("me = %+v %v", me, ok)
		}
	})
	t.Run("later", func(t *testing.T) {
		s, store := newTestShell(t)
		leadsTeam(t, store)
		s.askWhoYouAre()
		tapButton(t, s.win.Canvas().Overlays().Top(), "Later")
		s.askWhoYouAre()
		if dialogs(s.win) != 0 {
			t.Error("asked again after Later")
		}
		s.showSettings()
		if !inDialog(s.win, "Nobody yet") {
			t.Error("Settings does not say nobody is me")
		}
		tapButton(t, s.win.Canvas().Overlays().Top(), "Choose…")
		if !inDialog(s.win, "Who are you?") {
			t.Error("Settings does not ask who I am")
		}
	})
}

func TestSettingsSaysWhoYouAre(t *testing.T) {
	s, store := newTestShell(t)
	lead := leadsTeam(t, store)
	if err := store.SetMe(lead.ID); err != nil {
		t.Fatal(err)
	}
	s.showSettings()
	if !inDialog(s.win, "Lena Lead") || !inDialog(s.win, "Change…") {
		t.Error("Settings does not say who I am")
	}
}
