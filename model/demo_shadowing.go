package model

import (
	"gorm.io/gorm"
)

// Demo vocabulary for shadowing sessions, by channel.
var demoJourneys = map[Channel][]string{
	ChannelPhone:     {"Calling about a late delivery", "Changing a delivery address", "Asking for a size exchange"},
	ChannelChat:      {"Chat about a missing parcel", "Chat to check stock of a sold-out boot", "Chat about a refund"},
	ChannelEmail:     {"Email complaint about a damaged box", "Email asking about a gift card", "Email about a double charge"},
	ChannelSocial:    {"Public post about a delayed order", "Direct message about sizing", "Reply to a happy customer's photo"},
	ChannelReturns:   {"Returning shoes that do not fit", "Return with a missing label", "Exchange after the 30 days"},
	ChannelWarehouse: {"Following an order from shelf to van", "Packing station on a busy morning", "Returns desk at the warehouse"},
	ChannelOther:     {"Ordering on the website as a first-time buyer", "Checking the help pages for opening hours"},
}

var demoFrictionTags = map[Channel][]string{
	ChannelPhone:     {"long hold", "transferred twice", "no update on the order", "empowered agent"},
	ChannelChat:      {"generic reply", "slow update", "bot loop", "empowered agent"},
	ChannelEmail:     {"generic reply", "slow update", "asked twice for order number"},
	ChannelSocial:    {"slow update", "generic reply", "personal touch"},
	ChannelReturns:   {"unclear label", "refund delay", "personal touch"},
	ChannelWarehouse: {"manual re-keying", "unclear label", "proud team"},
	ChannelOther:     {"hard to find contact", "unclear label"},
}

var demoObservations = struct{ worked, friction, wow, ideas, agreed []string }{
	worked: []string{
		"The agent used the customer's name and remembered the earlier order without asking.",
		"Clear next steps: the customer knew exactly what would happen and when.",
		"The reply read like a person, not a template.",
	},
	friction: []string{
		"Had to give the order number three times across two transfers.",
		"The first answer was a copied paragraph that did not answer the question.",
		"No update for two days while the parcel was stuck; the customer chased twice.",
		"The returns label printed blank on a home printer.",
	},
	wow: []string{
		"The agent sent a handwritten card with the replacement pair.",
		"Offered to hold the last pair in stock while the customer measured their feet.",
		"Answered the public post within four minutes and moved to a private message kindly.",
	},
	ideas: []string{
		"Carry the order number with every transfer so no one asks twice",
		"Send a short update every 24 hours while a parcel is stuck",
		"Rewrite the delayed-order reply in our own voice",
		"Add a plain-paper option for return labels",
	},
	agreed: []string{
		"Agreed to bring the transfer problem to the team meeting.",
		"Agreed the idea on updates is worth a two-week trial on chat.",
		"Agreed to pair with the social team for a shift.",
	},
}

// demoSessions logs walk-in-the-customer's-shoes sessions across channels
// over the history, each while its shadower worked here: tags that recur,
// debriefs with the shadower's lead, and actions that came out of them.
func (g *demoGen) demoSessions(tx *gorm.DB, people []Person) error {
	var shadowers, agents []Person
	for _, p := range people {
		if _, former := g.left[p.ID]; p.Status != StatusActive && !former {
			continue
		}
		if p.Role == RoleAgent {
			agents = append(agents, p)
		}
		if p.Role == RoleAgent || p.Role == RoleTeamLead {
			shadowers = append(shadowers, p)
		}
	}
	if len(shadowers) == 0 {
		return nil
	}
	count := max(3, len(people)*3/4)
	if g.years > 0 { // about ten a year for each person on the roster
		count = 0
		for _, p := range people {
			if p.Status == StatusActive {
				count += g.years * 10
			}
		}
	}
	var b sessionBatch
	var err error
	if b.next, err = nextID(tx, "shadowing_sessions"); err != nil {
		return err
	}
	for i := 0; i < count; i++ {
		who := shadowers[g.rng.IntN(len(shadowers))]
		from, until := g.historyStart(), g.today
		if from.Before(who.StartDate) {
			from = who.StartDate
		}
		if d, ok := g.left[who.ID]; ok {
			until = d
		}
		if !from.Before(until) {
			continue
		}
		ch := Channels()[g.rng.IntN(len(Channels()))]
		sess := Session{
			ID:       b.next,
			PersonID: who.ID,
			Kind:     ShadowKinds()[g.rng.IntN(2)],
			Channel:  ch,
			Journey:  pickFrom(g, demoJourneys[ch]),
			Date:     weekday(until.AddDays(-g.rng.IntN(from.DaysUntil(until)))),
			Minutes:  20 + 10*g.rng.IntN(10),
			Worked:   pickFrom(g, demoObservations.worked),
			Friction: pickFrom(g, demoObservations.friction),
			Ideas:    pickFrom(g, demoObservations.ideas),
		}
		if g.rng.IntN(2) == 0 {
			sess.Wow = pickFrom(g, demoObservations.wow)
		}
		if sess.Kind == KindBesideAgent && len(agents) > 1 {
			a := agents[g.rng.IntN(len(agents))]
			if a.ID != who.ID {
				sess.AgentID = &a.ID
			}
		}
		if ch == ChannelChat || ch == ChannelEmail || ch == ChannelSocial {
			m := 2 + g.rng.IntN(90)
			sess.ResponseMinutes = &m
		}
		debriefed := who.ManagerID != nil && g.rng.IntN(10) < 6
		if debriefed {
			sess.DebriefDate = sess.Date.AddDays(1 + g.rng.IntN(4))
			sess.DebriefWithID = who.ManagerID
			sess.DebriefAgreed = pickFrom(g, demoObservations.agreed)
		}
		if err := sess.Validate(); err != nil {
			return err
		}
		b.next++
		b.sessions = append(b.sessions, sess)
		tags := demoFrictionTags[ch]
		for _, k := range g.rng.Perm(len(tags))[:1+g.rng.IntN(2)] {
			id, ok := g.tags[tags[k]]
			if !ok {
				t := Tag{Name: tags[k]}
				if err := tx.Create(&t).Error; err != nil {
					return err
				}
				id, g.tags[t.Name] = t.ID, t.ID
			}
			b.tags = append(b.tags, sessionTagLink{SessionID: sess.ID, TagID: id})
		}
		if debriefed && g.rng.IntN(10) < 5 {
			a := Action{PersonID: who.ID, SessionID: &sess.ID, Text: sess.Ideas, Owner: []Owner{OwnerLead, OwnerReport}[g.rng.IntN(2)],
				Due: sess.DebriefDate.AddDays(7 + g.rng.IntN(14))}
			if a.Due.Before(g.today) && (g.rng.IntN(10) < 8 || a.Due.Before(g.today.AddDays(-30))) {
				done := a.Due.Time()
				a.DoneAt = &done
			}
			b.actions = append(b.actions, a)
		}
	}
	for _, rows := range []any{&b.sessions, &b.tags, &b.actions} {
		if err := tx.CreateInBatches(rows, 500).Error; err != nil {
			return err
		}
	}
	return nil
}

// sessionBatch holds the demo's sessions, with their IDs given up front, to
// write them many to a statement.
type sessionBatch struct {
	next     uint
	sessions []Session
	tags     []sessionTagLink
	actions  []Action
}

// sessionTagLink is a row of session_tags.
type sessionTagLink struct{ SessionID, TagID uint }

func (sessionTagLink) TableName() string { return "session_tags" }

func pickFrom(g *demoGen, from []string) string { return from[g.rng.IntN(len(from))] }
