package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm/clause"
)

// userSetting is one of a user's own settings: in a file the one user's, on
// a server the connected role's (row-level security keeps it theirs).
type userSetting struct {
	Login string `gorm:"primaryKey;->"` // the database fills it
	Name  string `gorm:"primaryKey"`
	Value string
}

func (userSetting) TableName() string { return "user_settings" }

// settingMe names the person the user is.
const settingMe = "me"

// UserSetting reads one of the user's settings; "" when never set.
func (s *Store) UserSetting(name string) (string, error) {
	var rows []userSetting
	if err := s.db.Where("name = ?", name).Limit(1).Find(&rows).Error; err != nil {
		return "", fmt.Errorf("read setting %s: %w", name, err)
	}
	if len(rows) == 0 {
		return "", nil
	}
	return rows[0].Value, nil
}

// SetUserSetting stores one of the user's settings.
func (s *Store) SetUserSetting(name, value string) error {
	err := s.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "login"}, {Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"value"}),
	}).Select("Name", "Value").Create(&userSetting{Name: name, Value: value}).Error
	if err != nil {
		return fmt.Errorf("save setting %s: %w", name, err)
	}
	return nil
}

// Me is the person using this database: the one chosen in a file, or on a
// server the one the login role chose, else the one whose email is the
// role's name (or starts with it and "@"). ok is false while nobody is.
func (s *Store) Me() (p Person, ok bool, err error) {
	v, err := s.UserSetting(settingMe)
	if err != nil {
		return p, false, err
	}
	if id, _ := strconv.ParseUint(v, 10, 64); id != 0 {
		p, err = s.Person(uint(id))
		if err == nil {
			return p, true, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return p, false, err
		}
	}
	if !isPostgres(s.db) {
		return Person{}, false, nil
	}
	var found []Person
	if err := s.db.Where("archived_at IS NULL AND email <> '' AND (email = lower(current_user) OR email LIKE lower(current_user) || '@%')").
		Limit(2).Find(&found).Error; err != nil {
		return Person{}, false, fmt.Errorf("find the person of this login: %w", err)
	}
	if len(found) != 1 { // none, or namesakes: the user says who they are
		return Person{}, false, nil
	}
	return found[0], true, nil
}

// MyID is Me's ID, 0 while nobody is.
func (s *Store) MyID() (uint, error) {
	p, ok, err := s.Me()
	if !ok {
		return 0, err
	}
	return p.ID, nil
}

// SetMe records that the user is person id.
func (s *Store) SetMe(id uint) error {
	p, err := s.Person(id)
	if err != nil {
		return fmt.Errorf("choose who you are: %w", err)
	}
	if p.ArchivedAt != nil {
		return &ValidationError{Problems: []FieldError{{Field: "me", Message: p.Name + " is archived; restore them first"}}}
	}
	return s.SetUserSetting(settingMe, strconv.FormatUint(uint64(id), 10))
}

// FindMe picks the active person a command line names as "me": by email,
// ID, full name or preferred name, any case.
func (s *Store) FindMe(who string) (Person, error) {
	who = strings.TrimSpace(who)
	if who == "" {
		return Person{}, &ValidationError{Problems: []FieldError{{Field: "me", Message: "say who you are: an email or a name on the roster"}}}
	}
	var rows []Person
	q := s.db.Where("archived_at IS NULL")
	if id, err := strconv.ParseUint(who, 10, 64); err == nil {
		q = q.Where("id = ?", id)
	} else {
		low := strings.ToLower(who)
		q = q.Where("email = ? OR lower(name) = ? OR lower(preferred_name) = ?", low, low, low)
	}
	if err := q.Limit(5).Find(&rows).Error; err != nil {
		return Person{}, fmt.Errorf("find %q: %w", who, err)
	}
	switch len(rows) {
	case 1:
		return rows[0], nil
	case 0:
		return Person{}, &ValidationError{Problems: []FieldError{{Field: "me", Message: fmt.Sprintf("nobody active on the roster is %q; add yourself first or give your email", who)}}}
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.DisplayName()
		if r.Email != "" {
			names[i] += " <" + r.Email + ">"
		}
	}
	return Person{}, &ValidationError{Problems: []FieldError{{Field: "me", Message: fmt.Sprintf("%q names more than one person (%s); give the email", who, strings.Join(names, "; "))}}}
}
