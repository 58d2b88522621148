package model

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// HistoryMeeting is a past one-on-one brought in from notes kept elsewhere
// (Markdown as model/export writes it), with the items said in it.
type HistoryMeeting struct {
	HeldAt       time.Time
	Setting      MeetingSetting
	PulseRating  int
	PulseComment string
	SharedNotes  string
	PrivateNotes string
	// Items need Heading and Text; NonWork, Status (open when empty),
	// FollowUp, AskedOn, AskedNote and Private are kept as given.
	Items []Item
	// Actions agreed in the meeting: Text, Owner, Due and DoneAt are kept.
	Actions []Action
	// Carried are the open items of earlier meetings of the same import
	// that this one carried over.
	Carried []CarriedItem
}

// CarriedItem is item Item of meeting Meeting, both counted from 0 in the
// meetings given to ImportHistory.
type CarriedItem struct{ Meeting, Item int }

// ParseHeading accepts a MOFO heading's key or label in any case.
func ParseHeading(s string) (Heading, bool) { return headings.lookup(s) }

// ParseMeetingSetting accepts a setting's key or label in any case.
func ParseMeetingSetting(s string) (MeetingSetting, bool) { return meetingSettings.lookup(s) }

// Limits on one history import: years of weekly one-on-ones, and more
// items in one than anyone says.
const (
	MaxHistoryMeetings = 1000
	MaxHistoryItems    = 500
)

// validate checks a past meeting; today is the store's, as the meeting
// must have been held by then.
func (m *HistoryMeeting) validate(personID uint, today Date) error {
	v := &ValidationError{}
	switch day := DateOf(m.HeldAt); {
	case m.HeldAt.IsZero():
		v.add("held_at", "say when the one-on-one was held")
	case today.Before(day):
		v.add("held_at", "it is dated %s, after today; only one-on-ones already held can be brought in", m.HeldAt.Format(DateLayout))
	case m.HeldAt.Year() < 1900:
		v.add("held_at", "it is dated %s, before 1900; check the year", m.HeldAt.Format(DateLayout))
	}
	if len(m.Items) > MaxHistoryItems {
		v.add("items", "it has %d items, more than %d; split them over the meetings they were said in", len(m.Items), MaxHistoryItems)
	}
	if m.Setting == "" {
		m.Setting = MeetingSettingDesk
	}
	if !meetingSettings.has(m.Setting) {
		v.add("setting", "%q is not a meeting setting", m.Setting)
	}
	if err := ValidateRating(m.PulseRating); err != nil {
		v.add("pulse_rating", "%s", err.Error())
	}
	v.checkNote("pulse_comment", "pulse comment", m.PulseComment, false)
	v.checkNote("shared_notes", "shared notes", m.SharedNotes, true)
	v.checkNote("private_notes", "private notes", m.PrivateNotes, true)
	for i := range m.Items {
		it := &m.Items[i]
		if it.Status == "" {
			it.Status = ItemOpen
		}
		if err := it.validate(); err != nil {
			v.add("items", "item %d: %s", i+1, err.Error())
		}
	}
	for i := range m.Actions {
		m.Actions[i].PersonID = personID
		if err := m.Actions[i].validate(); err != nil {
			v.add("actions", "action %d: %s", i+1, err.Error())
		}
	}
	return v.orNil()
}

// ImportHistory adds a person's past one-on-ones, all or none, and says
// how many it added. A meeting held the same day as one already kept that
// holds all its items is skipped, so importing the same history twice adds
// nothing, even after the meeting was edited. Past meetings carry nothing over and take no agenda in: they
// are kept as they were written.
func (s *Store) ImportHistory(personID uint, meetings []HistoryMeeting) (added int, err error) {
	v := &ValidationError{}
	if len(meetings) > MaxHistoryMeetings {
		v.add("meetings", "meeting %d: that is more than %d one-on-ones; bring them in a few years at a time", MaxHistoryMeetings+1, MaxHistoryMeetings)
		return 0, v
	}
	today := s.Today()
	for i := range meetings {
		if err := meetings[i].validate(personID, today); err != nil {
			v.add("meetings", "meeting %d: %s", i+1, err.Error())
		}
		for _, c := range meetings[i].Carried {
			if c.Meeting < 0 || c.Meeting >= i || c.Item < 0 || c.Item >= len(meetings[c.Meeting].Items) {
				v.add("meetings", "meeting %d: it carries over an item of no earlier meeting", i+1)
			}
		}
	}
	if err := v.orNil(); err != nil {
		return 0, err
	}
	err = transaction(s.db, func(tx *gorm.DB) error {
		var p Person
		if err := tx.Select("id").Where("id = ?", personID).Find(&p).Error; err != nil {
			return err
		}
		if p.ID == 0 {
			return ErrNotFound
		}
		// the IDs each meeting's items have, for what later ones carry
		ids := make([][]uint, len(meetings))
		for i, m := range meetings {
			if kept, err := heldAlready(tx, personID, m); err != nil {
				return err
			} else if kept != nil {
				ids[i] = kept
				continue
			}
			at := m.HeldAt.UTC()
			o := OneOnOne{PersonID: personID, HeldAt: at, Setting: m.Setting, PulseRating: m.PulseRating,
				PulseComment: m.PulseComment, SharedNotes: m.SharedNotes, CreatedAt: at, UpdatedAt: at}
			if err := tx.Create(&o).Error; err != nil {
				return err
			}
			next := map[Heading]int{}
			for _, it := range m.Items {
				it.ID, it.OneOnOneID, it.ByReport, it.Version = 0, o.ID, false, 0
				it.Position = next[it.Heading]
				next[it.Heading]++
				it.CreatedAt, it.UpdatedAt = at, at
				if err := tx.Create(&it).Error; err != nil {
					return err
				}
				ids[i] = append(ids[i], it.ID)
			}
			for _, a := range m.Actions {
				a.ID, a.OneOnOneID, a.SessionID, a.CreatedAt, a.UpdatedAt = 0, &o.ID, nil, at, at
				if err := tx.Create(&a).Error; err != nil {
					return err
				}
			}
			for _, c := range m.Carried {
				if err := tx.Exec("INSERT INTO carry_overs (one_on_one_id, item_id) VALUES (?, ?)", o.ID, ids[c.Meeting][c.Item]).Error; err != nil {
					return err
				}
			}
			if m.PrivateNotes != "" {
				if err := s.savePrivateNotes(tx, o.ID, m.PrivateNotes); err != nil {
					return err
				}
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("import the one-on-ones of person %d: %w", personID, err)
	}
	return added, nil
}

// heldAlready finds a one-on-one of the person's on m's day that holds
// every item of m, its own or carried into it, and returns the IDs of
// those items in m's order; nil when there is none. An item added in the
// app since, or a file that writes a carried item as the meeting's own
// (an export limited to recent weeks does), is still the same meeting.
func heldAlready(tx *gorm.DB, personID uint, m HistoryMeeting) ([]uint, error) {
	day := DateOf(m.HeldAt.Local())
	var ids []uint
	if err := tx.Model(&OneOnOne{}).Where("person_id = ? AND held_at >= ? AND held_at < ?", personID, localStart(day), localStart(day.AddDays(1))).
		Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
meetings:
	for _, id := range ids {
		var have []Item
		if err := tx.Where("one_on_one_id = ? OR id IN (SELECT item_id FROM carry_overs WHERE one_on_one_id = ?)", id, id).
			Find(&have).Error; err != nil {
			return nil, err
		}
		if len(m.Items) == 0 && len(have) > 0 {
			continue // a meeting of notes alone is not one with items
		}
		byKey := map[string]uint{}
		for _, it := range have {
			byKey[sameItem(it.Heading, it.NonWork, it.Text)] = it.ID
		}
		kept := make([]uint, len(m.Items))
		for j, it := range m.Items {
			if kept[j] = byKey[sameItem(it.Heading, it.NonWork, it.Text)]; kept[j] == 0 {
				continue meetings
			}
		}
		return kept, nil
	}
	return nil, nil
}
