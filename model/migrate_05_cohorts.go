package model

import (
	"time"

	"gorm.io/gorm"
)

// migrateCohorts (schema 5) adds onboarding programs, cohorts and their
// hires, and the default program.
func migrateCohorts(tx *gorm.DB) error {
	type person struct{ ID uint }
	type program struct {
		ID           uint   `gorm:"primaryKey"`
		Name         string `gorm:"not null;uniqueIndex"`
		Description  string `gorm:"not null;default:''"`
		SkipWeekends bool   `gorm:"not null;default:true"`
		CreatedAt    time.Time
		UpdatedAt    time.Time
	}
	type programPhase struct {
		ID         uint    `gorm:"primaryKey"`
		ProgramID  uint    `gorm:"not null;index"`
		Program    program `gorm:"constraint:OnDelete:CASCADE"`
		Position   int     `gorm:"not null"`
		Name       string  `gorm:"not null"`
		LengthDays int     `gorm:"not null"`
		InWeeks    bool    `gorm:"not null;default:false"`
		Purpose    string  `gorm:"not null;default:''"`
	}
	type programMilestone struct {
		ID               uint         `gorm:"primaryKey"`
		PhaseID          uint         `gorm:"not null;index"`
		Phase            programPhase `gorm:"constraint:OnDelete:CASCADE"`
		Position         int          `gorm:"not null"`
		Title            string       `gorm:"not null"`
		Kind             string       `gorm:"not null"`
		DueDay           int          `gorm:"not null"`
		RequiredSessions int          `gorm:"not null;default:0"`
	}
	type cohort struct {
		ID           uint     `gorm:"primaryKey"`
		Name         string   `gorm:"not null;uniqueIndex"`
		ProgramID    *uint    `gorm:"index"`
		Program      *program `gorm:"constraint:OnDelete:SET NULL"`
		StartDate    string   `gorm:"type:date;not null"`
		SkipWeekends bool     `gorm:"not null"`
		CreatedAt    time.Time
		UpdatedAt    time.Time
	}
	type cohortPhase struct {
		ID         uint   `gorm:"primaryKey"`
		CohortID   uint   `gorm:"not null;index"`
		Cohort     cohort `gorm:"constraint:OnDelete:CASCADE"`
		Position   int    `gorm:"not null"`
		Name       string `gorm:"not null"`
		LengthDays int    `gorm:"not null"`
		InWeeks    bool   `gorm:"not null;default:false"`
		Purpose    string `gorm:"not null;default:''"`
		StartDate  string `gorm:"type:date;not null"`
		EndDate    string `gorm:"type:date;not null"`
	}
	type cohortMilestone struct {
		ID               uint        `gorm:"primaryKey"`
		CohortPhaseID    uint        `gorm:"not null;index"`
		CohortPhase      cohortPhase `gorm:"constraint:OnDelete:CASCADE"`
		Position         int         `gorm:"not null"`
		Title            string      `gorm:"not null"`
		Kind             string      `gorm:"not null"`
		DueDate          string      `gorm:"type:date;not null"`
		RequiredSessions int         `gorm:"not null;default:0"`
	}
	type cohortTrainer struct {
		CohortID uint   `gorm:"primaryKey;autoIncrement:false"`
		Cohort   cohort `gorm:"constraint:OnDelete:CASCADE"`
		PersonID uint   `gorm:"primaryKey;autoIncrement:false;index"`
		Person   person `gorm:"constraint:OnDelete:CASCADE"`
	}
	type cohortHire struct {
		ID           uint    `gorm:"primaryKey"`
		CohortID     uint    `gorm:"not null;uniqueIndex:idx_cohort_hires_person,priority:1"`
		Cohort       cohort  `gorm:"constraint:OnDelete:CASCADE"`
		PersonID     uint    `gorm:"not null;uniqueIndex:idx_cohort_hires_person,priority:2;index"`
		Person       person  `gorm:"constraint:OnDelete:RESTRICT"`
		Status       string  `gorm:"not null;default:'active'"`
		Notes        string  `gorm:"not null;default:''"`
		OfferedOn    *string `gorm:"type:date"`
		OfferAmount  int     `gorm:"not null;default:0"`
		OfferOutcome string  `gorm:"not null;default:''"`
		OfferNote    string  `gorm:"not null;default:''"`
	}
	type milestoneCompletion struct {
		HireID        uint            `gorm:"primaryKey;autoIncrement:false"`
		Hire          cohortHire      `gorm:"constraint:OnDelete:CASCADE"`
		MilestoneID   uint            `gorm:"primaryKey;autoIncrement:false;index"`
		Milestone     cohortMilestone `gorm:"constraint:OnDelete:CASCADE"`
		DoneOn        string          `gorm:"type:date;not null"`
		SignedOffByID *uint
		SignedOffBy   *person `gorm:"constraint:OnDelete:SET NULL"`
		Note          string  `gorm:"not null;default:''"`
	}
	err := createTables(tx, &program{}, &programPhase{}, &programMilestone{}, &cohort{}, &cohortPhase{}, &cohortMilestone{}, &cohortTrainer{}, &cohortHire{}, &milestoneCompletion{})
	if err != nil {
		return err
	}
	// The default program, written with this migration's own types so later
	// changes to the domain types cannot break it.
	def := defaultProgram()
	p := program{Name: def.Name, Description: def.Description, SkipWeekends: def.SkipWeekends}
	if err := tx.Create(&p).Error; err != nil {
		return err
	}
	for i, ph := range def.Phases {
		row := programPhase{ProgramID: p.ID, Position: i, Name: ph.Name, LengthDays: ph.LengthDays, InWeeks: ph.InWeeks, Purpose: ph.Purpose}
		if err := tx.Omit("Program").Create(&row).Error; err != nil {
			return err
		}
		for j, ms := range ph.Milestones {
			mrow := programMilestone{PhaseID: row.ID, Position: j, Title: ms.Title, Kind: string(ms.Kind), DueDay: ms.DueDay, RequiredSessions: ms.RequiredSessions}
			if err := tx.Omit("Phase").Create(&mrow).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
