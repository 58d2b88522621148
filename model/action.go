package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Owner says who is to do an action.
type Owner string

// Who can own an action.
const (
	OwnerLead   Owner = "lead"
	OwnerReport Owner = "report"
)

// Action is something someone agreed to do.
type Action struct {
	ID         uint `gorm:"primaryKey"`
	PersonID   uint
	OneOnOneID *uint
	SessionID  *uint // from a shadowing debrief
	Text       string
	Owner      Owner
	Due        Date
	DoneAt     *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// TableName keeps the table name independent of Go's type name.
func (Action) TableName() string { return "actions" }

// Done reports whether the action is finished.
func (a Action) Done() bool { return a.DoneAt != nil }

// DueSoonDays is how far ahead "due soon" looks.
const DueSoonDays = 7

func (a *Action) validate() error {
	a.Text = strings.TrimSpace(a.Text)
	if a.Owner == "" {
		a.Owner = OwnerReport
	}
	v := &ValidationError{}
	if a.Text == "" {
		v.add("text", "say what is to be done")
	} else if v.checkText("text", "action", a.Text, false) && utf8.RuneCountInString(a.Text) > maxItemText {
		v.add("text", "keep an action under %d characters", maxItemText)
	}
	if a.Owner != OwnerLead && a.Owner != OwnerReport {
		v.add("owner", "%q is not an owner (lead or report)", a.Owner)
	}
	if a.PersonID == 0 {
		v.add("person", "an action belongs to a person")
	}
	return v.orNil()
}

// SaveAction creates or updates an action.
func (s *Store) SaveAction(a *Action) error {
	if err := a.validate(); err != nil {
		return err
	}
	var err error
	if a.ID == 0 {
		_, err = statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Create(a) })
	} else {
		var n int64
		n, err = statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Model(a).Select("Text", "Owner", "Due", "DoneAt").Updates(a) })
		if err == nil && n == 0 {
			err = ErrNotFound
		}
	}
	if err != nil {
		return fmt.Errorf("save action: %w", err)
	}
	return nil
}

// SetActionDone marks an action done now, or open again.
func (s *Store) SetActionDone(id uint, done bool) error {
	var at *time.Time
	if done {
		now := s.now().UTC()
		at = &now
	}
	n, err := statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Model(&Action{}).Where("id = ?", id).Update("done_at", at) })
	if err != nil {
		return fmt.Errorf("update action %d: %w", id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteAction removes an action.
func (s *Store) DeleteAction(id uint) error {
	if _, err := statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Delete(&Action{}, id) }); err != nil {
		return fmt.Errorf("delete action %d: %w", id, err)
	}
	return nil
}

// ActionRow is an action with whose it is and where it stands today.
type ActionRow struct {
	Action
	PersonName string
	Overdue    bool
	DueSoon    bool
	// Mine marks an action on my own list: one a debrief gave me, say.
	Mine bool
}

// OpenActions lists unfinished actions, for one person or (personID 0) the
// team in the user's scope (see ScopeChoice): overdue first, then by due
// date, undated last.
func (s *Store) OpenActions(personID uint) ([]ActionRow, error) {
	var in scoped
	if personID == 0 {
		var err error
		if _, in, err = s.scope(); err != nil {
			return nil, err
		}
	}
	return s.openActions(personID, Date{}, in)
}

// openActions is OpenActions, only those due by dueBy unless it is zero.
func (s *Store) openActions(personID uint, dueBy Date, in scoped) ([]ActionRow, error) {
	q := s.db.Table("actions AS a")
	if in.me != 0 {
		// My reports' actions, and my own: a debrief may give me one.
		sql, args := in.filter("a.person_id")
		q = q.Where("("+sql+" OR a.person_id = ?)", append(args, in.me)...)
	}
	q = q.Select(columns("a", actionColumns...) + ", p.name").
		Joins("JOIN people p ON p.id = a.person_id").
		Where("a.done_at IS NULL AND p.archived_at IS NULL").
		Order("a.due IS NULL, a.due, a.id")
	if personID != 0 {
		q = q.Where("a.person_id = ?", personID)
	}
	if !dueBy.IsZero() {
		q = q.Where("a.due <= ?", dueBy)
	}
	rows, err := scanAll(q, func(a *ActionRow) []any { return append(a.fields(), &a.PersonName) })
	if err != nil {
		return nil, fmt.Errorf("list actions: %w", err)
	}
	today := s.Today()
	for i := range rows {
		rows[i].Mine = in.me != 0 && rows[i].PersonID == in.me
		if d := rows[i].Due; !d.IsZero() {
			rows[i].Overdue = d.Before(today)
			rows[i].DueSoon = !rows[i].Overdue && today.DaysUntil(d) <= DueSoonDays
		}
	}
	return rows, nil
}

// Action loads one action.
func (s *Store) Action(id uint) (Action, error) {
	var a Action
	err := s.db.First(&a, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return a, ErrNotFound
	}
	return a, err
}
