package model

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"solemate/assets"
)

func TestLibraryLoadsOnceWithEveryTheme(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	for i := 0; i < 2; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		ps, err := s.Prompts(true)
		if err != nil {
			t.Fatal(err)
		}
		themes, _ := s.PromptThemes()
		if len(ps) < 60 || len(themes) != 14 {
			t.Errorf("open #%d: %d prompts in %d themes, want ≥ 60 in 14", i+1, len(ps), len(themes))
		}
		for _, theme := range []string{ThemeFollowUp, ThemeNewHire, ThemePeople, ThemeAsk, ThemeAvailable, ThemeListen} {
			if !strings.Contains(strings.Join(themes, "|"), theme) {
				t.Errorf("the rules need the theme %q", theme)
			}
		}
		s.Close()
	}
	if len(assets.PromptsJSON) == 0 {
		t.Fatal("no embedded library")
	}
}

func TestLibraryUpgradeKeepsUserChanges(t *testing.T) {
	s := newTestStore(t)
	lib := func(prompts ...string) []byte {
		return []byte(`{"version": 2, "prompts": [` + strings.Join(prompts, ",") + `]}`)
	}
	p := func(key, text string) string {
		return fmt.Sprintf(`{"key": %q, "theme": "Courage", "text": %q, "fits": ["during"]}`, key, text)
	}
	byKey := func() map[string]Prompt {
		var all []Prompt
		s.db.Where("key LIKE 't-%'").Find(&all)
		m := map[string]Prompt{}
		for _, x := range all {
			m[x.Key] = x
		}
		return m
	}
	if err := loadLibrary(s.db, lib(p("t-edit", "v1"), p("t-del", "v1"), p("t-plain", "v1"))); err != nil {
		t.Fatal(err)
	}
	got := byKey()
	edited := got["t-edit"]
	edited.Text = "my own words"
	if err := s.SavePrompt(&edited); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePrompt(got["t-del"].ID); err != nil {
		t.Fatal(err)
	}
	if err := loadLibrary(s.db, lib(p("t-edit", "v2"), p("t-del", "v2"), p("t-plain", "v2"), p("t-new", "v2"))); err != nil {
		t.Fatal(err)
	}
	got = byKey()
	if len(got) != 4 {
		t.Fatalf("prompts after upgrade: %v", got)
	}
	if got["t-edit"].Text != "my own words" || !got["t-del"].Deleted || got["t-plain"].Text != "v2" || got["t-new"].Text != "v2" {
		t.Errorf("after upgrade: edit %q, deleted %v, plain %q, new %q", got["t-edit"].Text, got["t-del"].Deleted, got["t-plain"].Text, got["t-new"].Text)
	}
	if err := loadLibrary(s.db, []byte("{not json")); err == nil {
		t.Error("a broken library should be an error")
	}
}

func TestUserPromptsAndFlags(t *testing.T) {
	s := newTestStore(t)
	mine := Prompt{Theme: "Rituals", Text: "What should we stop doing as a team?", Fits: JoinFits([]Fit{FitDuring})}
	if err := s.SavePrompt(&mine); err != nil {
		t.Fatal(err)
	}
	var v *ValidationError
	if err := s.SavePrompt(&Prompt{Theme: " ", Text: " ", Fits: "sometimes"}); !errors.As(err, &v) || v.For("text") == "" || v.For("theme") == "" || v.For("fits") == "" {
		t.Errorf("bad prompt: %v", err)
	}
	themes, _ := s.PromptThemes()
	if !strings.Contains(strings.Join(themes, "|"), "Rituals") {
		t.Errorf("a user's theme should be offered: %v", themes)
	}
	if err := s.SetPromptStarred(mine.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPromptHidden(mine.ID, true); err != nil {
		t.Fatal(err)
	}
	visible, _ := s.Prompts(false)
	all, _ := s.Prompts(true)
	if len(all) != len(visible)+1 {
		t.Errorf("hidden prompt: %d visible of %d", len(visible), len(all))
	}
	got, _ := s.Prompt(mine.ID)
	if !got.Starred || !got.Hidden || got.Edited {
		t.Errorf("flags: %+v", got)
	}
}

func TestPromptOfTheDayNeverRepeatsTwoDaysRunning(t *testing.T) {
	s := newTestStore(t)
	prev := uint(0)
	seen := map[uint]bool{}
	for i := 0; i < 90; i++ {
		p, err := s.PromptOfTheDay(NewDate(2026, 1, 1).AddDays(i))
		if err != nil {
			t.Fatal(err)
		}
		if p.ID == prev || p.Hidden {
			t.Fatalf("day %d: prompt %d again", i, p.ID)
		}
		prev = p.ID
		seen[p.ID] = true
	}
	if len(seen) < 30 {
		t.Errorf("only %d different prompts in 90 days", len(seen))
	}
	// Adding a prompt of your own leaves today's as it was (unless it wins).
	today, _ := s.PromptOfTheDay(s.Today())
	if err := s.SavePrompt(&Prompt{Theme: "Mine", Text: "A new one", Fits: "during"}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.PromptOfTheDay(s.Today())
	if after.ID != today.ID && after.Text != "A new one" {
		t.Errorf("adding a prompt changed today's from %q to %q", today.Text, after.Text)
	}
}

// promptOfDay starts its walk a day or two back; it must pick what walking
// the whole chain from the epoch picks, as PromptOfTheDay always did.
func TestPromptOfDayIsTheChainFromTheEpoch(t *testing.T) {
	chain := func(ids []uint, day int) int {
		pick := func(day, not int) int {
			best, bestH := -1, uint64(0)
			for i, id := range ids {
				if i == not && len(ids) > 1 {
					continue
				}
				if v := mix(uint64(day)<<32 | uint64(id)); best < 0 || v < bestH {
					best, bestH = i, v
				}
			}
			return best
		}
		prev := -1
		for d := 0; d <= day; d++ {
			prev = pick(d, prev)
		}
		if prev < 0 {
			prev = pick(day, -1)
		}
		return prev
	}
	for _, n := range []int{1, 2, 3, 7, 64} {
		ids := make([]uint, n)
		for i := range ids {
			ids[i] = uint(3*i + 5) // gaps, as hidden and deleted prompts leave
		}
		for day := -3; day < 1500; day++ {
			if got, want := promptOfDay(ids, day), chain(ids, day); got != want {
				t.Fatalf("%d prompts, day %d: prompt %d, the chain gives %d", n, day, got, want)
			}
		}
	}
}

// suggestFixture is a person with a history built by the arguments.
type suggestCase struct {
	name     string
	started  int      // days ago; 0 = no start date
	meetings []string // per meeting, oldest first: items as "w:text", "n:text" (non-work, open) or "p:text" (non-work pulse)
	pulses   []int    // ratings of the meetings, same order
	lastAgo  int      // days since the last meeting
	want     []string // rules expected in order among the first three
	notWant  []string
}

func TestSuggestRules(t *testing.T) {
	week := []string{"w:Refund tool"}
	tests := []suggestCase{
		{name: "follow-up fires", meetings: []string{"n:Moving house"}, lastAgo: 7, want: []string{"followup"}},
		{name: "family illness two weeks ago", meetings: []string{"n:Dad in hospital", "w:Backlog"}, lastAgo: 7, want: []string{"followup"}},
		{name: "done non-work item does not", meetings: []string{"w:Backlog"}, lastAgo: 7, notWant: []string{"followup"}},
		{name: "a feeling about the team is no event to follow up", meetings: []string{"p:Misses the old shift"}, lastAgo: 7, notWant: []string{"followup"}},
		{name: "asked already does not", meetings: []string{"a:Moving house"}, lastAgo: 7, notWant: []string{"followup"}},
		{name: "a follow-up day to come does not", meetings: []string{"f:Surgery on the 20th"}, lastAgo: 7, notWant: []string{"followup"}},
		{name: "new hire fires", started: 10, want: []string{"newhire"}},
		{name: "not new after 30 days", started: 40, notWant: []string{"newhire"}},
		{name: "pulse drop fires", meetings: []string{"w:a", "w:b", "w:c", "n:d"}, pulses: []int{4, 5, 4, 2}, lastAgo: 3, want: []string{"followup", "pulse"}},
		{name: "small pulse dip does not", meetings: []string{"w:a", "w:b", "w:c"}, pulses: []int{4, 4, 3}, lastAgo: 3, notWant: []string{"pulse"}},
		{name: "no non-work fires", meetings: []string{week[0], week[0], week[0]}, lastAgo: 3, want: []string{"nonwork"}},
		{name: "a non-work item stops it", meetings: []string{week[0], "n:Gym", week[0]}, lastAgo: 3, notWant: []string{"nonwork"}},
		{name: "long gap fires", meetings: []string{"w:a"}, lastAgo: 30, want: []string{"gap"}},
		{name: "recent meeting is no gap", meetings: []string{"w:a"}, lastAgo: 5, notWant: []string{"gap"}},
		{name: "order: follow-up, new hire, gap", started: 12, meetings: []string{"n:School play"}, lastAgo: 20, want: []string{"followup", "newhire", "gap"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			p := suggestPerson(t, s, tt)
			got, err := s.Suggest(p.ID, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 {
				t.Fatalf("%d suggestions, want 3", len(got))
			}
			var rules []string
			for _, g := range got {
				rules = append(rules, g.Rule)
				if g.Reason == "" {
					t.Errorf("suggestion %q gives no reason", g.Prompt.Text)
				}
			}
			if len(tt.want) > 0 && strings.Join(rules[:len(tt.want)], ",") != strings.Join(tt.want, ",") {
				t.Errorf("rules = %v, want first %v", rules, tt.want)
			}
			for _, nw := range tt.notWant {
				if strings.Contains(strings.Join(rules, ","), nw) {
					t.Errorf("rules = %v; %s should not fire", rules, nw)
				}
			}
		})
	}
}

func TestSuggestionReasonsNameWhatTheySaid(t *testing.T) {
	s := newTestStore(t)
	p := suggestPerson(t, s, suggestCase{meetings: []string{"n:Mum's illness"}, lastAgo: 14})
	got, err := s.Suggest(p.ID, 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Rule != "followup" || got[0].Reason != "Last time: Mum's illness — ask how it went" || got[0].Prompt.Theme != ThemeFollowUp {
		t.Errorf("first suggestion = %+v", got[0])
	}
}

// A reason may be read aloud in meeting mode: a private item's says so.
func TestSuggestionReasonsMarkWhatIsPrivate(t *testing.T) {
	s := newTestStore(t)
	p := suggestPerson(t, s, suggestCase{meetings: []string{"x:Mum's surgery"}, lastAgo: 7})
	got, err := s.Suggest(p.ID, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Last time: (private) Mum's surgery — ask how it went"; got[0].Reason != want {
		t.Errorf("reason %q, want %q", got[0].Reason, want)
	}
}

// "Last time" is said only of the last one-on-one; what was said before it
// is named by its day.
func TestSuggestionSaysWhenItWasSaid(t *testing.T) {
	s := newTestStore(t)
	p := suggestPerson(t, s, suggestCase{meetings: []string{"n:Finished the kitchen", "w:Backlog"}, lastAgo: 7})
	got, err := s.Suggest(p.ID, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := "On Tue 24 Feb: Finished the kitchen — ask how it went"; got[0].Reason != want {
		t.Errorf("reason %q, want %q", got[0].Reason, want)
	}
}

func TestSuggestRotatesAskedPrompts(t *testing.T) {
	s := newTestStore(t)
	p := suggestPerson(t, s, suggestCase{meetings: []string{"n:Moving house"}, lastAgo: 7})
	var order []uint
	seen := map[uint]bool{}
	for day := 0; ; day++ {
		now := fixedNow.Add(time.Duration(day) * 24 * time.Hour)
		s.Now = func() time.Time { return now }
		got, err := s.Suggest(p.ID, 0, 3)
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Rule != "followup" {
			break // every follow-up prompt was asked recently
		}
		if seen[got[0].Prompt.ID] {
			t.Fatalf("day %d: %q suggested again within six weeks", day, got[0].Prompt.Text)
		}
		seen[got[0].Prompt.ID] = true
		order = append(order, got[0].Prompt.ID)
		if _, err := s.MarkAsked(got[0].Prompt.ID, p.ID, nil); err != nil {
			t.Fatal(err)
		}
	}
	if len(order) < 4 {
		t.Fatalf("only %d follow-up prompts rotated", len(order))
	}
	// Six weeks after the first was asked, it is the one that comes back.
	later := fixedNow.Add((rotateDays + 1) * 24 * time.Hour)
	s.Now = func() time.Time { return later }
	got, _ := s.Suggest(p.ID, 0, 1)
	if got[0].Rule != "followup" || got[0].Prompt.ID != order[0] {
		t.Errorf("after six weeks want the prompt asked first back, got %+v", got[0])
	}
}

func TestSuggestLooksBeforeTheMeetingBeingHeld(t *testing.T) {
	s := newTestStore(t)
	p := suggestPerson(t, s, suggestCase{meetings: []string{"n:Moving house"}, lastAgo: 7})
	now := mustStart(t, s, p.ID, fixedNow)
	got, err := s.Suggest(p.ID, now.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Rule != "followup" {
		t.Errorf("during a new one-on-one the last one is the one before it: %+v", got[0])
	}
}

func suggestPerson(t *testing.T, s *Store, c suggestCase) Person {
	t.Helper()
	p := Person{Name: "Test Person"}
	if c.started > 0 {
		p.StartDate = s.Today().AddDays(-c.started)
	}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	n := len(c.meetings)
	for i, items := range c.meetings {
		at := fixedNow.Add(-time.Duration(c.lastAgo+7*(n-1-i)) * 24 * time.Hour)
		o := mustStart(t, s, p.ID, at)
		for _, spec := range strings.Split(items, ";") {
			kind, text, _ := strings.Cut(spec, ":")
			heading := HeadingProgress
			if kind == "p" {
				heading = HeadingPulse
			}
			it, err := s.AddItem(o.ID, heading, text, kind != "w")
			if err != nil {
				t.Fatal(err)
			}
			// w: work, done; a: non-work, asked; f: non-work, to ask
			// about next week; x: non-work, private; n, p: non-work.
			switch kind {
			case "w":
				it.Status = ItemDone
			case "a":
				it.FollowUp, it.AskedOn = s.Today().AddDays(-1), s.Today().AddDays(-1)
			case "f":
				it.FollowUp = s.Today().AddDays(7)
			case "x":
				it.Private = true
			}
			if err := s.UpdateItem(&it); err != nil {
				t.Fatal(err)
			}
		}
		if i < len(c.pulses) {
			o.PulseRating = c.pulses[i]
			if err := s.SaveOneOnOne(&o); err != nil {
				t.Fatal(err)
			}
		}
	}
	return p
}

// A past one-on-one is shown as of its own date: what came later (meetings,
// follow-ups written in it, prompts asked afterwards, the days gone by since)
// never changes its suggestions.
func TestSuggestForAPastMeetingIsTheSameWhateverToday(t *testing.T) {
	s := newTestStore(t)
	p := suggestPerson(t, s, suggestCase{started: 10})
	first := mustStart(t, s, p.ID, fixedNow)
	it, err := s.AddItem(first.ID, HeadingProgress, "Sister's wedding on Saturday", true)
	if err != nil {
		t.Fatal(err)
	}
	it.FollowUp = s.Today().AddDays(3)
	if err := s.UpdateItem(&it); err != nil {
		t.Fatal(err)
	}
	then, err := s.Suggest(p.ID, first.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range then {
		if g.Rule == "followup" || g.Rule == "gap" {
			t.Errorf("a first one-on-one suggests %s: %q", g.Rule, g.Reason)
		}
	}
	if then[0].Rule != "newhire" || then[0].Reason != "Day 11 at the company: help them leave old habits behind" {
		t.Errorf("first suggestion = %+v, want day 11 of a new hire", then[0])
	}
	// Two months on, after another meeting and prompts asked in it.
	later := fixedNow.Add(60 * 24 * time.Hour)
	s.Now = func() time.Time { return later }
	second := mustStart(t, s, p.ID, later)
	for _, g := range then {
		if _, err := s.MarkAsked(g.Prompt.ID, p.ID, &second.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, day := range []int{0, 1, 400} {
		now := later.Add(time.Duration(day) * 24 * time.Hour)
		s.Now = func() time.Time { return now }
		again, err := s.Suggest(p.ID, first.ID, 3)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(suggestionKeys(again), suggestionKeys(then)) {
			t.Errorf("%d days later the first meeting suggests %v, want %v", 60+day, suggestionKeys(again), suggestionKeys(then))
		}
	}
	// The second meeting, as of its own day, follows up what the first raised.
	got, err := s.Suggest(p.ID, second.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Rule != "followup" || !strings.Contains(got[0].Reason, "Sister's wedding") {
		t.Errorf("second meeting: %+v", got[0])
	}
}

func suggestionKeys(sugs []Suggestion) []string {
	out := make([]string, len(sugs))
	for i, g := range sugs {
		out[i] = fmt.Sprintf("%d %s %s", g.Prompt.ID, g.Rule, g.Reason)
	}
	return out
}

// A prompt asked while the one-on-one was a draft is logged in it once it
// is stored; one logged in another one-on-one stays there.
func TestMoveAsked(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Amara Okafor")
	first := mustStart(t, s, p.ID, fixedNow.Add(-time.Hour))
	sugs, err := s.Suggest(p.ID, 0, 2)
	if err != nil || len(sugs) < 2 {
		t.Fatalf("%d suggestions, %v", len(sugs), err)
	}
	onDraft, err := s.MarkAsked(sugs[0].Prompt.ID, p.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := s.MarkAsked(sugs[1].Prompt.ID, p.ID, &first.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := mustStart(t, s, p.ID, fixedNow)
	if err := s.MoveAsked([]uint{onDraft, elsewhere}, m.ID); err != nil {
		t.Fatal(err)
	}
	for use, want := range map[uint]uint{onDraft: m.ID, elsewhere: first.ID} {
		var u PromptUse
		if err := s.db.First(&u, use).Error; err != nil || u.OneOnOneID == nil || *u.OneOnOneID != want {
			t.Errorf("use %d in %v, want %d (%v)", use, u.OneOnOneID, want, err)
		}
	}
}
