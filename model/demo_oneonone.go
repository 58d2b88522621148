package model

import (
	"time"

	"gorm.io/gorm"
)

// Demo vocabulary for one-on-ones, by heading: work items, then non-work.
var demoItems = map[Heading][2][]string{
	HeadingProgress: {{
		"Turned a furious refund call into a thank-you email",
		"Cleared the weekend email backlog by Tuesday",
		"Answered every social post within ten minutes on Friday",
		"Sent a handwritten card to a customer whose parcel went missing",
		"Helped the new hire with the returns flow",
		"Wrote a short guide on exchanging damaged shoes",
		"First week with no escalations",
		"Customer asked for them by name in a survey",
	}, {
		"Ran a half marathon on Sunday",
		"Finished the kitchen renovation",
		"Daughter started school and loves it",
		"Got back into painting in the evenings",
		"Passed the driving test",
	}},
	HeadingObstacles: {{
		"Refund tool times out on orders older than 90 days",
		"Chat queue spikes after the 11:00 newsletter",
		"Headset crackles on long calls",
		"Unclear who approves replacements over 200",
		"Warehouse status page lags behind the real stock",
		"Canned replies for delivery delays sound robotic",
	}, {
		"Moving house at the end of the month",
		"Dad is in hospital for a few days",
		"Childcare falls through on Wednesdays",
		"Sleeping badly since the new baby",
		"Commute doubled with the roadworks",
	}},
	HeadingFocus: {{
		"Shadow a senior agent on the social channel",
		"Try calling back instead of emailing on delayed orders",
		"Draft three personal openings for chat",
		"Learn the exchange flow for international orders",
		"Pair with the warehouse team for a morning",
		"Own the follow-ups on the lost-parcel cases",
	}, {
		"Take Friday afternoon off for the school show",
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

// demoMeetings gives everyone with one-on-ones a history of up to weeks
// weeks: items under all four headings, carry-over through the real rule,
// pulse ratings that wander, follow-ups, actions and a few private notes.
func (g *demoGen) demoMeetings(tx *gorm.DB, people []Person, weeks int, now time.Time) error {
	for _, p := range people {
		if p.Status != StatusActive || p.Role == RoleManager {
			continue
		}
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
		day := DateOf(now).AddDays(-7 * weeks)
		for day.Before(DateOf(now)) {
			if !day.Before(p.StartDate) {
				held := weekday(day)
				at := time.Date(held.Time().Year(), held.Time().Month(), held.Time().Day(), hour, 0, 0, 0, time.Local)
				if err := g.demoMeeting(tx, p, at, &pulse); err != nil {
					return err
				}
			}
			// Sometimes a meeting slips a day or two.
			day = cadence.Next(day).AddDays(g.rng.IntN(3) - 1)
		}
	}
	return nil
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

func (g *demoGen) demoMeeting(tx *gorm.DB, p Person, at time.Time, pulse *int) error {
	// Close most of what is still open: people do get things done.
	// Follow-ups whose day has come count too: the lead asked.
	var open []uint
	if err := tx.Model(&Item{}).Where("status = 'open' AND (heading IN ('obstacles', 'focus') OR (follow_up IS NOT NULL AND follow_up < ?)) AND one_on_one_id IN (SELECT id FROM one_on_ones WHERE person_id = ?)", DateOf(at), p.ID).
		Order("id").Pluck("id", &open).Error; err != nil {
		return err
	}
	var closing []uint
	for _, id := range open {
		if g.rng.IntN(3) > 0 {
			closing = append(closing, id)
		}
	}
	if len(closing) > 0 {
		if err := tx.Model(&Item{}).Where("id IN ?", closing).Update("status", ItemDone).Error; err != nil {
			return err
		}
	}
	o, err := startOneOnOne(tx, p.ID, at, Settings[g.rng.IntN(len(Settings))])
	if err != nil {
		return err
	}
	*pulse = max(1, min(5, *pulse+g.rng.IntN(3)-1))
	o.PulseRating = *pulse
	o.SharedNotes = demoNotes[g.rng.IntN(len(demoNotes))]
	if g.rng.IntN(8) == 0 {
		o.PrivateNotes = demoPrivateNotes[g.rng.IntN(len(demoPrivateNotes))]
	}
	if err := tx.Save(&o).Error; err != nil {
		return err
	}
	for _, h := range Headings {
		used := map[string]bool{}
		for n := g.rng.IntN(3); n > 0; n-- {
			nonWork := g.rng.IntN(3) == 0
			kind := 0
			if nonWork {
				kind = 1
			}
			texts := demoItems[h][kind]
			text := texts[g.rng.IntN(len(texts))]
			if used[text] {
				continue
			}
			used[text] = true
			it := Item{OneOnOneID: o.ID, Heading: h, Text: text, NonWork: nonWork, Status: ItemOpen, Position: n}
			if nonWork && h != HeadingPulse && g.rng.IntN(2) == 0 {
				it.FollowUp = DateOf(at).AddDays(5 + g.rng.IntN(20))
			}
			if h == HeadingProgress && g.rng.IntN(2) == 0 {
				it.Status = ItemDone
			}
			it.Private = nonWork && g.rng.IntN(6) == 0
			if err := tx.Create(&it).Error; err != nil {
				return err
			}
		}
	}
	if g.rng.IntN(3) == 0 {
		a := Action{PersonID: p.ID, OneOnOneID: &o.ID, Text: demoActions[g.rng.IntN(len(demoActions))],
			Owner: []Owner{OwnerLead, OwnerReport}[g.rng.IntN(2)], Due: DateOf(at).AddDays(3 + g.rng.IntN(10))}
		// Most actions get done; a few slip past their date.
		if a.Due.Before(g.today) && g.rng.IntN(10) < 8 {
			done := at.Add(72 * time.Hour).UTC()
			a.DoneAt = &done
		}
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
	}
	return nil
}
