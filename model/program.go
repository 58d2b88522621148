package model

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// MilestoneKind is what completing a milestone takes.
type MilestoneKind string

// The kinds of milestone.
const (
	MilestoneTask      MilestoneKind = "task"      // a checklist task
	MilestoneSignOff   MilestoneKind = "signoff"   // a trainer signs off
	MilestoneShadowing MilestoneKind = "shadowing" // N shadowing sessions
	MilestoneDecision  MilestoneKind = "decision"  // the offer to leave
)

var milestoneKinds = enum[MilestoneKind]{unknown: MilestoneTask, entries: []labelled[MilestoneKind]{
	{MilestoneTask, "Checklist task"}, {MilestoneSignOff, "Trainer sign-off"},
	{MilestoneShadowing, "Shadowing sessions"}, {MilestoneDecision, "Decision point"},
}}

// MilestoneKinds lists every kind in the order pickers show them.
func MilestoneKinds() []MilestoneKind { return milestoneKinds.values() }

// Label is the kind as people say it.
func (k MilestoneKind) Label() string { return milestoneKinds.label(k) }

// Program is an onboarding template: ordered phases with milestones.
type Program struct {
	ID           uint `gorm:"primaryKey"`
	Name         string
	Description  string
	SkipWeekends bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TableName keeps the table name independent of Go's type name.
func (Program) TableName() string { return "programs" }

// Phase is one stretch of a program.
type Phase struct {
	ID         uint `gorm:"primaryKey"`
	ProgramID  uint
	Position   int
	Name       string
	LengthDays int  // working days when the program skips weekends
	InWeeks    bool // shown in weeks when the length is whole weeks
	Purpose    string
	Milestones []Milestone `gorm:"-"`
}

// TableName keeps the table name independent of Go's type name.
func (Phase) TableName() string { return "program_phases" }

// LengthText says how long a phase is, as the program shows it.
func (p Phase) LengthText(skipWeekends bool) string {
	per := 7
	if skipWeekends {
		per = 5
	}
	if p.InWeeks && p.LengthDays%per == 0 {
		return Plural(p.LengthDays/per, "week", "weeks")
	}
	return Plural(p.LengthDays, "day", "days")
}

// Milestone is something a hire does or gets within a phase.
type Milestone struct {
	ID               uint `gorm:"primaryKey"`
	PhaseID          uint
	Position         int
	Title            string
	Kind             MilestoneKind
	DueDay           int // day of the phase it is due by, from 1
	RequiredSessions int // for shadowing milestones
}

// TableName keeps the table name independent of Go's type name.
func (Milestone) TableName() string { return "program_milestones" }

// ProgramDetail is a program with its phases and their milestones.
type ProgramDetail struct {
	Program
	Phases []Phase
}

// Validate checks a program before it is saved.
func (d *ProgramDetail) Validate() error {
	v := &ValidationError{}
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" {
		v.add("name", "give the program a name")
	}
	v.checkText("name", "name", d.Name, false)
	v.checkText("description", "description", d.Description, false)
	if len(d.Phases) == 0 {
		v.add("phases", "a program needs at least one phase")
	}
	for i := range d.Phases {
		ph := &d.Phases[i]
		ph.Name = strings.TrimSpace(ph.Name)
		n := i + 1
		if ph.Name == "" {
			v.add("phases", "phase %d needs a name", n)
		}
		v.checkText("phases", fmt.Sprintf("name of phase %d", n), ph.Name, false)
		v.checkText("phases", fmt.Sprintf("purpose of phase %d", n), ph.Purpose, false)
		if ph.LengthDays < 1 || ph.LengthDays > 365 {
			v.add("phases", "phase %d (%s) must last from 1 to 365 days", n, ph.Name)
		}
		for j := range ph.Milestones {
			m := &ph.Milestones[j]
			m.Title = strings.TrimSpace(m.Title)
			if m.Title == "" {
				v.add("milestones", "milestone %d of %s needs a title", j+1, ph.Name)
			}
			v.checkText("milestones", fmt.Sprintf("title of milestone %d of phase %d", j+1, n), m.Title, false)
			if !milestoneKinds.has(m.Kind) {
				v.add("milestones", "%q is not a kind of milestone", m.Kind)
			}
			if m.DueDay < 1 || m.DueDay > ph.LengthDays {
				v.add("milestones", "%s is due on day %d, outside the %d days of %s", m.Title, m.DueDay, ph.LengthDays, ph.Name)
			}
			if m.Kind == MilestoneShadowing && m.RequiredSessions < 1 {
				v.add("milestones", "%s needs at least one shadowing session", m.Title)
			}
		}
	}
	return v.orNil()
}

// defaultProgram is the onboarding Solemate ships: about four weeks of
// classes, the offer to leave, a warehouse week and about three weeks of
// phone coaching, counted in working days.
func defaultProgram() ProgramDetail {
	ms := func(items ...Milestone) []Milestone { return items }
	return ProgramDetail{
		Program: Program{Name: "New hire onboarding", SkipWeekends: true,
			Description: "Classes, the offer to leave, a week in the warehouse, then coached calls before working alone."},
		Phases: []Phase{
			{Name: "Onboarding classes", LengthDays: 20, InWeeks: true, Purpose: "Culture and core values, our systems, our products",
				Milestones: ms(
					Milestone{Title: "Culture and core values", Kind: MilestoneTask, DueDay: 5},
					Milestone{Title: "Systems: orders, returns and refunds", Kind: MilestoneTask, DueDay: 10},
					Milestone{Title: "Products: the range and how it fits", Kind: MilestoneTask, DueDay: 15},
					Milestone{Title: "Walk in the customer's shoes twice", Kind: MilestoneShadowing, DueDay: 18, RequiredSessions: 2},
					Milestone{Title: "Trainer sign-off on classes", Kind: MilestoneSignOff, DueDay: 20},
				)},
			{Name: "The offer to leave", LengthDays: 1, Purpose: "A paid way out if the job is not for them; every hire gets the offer",
				Milestones: ms(Milestone{Title: "Offer made and answered", Kind: MilestoneDecision, DueDay: 1})},
			{Name: "Warehouse week", LengthDays: 5, InWeeks: true, Purpose: "The whole business from the inside: shelves, packing, returns",
				Milestones: ms(
					Milestone{Title: "A morning at the packing station", Kind: MilestoneTask, DueDay: 2},
					Milestone{Title: "Follow an order from shelf to van", Kind: MilestoneTask, DueDay: 4},
					Milestone{Title: "Warehouse sign-off", Kind: MilestoneSignOff, DueDay: 5},
				)},
			{Name: "Phone coaching", LengthDays: 15, InWeeks: true, Purpose: "Real calls with a coach listening, then alone with a debrief",
				Milestones: ms(
					Milestone{Title: "Ten calls with a coach listening", Kind: MilestoneTask, DueDay: 5},
					Milestone{Title: "First solo call, debriefed", Kind: MilestoneTask, DueDay: 10},
					Milestone{Title: "Shadow a journey as a customer", Kind: MilestoneShadowing, DueDay: 12, RequiredSessions: 1},
					Milestone{Title: "Ready to work alone", Kind: MilestoneSignOff, DueDay: 15},
				)},
		},
	}
}

// Programs lists the onboarding templates by name.
func (s *Store) Programs() ([]Program, error) {
	var ps []Program
	if err := s.db.Order(s.d.nocase("name")).Find(&ps).Error; err != nil {
		return nil, fmt.Errorf("list programs: %w", err)
	}
	return ps, nil
}

// Program loads a template with its phases and milestones.
func (s *Store) Program(id uint) (ProgramDetail, error) {
	return loadProgram(s.db, id)
}

func loadProgram(db *gorm.DB, id uint) (ProgramDetail, error) {
	var d ProgramDetail
	if err := db.First(&d.Program, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return d, ErrNotFound
		}
		return d, fmt.Errorf("load program %d: %w", id, err)
	}
	if err := db.Where("program_id = ?", id).Order("position").Find(&d.Phases).Error; err != nil {
		return d, fmt.Errorf("load program %d: %w", id, err)
	}
	for i := range d.Phases {
		if err := db.Where("phase_id = ?", d.Phases[i].ID).Order("position").Find(&d.Phases[i].Milestones).Error; err != nil {
			return d, fmt.Errorf("load program %d: %w", id, err)
		}
	}
	return d, nil
}

// SaveProgram creates or replaces a template. Running cohorts keep their
// own copy, so nothing they hold changes.
func (s *Store) SaveProgram(d *ProgramDetail) error {
	if err := d.Validate(); err != nil {
		return err
	}
	err := transaction(s.db, func(tx *gorm.DB) error { return saveProgram(tx, d) })
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return &ValidationError{Problems: []FieldError{{"name", "another program already has this name"}}}
	}
	if err != nil {
		return fmt.Errorf("save program %q: %w", d.Name, err)
	}
	return nil
}

func saveProgram(tx *gorm.DB, d *ProgramDetail) error {
	if d.ID == 0 {
		if err := tx.Create(&d.Program).Error; err != nil {
			return err
		}
	} else {
		if err := tx.Model(&d.Program).Select("Name", "Description", "SkipWeekends").Updates(&d.Program).Error; err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM program_phases WHERE program_id = ?", d.ID).Error; err != nil {
			return err
		}
	}
	for i := range d.Phases {
		ph := &d.Phases[i]
		ph.ID, ph.ProgramID, ph.Position = 0, d.ID, i
		if err := tx.Create(ph).Error; err != nil {
			return err
		}
		for j := range ph.Milestones {
			m := &ph.Milestones[j]
			m.ID, m.PhaseID, m.Position = 0, ph.ID, j
			if err := tx.Create(m).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// CopyProgram makes an editable copy of a template under a new name.
func (s *Store) CopyProgram(id uint, name string) (ProgramDetail, error) {
	d, err := s.Program(id)
	if err != nil {
		return d, err
	}
	d.ID, d.Name = 0, name
	if err := s.SaveProgram(&d); err != nil {
		return d, err
	}
	return d, nil
}

// DeleteProgram removes a template; cohorts started from it keep their copy.
func (s *Store) DeleteProgram(id uint) error {
	err := transaction(s.db, func(tx *gorm.DB) error {
		if err := tx.Exec("UPDATE cohorts SET program_id = NULL WHERE program_id = ?", id).Error; err != nil {
			return err
		}
		return tx.Delete(&Program{}, id).Error
	})
	if err != nil {
		return fmt.Errorf("delete program %d: %w", id, err)
	}
	return nil
}
