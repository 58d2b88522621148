package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// MeetingSetting is where a one-on-one happens.
type MeetingSetting string

// The settings a one-on-one can have.
const (
	MeetingSettingWalk   MeetingSetting = "walk"
	MeetingSettingCoffee MeetingSetting = "coffee"
	MeetingSettingDesk   MeetingSetting = "desk"
	MeetingSettingVideo  MeetingSetting = "video"
	MeetingSettingOther  MeetingSetting = "other"
)

var meetingSettings = enum[MeetingSetting]{unknown: MeetingSettingOther, entries: []labelled[MeetingSetting]{
	{MeetingSettingWalk, "Walk"}, {MeetingSettingCoffee, "Coffee"},
	{MeetingSettingDesk, "At the desk"}, {MeetingSettingVideo, "Video call"},
	{MeetingSettingOther, "Other"},
}}

// MeetingSettings lists every setting in the order pickers show them.
func MeetingSettings() []MeetingSetting { return meetingSettings.values() }

// Label is the setting as people say it.
func (s MeetingSetting) Label() string { return meetingSettings.label(s) }

// OneOnOne is one held conversation with a report. A field the lead edits
// joins meetingEdits (what a save writes), ui's meetingDiffs (what two
// leads' saves are compared on), TestInvisibleCharactersRefused's table if
// people type it and, if it is worth keeping outside the app, model/export's
// oneonone.go. Its column needs a default: the server's start_one_on_one
// (migration 10) inserts the columns it names. Nothing else lists columns:
// restore's check, the copier and the demo read them from the schema.
type OneOnOne struct {
	ID           uint `gorm:"primaryKey"`
	PersonID     uint
	HeldAt       time.Time
	Setting      MeetingSetting
	PulseRating  int // 1–5; 0 when not given
	PulseComment string
	// ReportPulse is the rating (1–5) the report gave ahead of the
	// meeting; 0 when they gave none.
	ReportPulse int
	SharedNotes string
	// PrivateNotes are the connected lead's own (see privateNote).
	PrivateNotes string `gorm:"-"`
	// Version counts saves, so a save made on an older copy is refused.
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName keeps the table name independent of Go's type name.
func (OneOnOne) TableName() string { return "one_on_ones" }

// meetingEdits are the fields SaveOneOnOne writes: what the lead edits, and
// the version. Who the meeting is with never changes after it starts.
var meetingEdits = []string{"HeldAt", "Setting", "PulseRating", "PulseComment", "SharedNotes", "Version"}

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
func (s *Store) StartOneOnOne(personID uint, at time.Time, setting MeetingSetting) (OneOnOne, error) {
	var o OneOnOne
	err := transaction(s.db, func(tx *gorm.DB) error {
		var err error
		o, err = startOneOnOne(tx, personID, at, setting)
		return err
	})
	if err != nil {
		return o, fmt.Errorf("start one-on-one: %w", err)
	}
	return o, nil
}

// StartDraft is StartOneOnOne for a one-on-one drafted before, returning
// also the items it holds: it carries what is open now, which may no
// longer be what the draft showed.
func (s *Store) StartDraft(personID uint, at time.Time, setting MeetingSetting) (OneOnOne, []*MeetingItem, error) {
	var o OneOnOne
	var items []*MeetingItem
	err := transaction(s.db, func(tx *gorm.DB) error {
		var err error
		if o, err = startOneOnOne(tx, personID, at, setting); err != nil {
			return err
		}
		items, err = s.meetingItems(tx, o.ID)
		return err
	})
	if err != nil {
		return o, nil, fmt.Errorf("start one-on-one: %w", err)
	}
	return o, items, nil
}

func startOneOnOne(tx *gorm.DB, personID uint, at time.Time, setting MeetingSetting) (OneOnOne, error) {
	var p Person
	if err := tx.Select("id").First(&p, personID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return OneOnOne{}, ErrNotFound
		}
		return OneOnOne{}, err
	}
	if setting == "" {
		setting = MeetingSettingDesk
	}
	o := OneOnOne{PersonID: personID, HeldAt: at.UTC(), Setting: setting}
	if err := dialectOf(tx).startOneOnOne(tx, &o); err != nil {
		return o, err
	}
	if err := takeAgenda(tx, personID, o.ID); err != nil {
		return o, err
	}
	return o, tx.Model(&OneOnOne{}).Select("report_pulse").Where("id = ?", o.ID).Scan(&o.ReportPulse).Error
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

// DraftMeeting is a one-on-one with a person at a time, as StartOneOnOne
// would begin it, without storing it: the editor shows it (what it would
// carry over, what to follow up on) and starts it on the first write, so
// opening and leaving stores no empty meeting. Its ID is 0.
func (s *Store) DraftMeeting(personID uint, at time.Time) (Meeting, error) {
	m := Meeting{OneOnOne: OneOnOne{PersonID: personID, HeldAt: at.UTC(), Setting: MeetingSettingDesk}}
	if err := s.db.First(&m.Person, personID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return m, ErrNotFound
		}
		return m, fmt.Errorf("draft one-on-one: person %d: %w", personID, err)
	}
	var prev uint
	if err := s.db.Raw(latestMeeting, personID).Scan(&prev).Error; err != nil {
		return m, fmt.Errorf("draft one-on-one: %w", err)
	}
	if prev != 0 {
		items, err := s.meetingItems(s.db, prev)
		if err != nil {
			return m, fmt.Errorf("draft one-on-one: items: %w", err)
		}
		// What carriesOn picks, in the order meetingItems lists a
		// meeting's carried items.
		for _, it := range items {
			if it.Status == ItemOpen && (it.Heading == HeadingObstacles || it.Heading == HeadingFocus) {
				it.Carried = true
				m.Items = append(m.Items, it)
			}
		}
		order := Headings()
		slices.SortStableFunc(m.Items, func(a, b *MeetingItem) int {
			return cmp.Or(cmp.Compare(slices.Index(order, a.Heading), slices.Index(order, b.Heading)), a.FromDate.Compare(b.FromDate),
				cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
		})
	}
	fu, err := s.followUps(personID, m.HeldAt)
	if err != nil {
		return m, err
	}
	m.FollowUps = fu
	var waiting int64
	if err := s.db.Model(&AgendaItem{}).Where("person_id = ?", personID).Count(&waiting).Error; err != nil {
		return m, fmt.Errorf("draft one-on-one: their agenda: %w", err)
	}
	m.Waiting = int(waiting)
	return m, nil
}

// MetOn is a person's latest one-on-one held on day (in local time), 0 when
// there is none: a second one the same day is more often a slip than a plan.
func (s *Store) MetOn(personID uint, day Date) (uint, error) {
	var id uint
	err := s.db.Model(&OneOnOne{}).Select("id").Where("person_id = ? AND held_at >= ? AND held_at < ?", personID, localStart(day), localStart(day.AddDays(1))).
		Order("held_at DESC, id DESC").Limit(1).Scan(&id).Error
	if err != nil {
		return 0, fmt.Errorf("one-on-ones of person %d on %s: %w", personID, day, err)
	}
	return id, nil
}

// localStart is the first moment of day on the local clock, in UTC. Where
// clocks skip midnight, time.Date gives an hour of the evening before; the
// day then starts when the new offset does.
func localStart(day Date) time.Time {
	y, m, d := day.Time().Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	if DateOf(t).Before(day) {
		_, t = t.ZoneBounds()
	}
	return t.UTC()
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
	// Waiting counts the items the report added to their agenda, which a
	// draft takes in when it starts.
	Waiting int
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
		ORDER BY `+headingOrder("i.heading")+`, carried DESC, o.held_at, i.position, i.id`, id, id, id).Scan(&rows).Error
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
		o.Setting = MeetingSettingDesk
	}
	o.HeldAt = o.HeldAt.UTC()
	err := versioned(s.db, &o.Version, func(tx *gorm.DB) error {
		err := saveVersioned(tx, o, o.ID, &o.Version, "one-on-one", func(q *gorm.DB) *gorm.DB {
			return q.Select(meetingEdits)
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

// DropIfEmpty deletes one-on-one id when nothing was written in it (no
// item of its own, no pulse, notes, action or prompt asked), as when
// meeting mode was opened and left at once, and says whether it did.
// Carried items it only showed stay where they were.
func (s *Store) DropIfEmpty(id uint) (bool, error) {
	var written bool
	err := s.db.Raw(`SELECT EXISTS (SELECT 1 FROM one_on_ones o WHERE o.id = ? AND (o.pulse_rating <> 0 OR o.pulse_comment <> '' OR o.shared_notes <> ''
			OR EXISTS (SELECT 1 FROM one_on_one_items i WHERE i.one_on_one_id = o.id)
			OR EXISTS (SELECT 1 FROM private_notes n WHERE n.one_on_one_id = o.id AND n.text <> '')
			OR EXISTS (SELECT 1 FROM actions a WHERE a.one_on_one_id = o.id)
			OR EXISTS (SELECT 1 FROM prompt_uses u WHERE u.one_on_one_id = o.id)))`, id).Scan(&written).Error
	if err != nil || written {
		return false, err
	}
	return true, s.DeleteOneOnOne(id)
}

// DeleteOneOnOne removes a one-on-one and the items raised in it. Items it
// had carried into later one-on-ones are not lost: each moves to the first
// later one-on-one that carried it. Actions agreed in it stay with the person.
func (s *Store) DeleteOneOnOne(id uint) error {
	err := transaction(s.db, func(tx *gorm.DB) error {
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

// MeetingSummary is one line of a person's history.
type MeetingSummary struct {
	ID          uint
	HeldAt      time.Time
	Setting     MeetingSetting
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
