package model

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// privateNote is a lead's private notes on a one-on-one. They live apart
// from the meeting so that, on a shared server, the database itself lets
// only their author read them (row-level security); each lead may keep
// their own. The author column is filled by the database: the connecting
// role on PostgreSQL, an empty string in a file of one's own.
type privateNote struct {
	ID         uint `gorm:"primaryKey"`
	OneOnOneID uint
	Text       string
	UpdatedAt  time.Time
}

func (privateNote) TableName() string { return "private_notes" }

// LeadRole is the PostgreSQL group role whose members may use a shared
// database; the migration grants it the tables and creates it if missing.
const LeadRole = "solemate_lead"

// ErrOthersPrivate refuses deleting a one-on-one in which another lead
// keeps private notes or items.
var ErrOthersPrivate = errors.New("another lead keeps private notes or items in this one-on-one; only they can delete it")

// bindSQL writes literals in place of q's placeholders, in order, for SQL
// that runs inside the server (a function's body).
func bindSQL(q string, literals ...string) string {
	if strings.Count(q, "?") != len(literals) {
		panic("bindSQL: placeholders and literals differ in number")
	}
	for _, l := range literals {
		q = strings.Replace(q, "?", l, 1)
	}
	return q
}

// ErrNotOwner means a lead's role tried to create or upgrade a shared
// database's schema. Whoever does owns every table, and a table's owner
// reads past row-level security: that is the administrator's role alone.
var ErrNotOwner = errors.New("this database's schema is missing or older than this Solemate, and only its owner may create or upgrade it: ask your administrator to run Solemate once as the owner (see README)")

// ErrDemoNotOwner means a lead's role tried to fill a shared database with
// demo data: that numbers rows and moves the server's ID sequences, which
// only the owner may.
var ErrDemoNotOwner = errors.New("this is a shared database, and only its owner may fill it with demo data: run solemate demo as the owner (see README)")

// mayMigrate refuses a lead or a report.
func mayMigrate(tx *gorm.DB) error {
	for _, role := range []string{LeadRole, ReportRole} {
		member, err := isMember(tx, role)
		if err != nil {
			return fmt.Errorf("check who may migrate: %w", err)
		}
		if member {
			return ErrNotOwner
		}
	}
	return nil
}

// isLead reports whether a server connection is a lead's.
func isLead(tx *gorm.DB) (bool, error) { return isMember(tx, LeadRole) }

// isMember reports whether a server connection's role is a member of role
// and not a superuser (superusers count as members of every role).
func isMember(tx *gorm.DB, role string) (bool, error) {
	var member bool
	err := tx.Raw(`SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)
		THEN pg_has_role(current_user, ?, 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
		ELSE false END`, role, role).Scan(&member).Error
	return member, err
}

// privateNotes are the connected lead's private notes on a one-on-one.
func (s *Store) privateNotes(meetingID uint) (string, error) {
	var text string
	err := s.db.Raw(`SELECT text FROM private_notes WHERE one_on_one_id = ? AND author = `+s.d.author(), meetingID).Scan(&text).Error
	return text, err
}

// savePrivateNotes stores the connected lead's private notes on a
// one-on-one; empty notes remove the row.
func (s *Store) savePrivateNotes(tx *gorm.DB, meetingID uint, text string) error {
	if text == "" {
		return tx.Exec(`DELETE FROM private_notes WHERE one_on_one_id = ? AND author = `+s.d.author(), meetingID).Error
	}
	return tx.Exec(`INSERT INTO private_notes (one_on_one_id, text, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (one_on_one_id, author) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		meetingID, text, s.now().UTC()).Error
}

// ConflictError means someone else saved the record after it was loaded
// here, so nothing was written. Theirs is the record as it is now (*Item,
// *OneOnOne, *Person, *Hire or *Session); to keep one's own, save again
// with Theirs' Version.
type ConflictError struct {
	What   string // "item", "one-on-one", "person", "hire" or "session"
	Theirs any
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("someone else changed this %s while you were editing it; nothing was saved", e.What)
}

// versioned runs save, a transaction that moves a record on a version with
// saveVersioned. When anything in it fails, *version goes back with the
// rollback: left moved on, the next save would be refused as stale.
func versioned(db *gorm.DB, version *int, save func(tx *gorm.DB) error) error {
	loaded := *version
	err := transaction(db, save)
	if err != nil {
		*version = loaded
	}
	return err
}

// saveVersioned updates row (with the columns pick selects, Version among
// them) only while it is at the version loaded here, moving *version one
// on; it refuses with checkSaved's errors otherwise. It runs inside
// versioned, which puts *version back if the transaction fails.
func saveVersioned[T any](tx *gorm.DB, row *T, id uint, version *int, what string, pick func(*gorm.DB) *gorm.DB) error {
	loaded := *version
	*version = loaded + 1
	res := pick(tx.Model(row).Where("version = ?", loaded)).Updates(row)
	return checkSaved[T](tx, res, what, id)
}

// checkSaved turns an update that matched no row into ErrNotFound, or into
// a ConflictError when the row is there at another version.
func checkSaved[T any](db *gorm.DB, res *gorm.DB, what string, id uint) error {
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	theirs := new(T)
	if err := db.First(theirs, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		return err
	}
	return &ConflictError{What: what, Theirs: theirs}
}
