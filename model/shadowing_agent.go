package model

import (
	"fmt"
	"strings"
	"time"
)

// ShadowedSession is a session as the page of someone in it shows it: who
// sat beside whom, when, on which channel, the moment worth retelling and
// the themes.
type ShadowedSession struct {
	ID         uint
	Kind       ShadowKind
	Date       Date
	Channel    Channel
	Journey    string
	ShadowerID uint
	Shadower   string // what the shadower is called (ShortName)
	Agent      string // what the agent sat beside is called, "" when none
	// Moment is the line to bring up: the WOW moment, else the friction,
	// on one line and clipped ("WOW moment — offered to hold …"); "" when
	// the session noted neither.
	Moment string
	Tags   []string // by name
}

// momentLen keeps a moment to a line or two on a page or a card.
const momentLen = 140

// moment is the line a session is remembered by: what delighted the
// customer first, since that is what a lead wants to praise, else what
// got in their way.
func moment(wow, friction string) string {
	for _, m := range []struct{ label, text string }{{"WOW moment", wow}, {"Friction", friction}} {
		if text := strings.Join(strings.Fields(m.text), " "); text != "" {
			return m.label + " — " + Ellipsize(text, momentLen)
		}
	}
	return ""
}

// NeverMetDays is how far back the sessions brought to a first one-on-one
// go: there is no last one to count from.
const NeverMetDays = 30

// SessionsWith lists the sessions that sat beside agent agentID on or after
// since, newest first, at most limit of them (0 for all), with how many
// there are in all.
func (s *Store) SessionsWith(agentID uint, since Date, limit int) ([]ShadowedSession, int, error) {
	out, n, err := s.shadowed("s.agent_id", agentID, since, Date{}, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("sessions beside person %d: %w", agentID, err)
	}
	return out, n, nil
}

// SessionsBy lists the sessions person personID walked in the customer's
// shoes in themselves, as SessionsWith does.
func (s *Store) SessionsBy(personID uint, since Date, limit int) ([]ShadowedSession, int, error) {
	out, n, err := s.shadowed("s.person_id", personID, since, Date{}, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("sessions of person %d: %w", personID, err)
	}
	return out, n, nil
}

// ShadowedBefore lists the sessions beside person id that a one-on-one
// with them at at can bring up: those from the day of the one before it
// (that day included, as a session that day may have come after it), or
// of the last NeverMetDays when there was none, up to the day of at. since
// is the day counted from.
func (s *Store) ShadowedBefore(id uint, at time.Time, limit int) (rows []ShadowedSession, total int, since Date, err error) {
	var last OneOnOne
	err = s.db.Select("held_at").Where("person_id = ? AND held_at < ?", id, at.UTC()).Order("held_at DESC").Limit(1).Find(&last).Error
	if err != nil {
		return nil, 0, since, fmt.Errorf("one-on-one of person %d before %s: %w", id, at, err)
	}
	day := DateOf(at.Local())
	since = day.AddDays(-NeverMetDays)
	if !last.HeldAt.IsZero() {
		since = DateOf(last.HeldAt.Local())
	}
	rows, total, err = s.shadowed("s.agent_id", id, since, day, limit)
	if err != nil {
		return nil, 0, since, fmt.Errorf("sessions beside person %d before %s: %w", id, at, err)
	}
	return rows, total, since, nil
}

// shadowed is SessionsWith and SessionsBy, col naming whose sessions, from
// since to until (either zero for no bound): one query for the rows, one
// for their tags, and a count only when the limit cut the list.
func (s *Store) shadowed(col string, id uint, since, until Date, limit int) ([]ShadowedSession, int, error) {
	where, args := col+" = ?", []any{id}
	if !since.IsZero() {
		where, args = where+" AND s.date >= ?", append(args, since)
	}
	if !until.IsZero() {
		where, args = where+" AND s.date <= ?", append(args, until)
	}
	type row struct {
		Session
		ShadowerName, ShadowerPreferred, AgentName, AgentPreferred string
	}
	q := s.db.Table("shadowing_sessions AS s").
		Select(`s.*, p.name AS shadower_name, p.preferred_name AS shadower_preferred,
			COALESCE(a.name, '') AS agent_name, COALESCE(a.preferred_name, '') AS agent_preferred`).
		Joins("JOIN people p ON p.id = s.person_id").
		Joins("LEFT JOIN people a ON a.id = s.agent_id").
		Where(where, args...).Order("s.date DESC, s.id DESC")
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []row
	if err := q.Scan(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]ShadowedSession, len(rows))
	ids := make([]uint, len(rows))
	at := map[uint]int{}
	for i, r := range rows {
		out[i] = ShadowedSession{ID: r.ID, Kind: r.Kind, Date: r.Date, Channel: r.Channel, Journey: r.Journey,
			ShadowerID: r.PersonID, Shadower: ShortName(r.ShadowerName, r.ShadowerPreferred),
			Agent: ShortName(r.AgentName, r.AgentPreferred), Moment: moment(r.Wow, r.Friction)}
		ids[i], at[r.ID] = r.ID, i
	}
	if len(ids) > 0 {
		var tags []struct {
			SessionID uint
			Name      string
		}
		err := s.db.Raw(`SELECT st.session_id, t.name FROM session_tags st JOIN tags t ON t.id = st.tag_id
			WHERE st.session_id IN ? ORDER BY t.name`, ids).Scan(&tags).Error
		if err != nil {
			return nil, 0, err
		}
		for _, t := range tags {
			out[at[t.SessionID]].Tags = append(out[at[t.SessionID]].Tags, t.Name)
		}
	}
	total := len(out)
	if limit > 0 && total == limit {
		var n int64
		if err := s.db.Table("shadowing_sessions AS s").Where(where, args...).Count(&n).Error; err != nil {
			return nil, 0, err
		}
		total = int(n)
	}
	return out, total, nil
}
