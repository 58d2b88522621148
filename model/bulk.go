package model

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// ErrNotEmpty is returned when demo data would mix with real data.
var ErrNotEmpty = errors.New("the database already holds people; demo data only goes into an empty database")

// Bulk is the store inside the one transaction that fills an empty
// database (FillEmpty): the store's own rules run in it as they stand, and
// it writes the rows that come in thousands (meetings and what was said in
// them, sessions) many to a statement, numbered by the filler itself.
// Each of its writes, as each store call, is undone alone when refused
// (transaction), so a filler may skip a refusal and go on.
type Bulk struct{ *Store }

// FillEmpty runs fill in one transaction, all or nothing, on a database that
// holds no people (else ErrNotEmpty), with the store's clock and every
// timestamp it writes at now, so the same fill gives the same rows. On a
// server only the owner may fill (ErrDemoNotOwner): a fill numbers rows
// itself and moves the server's ID sequences.
func (s *Store) FillEmpty(now time.Time, fill func(*Bulk) error) error {
	if isPostgres(s.db) {
		lead, err := isLead(s.db)
		if err != nil {
			return fmt.Errorf("check who may write it: %w", err)
		}
		if lead {
			return ErrDemoNotOwner
		}
	}
	return s.db.Session(&gorm.Session{NowFunc: func() time.Time { return now.UTC() }}).Transaction(func(tx *gorm.DB) (err error) {
		var n int64
		if err := tx.Model(&Person{}).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrNotEmpty
		}
		done, err := dialectOf(tx).bulkWrite(tx)
		if err != nil {
			return err
		}
		defer func() {
			if back := done(); back != nil && err == nil {
				err = fmt.Errorf("give the connection its usual cache back: %w", back)
			}
		}()
		// Nested transactions are off: gorm opens a savepoint for each and
		// never releases it, so every later write would pay for all of them.
		// transaction opens and releases one of its own instead.
		in := &Store{db: tx.Session(&gorm.Session{DisableNestedTransaction: true}), d: dialectOf(tx), Now: func() time.Time { return now }}
		if err := fill(&Bulk{in}); err != nil {
			return err
		}
		return SyncSequences(tx)
	})
}

// transaction runs fn in a transaction of db's, all or nothing. In a fill,
// where nested transactions are off (FillEmpty), it puts fn in a savepoint
// and releases it after, so a store method the filler calls and that fails
// leaves nothing behind while the fill goes on, and no savepoint is left
// open for the later writes to pay for.
func transaction(db *gorm.DB, fn func(tx *gorm.DB) error) (err error) {
	if !db.DisableNestedTransaction {
		return db.Transaction(fn)
	}
	// Names are resolved to the latest savepoint of that name, so calls
	// inside calls may share it.
	if err := db.Exec("SAVEPOINT store_call").Error; err != nil {
		return err
	}
	// Undone and released even when fn failed because the caller's context
	// was cancelled: database/sql runs nothing on a cancelled context, and
	// the half write would go on into the fill.
	end := db.WithContext(context.WithoutCancel(db.Statement.Context))
	if err = db.Transaction(fn); err != nil {
		if back := end.Exec("ROLLBACK TO SAVEPOINT store_call").Error; back != nil {
			return errors.Join(err, back)
		}
	}
	if rel := end.Exec("RELEASE SAVEPOINT store_call").Error; rel != nil {
		return errors.Join(err, rel)
	}
	return err
}

// statement runs the one statement stmt makes as transaction runs a store
// call: on PostgreSQL a refused statement aborts the transaction it is in,
// so in a fill even a single write needs its savepoint to be undone alone.
// It returns the rows the statement touched.
func statement(db *gorm.DB, stmt func(tx *gorm.DB) *gorm.DB) (rows int64, err error) {
	err = transaction(db, func(tx *gorm.DB) error {
		res := stmt(tx)
		rows = res.RowsAffected
		return res.Error
	})
	return rows, err
}

// AddPeople writes people as they are, without SavePerson's checks, and
// gives each its ID in place.
func (b *Bulk) AddPeople(people []Person) error {
	return transaction(b.db, func(tx *gorm.DB) error { return tx.CreateInBatches(&people, 500).Error })
}

// UpdatePerson sets the fields of change that are not zero on person id,
// without SavePerson's checks.
func (b *Bulk) UpdatePerson(id uint, change Person) error {
	_, err := statement(b.db, func(tx *gorm.DB) *gorm.DB { return tx.Model(&Person{}).Where("id = ?", id).Updates(change) })
	return err
}

// DefaultProgram is the program a new database comes with.
func (b *Bulk) DefaultProgram() (Program, error) {
	var p Program
	return p, b.db.Where("name = ?", defaultProgram().Name).First(&p).Error
}

// AddTag writes a shadowing tag and returns its ID.
func (b *Bulk) AddTag(name string) (uint, error) {
	t := Tag{Name: name, Kind: GuessTagKind(name)}
	_, err := statement(b.db, func(tx *gorm.DB) *gorm.DB { return tx.Create(&t) })
	return t.ID, err
}

// FirstIDs are the IDs after the highest meeting, item and session: the
// rows a filler writes with Insert are numbered from them.
type FirstIDs struct{ Meeting, Item, Session uint }

// FirstIDs says where the filler's own numbering starts.
func (b *Bulk) FirstIDs() (FirstIDs, error) {
	var f FirstIDs
	for _, c := range []struct {
		id    *uint
		table string
	}{{&f.Meeting, "one_on_ones"}, {&f.Item, "one_on_one_items"}, {&f.Session, "shadowing_sessions"}} {
		if err := b.db.Raw("SELECT COALESCE(MAX(id), 0) + 1 FROM " + c.table).Scan(c.id).Error; err != nil {
			return f, err
		}
	}
	return f, nil
}

// Rows are rows written together by Insert, numbered by the filler: a
// long history has half a million, too many to write one at a time.
type Rows struct {
	// Meetings, with their private notes (as of when each was held).
	Meetings    []OneOnOne
	Items       []Item
	CarryOvers  []CarryOver
	Sessions    []Session
	SessionTags []SessionTag
	Actions     []Action
	Done        []uint // items closed since they were written
}

// CarryOver is a row of carry_overs: an item brought into a later meeting.
type CarryOver struct{ OneOnOneID, ItemID uint }

func (CarryOver) TableName() string { return "carry_overs" }

// SessionTag is a row of session_tags.
type SessionTag struct{ SessionID, TagID uint }

func (SessionTag) TableName() string { return "session_tags" }

// Insert writes r, each row before those that point at it (the search
// index reads the meeting of an item), then closes r.Done, and empties r
// for the next batch.
func (b *Bulk) Insert(r *Rows) error {
	var notes []privateNote
	for _, m := range r.Meetings {
		if m.PrivateNotes != "" {
			notes = append(notes, privateNote{OneOnOneID: m.ID, Text: m.PrivateNotes, UpdatedAt: m.HeldAt})
		}
	}
	err := transaction(b.db, func(tx *gorm.DB) error {
		for _, rows := range []any{&r.Meetings, &notes, &r.Items, &r.CarryOvers, &r.Sessions, &r.SessionTags, &r.Actions} {
			if err := tx.CreateInBatches(rows, 500).Error; err != nil {
				return err
			}
		}
		for ids := range slices.Chunk(r.Done, 5000) {
			if err := tx.Model(&Item{}).Where("id IN ?", ids).Update("status", ItemDone).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	*r = Rows{Meetings: r.Meetings[:0], Items: r.Items[:0], CarryOvers: r.CarryOvers[:0], Sessions: r.Sessions[:0],
		SessionTags: r.SessionTags[:0], Actions: r.Actions[:0], Done: r.Done[:0]}
	return nil
}
