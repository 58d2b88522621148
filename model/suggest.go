package model

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"
)

// Themes the rules draw on; they are the library's theme names.
const (
	ThemeFollowUp  = "Follow up on what they shared"
	ThemeNewHire   = "Guiding new hires"
	ThemePeople    = "People, not metrics"
	ThemeAsk       = "Ask better questions"
	ThemeAvailable = "Be available before problems flare up"
	ThemeListen    = "Listen deeply"
)

const (
	// rotateDays is how long an asked prompt stays out of that person's
	// suggestions.
	rotateDays = 42
	// newHireDays is how long someone counts as new.
	newHireDays = 30
)

// Suggestion is a prompt chosen for a person, with the reason it was chosen.
type Suggestion struct {
	Prompt Prompt
	Rule   string // which rule chose it: followup, newhire, pulse, nonwork, gap, favourite, any
	Reason string
}

// suggestContext is what the rules look at.
type suggestContext struct {
	person   Person
	today    Date
	followUp string // text of the most pressing follow-up or open non-work item
	// followUpPrivate marks it private: the reason may be read aloud
	followUpPrivate bool
	// when it was said, and whether that was the last one-on-one
	followUpSaid time.Time
	followUpLast bool
	meetings     int // one-on-ones so far
	nonWork      int // non-work items in the last three one-on-ones
	pulse        []PulsePoint
	used         map[uint]time.Time // prompt → last asked of this person
	recent       map[uint]bool      // asked within rotateDays
	prompts      []Prompt           // visible prompts
	maxGap       int                // days between one-on-ones that count as a long gap
	daysSince    int
	training     Training // the cohort they train in now; no CohortID when none
}

// Suggest picks up to n prompts for a conversation with a person, each with
// the reason it was chosen. Rules, in order: something they shared to follow
// up on; their first 30 days, or their cohort's whole program; a pulse that
// fell by 2 or more against their average; nothing outside work in the last
// three one-on-ones; a long gap; then favourites and general prompts.
// Prompts asked of them in the last six weeks are left out, and among
// equals the one asked longest ago comes first.
// current is the one-on-one being held (0 when preparing); the rules look at
// the ones before it.
func (s *Store) Suggest(personID, current uint, n int) ([]Suggestion, error) {
	c, err := s.suggestContext(personID, current)
	if err != nil {
		return nil, fmt.Errorf("suggest prompts: %w", err)
	}
	type rule struct {
		name, theme string
		fires       bool
		reason      string
	}
	days := 0
	if !c.person.StartDate.IsZero() {
		days = c.person.StartDate.DaysUntil(c.today)
	}
	drop, avg, last := pulseDrop(c.pulse)
	rules := []rule{
		{"followup", ThemeFollowUp, c.followUp != "", fmt.Sprintf("%s: %s%s — ask how it went", c.followUpWhen(), c.privateMark(), Ellipsize(c.followUp, 60))},
		{"newhire", ThemeNewHire, c.training.CohortID != 0 || !c.person.StartDate.IsZero() && days >= 0 && days < newHireDays, c.newHireReason(days)},
		{"pulse", ThemePeople, drop, fmt.Sprintf("Pulse fell to %d, against an average of %.1f", last, avg)},
		{"nonwork", ThemeAsk, c.meetings >= 3 && c.nonWork == 0, "Nothing outside work in the last three one-on-ones"},
		{"gap", ThemeAvailable, c.meetings > 0 && c.daysSince > c.maxGap, fmt.Sprintf("%d days since your last one-on-one", c.daysSince)},
	}
	var out []Suggestion
	taken := map[uint]bool{}
	add := func(p Prompt, name, reason string) {
		taken[p.ID] = true
		out = append(out, Suggestion{Prompt: p, Rule: name, Reason: reason})
	}
	for _, r := range rules {
		if len(out) == n {
			return out, nil
		}
		if !r.fires {
			continue
		}
		if p, ok := c.pick(taken, func(p Prompt) bool { return p.Theme == r.theme }); ok {
			add(p, r.name, r.reason)
		}
	}
	for len(out) < n {
		if p, ok := c.pick(taken, func(p Prompt) bool { return p.Starred }); ok {
			add(p, "favourite", "One of your favourites")
			continue
		}
		p, ok := c.pick(taken, func(p Prompt) bool { return slices.Contains(p.FitList(), FitDuring) })
		if !ok {
			break
		}
		add(p, "any", "Good for any week")
	}
	return out, nil
}

// newHireReason says why onboarding prompts fit: the day at the company,
// and the cohort while they train (a program runs about eight weeks, past
// their first thirty days).
func (c *suggestContext) newHireReason(days int) string {
	if c.training.CohortID != 0 {
		return fmt.Sprintf("In training with %s until %s: help them leave old habits behind", c.training.CohortName, c.training.Until.Time().Format("Mon 2 Jan"))
	}
	return fmt.Sprintf("Day %d at the company: help them leave old habits behind", days+1)
}

// pick returns the matching prompt not asked recently and not taken, the
// one asked longest ago first (never asked before all). Among equals the
// order is shuffled by person and week, so people with no history yet are
// not all offered the same prompts, week after week.
func (c *suggestContext) pick(taken map[uint]bool, match func(Prompt) bool) (Prompt, bool) {
	var best Prompt
	found := false
	for _, p := range c.prompts {
		if taken[p.ID] || c.recent[p.ID] || !match(p) {
			continue
		}
		at, bestAt := c.used[p.ID], c.used[best.ID]
		if !found || at.Before(bestAt) || at.Equal(bestAt) && c.shuffle(p.ID) < c.shuffle(best.ID) {
			best, found = p, true
		}
	}
	return best, found
}

// shuffle ranks a prompt for this person this week: the same all week,
// another the next.
func (c *suggestContext) shuffle(promptID uint) uint64 {
	year, week := c.today.Time().ISOWeek()
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%d/%d/%d", c.person.ID, year, week, promptID)
	return h.Sum64()
}

// suggestContext gathers what the rules look at as of the one-on-one being
// held (its own date, so a past meeting reads as it did then), or as of now
// when preparing: only what was said and asked before it counts.
func (s *Store) suggestContext(personID, current uint) (*suggestContext, error) {
	asOf := s.now()
	if current != 0 {
		var m OneOnOne
		if err := s.db.Select("held_at").Where("id = ? AND person_id = ?", current, personID).Take(&m).Error; err != nil {
			return nil, fmt.Errorf("one-on-one %d: %w", current, err)
		}
		asOf = m.HeldAt
	}
	asOf = asOf.UTC()
	c := &suggestContext{today: DateOf(asOf.Local()), used: map[uint]time.Time{}, recent: map[uint]bool{}}
	var err error
	if c.person, err = s.Person(personID); err != nil {
		return nil, err
	}
	// Whoever trained then, whatever their standing since: a past meeting
	// reads as it did.
	if c.training, _, err = s.trainingOn(personID, c.today, HireActive, HireExtended, HireGraduated, HireTookOffer); err != nil {
		return nil, err
	}
	// Meetings before this one: earlier, or at the same minute with a lower ID.
	earlier := s.db.Where("person_id = ? AND id <> ?", personID, current)
	if current != 0 {
		earlier = earlier.Where("held_at < ? OR (held_at = ? AND id < ?)", asOf, asOf, current)
	}
	if err := s.db.Where("NOT deleted AND NOT hidden").Order("id").Find(&c.prompts).Error; err != nil {
		return nil, err
	}
	var uses []PromptUse
	// What was asked in this meeting counts whenever it was logged.
	if err := s.db.Where("person_id = ? AND (asked_at <= ? OR one_on_one_id = ?)", personID, asOf, current).Order("asked_at").Find(&uses).Error; err != nil {
		return nil, err
	}
	cutoff := asOf.Add(-rotateDays * 24 * time.Hour)
	for _, u := range uses {
		c.used[u.PromptID] = u.AskedAt
		if u.AskedAt.After(cutoff) {
			c.recent[u.PromptID] = true
		}
	}
	var last []OneOnOne
	if err := s.db.Where(earlier).Order("held_at DESC, id DESC").Limit(3).Find(&last).Error; err != nil {
		return nil, err
	}
	var total int64
	if err := s.db.Model(&OneOnOne{}).Where(earlier).Count(&total).Error; err != nil {
		return nil, err
	}
	c.meetings = int(total)
	if len(last) > 0 {
		c.daysSince = DateOf(last[0].HeldAt.Local()).DaysUntil(c.today)
		ids := make([]uint, len(last))
		for i, m := range last {
			ids[i] = m.ID
		}
		var n int64
		if err := s.db.Model(&Item{}).Where("one_on_one_id IN ? AND non_work", ids).Count(&n).Error; err != nil {
			return nil, err
		}
		c.nonWork = int(n)
		// An open non-work item from the last few one-on-ones is worth asking
		// about, the most recent first; a feeling about the team (pulse) is
		// not an event to ask how it went, nor is what was asked already or
		// has a day to be asked on that has not come.
		var open []Item
		err := s.db.Table("one_on_one_items AS i").Select("i.*").Joins("JOIN one_on_ones o ON o.id = i.one_on_one_id").
			Where("i.one_on_one_id IN ? AND i.non_work AND i.status = ? AND i.heading <> ? AND i.asked_on IS NULL AND (i.follow_up IS NULL OR i.follow_up <= ?)",
				ids, ItemOpen, HeadingPulse, c.today).
			Order("o.held_at DESC, i.position, i.id").Limit(1).Find(&open).Error
		if err != nil {
			return nil, err
		}
		if len(open) > 0 {
			c.setFollowUp(open[0], last)
		}
	}
	// A dated follow-up that is due wins over an undated non-work item.
	before := time.Time{}
	if current != 0 {
		before = asOf
	}
	fus, err := s.followUps(personID, before)
	if err != nil {
		return nil, err
	}
	for _, f := range fus {
		if !c.today.Before(f.FollowUp) {
			c.setFollowUp(f.Item, last)
			c.followUpSaid = f.RaisedAt
			break
		}
	}
	if c.pulse, err = s.PulseHistory(personID); err != nil {
		return nil, err
	}
	c.pulse = slices.DeleteFunc(c.pulse, func(p PulsePoint) bool { return p.HeldAt.After(asOf) })
	// A week past the cadence counts as a long gap.
	c.maxGap = c.today.DaysUntil(c.person.Cadence.Next(c.today)) + 7
	return c, nil
}

// setFollowUp keeps what to follow up on and when it was said, out of the
// last one-on-ones (newest first) when it was said in one of them.
func (c *suggestContext) setFollowUp(it Item, last []OneOnOne) {
	c.followUp, c.followUpPrivate, c.followUpLast, c.followUpSaid = it.Text, it.Private, false, time.Time{}
	for i, m := range last {
		if m.ID == it.OneOnOneID {
			c.followUpLast, c.followUpSaid = i == 0, m.HeldAt
		}
	}
}

// privateMark names a private follow-up as such, before its text.
func (c *suggestContext) privateMark() string {
	if c.followUpPrivate {
		return "(private) "
	}
	return ""
}

// followUpWhen says when what is followed up on was said: "Last time" only
// when it was.
func (c *suggestContext) followUpWhen() string {
	if c.followUpLast || c.followUpSaid.IsZero() {
		return "Last time"
	}
	return "On " + c.followUpSaid.Local().Format("Mon 2 Jan")
}

// pulseDrop reports whether the latest pulse is 2 or more below the average
// of the ones before it (at least two of them).
func pulseDrop(pts []PulsePoint) (bool, float64, int) {
	if len(pts) < 3 {
		return false, 0, 0
	}
	sum := 0
	for _, p := range pts[:len(pts)-1] {
		sum += p.Rating
	}
	avg := float64(sum) / float64(len(pts)-1)
	last := pts[len(pts)-1].Rating
	return avg-float64(last) >= 2, avg, last
}

// Ellipsize shortens s to n characters, ending in "…" when cut.
func Ellipsize(s string, n int) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
