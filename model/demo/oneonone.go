package demo

import (
	"time"

	"solemate/model"
)

// Demo vocabulary for one-on-ones, by heading: work items, then non-work.
// Slots ({customer}, {day}, ...) are filled in as each is written.
var demoItems = map[model.Heading][2][]string{
	model.HeadingProgress: {{
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
	model.HeadingObstacles: {{
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
	model.HeadingFocus: {{
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
	model.HeadingPulse: {{
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
func (g *demoGen) demoMeetings(people []model.Person) error {
	var who []model.Person
	for _, p := range people {
		_, former := g.left[p.ID]
		if (p.Status == model.StatusActive || former) && p.Role != model.RoleManager {
			who = append(who, p)
		}
	}
	var b model.Rows
	for n, p := range who {
		cadence := model.CadenceWeekly
		switch g.rng.IntN(6) {
		case 0:
			cadence = model.CadenceBiweekly
		case 1:
			cadence = model.CadenceMonthly
		}
		if err := g.b.UpdatePerson(p.ID, model.Person{Cadence: cadence}); err != nil {
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
				g.demoMeeting(&b, p, at, &pulse, shared)
			}
			// Sometimes a meeting slips a day or two.
			day = cadence.Next(day).AddDays(g.rng.IntN(3) - 1)
		}
		delete(g.open, p.ID)
		if len(b.Items) >= demoBatchSize || n == len(who)-1 {
			g.made.OneOnOnes += len(b.Meetings)
			g.made.Items += len(b.Items)
			if err := g.b.Insert(&b); err != nil {
				return err
			}
		}
		if g.progress != nil {
			g.progress(n+1, len(who))
		}
	}
	return nil
}

// demoBatchSize is how many items the demo holds before writing.
const demoBatchSize = 20000

// openItem is an item the demo may close at a later meeting: an open
// obstacle or focus item, or one with a follow-up date.
type openItem struct {
	id       uint
	carried  bool // an obstacle or focus item, carried until closed
	followUp model.Date
}

// weekday moves a weekend day to the Friday before or the Monday after.
func weekday(d model.Date) model.Date {
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
func (g *demoGen) demoMeeting(b *model.Rows, p model.Person, at time.Time, pulse *int, shared map[string]bool) {
	o := model.OneOnOne{ID: g.ids.Meeting, PersonID: p.ID, HeldAt: at.UTC(), Setting: model.MeetingSettings()[g.rng.IntN(len(model.MeetingSettings()))]}
	g.ids.Meeting++
	// Follow-ups whose day has come count too: the lead asked.
	still := g.open[p.ID][:0]
	for _, it := range g.open[p.ID] {
		due := it.carried || (!it.followUp.IsZero() && it.followUp.Before(model.DateOf(at)))
		if due && g.rng.IntN(3) > 0 {
			b.Done = append(b.Done, it.id)
			continue
		}
		still = append(still, it)
		if it.carried {
			b.CarryOvers = append(b.CarryOvers, model.CarryOver{OneOnOneID: o.ID, ItemID: it.id})
		}
	}
	g.open[p.ID] = still
	*pulse = max(1, min(5, *pulse+g.rng.IntN(3)-1))
	o.PulseRating = *pulse
	o.SharedNotes = demoNotes[g.rng.IntN(len(demoNotes))]
	if g.rng.IntN(8) == 0 {
		o.PrivateNotes = demoPrivateNotes[g.rng.IntN(len(demoPrivateNotes))]
	}
	b.Meetings = append(b.Meetings, o)
	for _, h := range model.Headings() {
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
			shared[text] = nonWork && h != model.HeadingPulse
			it := model.Item{ID: g.ids.Item, OneOnOneID: o.ID, Heading: h, Text: g.sentence(text), NonWork: nonWork, Status: model.ItemOpen, Position: n}
			g.ids.Item++
			if nonWork && h != model.HeadingPulse && g.rng.IntN(2) == 0 {
				it.FollowUp = model.DateOf(at).AddDays(5 + g.rng.IntN(20))
			}
			if h == model.HeadingProgress && g.rng.IntN(2) == 0 {
				it.Status = model.ItemDone
			}
			it.Private = nonWork && g.rng.IntN(6) == 0
			b.Items = append(b.Items, it)
			carried := h == model.HeadingObstacles || h == model.HeadingFocus
			if it.Status == model.ItemOpen && (carried || !it.FollowUp.IsZero()) {
				g.open[p.ID] = append(g.open[p.ID], openItem{id: it.ID, carried: carried, followUp: it.FollowUp})
			}
		}
	}
	if g.rng.IntN(3) == 0 {
		a := model.Action{PersonID: p.ID, OneOnOneID: &o.ID, Text: demoActions[g.rng.IntN(len(demoActions))],
			Owner: []model.Owner{model.OwnerLead, model.OwnerReport}[g.rng.IntN(2)], Due: model.DateOf(at).AddDays(3 + g.rng.IntN(10))}
		// Most actions get done; a few slip past their date, for a while.
		if a.Due.Before(g.today) && (g.rng.IntN(10) < 8 || a.Due.Before(g.today.AddDays(-30))) {
			done := at.Add(72 * time.Hour).UTC()
			a.DoneAt = &done
		}
		b.Actions = append(b.Actions, a)
	}
}
