package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// shadowedWeek is Sam's week beside Priya and Omar (today is Tue 10 Mar
// 2026): four sessions beside Priya, one beside Omar, one as a customer.
// It returns Priya's sessions by day of March.
func shadowedWeek(t *testing.T, store *model.Store) (sam, priya, omar model.Person, beside map[int]uint) {
	t.Helper()
	sam = model.Person{Name: "Sam Okafor", Role: model.RoleTeamLead}
	priya = model.Person{Name: "Priya Nair"}
	omar = model.Person{Name: "Omar Haddad"}
	for _, p := range []*model.Person{&sam, &priya, &omar} {
		if err := store.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	beside = map[int]uint{}
	for _, sp := range []struct {
		agent     *model.Person
		day       int
		ch        model.Channel
		wow, fric string
		tags      []string
	}{
		{&priya, 2, model.ChannelPhone, "", "Asked for the order number twice", []string{"slow update"}},
		{&priya, 3, model.ChannelChat, "Offered to hold the last pair until payday", "", []string{"wow moment", "empowered agent"}},
		{&priya, 5, model.ChannelEmail, "", "", nil},
		{&priya, 9, model.ChannelSocial, "", "Answered a public post with a template", []string{"generic reply"}},
		{&omar, 6, model.ChannelPhone, "Sent a thank-you card", "", nil},
		{nil, 7, model.ChannelReturns, "", "The label would not print", nil},
	} {
		sess := model.Session{PersonID: sam.ID, Channel: sp.ch, Date: model.NewDate(2026, 3, sp.day), Wow: sp.wow, Friction: sp.fric}
		if sp.agent == nil {
			sess.Kind, sess.Journey = model.KindAsCustomer, "Returned a pair of boots"
		} else {
			sess.AgentID = &sp.agent.ID
		}
		if err := store.SaveSession(&sess, sp.tags); err != nil {
			t.Fatal(err)
		}
		if sp.agent == &priya {
			beside[sp.day] = sess.ID
		}
	}
	return sam, priya, omar, beside
}

// shadowedLinks are the sessions a person page's list links to.
func shadowedLinks(box *fyne.Container) []*widget.Hyperlink {
	var out []*widget.Hyperlink
	for _, o := range box.Objects {
		if c, ok := o.(*fyne.Container); ok {
			out = append(out, c.Objects[0].(*widget.Hyperlink))
		}
	}
	return out
}

func TestShadowedOnTheAgentsPage(t *testing.T) {
	s, store := newTestShell(t)
	sam, priya, omar, beside := shadowedWeek(t, store)
	s.open(s.oneOnOnes())
	o := oneOnOnes(s)
	o.openPerson(priya.ID)

	links := shadowedLinks(o.page.shadowed)
	var texts []string
	for _, l := range links {
		texts = append(texts, l.Text)
	}
	want := []string{
		"Sam sat beside Priya on Mon 9 Mar (social media)",
		"Sam sat beside Priya on Thu 5 Mar (email)",
		"Sam sat beside Priya on Tue 3 Mar (chat)",
	}
	if strings.Join(texts, "\n") != strings.Join(want, "\n") {
		t.Errorf("Priya's page lists\n%s\nwant the newest three\n%s", strings.Join(texts, "\n"), strings.Join(want, "\n"))
	}
	for _, text := range []string{"Shadowed", "WOW moment — Offered to hold the last pair until payday · Themes: empowered agent, wow moment",
		"No notes on what happened.", "and 1 earlier"} {
		if !shows(o.page.view, text) {
			t.Errorf("Priya's page lacks %q", text)
		}
	}
	if shows(o.page.view, "Sent a thank-you card") || shows(o.page.view, "Walked in the customer") {
		t.Error("Priya's page shows sessions that were not beside her")
	}

	// Clicking one opens it in Shadowing.
	links[2].OnTapped() // test.Tap misses a link's text
	if s.current != screenShadowing || shadowing(s).form.session.ID != beside[3] {
		t.Fatalf("clicking the session showed screen %d, session %d; want Shadowing, session %d", s.current, shadowing(s).form.session.ID, beside[3])
	}

	// The shadower is "You" to the user; their own page shows what they walked.
	if err := store.SetMe(sam.ID); err != nil {
		t.Fatal(err)
	}
	s.open(s.oneOnOnes())
	o.openPerson(omar.ID)
	if links := shadowedLinks(o.page.shadowed); len(links) != 1 || links[0].Text != "You sat beside Omar on Fri 6 Mar (phone)" {
		t.Errorf("Omar's page lists %v", links)
	}
	o.openPerson(sam.ID)
	walked := shadowedLinks(o.page.walked)
	if len(walked) != 3 || walked[1].Text != "You went through “Returned a pair of boots” as a customer on Sat 7 Mar (returns)" ||
		len(shadowedLinks(o.page.shadowed)) != 0 {
		t.Fatalf("Sam's page lists %v beside others, %v beside him", walked, o.page.shadowed.Objects)
	}
	more := o.page.walked.Objects[len(o.page.walked.Objects)-1].(*widget.Button)
	if more.Text != "and 3 earlier…" {
		t.Fatalf("the last line is %q", more.Text)
	}
	test.Tap(more)
	if s.current != screenShadowing || shadowing(s).who.Selected != sam.Name {
		t.Errorf("the rest should list Sam's sessions in Shadowing, showing screen %d for %q", s.current, shadowing(s).who.Selected)
	}
}

func TestShadowedInThePrepareCard(t *testing.T) {
	tests := []struct {
		name     string
		met      time.Time // zero: never met
		want     []string
		unwanted []string
	}{
		{"since the last one-on-one, that day included", time.Date(2026, 3, 3, 10, 0, 0, 0, time.Local),
			[]string{"Sessions beside them since Tue 3 Mar 2026", "• Sam sat beside Priya on Tue 3 Mar (chat): WOW moment — Offered to hold the last pair until payday\n   Themes: empowered agent, wow moment",
				"• Sam sat beside Priya on Mon 9 Mar (social media): Friction — Answered a public post with a template"},
			[]string{"Asked for the order number twice"}},
		{"the last 30 days when never met", time.Time{},
			[]string{"Sessions beside them since Sun 8 Feb 2026", "Asked for the order number twice"}, nil},
		{"nothing since", time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local), nil, []string{"Sessions beside them"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, store := newTestShell(t)
			_, priya, _, _ := shadowedWeek(t, store)
			if !tt.met.IsZero() {
				if _, err := store.StartOneOnOne(priya.ID, tt.met, model.MeetingSettingDesk); err != nil {
					t.Fatal(err)
				}
			}
			s.open(s.oneOnOnes())
			o := oneOnOnes(s)
			o.openPerson(priya.ID)
			o.prepare(o.page.person)
			for _, text := range tt.want {
				if !shows(s.win.Canvas().Overlays().Top(), text) {
					t.Errorf("the Prepare card lacks %q", text)
				}
			}
			for _, text := range tt.unwanted {
				if shows(s.win.Canvas().Overlays().Top(), text) {
					t.Errorf("the Prepare card shows %q", text)
				}
			}
		})
	}
}

// TestPrepareCountsTheRest: past the few it lists, the card says how many
// more there are.
func TestPrepareCountsTheRest(t *testing.T) {
	got := shadowedSince{rows: make([]model.ShadowedSession, preparedMax), total: preparedMax + 2}.text(model.NewDate(2026, 3, 10))
	if want := fmt.Sprintf("…and %d earlier, in Shadowing", 2); !strings.HasSuffix(got, want) {
		t.Errorf("the card ends %q, want %q", got[strings.LastIndex(got, "\n")+1:], want)
	}
}

// Meeting mode brings up the sessions beside them since the one-on-one
// before it, as of its own day: a past meeting shows none that came after.
func TestShadowedInMeetingMode(t *testing.T) {
	s, store := newTestShell(t)
	_, priya, _, _ := shadowedWeek(t, store)
	tests := []struct {
		held     time.Time
		want     string
		unwanted string
	}{
		{time.Date(2026, 3, 4, 10, 0, 0, 0, time.Local), "Sam sat beside Priya on Tue 3 Mar (chat): WOW moment", "(social media)"},
		{time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local), "Sam sat beside Priya on Mon 9 Mar (social media): Friction", "(chat)"},
	}
	for _, tt := range tests {
		o, err := store.StartOneOnOne(priya.ID, tt.held, model.MeetingSettingDesk)
		if err != nil {
			t.Fatal(err)
		}
		mm := openMeetingMode(s, o.ID, func() {})
		mm.begin()
		side := mm.side.shadowed
		fold, ok := first(side, func(b *widget.Button) bool { return b.Text == "Seen beside them (2)" })
		if !side.Visible() || !ok {
			t.Fatalf("meeting mode of %s has no fold for two sessions", tt.held)
		}
		test.Tap(fold) // folded at first: meeting mode is calm
		if !shows(side, tt.want) || shows(side, tt.unwanted) || !strings.Contains(strings.Join(texts(side), " "), "Sam sat beside Priya") {
			t.Errorf("meeting mode of %s brings up %v, want %q and not %q", tt.held, texts(side), tt.want, tt.unwanted)
		}
		mm.win.Close()
	}
}
