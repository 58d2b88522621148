package model

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Setting is where a one-on-one happens.
type Setting string

// The settings a one-on-one can have.
const (
	SettingWalk   Setting = "walk"
	SettingCoffee Setting = "coffee"
	SettingDesk   Setting = "desk"
	SettingVideo  Setting = "video"
	SettingOther  Setting = "other"
)

// Settings lists every setting in the order pickers show them.
var Settings = []Setting{SettingWalk, SettingCoffee, SettingDesk, SettingVideo, SettingOther}

// Label is the setting as people say it.
func (s Setting) Label() string {
	switch s {
	case SettingWalk:
		return "Walk"
	case SettingCoffee:
		return "Coffee"
	case SettingDesk:
		return "At the desk"
	case SettingVideo:
		return "Video call"
	}
	return "Other"
}

// Heading is one of the four MOFO headings.
type Heading string

// The MOFO headings, in meeting order.
const (
	HeadingProgress  Heading = "progress"
	HeadingObstacles Heading = "obstacles"
	HeadingFocus     Heading = "focus"
	HeadingPulse     Heading = "pulse"
)

// Headings lists the MOFO headings in meeting order.
var Headings = []Heading{HeadingProgress, HeadingObstacles, HeadingFocus, HeadingPulse}

// Label is the heading's full name.
func (h Heading) Label() string {
	switch h {
	case HeadingProgress:
		return "Meaningful progress"
	case HeadingObstacles:
		return "Obstacles"
	case HeadingFocus:
		return "Focus for next week"
	}
	return "Organizational pulse"
}

// ItemStatus is where an item stands.
type ItemStatus string

// The statuses an item can have.
const (
	ItemOpen    ItemStatus = "open"
	ItemDone    ItemStatus = "done"
	ItemDropped ItemStatus = "dropped"
)

// OneOnOne is one held conversation with a report.
type OneOnOne struct {
	ID           uint `gorm:"primaryKey"`
	PersonID     uint
	HeldAt       time.Time
	Setting      Setting
	PulseRating  int // 1–5; 0 when not given
	PulseComment string
	SharedNotes  string
	// PrivateNotes are the connected lead's own (see privateNote).
	PrivateNotes string `gorm:"-"`
	// Version counts saves, so a save made on an older copy is refused.
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName keeps the table name independent of Go's type name.
func (OneOnOne) TableName() string { return "one_on_ones" }

// Item is something said under a MOFO heading.
type Item struct {
	ID         uint `gorm:"primaryKey"`
	OneOnOneID uint
	Heading    Heading
	Text       string
	NonWork    bool
	Status     ItemStatus
	FollowUp   Date
	Private    bool
	Position   int
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

const maxItemText = 20000

// MaxNoteText is how long a note may be, in characters: a one-on-one's
// notes and pulse comment, a hire's trainer and offer notes (shadowing
// notes have the same limit). Some 3,000 words, far more than a meeting
// needs; editing slows down well past it. Older, longer notes still load
// whole: they only have to be shortened to be saved again.
const MaxNoteText = 20000

// checkNote adds a problem when text is longer than MaxNoteText or not fit
// to keep (see textProblem); lines says whether it may have several.
func (v *ValidationError) checkNote(field, name, text string, lines bool) {
	if !v.checkText(field, name, text, lines) {
		return
	}
	if n := utf8.RuneCountInString(text); n > MaxNoteText {
		v.add(field, "shorten the %s to at most %d characters (now %d)", name, MaxNoteText, n)
	}
}

// ValidateRating checks a pulse rating (0 means none given).
func ValidateRating(r int) error {
	if r < 0 || r > 5 {
		return fmt.Errorf("a pulse rating is from 1 to 5, not %d", r)
	}
	return nil
}

// StartOneOnOne records a new one-on-one with a person at the given time and
// brings in, linked rather than copied, every still-open Obstacle and Focus
// item of their previous one-on-one.
func (s *Store) StartOneOnOne(personID uint, at time.Time, setting Setting) (OneOnOne, error) {
	var o OneOnOne
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var err error
		o, err = startOneOnOne(tx, personID, at, setting)
		return err
	})
	if err != nil {
		return o, fmt.Errorf("start one-on-one: %w", err)
	}
	return o, nil
}

func startOneOnOne(tx *gorm.DB, personID uint, at time.Time, setting Setting) (OneOnOne, error) {
	var p Person
	if err := tx.Select("id").First(&p, personID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return OneOnOne{}, ErrNotFound
		}
		return OneOnOne{}, err
	}
	if setting == "" {
		setting = SettingDesk
	}
	o := OneOnOne{PersonID: personID, HeldAt: at.UTC(), Setting: setting}
	return o, dialectOf(tx).startOneOnOne(tx, &o)
}

// latestMeeting is a person's latest one-on-one, the one a new one carries
// on from. Argument: the person's ID. A server runs it, carriesOn and
// carryOverSQL in start_one_on_one() (schema 10): change them only with a
// migration that makes that function again.
const latestMeeting = `SELECT id FROM one_on_ones WHERE person_id = ? ORDER BY held_at DESC, id DESC LIMIT 1`

// carriesOn selects the items of a meeting that the next one brings in: open
// obstacle and focus items, its own and those it carried itself, so an item
// travels until someone closes it. Arguments: status, two headings, the
// meeting's ID twice.
const carriesOn = `i.status = ? AND i.heading IN (?, ?)
	AND (i.one_on_one_id = ? OR i.id IN (SELECT item_id FROM carry_overs WHERE one_on_one_id = ?))`

// carryOverSQL links what the meeting prev carries on into the meeting next.
const carryOverSQL = `INSERT INTO carry_overs (one_on_one_id, item_id) SELECT ?, i.id FROM one_on_one_items i WHERE ` + carriesOn

func carryOverArgs(prev, next uint) []any {
	return []any{next, ItemOpen, HeadingObstacles, HeadingFocus, prev, prev}
}

// CarryingOver lists what a person's next one-on-one will bring in from
// their last one, for preparing it.
func (s *Store) CarryingOver(personID uint) ([]Item, error) {
	var last OneOnOne
	err := s.db.Where("person_id = ?", personID).Order("held_at DESC, id DESC").Limit(1).Find(&last).Error
	if err != nil || last.ID == 0 {
		return nil, err
	}
	var items []Item
	err = s.db.Table("one_on_one_items AS i").Where(carriesOn, ItemOpen, HeadingObstacles, HeadingFocus, last.ID, last.ID).
		Order("i.heading, i.id").Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("what carries over for person %d: %w", personID, err)
	}
	return items, nil
}

// Meeting is everything the one-on-one editor shows.
type Meeting struct {
	OneOnOne
	Person Person
	// Items, by heading, carried first, then position. Pointers, so an editor
	// can keep hold of an item while the list grows.
	Items     []*MeetingItem
	Actions   []Action   // agreed in this one-on-one
	FollowUps []FollowUp // non-work items from earlier meetings to ask about
}

// Meeting loads one one-on-one with its items, actions and follow-ups.
func (s *Store) Meeting(id uint) (Meeting, error) {
	var m Meeting
	if err := s.db.First(&m.OneOnOne, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return m, ErrNotFound
		}
		return m, fmt.Errorf("load one-on-one %d: %w", id, err)
	}
	if err := s.db.First(&m.Person, m.PersonID).Error; err != nil {
		return m, fmt.Errorf("load one-on-one %d: person: %w", id, err)
	}
	notes, err := s.privateNotes(id)
	if err != nil {
		return m, fmt.Errorf("load one-on-one %d: private notes: %w", id, err)
	}
	m.PrivateNotes = notes
	items, err := s.meetingItems(s.db, id)
	if err != nil {
		return m, fmt.Errorf("load one-on-one %d: items: %w", id, err)
	}
	m.Items = items
	if err := s.db.Where("one_on_one_id = ?", id).Order("id").Find(&m.Actions).Error; err != nil {
		return m, fmt.Errorf("load one-on-one %d: actions: %w", id, err)
	}
	fu, err := s.followUps(m.PersonID, m.HeldAt)
	if err != nil {
		return m, err
	}
	m.FollowUps = fu
	return m, nil
}

func (s *Store) meetingItems(db *gorm.DB, id uint) ([]*MeetingItem, error) {
	var rows []struct {
		Item
		Carried  bool
		FromDate time.Time
	}
	err := db.Raw(`
		SELECT i.*, i.one_on_one_id <> ? AS carried, o.held_at AS from_date
		FROM one_on_one_items i JOIN one_on_ones o ON o.id = i.one_on_one_id
		WHERE i.one_on_one_id = ? OR i.id IN (SELECT item_id FROM carry_overs WHERE one_on_one_id = ?)
		ORDER BY CASE i.heading WHEN 'progress' THEN 0 WHEN 'obstacles' THEN 1 WHEN 'focus' THEN 2 ELSE 3 END,
		         carried DESC, o.held_at, i.position, i.id`, id, id, id).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	items := make([]*MeetingItem, len(rows))
	for i, r := range rows {
		items[i] = &MeetingItem{Item: r.Item, Carried: r.Carried, FromDate: r.FromDate}
	}
	return items, nil
}

// SaveOneOnOne stores the meeting's own fields (time, setting, pulse, notes).
func (s *Store) SaveOneOnOne(o *OneOnOne) error {
	v := &ValidationError{}
	if err := ValidateRating(o.PulseRating); err != nil {
		v.add("pulse_rating", "%s", err.Error())
	}
	v.checkNote("pulse_comment", "pulse comment", o.PulseComment, false)
	v.checkNote("shared_notes", "shared notes", o.SharedNotes, true)
	v.checkNote("private_notes", "private notes", o.PrivateNotes, true)
	if err := v.orNil(); err != nil {
		return err
	}
	if o.Setting == "" {
		o.Setting = SettingDesk
	}
	o.HeldAt = o.HeldAt.UTC()
	err := versioned(s.db, &o.Version, func(tx *gorm.DB) error {
		err := saveVersioned(tx, o, o.ID, &o.Version, "one-on-one", func(q *gorm.DB) *gorm.DB {
			return q.Select("HeldAt", "Setting", "PulseRating", "PulseComment", "SharedNotes", "Version")
		})
		if err != nil {
			return err
		}
		return s.savePrivateNotes(tx, o.ID, o.PrivateNotes)
	})
	if err != nil {
		return fmt.Errorf("save one-on-one %d: %w", o.ID, err)
	}
	return nil
}

// DeleteOneOnOne removes a one-on-one and the items raised in it. Items it
// had carried into later one-on-ones are not lost: each moves to the first
// later one-on-one that carried it. Actions agreed in it stay with the person.
func (s *Store) DeleteOneOnOne(id uint) error {
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var moves []struct{ ItemID, ToID uint }
		err := tx.Raw(`
			SELECT c.item_id, (SELECT c2.one_on_one_id FROM carry_overs c2 JOIN one_on_ones o ON o.id = c2.one_on_one_id
			                   WHERE c2.item_id = c.item_id ORDER BY o.held_at, o.id LIMIT 1) AS to_id
			FROM carry_overs c JOIN one_on_one_items i ON i.id = c.item_id
			WHERE i.one_on_one_id = ? GROUP BY c.item_id`, id).Scan(&moves).Error
		if err != nil {
			return err
		}
		for _, m := range moves {
			if err := tx.Exec("UPDATE one_on_one_items SET one_on_one_id = ?, version = version + 1 WHERE id = ?", m.ToID, m.ItemID).Error; err != nil {
				return err
			}
			if err := tx.Exec("DELETE FROM carry_overs WHERE item_id = ? AND one_on_one_id = ?", m.ItemID, m.ToID).Error; err != nil {
				return err
			}
		}
		for _, q := range []string{
			"DELETE FROM carry_overs WHERE one_on_one_id = ?",
			"DELETE FROM carry_overs WHERE item_id IN (SELECT id FROM one_on_one_items WHERE one_on_one_id = ?)",
			"DELETE FROM one_on_one_items WHERE one_on_one_id = ?",
			"DELETE FROM private_notes WHERE one_on_one_id = ?",
			"UPDATE actions SET one_on_one_id = NULL WHERE one_on_one_id = ?",
			"DELETE FROM one_on_ones WHERE id = ?",
		} {
			if err := tx.Exec(q, id).Error; err != nil {
				// On a server, what still hangs from the meeting is
				// another lead's private notes or items: row-level
				// security kept them from the deletes above, and the
				// foreign keys keep the meeting for them (schema 10).
				if errors.Is(err, gorm.ErrForeignKeyViolated) {
					return ErrOthersPrivate
				}
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete one-on-one %d: %w", id, err)
	}
	return nil
}

// AddItem adds an empty-or-not item under a heading of a one-on-one.
func (s *Store) AddItem(oneOnOneID uint, h Heading, text string, nonWork bool) (Item, error) {
	it := Item{OneOnOneID: oneOnOneID, Heading: h, Text: strings.TrimSpace(text), NonWork: nonWork, Status: ItemOpen}
	if err := it.validate(); err != nil {
		return it, err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
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
	switch it.Heading {
	case HeadingProgress, HeadingObstacles, HeadingFocus, HeadingPulse:
	default:
		v.add("heading", "%q is not a MOFO heading", it.Heading)
	}
	switch it.Status {
	case ItemOpen, ItemDone, ItemDropped:
	default:
		v.add("status", "%q is not an item status (open, done or dropped)", it.Status)
	}
	if v.checkText("text", "item", it.Text, false) && len(it.Text) > maxItemText {
		v.add("text", "keep an item under %d characters; put longer thoughts in the notes", maxItemText)
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
		return saveVersioned(tx, it, it.ID, &it.Version, "item", func(q *gorm.DB) *gorm.DB {
			return q.Select("Text", "NonWork", "Status", "FollowUp", "Private", "Version")
		})
	})
	if err != nil {
		return fmt.Errorf("save item %d: %w", it.ID, err)
	}
	return nil
}

// DeleteItem removes an item everywhere it was carried.
func (s *Store) DeleteItem(id uint) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM carry_overs WHERE item_id = ?", id).Error; err != nil {
			return err
		}
		return tx.Delete(&Item{}, id).Error
	})
}

// RestoreItem puts back an item removed by DeleteItem (undo), with its links.
func (s *Store) RestoreItem(it Item, carriedTo []uint) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
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

// SetCadence changes how often a person has one-on-ones.
func (s *Store) SetCadence(personID uint, c Cadence) error {
	if _, err := ParseCadence(string(c)); err != nil {
		return &ValidationError{Problems: []FieldError{{"cadence", err.Error()}}}
	}
	res := s.db.Model(&Person{}).Where("id = ?", personID).Updates(map[string]any{"cadence": c, "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return fmt.Errorf("set cadence: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// Report is a person as the One-on-ones screen lists them.
type Report struct {
	Person
	LastHeld    *time.Time
	NextDue     Date
	OpenActions int
	FollowUps   int
}

// Reports lists the active people who have one-on-ones, soonest due first
// (overdue at the top). Someone never met is due today.
func (s *Store) Reports() ([]Report, error) { return s.reports(false) }

// reports is Reports; dueOnly keeps those due today or overdue, for Today,
// and leaves OpenActions and FollowUps at zero.
func (s *Store) reports(dueOnly bool) ([]Report, error) {
	type row struct {
		Person
		LastHeld    sql.NullString
		OpenActions int
		FollowUps   int
	}
	today := s.Today()
	countCols, countJoin, notDue := ", 0, 0", "", ""
	var args []any
	if dueOnly {
		// Someone met more recently than their cadence's shortest gap is not
		// due, whenever exactly they were met: the index on (person_id,
		// held_at) rules most of the roster out before their row is read.
		// The monthly bound, the earliest, is the index's range; the later
		// ones narrow it for the other cadences. (Each bound is compared with
		// held_at itself, so PostgreSQL knows it for a timestamp.)
		notDue = `
		  AND NOT EXISTS (SELECT 1 FROM one_on_ones o WHERE o.person_id = p.id AND o.held_at >= ?
		    AND (p.cadence = 'monthly' OR o.held_at >= ?)
		    AND (p.cadence IN ('monthly', 'biweekly') OR o.held_at >= ?))`
		args = []any{notDueIfMetSince(CadenceMonthly, today), notDueIfMetSince(CadenceBiweekly, today), notDueIfMetSince(CadenceWeekly, today)}
	} else {
		countCols = `,
		  (SELECT COUNT(*) FROM actions a WHERE a.person_id = p.id AND a.done_at IS NULL),
		  COALESCE(f.n, 0)`
		// open follow-ups are few, and idx_one_on_one_items_open_follow_up holds just them
		countJoin = `LEFT JOIN (SELECT o.person_id, COUNT(*) AS n FROM one_on_one_items i JOIN one_on_ones o ON o.id = i.one_on_one_id
		     WHERE i.status = 'open' AND i.follow_up IS NOT NULL GROUP BY o.person_id) f ON f.person_id = p.id`
	}
	rows, err := scanAll(s.db.Raw(`
		SELECT `+columns("p", personColumns...)+`,
		  -- not MAX(held_at): SQLite walks every row for MAX in a correlated subquery
		  (SELECT held_at FROM one_on_ones o WHERE o.person_id = p.id ORDER BY held_at DESC LIMIT 1)`+countCols+`
		FROM people p `+countJoin+`
		WHERE p.archived_at IS NULL AND p.status = 'active' AND p.cadence <> 'none'
		  -- the top of the tree (the lead, the centre manager) reports to no one here
		  AND NOT (p.manager_id IS NULL AND EXISTS (SELECT 1 FROM people r WHERE r.manager_id = p.id AND r.archived_at IS NULL))`+notDue, args...),
		func(r *row) []any { return append(r.fields(), &r.LastHeld, &r.OpenActions, &r.FollowUps) })
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	out := make([]Report, 0, len(rows))
	for _, r := range rows {
		rep := Report{Person: r.Person, OpenActions: r.OpenActions, FollowUps: r.FollowUps, NextDue: today}
		if t, ok := parseDBTime(r.LastHeld.String); ok {
			rep.LastHeld = &t
			rep.NextDue = r.Cadence.DueAfter(t)
		}
		if !dueOnly || !today.Before(rep.NextDue) {
			out = append(out, rep)
		}
	}
	sortReports(out)
	return out, nil
}

// notDueIfMetSince is the moment from which a one-on-one leaves someone on
// cadence c not due today: the start of the local day after the last one
// that could be due by now.
func notDueIfMetSince(c Cadence, today Date) time.Time {
	y, m, d := today.AddDays(1 - c.shortestGap()).Time().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local).UTC()
}

// parseDBTime reads a timestamp that came back from an aggregate as text.
func parseDBTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	// SQLite keeps "-07:00", PostgreSQL writes "-07".
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999-07", time.RFC3339Nano, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func sortReports(r []Report) {
	slices.SortFunc(r, func(a, b Report) int {
		if c := a.NextDue.Time().Compare(b.NextDue.Time()); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}

// MeetingSummary is one line of a person's history.
type MeetingSummary struct {
	ID          uint
	HeldAt      time.Time
	Setting     Setting
	PulseRating int
	Items       int // raised in this one-on-one
	OpenItems   int // of those, obstacles and focus still open (they carry on)
}

// History lists a person's one-on-ones, newest first.
func (s *Store) History(personID uint) ([]MeetingSummary, error) {
	var rows []MeetingSummary
	err := s.db.Raw(`
		SELECT o.id, o.held_at, o.setting, o.pulse_rating,
		  (SELECT COUNT(*) FROM one_on_one_items i WHERE i.one_on_one_id = o.id) AS items,
		  (SELECT COUNT(*) FROM one_on_one_items i WHERE i.one_on_one_id = o.id AND i.status = 'open' AND i.heading IN ('obstacles', 'focus')) AS open_items
		FROM one_on_ones o WHERE o.person_id = ? ORDER BY o.held_at DESC, o.id DESC`, personID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("history of person %d: %w", personID, err)
	}
	return rows, nil
}

// PulsePoint is one pulse rating in time.
type PulsePoint struct {
	HeldAt time.Time
	Rating int
}

// PulseHistory lists a person's pulse ratings, oldest first.
func (s *Store) PulseHistory(personID uint) ([]PulsePoint, error) {
	var pts []PulsePoint
	err := s.db.Model(&OneOnOne{}).Select("held_at", "pulse_rating AS rating").
		Where("person_id = ? AND pulse_rating > 0", personID).Order("held_at").Scan(&pts).Error
	if err != nil {
		return nil, fmt.Errorf("pulse of person %d: %w", personID, err)
	}
	return pts, nil
}

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
		Where("o.person_id = ? AND i.status = ? AND i.follow_up IS NOT NULL", personID, ItemOpen)
	if !before.IsZero() {
		q = q.Where("o.held_at < ?", before.UTC())
	}
	var rows []FollowUp
	if err := q.Order("i.follow_up, i.id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("follow-ups of person %d: %w", personID, err)
	}
	return rows, nil
}
