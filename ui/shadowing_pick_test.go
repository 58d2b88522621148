package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// choosePerson types into a picker and picks the first match with Enter.
func choosePerson(t *testing.T, p *personPicker, typed string) {
	t.Helper()
	p.SetText("")
	test.Type(p, typed)
	if !p.matchesShowing() {
		t.Fatalf("typing %q offers no one", typed)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.chosen == nil || p.pending() {
		t.Fatalf("typing %q and Enter chose no one (field reads %q)", typed, p.Text)
	}
}

// addPeople saves people by name; the ones named in left have left.
func addPeople(t *testing.T, store *model.Store, left map[string]bool, names ...string) map[string]uint {
	t.Helper()
	ids := map[string]uint{}
	for _, n := range names {
		p := model.Person{Name: n, Team: "Chat"}
		if left[n] {
			p.Status = model.StatusLeft
		}
		if err := store.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		ids[n] = p.ID
	}
	return ids
}

// Typing part of a name, or a team, offers the active people who match; one
// who left is offered, marked, only when no one active matches.
func TestSessionPickersFindPeopleByPartOfAName(t *testing.T) {
	s, store := newTestShell(t)
	ids := addPeople(t, store, map[string]bool{"Sam Gone": true}, "Sam Okafor", "Priya Nair", "Sam Gone")
	s.newOn(screenShadowing)
	f := shadowing(s).form
	for _, c := range []struct {
		typed string
		want  []string
	}{
		{"oka", []string{"Sam Okafor — Chat"}},
		{"sam", []string{"Sam Okafor — Chat"}},
		{"gone", []string{"Sam Gone — Chat (left)"}},
		{"chat pri", []string{"Priya Nair — Chat"}},
	} {
		f.agent.SetText("")
		test.Type(f.agent, c.typed)
		if got := matchLabels(f.agent); !slices.Equal(got, c.want) {
			t.Errorf("%q offers %q, want %q", c.typed, got, c.want)
		}
	}
	choosePerson(t, f.who, "priy")
	choosePerson(t, f.agent, "gone")
	if !f.save() {
		t.Fatalf("not saved: %s", f.problems.Text)
	}
	d, _ := store.Session(f.session.ID)
	if d.PersonID != ids["Priya Nair"] || d.AgentID == nil || *d.AgentID != ids["Sam Gone"] || d.DebriefWithID != nil {
		t.Errorf("stored who %d, agent %v, debrief with %v", d.PersonID, d.AgentID, d.DebriefWithID)
	}
	// Reopened, the session still names the agent who left.
	s.openSession(d.ID)
	if f.agent.Text != "Sam Gone — Chat (left)" || f.who.Text != "Priya Nair — Chat" {
		t.Errorf("reopened as who %q, agent %q", f.who.Text, f.agent.Text)
	}
	// Typing that names no one is not saved as nobody.
	f.agent.SetText("Sam O")
	if f.save() || !strings.Contains(f.problems.Text, "choose the agent from the list") {
		t.Errorf("half-typed agent: saved, or said %q", f.problems.Text)
	}
	f.agent.SetText("")
	f.who.SetText("")
	if f.save() || !strings.Contains(f.problems.Text, "say who shadowed") {
		t.Errorf("nobody shadowed: saved, or said %q", f.problems.Text)
	}
}

// A new session starts with me as who shadowed; once one is saved, the next
// starts with its shadower and debrief lead.
func TestSessionRemembersWhoShadowedAndLedTheDebrief(t *testing.T) {
	s, _, ids, f := newSessionAs(t, "Zoe Lead", "Zoe Lead", "Sam Okafor", "Priya Nair")
	if f.who.chosen == nil || *f.who.chosen != ids["Zoe Lead"] || f.debriefWith.chosen != nil {
		t.Fatalf("a first session starts with who %q, debrief with %q; want me and nobody", f.who.Text, f.debriefWith.Text)
	}
	choosePerson(t, f.who, "sam")
	choosePerson(t, f.debriefWith, "priya")
	if !f.save() {
		t.Fatalf("not saved: %s", f.problems.Text)
	}
	s.newOn(screenShadowing)
	if f.session.ID != 0 || f.who.Text != "Sam Okafor — Chat" || f.debriefWith.Text != "Priya Nair — Chat" {
		t.Errorf("the next session starts with who %q, debrief with %q", f.who.Text, f.debriefWith.Text)
	}
}

// An idea becomes an action in one click, for the shadower, the debrief
// lead (on their list) or me, and each action names its own owner.
func TestSessionIdeasBecomeActionsForEachOwner(t *testing.T) {
	s, store, ids, f := newSessionAs(t, "Zoe Lead", "Zoe Lead", "Sam Okafor", "Priya Nair")
	choosePerson(t, f.who, "sam")
	choosePerson(t, f.debriefWith, "priya")
	test.Type(f.ideas.entry, "Call back instead of hold\nShare hold times\nAsk IT about refunds")
	if got := f.actions.owner.Options; !slices.Equal(got, []string{"Sam will", "Priya will", "I will"}) {
		t.Fatalf("owner choices %q", got)
	}
	if got := f.actions.owner.Selected; got != "Sam will" {
		t.Errorf("the owner first chosen is %q, want the shadower", got)
	}
	for i := range f.ideaList.ideas {
		f.actions.owner.SetSelectedIndex(i)
		idea := f.ideaList.list.create()
		f.ideaList.showIdea(i, idea)
		idea.(*fyne.Container).Objects[1].(*widget.Button).OnTapped()
	}
	want := []struct {
		person uint
		owner  model.Owner
		label  string
	}{
		{ids["Sam Okafor"], model.OwnerReport, "Sam will: Call back instead of hold"},
		{ids["Priya Nair"], model.OwnerReport, "Priya will: Share hold times"},
		{ids["Zoe Lead"], model.OwnerReport, "I will: Ask IT about refunds"},
	}
	d, err := store.Session(f.session.ID)
	if err != nil || len(d.Actions) != len(want) {
		t.Fatalf("%d actions stored (%v), want %d", len(d.Actions), err, len(want))
	}
	for i, w := range want {
		a := d.Actions[i]
		if a.PersonID != w.person || a.Owner != w.owner {
			t.Errorf("action %q stored for %d as %q, want %d as %q", a.Text, a.PersonID, a.Owner, w.person, w.owner)
		}
		if got := actionLabel(f.actions.actions[i], f.actions.nameFor(f.actions.actions[i])); got != w.label {
			t.Errorf("action %d reads %q, want %q", i, got, w.label)
		}
	}
	// The ideas show they are actions now, and cannot be made twice.
	row := f.ideaList.list.create()
	f.ideaList.showIdea(0, row)
	if l, b := row.(*fyne.Container).Objects[0].(*widget.Label), row.(*fyne.Container).Objects[1].(*widget.Button); !strings.HasSuffix(l.Text, "→ action") || !b.Disabled() {
		t.Errorf("a made idea reads %q, button disabled %v", l.Text, b.Disabled())
	}
	// Reopened, each action still names its owner.
	s.openSession(d.ID)
	for i, w := range want {
		if got := actionLabel(f.actions.actions[i], f.actions.nameFor(f.actions.actions[i])); got != w.label {
			t.Errorf("reopened, action %d reads %q, want %q", i, got, w.label)
		}
	}
	if acts, _ := store.OpenActions(ids["Priya Nair"]); len(acts) != 1 {
		t.Errorf("the debrief lead's list holds %d actions, want 1", len(acts))
	}
	// Mine is on my own list, whoever opens the app later.
	acts, _ := store.OpenActions(0)
	if len(acts) != 1 || !acts[0].Mine || listedAction(acts[0]) != "I will: Ask IT about refunds" {
		t.Errorf("my list holds %+v", acts)
	}
}

// The shadower, the agent and the debrief lead can each own an action, and
// "I will" is whichever of them is me: an action stays with one person
// whoever opens the app. Before, "I will" meant whoever opened it later,
// and an action given to the debrief lead reached none of her lists.
func TestSessionActionsStayWithTheirOwner(t *testing.T) {
	_, store, ids, f := newSessionAs(t, "Sam Okafor", "Lena Brandt", "Sam Okafor", "Priya Nair")
	choosePerson(t, f.agent, "priya")
	choosePerson(t, f.debriefWith, "lena")
	if got := f.actions.owner.Options; !slices.Equal(got, []string{"I will", "Priya will", "Lena will"}) {
		t.Fatalf("owner choices %q", got)
	}
	for i, text := range []string{"Share the re-ship wording", "Show the packed-box photo", "Ask IT for carrier status"} {
		f.actions.owner.SetSelectedIndex(i)
		f.actions.text.SetText(text)
		f.actions.add()
	}
	d, err := store.Session(f.session.ID)
	if err != nil || len(d.Actions) != 3 {
		t.Fatalf("%d actions stored (%v)", len(d.Actions), err)
	}
	for i, who := range []string{"Sam Okafor", "Priya Nair", "Lena Brandt"} {
		if a := d.Actions[i]; a.PersonID != ids[who] || a.Owner != model.OwnerReport {
			t.Errorf("%q is on %d's list as %q, want %s's", a.Text, a.PersonID, a.Owner, who)
		}
	}
	if err := store.SetMe(ids["Lena Brandt"]); err != nil {
		t.Fatal(err)
	}
	acts, _ := store.OpenActions(0)
	var mine []string
	for _, a := range acts {
		if a.Mine {
			mine = append(mine, listedAction(a))
		}
	}
	if !slices.Equal(mine, []string{"I will: Ask IT for carrier status"}) {
		t.Errorf("Lena's own actions: %q", mine)
	}
}

// The debrief offers three of the library's debrief prompts, others on
// asking, and another session starts with others.
func TestSessionOffersDebriefPrompts(t *testing.T) {
	s, store := newTestShell(t)
	s.newOn(screenShadowing)
	f := shadowing(s).form
	shown := func() []string {
		var out []string
		for _, l := range f.prompts.shown {
			if !l.Hidden {
				out = append(out, strings.TrimPrefix(l.Text, "• "))
			}
		}
		return out
	}
	debrief := map[string]bool{}
	all, err := store.Prompts(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		debrief[p.Text] = slices.Contains(p.FitList(), model.FitDebrief)
	}
	first := shown()
	if len(first) != promptsShown || f.prompts.another.Hidden {
		t.Fatalf("shown %q, another hidden %v", first, f.prompts.another.Hidden)
	}
	seen := map[string]bool{}
	for range 3 {
		for _, p := range shown() {
			if !debrief[p] {
				t.Errorf("%q is not a debrief prompt", p)
			}
			seen[p] = true
		}
		f.prompts.another.OnTapped()
	}
	if len(seen) != 8 {
		t.Errorf("%d debrief prompts seen after asking for others, want all 8", len(seen))
	}
	if !slices.Equal(shown(), first) {
		t.Errorf("after the last, %q; want the first again %q", shown(), first)
	}
	differ := false
	for i := range 5 {
		f.edit(model.SessionDetail{Session: model.Session{ID: uint(100 + i)}})
		differ = differ || !slices.Equal(shown(), first)
	}
	if !differ {
		t.Error("every session offers the same prompts")
	}
}

// A new session with something typed and erased again is not kept: before,
// leaving it stored a blank session in the list.
func TestNewSessionTypedAndErasedIsNotKept(t *testing.T) {
	s, store := newTestShell(t)
	addPeople(t, store, nil, "Sam Okafor")
	s.newOn(screenShadowing)
	f := shadowing(s).form
	choosePerson(t, f.who, "sam")
	test.Type(f.journey, "x")
	f.journey.SetText("")
	if !f.flush() {
		t.Fatal("leaving a blank session failed")
	}
	if n, _ := store.CountSessions(model.SessionFilter{}); n != 0 {
		t.Errorf("%d sessions stored from a form typed in and erased", n)
	}
	test.Type(f.journey, "Returning shoes")
	if !f.flush() {
		t.Fatalf("not saved: %s", f.problems.Text)
	}
	if n, _ := store.CountSessions(model.SessionFilter{}); n != 1 {
		t.Errorf("%d sessions stored, want the one written", n)
	}
}

// newSessionAs opens a new shadowing session with people on the roster and
// me one of them.
func newSessionAs(t *testing.T, me string, people ...string) (*shell, *model.Store, map[string]uint, *sessionForm) {
	t.Helper()
	s, store := newTestShell(t)
	ids := addPeople(t, store, nil, people...)
	if err := store.SetMe(ids[me]); err != nil {
		t.Fatal(err)
	}
	s.newOn(screenShadowing)
	return s, store, ids, shadowing(s).form
}
