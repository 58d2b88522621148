package model

import (
	"slices"
	"time"

	"gorm.io/gorm"
)

// Demo vocabulary for one-on-ones, by heading: work items, then non-work.
// Slots ({customer}, {day}, ...) are filled in as each is written.
var demoItems = map[Heading][2][]string{
	HeadingProgress: {{
		"Turned a furious refund call from {customer} into a thank-you email",
		"Cleared the weekend email backlog by {day}",
		"Answered every social post within ten minutes on {day}",
		"Sent a handwritten card to {customer} after their parcel went missing",
		"Helped {colleague} with the returns flow",
		"Wrote a short guide on exchanging damaged {product}",
		"First week with no escalations",
		"{customer} asked for them by name in a survey",
		"Found the lost parcel for {order} and rang the customer before they chased",
	}, {
		"Ran a half marathon on Sunday",
		"Finished the kitchen renovation",
		"Daughter started school and loves it",
		"Got back into painting in the evenings",
		"Passed the driving test",
	}},
	HeadingObstacles: {{
		"Refund tool times out on orders older than 90 days ({order} took three tries)",
		"Chat queue spikes after the 11:00 newsletter",
		"Headset crackles on long calls",
		"Unclear who approves replacements over 200",
		"Stock page showed {product} in stock that had sold out",
		"Canned replies for delivery delays sound robotic",
	}, {
		"Moving house at the end of the month",
		"Dad is in hospital for a few days",
		"Childcare falls through on Wednesdays",
		"Sleeping badly since the new baby",
		"Commute doubled with the roadworks",
	}},
	HeadingFocus: {{
		"Shadow {colleague} on the social channel",
		"Try calling back instead of emailing on delayed orders",
		"Draft three personal openings for chat",
		"Learn the exchange flow for international orders",
		"Pair with the warehouse team on {day} morning",
		"Own the follow-ups on the lost-parcel cases",
	}, {
		"Take {day} afternoon off for the school show",
		"Start the evening Spanish course",
		"Leave on time on Thursdays for football",
	}},
	HeadingPulse: {{
		"Team feels stretched since two people left",
		"Likes the new freedom to send replacements",
		"Wants clearer news about the new phone system",
		"Proud of the customer feedback this month",
	}, {
		"Enjoys the Friday team lunches",
		"Misses working with the old shift",
	}},
}

var demoNotes = []string{
	"Walked by the river; easier to talk about the hard week away from the desk.",
	"Good energy. Asked for more complex cases.",
	"Quiet at first; opened up when we talked about the customer who wrote in.",
	"Agreed to revisit the rota next week.",
	"",
	"",
}

var demoPrivateNotes = []string{
	"Mentioned feeling burnt out; check in again soon.",
	"Worried about a family member's health. Be flexible with hours.",
	"Considering a move to the training team.",
}

var demoActions = []string{
	"Ask IT about the refund tool timeout",
	"Book a shadowing slot on the social channel",
	"Send the updated replacement guidelines",
	"Swap the Wednesday shift",
	"Share the customer's thank-you note with the team",
}

// demoMeetings gives everyone with one-on-ones a history since they started
// or since the history begins, until they left: items under all four
// headings, carried over as the real rule carries them, pulse ratings that
// wander, follow-ups, actions and a few private notes.
func (g *demoGen) demoMeetings(tx *gorm.DB, people []Person) error {
	var who []Person
	for _, p := range people {
		_, former := g.left[p.ID]
		if (p.Status == StatusActive || former) && p.Role != RoleManager {
			who = append(who, p)
		}
	}
	b, err := newDemoBatch(tx)
	if err != nil {
		return err
	}
	for n, p := range who {
		cadence := CadenceWeekly
		switch g.rng.IntN(6) {
		case 0:
			cadence = CadenceBiweekly
		case 1:
			cadence = CadenceMonthly
		}
		if err := tx.Model(&Person{}).Where("id = ?", p.ID).Update("cadence", cadence).Error; err != nil {
			return err
		}
		pulse := 3 + g.rng.IntN(2)
		hour := 9 + g.rng.IntN(7)
		until := g.today
		if d, ok := g.left[p.ID]; ok {
			until = d
		}
		shared := map[string]bool{} // what they told of their own life, told once
		for day := g.historyStart(); day.Before(until); {
			// A weekend meeting moves to a weekday, never onto the last day.
			if held := weekday(day); !held.Before(p.StartDate) && held.Before(until) {
				at := time.Date(held.Time().Year(), held.Time().Month(), held.Time().Day(), hour, 0, 0, 0, time.Local)
				g.demoMeeting(b, p, at, &pulse, shared)
			}
			// Sometimes a meeting slips a day or two.
			day = cadence.Next(day).AddDays(g.rng.IntN(3) - 1)
		}
		delete(g.open, p.ID)
		if len(b.items) >= demoBatchSize || n == len(who)-1 {
			if err := b.flush(tx); err != nil {
				return err
			}
		}
		if g.progress != nil {
			g.progress(n+1, len(who))
		}
	}
	return nil
}

// demoBatch collects one-on-ones and what was said in them, with their IDs
// given up front, and writes them thousands of rows to a statement: a long
// history has half a million rows, too many to write one at a time.
type demoBatch struct {
	nextMeeting, nextItem uint
	meetings              []OneOnOne
	notes                 []privateNote
	items                 []Item
	carries               []carryLink
	actions               []Action
	closed                []uint
}

// demoBatchSize is how many items the demo holds before writing.
const demoBatchSize = 20000

// carryLink is a row of carry_overs: an item brought into a later meeting.
type carryLink struct{ OneOnOneID, ItemID uint }

func (carryLink) TableName() string { return "carry_overs" }

func newDemoBatch(tx *gorm.DB) (*demoBatch, error) {
	var b demoBatch
	var err error
	if b.nextMeeting, err = nextID(tx, "one_on_ones"); err == nil {
		b.nextItem, err = nextID(tx, "one_on_one_items")
	}
	return &b, err
}

// nextID is the ID after the highest in table, for rows the demo numbers
// itself.
func nextID(tx *gorm.DB, table string) (uint, error) {
	var id uint
	err := tx.Raw("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table).Scan(&id).Error
	return id, err
}

// flush writes meetings before their items (the search index reads the
// meeting of an item) and closes items once they are written.
func (b *demoBatch) flush(tx *gorm.DB) error {
	const rows = 500
	for _, batch := range []any{&b.meetings, &b.notes, &b.items, &b.carries, &b.actions} {
		if err := tx.CreateInBatches(batch, rows).Error; err != nil {
			return err
		}
	}
	for ids := range slices.Chunk(b.closed, 5000) {
		if err := tx.Model(&Item{}).Where("id IN ?", ids).Update("status", ItemDone).Error; err != nil {
			return err
		}
	}
	b.meetings, b.notes, b.items, b.carries, b.actions, b.closed = b.meetings[:0], b.notes[:0], b.items[:0], b.carries[:0], b.actions[:0], b.closed[:0]
	return nil
}

// openItem is an item the demo may close at a later meeting: an open
// obstacle or focus item, or one with a follow-up date.
type openItem struct {
	id       uint
	carried  bool // an obstacle or focus item, carried until closed
	followUp Date
}

// weekday moves a weekend day to the Friday before or the Monday after.
func weekday(d Date) Date {
	switch d.Time().Weekday() {
	case time.Saturday:
		return d.AddDays(-1)
	case time.Sunday:
		return d.AddDays(1)
	}
	return d
}

// demoMeeting adds a one-on-one to b. Before it, most of what is still
// open gets closed; what stays open of the obstacles and focus items is
// carried in, as StartOneOnOne would.
func (g *demoGen) demoMeeting(b *demoBatch, p Person, at time.Time, pulse *int, shared map[string]bool) {
	o := OneOnOne{ID: b.nextMeeting, PersonID: p.ID, HeldAt: at.UTC(), Setting: MeetingSettings()[g.rng.IntN(len(MeetingSettings()))]}
	b.nextMeeting++
	// Follow-ups whose day has come count too: the lead asked.
	still := g.open[p.ID][:0]
	for _, it := range g.open[p.ID] {
		due := it.carried || (!it.followUp.IsZero() && it.followUp.Before(DateOf(at)))
		if due && g.rng.IntN(3) > 0 {
			b.closed = append(b.closed, it.id)
			continue
		}
		still = append(still, it)
		if it.carried {
			b.carries = append(b.carries, carryLink{OneOnOneID: o.ID, ItemID: it.id})
		}
	}
	g.open[p.ID] = still
	*pulse = max(1, min(5, *pulse+g.rng.IntN(3)-1))
	o.PulseRating = *pulse
	o.SharedNotes = demoNotes[g.rng.IntN(len(demoNotes))]
	if g.rng.IntN(8) == 0 {
		b.notes = append(b.notes, privateNote{OneOnOneID: o.ID, Text: demoPrivateNotes[g.rng.IntN(len(demoPrivateNotes))], UpdatedAt: at.UTC()})
	}
	b.meetings = append(b.meetings, o)
	for _, h := range Headings() {
		used := map[string]bool{}
		for n := g.rng.IntN(4); n > 0; n-- {
			nonWork := g.rng.IntN(3) == 0
			kind := 0
			if nonWork {
				kind = 1
			}
			texts := demoItems[h][kind]
			text := texts[g.rng.IntN(len(texts))]
			if used[text] || shared[text] {
				continue
			}
			used[text] = true
			// Life events happen once; feelings about work may come back.
			shared[text] = nonWork && h != HeadingPulse
			it := Item{ID: b.nextItem, OneOnOneID: o.ID, Heading: h, Text: g.sentence(text), NonWork: nonWork, Status: ItemOpen, Position: n}
			b.nextItem++
			if nonWork && h != HeadingPulse && g.rng.IntN(2) == 0 {
				it.FollowUp = DateOf(at).AddDays(5 + g.rng.IntN(20))
			}
			if h == HeadingProgress && g.rng.IntN(2) == 0 {
				it.Status = ItemDone
			}
			it.Private = nonWork && g.rng.IntN(6) == 0
			b.items = append(b.items, it)
			carried := h == HeadingObstacles || h == HeadingFocus
			if it.Status == ItemOpen && (carried || !it.FollowUp.IsZero()) {
				g.open[p.ID] = append(g.open[p.ID], openItem{id: it.ID, carried: carried, followUp: it.FollowUp})
			}
		}
	}
	if g.rng.IntN(3) == 0 {
		a := Action{PersonID: p.ID, OneOnOneID: &o.ID, Text: demoActions[g.rng.IntN(len(demoActions))],
			Owner: []Owner{OwnerLead, OwnerReport}[g.rng.IntN(2)], Due: DateOf(at).AddDays(3 + g.rng.IntN(10))}
		// Most actions get done; a few slip past their date, for a while.
		if a.Due.Before(g.today) && (g.rng.IntN(10) < 8 || a.Due.Before(g.today.AddDays(-30))) {
			done := at.Add(72 * time.Hour).UTC()
			a.DoneAt = &done
		}
		b.actions = append(b.actions, a)
	}
}
