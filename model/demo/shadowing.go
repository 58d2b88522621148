package demo

import "solemate/model"

// Demo vocabulary for shadowing sessions, by channel.
var demoJourneys = map[model.Channel][]string{
	model.ChannelPhone:     {"Calling about a late delivery", "Changing a delivery address", "Asking for a size exchange"},
	model.ChannelChat:      {"Chat about a missing parcel", "Chat to check stock of a sold-out boot", "Chat about a refund"},
	model.ChannelEmail:     {"Email complaint about a damaged box", "Email asking about a gift card", "Email about a double charge"},
	model.ChannelSocial:    {"Public post about a delayed order", "Direct message about sizing", "Reply to a happy customer's photo"},
	model.ChannelReturns:   {"Returning shoes that do not fit", "Return with a missing label", "Exchange after the 30 days"},
	model.ChannelWarehouse: {"Following an order from shelf to van", "Packing station on a busy morning", "Returns desk at the warehouse"},
	model.ChannelOther:     {"Ordering on the website as a first-time buyer", "Checking the help pages for opening hours"},
}

var demoFrictionTags = map[model.Channel][]string{
	model.ChannelPhone:     {"long hold", "transferred twice", "no update on the order", "empowered agent"},
	model.ChannelChat:      {"generic reply", "slow update", "bot loop", "empowered agent"},
	model.ChannelEmail:     {"generic reply", "slow update", "asked twice for order number"},
	model.ChannelSocial:    {"slow update", "generic reply", "personal touch"},
	model.ChannelReturns:   {"unclear label", "refund delay", "personal touch"},
	model.ChannelWarehouse: {"manual re-keying", "unclear label", "proud team"},
	model.ChannelOther:     {"hard to find contact", "unclear label"},
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
func (g *demoGen) demoSessions(people []model.Person) error {
	var shadowers, agents []model.Person
	for _, p := range people {
		if _, former := g.left[p.ID]; p.Status != model.StatusActive && !former {
			continue
		}
		if p.Role == model.RoleAgent {
			agents = append(agents, p)
		}
		if p.Role == model.RoleAgent || p.Role == model.RoleTeamLead {
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
			if p.Status == model.StatusActive {
				count += g.years * 10
			}
		}
	}
	var b model.Rows
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
		ch := model.Channels()[g.rng.IntN(len(model.Channels()))]
		sess := model.Session{
			ID:       g.ids.Session,
			PersonID: who.ID,
			Kind:     model.ShadowKinds()[g.rng.IntN(2)],
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
		if sess.Kind == model.KindBesideAgent && len(agents) > 1 {
			a := agents[g.rng.IntN(len(agents))]
			if a.ID != who.ID {
				sess.AgentID = &a.ID
			}
		}
		if ch == model.ChannelChat || ch == model.ChannelEmail || ch == model.ChannelSocial {
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
		g.ids.Session++
		b.Sessions = append(b.Sessions, sess)
		tags := demoFrictionTags[ch]
		for _, k := range g.rng.Perm(len(tags))[:1+g.rng.IntN(2)] {
			id, ok := g.tags[tags[k]]
			if !ok {
				var err error
				if id, err = g.b.AddTag(tags[k]); err != nil {
					return err
				}
				g.tags[tags[k]] = id
			}
			b.SessionTags = append(b.SessionTags, model.SessionTag{SessionID: sess.ID, TagID: id})
		}
		if debriefed && g.rng.IntN(10) < 5 {
			a := model.Action{PersonID: who.ID, SessionID: &sess.ID, Text: sess.Ideas, Owner: []model.Owner{model.OwnerLead, model.OwnerReport}[g.rng.IntN(2)],
				Due: sess.DebriefDate.AddDays(7 + g.rng.IntN(14))}
			if a.Due.Before(g.today) && (g.rng.IntN(10) < 8 || a.Due.Before(g.today.AddDays(-30))) {
				done := a.Due.Time()
				a.DoneAt = &done
			}
			b.Actions = append(b.Actions, a)
		}
	}
	g.made.Sessions += len(b.Sessions)
	return g.b.Insert(&b)
}

func pickFrom(g *demoGen, from []string) string { return from[g.rng.IntN(len(from))] }
