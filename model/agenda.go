package model

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// AgendaItem is something a report added to the agenda of their next
// one-on-one. It waits here until their lead starts that one-on-one, which
// takes it in as an item marked as theirs.
type AgendaItem struct {
	ID        uint `gorm:"primaryKey"`
	PersonID  uint
	Heading   Heading
	Text      string
	NonWork   bool
	Position  int
	Author    string `gorm:"->"` // the login that added it, on a server
	CreatedAt time.Time
}

// TableName keeps the table name independent of Go's type name.
func (AgendaItem) TableName() string { return "agenda_items" }

// agendaPulse is the pulse rating a report gave ahead of the meeting.
type agendaPulse struct {
	PersonID  uint `gorm:"primaryKey;autoIncrement:false"`
	Pulse     int
	UpdatedAt time.Time
}

func (agendaPulse) TableName() string { return "agendas" }

// Agenda is what a report has added to their next one-on-one so far.
type Agenda struct {
	PersonID uint
	Items    []AgendaItem // by heading, then in the order added
	Pulse    int          // 1–5; 0 when not given
}

func (it *AgendaItem) validate() error {
	it.Text = strings.TrimSpace(it.Text)
	v := &ValidationError{}
	if !headings.has(it.Heading) {
		v.add("heading", "%q is not a MOFO heading", it.Heading)
	}
	if it.Text == "" {
		v.add("text", "say what you want to talk about")
	} else if v.checkText("text", "item", it.Text, false) && len(it.Text) > maxItemText {
		v.add("text", "keep an item under %d characters", maxItemText)
	}
	if it.PersonID == 0 {
		v.add("person", "an agenda belongs to a person")
	}
	return v.orNil()
}

// Agenda loads what a person has added to their next one-on-one.
func (s *Store) Agenda(personID uint) (Agenda, error) {
	a := Agenda{PersonID: personID}
	if err := s.db.Where("person_id = ?", personID).Order(headingOrder("heading") + ", position, id").Find(&a.Items).Error; err != nil {
		return a, fmt.Errorf("agenda of person %d: %w", personID, err)
	}
	if err := s.db.Model(&agendaPulse{}).Select("pulse").Where("person_id = ?", personID).Scan(&a.Pulse).Error; err != nil {
		return a, fmt.Errorf("agenda of person %d: pulse: %w", personID, err)
	}
	return a, nil
}

// sameItem is how agenda items are told apart: heading, kind and words,
// whatever the case and spacing.
func sameItem(h Heading, nonWork bool, text string) string {
	return fmt.Sprintf("%s|%t|%s", h, nonWork, Loosely(text))
}

// AddToAgenda adds items to a person's next one-on-one, all or none, and
// returns those added. An item already waiting, or already taken into
// their latest one-on-one as theirs, is not added again: sending the same
// agenda twice adds nothing.
func (s *Store) AddToAgenda(personID uint, items []AgendaItem) ([]AgendaItem, error) {
	v := &ValidationError{}
	for i := range items {
		items[i].PersonID = personID
		if err := items[i].validate(); err != nil {
			var iv *ValidationError
			if errors.As(err, &iv) {
				for _, p := range iv.Problems {
					v.Problems = append(v.Problems, FieldError{Field: p.Field, Message: fmt.Sprintf("item %d: %s", i+1, p.Message)})
				}
			}
		}
	}
	if err := v.orNil(); err != nil {
		return nil, err
	}
	var added []AgendaItem
	err := transaction(s.db, func(tx *gorm.DB) error {
		var p Person
		if err := tx.Select("id").First(&p, personID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		var have []AgendaItem
		if err := tx.Where("person_id = ?", personID).Find(&have).Error; err != nil {
			return err
		}
		var taken []Item
		if err := tx.Where("by_report AND one_on_one_id = ("+latestMeeting+")", personID).Find(&taken).Error; err != nil {
			return err
		}
		seen := map[string]bool{}
		next := map[Heading]int{}
		for _, h := range have {
			seen[sameItem(h.Heading, h.NonWork, h.Text)] = true
			next[h.Heading] = max(next[h.Heading], h.Position+1)
		}
		for _, t := range taken {
			seen[sameItem(t.Heading, t.NonWork, t.Text)] = true
		}
		for _, it := range items {
			key := sameItem(it.Heading, it.NonWork, it.Text)
			if seen[key] {
				continue
			}
			seen[key] = true
			it.ID, it.Position = 0, next[it.Heading]
			next[it.Heading]++
			if err := tx.Create(&it).Error; err != nil {
				return err
			}
			added = append(added, it)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add to the agenda of person %d: %w", personID, err)
	}
	return added, nil
}

// RemoveFromAgenda takes an item off an agenda before the meeting.
func (s *Store) RemoveFromAgenda(id uint) error {
	if err := s.db.Delete(&AgendaItem{}, id).Error; err != nil {
		return fmt.Errorf("remove agenda item %d: %w", id, err)
	}
	return nil
}

// SetAgendaPulse keeps the pulse rating a report gives ahead of the
// meeting; 0 takes it back.
func (s *Store) SetAgendaPulse(personID uint, rating int) error {
	if rating != 0 {
		if err := ValidateRating(rating); err != nil {
			return err
		}
	}
	err := transaction(s.db, func(tx *gorm.DB) error {
		if err := tx.Where("person_id = ?", personID).Delete(&agendaPulse{}).Error; err != nil {
			return err
		}
		if rating == 0 {
			return nil
		}
		return tx.Create(&agendaPulse{PersonID: personID, Pulse: rating, UpdatedAt: s.Now()}).Error
	})
	if err != nil {
		return fmt.Errorf("pulse ahead for person %d: %w", personID, err)
	}
	return nil
}

// agendaTaken is how many waiting items a one-on-one takes in at most; the
// rest wait for the next.
const agendaTaken = 500

// takeAgenda moves what a person added to their agenda into meeting, as
// items marked as theirs, with the pulse they gave ahead. Only the rows it
// read go: what the report adds meanwhile waits for the next one. A
// meeting recorded before a later one (a forgotten one, written up after)
// takes nothing: the agenda is for the next.
func takeAgenda(tx *gorm.DB, personID, meeting uint) error {
	var later int64
	if err := tx.Model(&OneOnOne{}).Where("person_id = ? AND id <> ? AND held_at > (SELECT held_at FROM one_on_ones WHERE id = ?)", personID, meeting, meeting).
		Count(&later).Error; err != nil {
		return fmt.Errorf("take the agenda in: %w", err)
	}
	if later > 0 {
		return nil
	}
	var ids []uint
	if err := tx.Model(&AgendaItem{}).Where("person_id = ?", personID).Order("id").Limit(agendaTaken).Pluck("id", &ids).Error; err != nil {
		return fmt.Errorf("take the agenda in: %w", err)
	}
	var pulse []agendaPulse
	if err := tx.Where("person_id = ?", personID).Find(&pulse).Error; err != nil {
		return fmt.Errorf("take the agenda in: %w", err)
	}
	type stmt struct {
		sql  string
		args []any
	}
	var stmts []stmt
	if len(ids) > 0 {
		stmts = append(stmts,
			stmt{`INSERT INTO one_on_one_items (one_on_one_id, heading, text, non_work, status, private, by_report, position, version, created_at, updated_at)
				SELECT ?, heading, text, non_work, ?, false, true, position, 0, created_at, created_at FROM agenda_items WHERE id IN ? ORDER BY id`,
				[]any{meeting, ItemOpen, ids}},
			stmt{`DELETE FROM agenda_items WHERE id IN ?`, []any{ids}})
	}
	if len(pulse) > 0 {
		p := pulse[0]
		stmts = append(stmts,
			stmt{`UPDATE one_on_ones SET report_pulse = ? WHERE id = ?`, []any{p.Pulse, meeting}},
			stmt{`DELETE FROM agendas WHERE person_id = ? AND pulse = ? AND updated_at = ?`, []any{personID, p.Pulse, p.UpdatedAt}})
	}
	for _, st := range stmts {
		if err := tx.Exec(st.sql, st.args...).Error; err != nil {
			return fmt.Errorf("take the agenda in: %w", err)
		}
	}
	return nil
}
