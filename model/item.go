package model

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Heading is one of the four MOFO headings.
type Heading string

// The MOFO headings, in meeting order.
const (
	HeadingProgress  Heading = "progress"
	HeadingObstacles Heading = "obstacles"
	HeadingFocus     Heading = "focus"
	HeadingPulse     Heading = "pulse"
)

var headings = enum[Heading]{unknown: HeadingPulse, entries: []labelled[Heading]{
	{HeadingProgress, "Meaningful progress"}, {HeadingObstacles, "Obstacles"},
	{HeadingFocus, "Focus for next week"}, {HeadingPulse, "Organizational pulse"},
}}

// Headings lists the MOFO headings in meeting order.
func Headings() []Heading { return headings.values() }

// Label is the heading's full name.
func (h Heading) Label() string { return headings.label(h) }

// headingOrder sorts by col, a heading, in the order MOFO lists them.
func headingOrder(col string) string {
	order := "CASE " + col
	for i, h := range Headings() {
		order += fmt.Sprintf(" WHEN '%s' THEN %d", h, i)
	}
	return order + " END"
}

// ItemStatus is where an item stands.
type ItemStatus string

// The statuses an item can have.
const (
	ItemOpen    ItemStatus = "open"
	ItemDone    ItemStatus = "done"
	ItemDropped ItemStatus = "dropped"
)

// Item is something said under a MOFO heading.
type Item struct {
	ID         uint `gorm:"primaryKey"`
	OneOnOneID uint
	Heading    Heading
	Text       string
	NonWork    bool
	Status     ItemStatus
	FollowUp   Date
	// AskedOn is the day a follow-up was asked about (then it leaves the
	// lists of follow-ups due); AskedNote what the person said.
	AskedOn   Date
	AskedNote string
	Private   bool
	// ByReport marks an item the report added to their own agenda.
	ByReport bool
	Position int
	// Author is who wrote it on a shared server (the database fills it);
	// a private item is theirs alone.
	Author    string `gorm:"->"`
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName keeps the table name independent of Go's type name.
func (Item) TableName() string { return "one_on_one_items" }

// MeetingItem is an item as a one-on-one shows it: its own, or carried over
// from an earlier one (then Item belongs to that earlier meeting).
type MeetingItem struct {
	Item
	Carried  bool
	FromDate time.Time // when the item was first raised
}

const maxItemText = 20000

// AddItem adds an empty-or-not item under a heading of a one-on-one.
func (s *Store) AddItem(oneOnOneID uint, h Heading, text string, nonWork bool) (Item, error) {
	it := Item{OneOnOneID: oneOnOneID, Heading: h, Text: strings.TrimSpace(text), NonWork: nonWork, Status: ItemOpen}
	if err := it.validate(); err != nil {
		return it, err
	}
	err := transaction(s.db, func(tx *gorm.DB) error {
		var max *int
		if err := tx.Model(&Item{}).Where("one_on_one_id = ? AND heading = ?", oneOnOneID, h).Select("MAX(position)").Scan(&max).Error; err != nil {
			return err
		}
		if max != nil {
			it.Position = *max + 1
		}
		return tx.Create(&it).Error
	})
	if err != nil {
		return it, fmt.Errorf("add item: %w", err)
	}
	return it, nil
}

func (it *Item) validate() error {
	v := &ValidationError{}
	if !headings.has(it.Heading) {
		v.add("heading", "%q is not a MOFO heading", it.Heading)
	}
	switch it.Status {
	case ItemOpen, ItemDone, ItemDropped:
	default:
		v.add("status", "%q is not an item status (open, done or dropped)", it.Status)
	}
	if it.ByReport && it.Private {
		v.add("private", "they added this item: it stays theirs to see, so it cannot be private")
	}
	if v.checkText("text", "item", it.Text, false) && len(it.Text) > maxItemText {
		v.add("text", "keep an item under %d characters; put longer thoughts in the notes", maxItemText)
	}
	// Line breaks are allowed: notes asked with them are kept (exports
	// write them on one line).
	if v.checkText("asked_note", "note", it.AskedNote, true) && len(it.AskedNote) > maxItemText {
		v.add("asked_note", "keep the note under %d characters", maxItemText)
	}
	return v.orNil()
}

// UpdateItem stores an item's text, tag, status, follow-up date and privacy.
// A carried item is its original, so closing it anywhere closes it in history.
func (s *Store) UpdateItem(it *Item) error {
	if err := it.validate(); err != nil {
		return err
	}
	err := versioned(s.db, &it.Version, func(tx *gorm.DB) error {
		err := saveVersioned(tx, it, it.ID, &it.Version, "item", func(q *gorm.DB) *gorm.DB {
			return q.Select("Text", "NonWork", "Status", "FollowUp", "AskedOn", "AskedNote", "Private", "Version")
		})
		if err != nil || !it.Private {
			return err
		}
		// As stored, whatever the copy says: their item stays theirs to see.
		res := tx.Exec(`UPDATE one_on_one_items SET private = ? WHERE id = ? AND by_report AND private`, false, it.ID)
		if res.Error == nil && res.RowsAffected > 0 {
			it.ByReport = true
			return it.validate()
		}
		return res.Error
	})
	if err != nil {
		return fmt.Errorf("save item %d: %w", it.ID, err)
	}
	return nil
}

// DeleteItem removes an item everywhere it was carried.
func (s *Store) DeleteItem(id uint) error {
	return transaction(s.db, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM carry_overs WHERE item_id = ?", id).Error; err != nil {
			return err
		}
		return tx.Delete(&Item{}, id).Error
	})
}

// RestoreItem puts back an item removed by DeleteItem (undo), with its links.
func (s *Store) RestoreItem(it Item, carriedTo []uint) error {
	return transaction(s.db, func(tx *gorm.DB) error {
		// On a server the restored item is the restorer's: an author is
		// always whoever writes the row (schema 10).
		if err := tx.Create(&it).Error; err != nil {
			return err
		}
		for _, m := range carriedTo {
			if err := tx.Exec("INSERT INTO carry_overs (one_on_one_id, item_id) VALUES (?, ?)", m, it.ID).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// CarriedTo lists the one-on-ones an item was carried into.
func (s *Store) CarriedTo(itemID uint) ([]uint, error) {
	var ids []uint
	err := s.db.Table("carry_overs").Where("item_id = ?", itemID).Order("one_on_one_id").Pluck("one_on_one_id", &ids).Error
	return ids, err
}

// AskFollowUp records that item id's follow-up was asked about today, with
// what the person said (may be empty). It leaves the follow-up lists; the
// item itself stays as it was (open, under its heading). One asked before
// is left as it is (ErrAlreadyAsked).
func (s *Store) AskFollowUp(id uint, note string) (Item, error) {
	var it Item
	if err := s.db.First(&it, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			err = ErrNotFound
		}
		return it, fmt.Errorf("follow-up %d: %w", id, err)
	}
	if !it.AskedOn.IsZero() {
		return it, ErrAlreadyAsked
	}
	it.AskedOn = s.Today()
	it.AskedNote = strings.TrimSpace(note)
	err := s.UpdateItem(&it)
	var conflict *ConflictError
	if errors.As(err, &conflict) {
		// Someone saved it since it was read: when they asked it, say so.
		var now Item
		if s.db.First(&now, id).Error == nil && !now.AskedOn.IsZero() {
			return now, ErrAlreadyAsked
		}
	}
	return it, err
}

// ErrAlreadyAsked means a follow-up was marked asked before (from another
// page, or by another lead): asking again would overwrite what they said.
// AskFollowUp returns the item as stored with it.
var ErrAlreadyAsked = errors.New("it was already marked asked")

// FollowUp is an item with a day to ask about it again ("ask how the move
// went"); mostly non-work, but a work item can have one too.
type FollowUp struct {
	Item
	RaisedAt time.Time
}

// FollowUps lists a person's open items with a follow-up date, soonest first.
func (s *Store) FollowUps(personID uint) ([]FollowUp, error) {
	return s.followUps(personID, time.Time{})
}

// FollowUpsBefore lists a person's open follow-ups raised before a
// one-on-one held at before: those it shows.
func (s *Store) FollowUpsBefore(personID uint, before time.Time) ([]FollowUp, error) {
	return s.followUps(personID, before)
}

// followUps lists follow-ups raised before a meeting (all when before is zero).
func (s *Store) followUps(personID uint, before time.Time) ([]FollowUp, error) {
	q := s.db.Table("one_on_one_items AS i").Select("i.*, o.held_at AS raised_at").
		Joins("JOIN one_on_ones o ON o.id = i.one_on_one_id").
		Where("o.person_id = ? AND i.status = ? AND i.follow_up IS NOT NULL AND i.asked_on IS NULL", personID, ItemOpen)
	if !before.IsZero() {
		q = q.Where("o.held_at < ?", before.UTC())
	}
	var rows []FollowUp
	if err := q.Order("i.follow_up, i.id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("follow-ups of person %d: %w", personID, err)
	}
	return rows, nil
}
