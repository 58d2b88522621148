package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

// ReportRole is the PostgreSQL group role of reports: each report's login
// is a member, linked to their person in report_logins (see LinkReport).
// Row-level security shows them their own shared rows only (schema 15).
const ReportRole = "solemate_report"

// ErrNotLinked means a report's login is not yet linked to their person.
var ErrNotLinked = errors.New("this sign-in is a report's, but it is not linked to anyone on the roster yet: ask your administrator to run solemate report-login (see README)")

// reportLogin links a server login to the person it is.
type reportLogin struct {
	Login    string `gorm:"primaryKey"`
	PersonID uint
}

func (reportLogin) TableName() string { return "report_logins" }

// IAmReport reports whether the store was opened by a report's login: the
// app shows them their own small window instead of the lead's.
func (s *Store) IAmReport() bool { return s.report }

// ReportPerson is the person a report's login is linked to; ErrNotLinked
// while it is linked to nobody.
func (s *Store) ReportPerson() (Person, error) {
	if !s.report {
		return Person{}, ErrNotLinked
	}
	var id *uint
	if err := s.db.Raw("SELECT report_person()").Scan(&id).Error; err != nil {
		return Person{}, fmt.Errorf("find who this sign-in is: %w", err)
	}
	if id == nil {
		return Person{}, ErrNotLinked
	}
	return s.reportPerson(*id)
}

// reportPerson loads a person with only the columns a report may read.
func (s *Store) reportPerson(id uint) (Person, error) {
	var p Person
	if err := s.db.Select(strings.Split(reportPersonColumns, ", ")).Where("id = ?", id).Take(&p).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return p, ErrNotFound
		}
		return p, fmt.Errorf("person %d: %w", id, err)
	}
	return p, nil
}

// LinkReport links a server login, a member of ReportRole, to the person
// it is, so that when they sign in they see their own agenda and history.
// Only the owner may; a login already linked moves to the person given.
func (s *Store) LinkReport(login string, personID uint) error {
	login = strings.TrimSpace(login)
	if !s.OnServer() {
		return errors.New("reports sign in to a shared server; this database is a file on this computer")
	}
	var member bool
	if err := s.db.Raw(`SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = ? AND rolcanlogin AND pg_has_role(rolname, ?, 'MEMBER'))`, login, ReportRole).Scan(&member).Error; err != nil {
		return fmt.Errorf("link login %s: %w", login, err)
	}
	if !member {
		return &ValidationError{Problems: []FieldError{{Field: "login", Message: fmt.Sprintf("there is no login %q in %s yet: create it first (CREATE ROLE %s LOGIN PASSWORD '…' IN ROLE %s)",
			login, ReportRole, QuoteIdent(login), ReportRole)}}}
	}
	if _, err := s.Person(personID); err != nil {
		return fmt.Errorf("link login %s: %w", login, err)
	}
	err := transaction(s.db, func(tx *gorm.DB) error {
		if err := tx.Where("login = ?", login).Delete(&reportLogin{}).Error; err != nil {
			return err
		}
		return tx.Create(&reportLogin{Login: login, PersonID: personID}).Error
	})
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "42501" { // insufficient_privilege
		return errors.New("only the database's owner may link a report's login (see README)")
	}
	if err != nil {
		return fmt.Errorf("link login %s: %w", login, err)
	}
	return nil
}

// SharedMeeting is one of a report's one-on-ones as both of them see it:
// no private item and no private notes.
type SharedMeeting struct {
	ID          uint
	HeldAt      time.Time
	PulseRating int // the lead's record of it in the meeting
	ReportPulse int // the report's own, given ahead
	SharedNotes string
	Items       []Item `gorm:"-"` // raised in it or carried into it, by heading then position
	// Carried marks the items carried in from an earlier one-on-one.
	Carried map[uint]bool `gorm:"-"`
}

// ReportView is everything a report's own app shows.
type ReportView struct {
	Person   Person
	LeadName string // "" when they have no lead on the roster
	// Next is the day their next one-on-one is due, by their cadence from
	// the last one; zero when none is planned.
	Next    Date
	Agenda  Agenda
	History []SharedMeeting // newest first
	Actions []Action        // open first, by due date, then done
}

// ReportView loads what person personID's own app shows. Every query asks
// only for rows a report may read, so it runs under a report's login.
func (s *Store) ReportView(personID uint) (ReportView, error) {
	v := ReportView{}
	var err error
	if v.Person, err = s.reportPerson(personID); err != nil {
		return v, err
	}
	if id := v.Person.ManagerID; id != nil {
		lead, err := s.reportPerson(*id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return v, err
		}
		v.LeadName = lead.DisplayName()
	}
	if v.History, err = s.sharedHistory(personID); err != nil {
		return v, err
	}
	v.Next = s.nextOneOnOne(v.Person, v.History)
	if v.Agenda, err = s.Agenda(personID); err != nil {
		return v, err
	}
	if err := s.db.Where("person_id = ?", personID).Order("done_at IS NOT NULL, due IS NULL, due, done_at DESC, id").Find(&v.Actions).Error; err != nil {
		return v, fmt.Errorf("actions of person %d: %w", personID, err)
	}
	return v, nil
}

// nextOneOnOne is when p's next one-on-one is due, as the lead's lists
// count it but on the default working week (the lead's own week is their
// setting, which a report does not read); zero when none is planned.
func (s *Store) nextOneOnOne(p Person, history []SharedMeeting) Date {
	if p.Cadence == CadenceNone || p.Status != StatusActive || p.ArchivedAt != nil {
		return Date{}
	}
	week := DefaultWorkWeek()
	if len(history) > 0 {
		return p.Cadence.DueAfter(history[0].HeldAt, week)
	}
	return week.OnOrAfter(NeverMetDue(p, s.Today()))
}

// sharedHistory is a person's one-on-ones, newest first, with the shared
// items raised in each.
func (s *Store) sharedHistory(personID uint) ([]SharedMeeting, error) {
	var meetings []SharedMeeting
	if err := s.db.Model(&OneOnOne{}).Select("id, held_at, pulse_rating, report_pulse, shared_notes").
		Where("person_id = ?", personID).Order("held_at DESC, id DESC").Scan(&meetings).Error; err != nil {
		return nil, fmt.Errorf("history of person %d: %w", personID, err)
	}
	var items []Item
	if err := s.db.Table("one_on_one_items AS i").Select("i.*").Joins("JOIN one_on_ones o ON o.id = i.one_on_one_id").
		Where("o.person_id = ? AND NOT i.private", personID).Order(headingOrder("i.heading") + ", i.position, i.id").Find(&items).Error; err != nil {
		return nil, fmt.Errorf("history of person %d: items: %w", personID, err)
	}
	at := make(map[uint]int, len(meetings))
	for i, m := range meetings {
		at[m.ID] = i
	}
	for _, it := range items {
		if i, ok := at[it.OneOnOneID]; ok {
			meetings[i].Items = append(meetings[i].Items, it)
		}
	}
	// What carried into each: talked about then too.
	var carried []struct {
		Meeting uint
		Item
	}
	if err := s.db.Table("carry_overs AS c").Select("c.one_on_one_id AS meeting, i.*").
		Joins("JOIN one_on_one_items i ON i.id = c.item_id").Joins("JOIN one_on_ones o ON o.id = c.one_on_one_id").
		Where("o.person_id = ? AND NOT i.private", personID).Order(headingOrder("i.heading") + ", i.position, i.id").Find(&carried).Error; err != nil {
		return nil, fmt.Errorf("history of person %d: carried items: %w", personID, err)
	}
	for _, c := range carried {
		if i, ok := at[c.Meeting]; ok {
			m := &meetings[i]
			if m.Carried == nil {
				m.Carried = map[uint]bool{}
			}
			m.Carried[c.Item.ID] = true
			m.Items = append(m.Items, c.Item)
		}
	}
	order := Headings()
	for i := range meetings {
		m := &meetings[i]
		slices.SortStableFunc(m.Items, func(a, b Item) int {
			return cmp.Or(cmp.Compare(slices.Index(order, a.Heading), slices.Index(order, b.Heading)), compareBool(m.Carried[b.ID], m.Carried[a.ID]))
		})
	}
	return meetings, nil
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
