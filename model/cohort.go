package model

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// HireStatus is where a hire stands in their cohort. Active hires are shown
// as on track or behind, derived from their milestones.
type HireStatus string

// The statuses a hire can have.
const (
	HireActive    HireStatus = "active"
	HireGraduated HireStatus = "graduated"
	HireTookOffer HireStatus = "took_offer"
	HireLeft      HireStatus = "left"
	HireExtended  HireStatus = "extended"
)

var hireStatuses = enum[HireStatus]{unknown: HireActive, entries: []labelled[HireStatus]{
	{HireActive, "In training"}, {HireGraduated, "Graduated"}, {HireTookOffer, "Took the offer"},
	{HireLeft, "Left"}, {HireExtended, "Extended"},
}}

// HireStatuses lists every status in the order pickers show them.
func HireStatuses() []HireStatus { return hireStatuses.values() }

// Label is the status as people say it.
func (s HireStatus) Label() string { return hireStatuses.label(s) }

// inTraining reports whether milestones still count for the hire.
func (s HireStatus) inTraining() bool { return s == HireActive || s == HireExtended }

// Offer outcomes.
const (
	OfferAccepted = "accepted"
	OfferDeclined = "declined"
)

// Cohort is a group of hires starting a program together.
type Cohort struct {
	ID           uint `gorm:"primaryKey"`
	Name         string
	ProgramID    *uint // the template it started from; its phases are copied
	StartDate    Date
	SkipWeekends bool
	// OwnerID holds the one-on-ones of the cohort's hires while they train
	// (a trainer), instead of their managers; nil leaves them with their managers.
	OwnerID *uint
	// The offer to leave, made once for the whole cohort.
	OfferOn       Date
	OfferAmount   int // whole currency units
	OfferCurrency string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName keeps the table name independent of Go's type name.
func (Cohort) TableName() string { return "cohorts" }

// CohortPhase is a cohort's own copy of a program phase, with its dates.
type CohortPhase struct {
	ID         uint `gorm:"primaryKey"`
	CohortID   uint
	Position   int
	Name       string
	LengthDays int
	InWeeks    bool
	Purpose    string
	StartDate  Date
	EndDate    Date
}

// TableName keeps the table name independent of Go's type name.
func (CohortPhase) TableName() string { return "cohort_phases" }

// CohortMilestone is a cohort's own copy of a milestone, with its due date.
type CohortMilestone struct {
	ID               uint `gorm:"primaryKey"`
	CohortPhaseID    uint
	Position         int
	Title            string
	Kind             MilestoneKind
	DueDate          Date
	RequiredSessions int
}

// TableName keeps the table name independent of Go's type name.
func (CohortMilestone) TableName() string { return "cohort_milestones" }

// Hire is a person in a cohort.
type Hire struct {
	ID            uint `gorm:"primaryKey"`
	CohortID      uint
	PersonID      uint
	Status        HireStatus
	Notes         string // trainer notes
	OfferedOn     Date
	OfferAmount   int // whole currency units
	OfferCurrency string
	OfferOutcome  string
	OfferNote     string
	// JoinedOn is the day a late hire joined (zero for those there from
	// the start): they owe nothing due before it.
	JoinedOn Date
	// StatusBeforeOffer is the standing a hire who took the offer had
	// before, to go back to when the answer is taken back.
	StatusBeforeOffer HireStatus
	Version           int // counts saves; a save made on an older copy is refused
}

// TableName keeps the table name independent of Go's type name.
func (Hire) TableName() string { return "cohort_hires" }

// Completion records a milestone a hire finished.
type Completion struct {
	HireID        uint `gorm:"primaryKey;autoIncrement:false"`
	MilestoneID   uint `gorm:"primaryKey;autoIncrement:false"`
	DoneOn        Date
	SignedOffByID *uint
	Note          string
}

// TableName keeps the table name independent of Go's type name.
func (Completion) TableName() string { return "milestone_completions" }

// nextWorkingDay is d, or the Monday after when d falls on a weekend.
func nextWorkingDay(d Date) Date {
	for d.Time().Weekday() == time.Saturday || d.Time().Weekday() == time.Sunday {
		d = d.AddDays(1)
	}
	return d
}

// addDays moves n days on, counting only working days when skip is set.
func addDays(d Date, n int, skip bool) Date {
	if !skip {
		return d.AddDays(n)
	}
	d = nextWorkingDay(d)
	for ; n > 0; n-- {
		d = nextWorkingDay(d.AddDays(1))
	}
	return d
}

// PhaseSpans computes each phase's first and last day from a start date,
// phase after phase, skipping weekends when asked.
func PhaseSpans(start Date, lengths []int, skipWeekends bool) [][2]Date {
	out := make([][2]Date, len(lengths))
	cur := start
	if skipWeekends {
		cur = nextWorkingDay(cur)
	}
	for i, n := range lengths {
		end := addDays(cur, n-1, skipWeekends)
		out[i] = [2]Date{cur, end}
		cur = addDays(end, 1, skipWeekends)
	}
	return out
}

// NewCohort is what starting a cohort takes.
type NewCohort struct {
	Name       string
	ProgramID  uint
	Start      Date
	TrainerIDs []uint
	// OwnerID holds the hires' one-on-ones while they train (usually a
	// trainer); zero leaves them with their managers.
	OwnerID uint
	HireIDs []uint
	// NewHires are added to the roster with the cohort, in the same
	// transaction, so a cohort that is not started adds no one.
	NewHires []Person
}

// CreateCohort starts a cohort: it copies the program's phases and
// milestones with their dates, so later edits to the template never reach
// it, and adds its trainers and hires, in one transaction.
func (s *Store) CreateCohort(n NewCohort) (Cohort, error) {
	v := &ValidationError{}
	n.Name = strings.TrimSpace(n.Name)
	checkCohort(v, n.Name, n.Start)
	if n.ProgramID == 0 {
		v.add("program", "choose a program")
	}
	if err := v.orNil(); err != nil {
		return Cohort{}, err
	}
	var c Cohort
	err := transaction(s.db, func(tx *gorm.DB) error {
		if err := cohortNameFree(tx, n.Name, 0); err != nil {
			return err
		}
		if err := knownPeople(tx, "owner", "who holds the one-on-ones", []uint{n.OwnerID}); err != nil {
			return err
		}
		if err := knownPeople(tx, "trainers", "a trainer", n.TrainerIDs); err != nil {
			return err
		}
		prog, err := loadProgram(tx, n.ProgramID)
		if err != nil {
			return err
		}
		c = Cohort{Name: n.Name, ProgramID: &prog.ID, StartDate: n.Start, SkipWeekends: prog.SkipWeekends}
		if n.OwnerID != 0 {
			c.OwnerID = &n.OwnerID
		}
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		lengths := make([]int, len(prog.Phases))
		for i, ph := range prog.Phases {
			lengths[i] = ph.LengthDays
		}
		spans := PhaseSpans(n.Start, lengths, c.SkipWeekends)
		for i, ph := range prog.Phases {
			cp := CohortPhase{CohortID: c.ID, Position: i, Name: ph.Name, LengthDays: ph.LengthDays, InWeeks: ph.InWeeks, Purpose: ph.Purpose,
				StartDate: spans[i][0], EndDate: spans[i][1]}
			if err := tx.Create(&cp).Error; err != nil {
				return err
			}
			for j, m := range ph.Milestones {
				cm := CohortMilestone{CohortPhaseID: cp.ID, Position: j, Title: m.Title, Kind: m.Kind, RequiredSessions: m.RequiredSessions,
					DueDate: addDays(cp.StartDate, m.DueDay-1, c.SkipWeekends)}
				if err := tx.Create(&cm).Error; err != nil {
					return err
				}
			}
		}
		if err := setTrainers(tx, c.ID, n.TrainerIDs); err != nil {
			return err
		}
		return addHires(tx, c, n.HireIDs, n.NewHires, Date{})
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return c, &ValidationError{Problems: []FieldError{{"name", "another cohort already has this name"}}}
	}
	if IsValidation(err) {
		return c, err
	}
	if err != nil {
		return c, fmt.Errorf("start cohort %q: %w", n.Name, err)
	}
	return c, nil
}

// AddHire puts a person into a cohort.
func (s *Store) AddHire(cohortID, personID uint) (Hire, error) {
	h := Hire{CohortID: cohortID, PersonID: personID, Status: HireActive}
	_, err := statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Create(&h) })
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return h, &ValidationError{Problems: []FieldError{{"hire", "this person is already in the cohort"}}}
	}
	if err != nil {
		return h, fmt.Errorf("add hire: %w", err)
	}
	return h, nil
}

// SaveHire stores a hire's status, notes and offer. Accepting the offer
// makes the status "took the offer".
func (s *Store) SaveHire(h *Hire) error {
	v := &ValidationError{}
	if !hireStatuses.has(h.Status) {
		v.add("status", "%q is not a hire status", h.Status)
	}
	if h.OfferOutcome != "" && h.OfferOutcome != OfferAccepted && h.OfferOutcome != OfferDeclined {
		v.add("offer", "the offer was either accepted or declined")
	}
	if h.OfferAmount < 0 {
		v.add("offer", "the amount cannot be negative")
	}
	if h.OfferOutcome != "" && h.OfferedOn.IsZero() {
		v.add("offer", "say when the offer was made")
	}
	v.checkNote("notes", "trainer notes", h.Notes, true)
	v.checkNote("offer_note", "offer note", h.OfferNote, false)
	if err := v.orNil(); err != nil {
		return err
	}
	if h.OfferOutcome == OfferAccepted && h.Status.inTraining() {
		h.StatusBeforeOffer, h.Status = h.Status, HireTookOffer
	}
	return versioned(s.db, &h.Version, func(tx *gorm.DB) error {
		err := saveVersioned(tx, h, h.ID, &h.Version, "hire", func(q *gorm.DB) *gorm.DB {
			return q.Select("Status", "StatusBeforeOffer", "Notes", "OfferedOn", "OfferAmount", "OfferOutcome", "OfferNote", "Version")
		})
		if err != nil {
			return fmt.Errorf("save hire: %w", err)
		}
		// Taking the offer, or leaving, means leaving the company: the person
		// drops out of one-on-ones and pickers.
		if h.Status == HireTookOffer || h.Status == HireLeft {
			var pid uint
			if err := tx.Model(&Hire{}).Select("person_id").Where("id = ?", h.ID).Scan(&pid).Error; err != nil {
				return err
			}
			if err := tx.Model(&Person{}).Where("id = ?", pid).Updates(map[string]any{"status": StatusLeft, "version": gorm.Expr("version + 1")}).Error; err != nil {
				return fmt.Errorf("save hire: %w", err)
			}
		}
		return nil
	})
}
