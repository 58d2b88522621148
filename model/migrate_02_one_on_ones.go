package model

import (
	"time"

	"gorm.io/gorm"
)

// migrateOneOnOnes (schema 2) adds cadences, one-on-ones with their items,
// carry-over links and actions.
func migrateOneOnOnes(tx *gorm.DB) error {
	if err := tx.Exec("ALTER TABLE people ADD COLUMN cadence TEXT NOT NULL DEFAULT 'weekly'").Error; err != nil {
		return err
	}
	// person stands for the existing table, so the structs below get their
	// foreign keys; it is never created here.
	type person struct{ ID uint }
	type oneOnOne struct {
		ID           uint      `gorm:"primaryKey"`
		PersonID     uint      `gorm:"not null;index:idx_one_on_ones_person_held,priority:1"`
		Person       person    `gorm:"constraint:OnDelete:RESTRICT"`
		HeldAt       time.Time `gorm:"not null;index:idx_one_on_ones_person_held,priority:2"`
		Setting      string    `gorm:"not null;default:'desk'"`
		PulseRating  int       `gorm:"not null;default:0"`
		PulseComment string    `gorm:"not null;default:''"`
		SharedNotes  string    `gorm:"not null;default:''"`
		PrivateNotes string    `gorm:"not null;default:''"`
		CreatedAt    time.Time
		UpdatedAt    time.Time
	}
	type oneOnOneItem struct {
		ID         uint     `gorm:"primaryKey"`
		OneOnOneID uint     `gorm:"not null;index"`
		OneOnOne   oneOnOne `gorm:"constraint:OnDelete:CASCADE"`
		Heading    string   `gorm:"not null"`
		Text       string   `gorm:"not null;default:''"`
		NonWork    bool     `gorm:"not null;default:false"`
		Status     string   `gorm:"not null;default:'open'"`
		FollowUp   *string  `gorm:"type:date"`
		Private    bool     `gorm:"not null;default:false"`
		Position   int      `gorm:"not null;default:0"`
		CreatedAt  time.Time
		UpdatedAt  time.Time
	}
	type carryOver struct {
		OneOnOneID uint         `gorm:"primaryKey;autoIncrement:false"`
		OneOnOne   oneOnOne     `gorm:"constraint:OnDelete:CASCADE"`
		ItemID     uint         `gorm:"primaryKey;autoIncrement:false;index"`
		Item       oneOnOneItem `gorm:"constraint:OnDelete:CASCADE"`
	}
	type action struct {
		ID         uint      `gorm:"primaryKey"`
		PersonID   uint      `gorm:"not null;index"`
		Person     person    `gorm:"constraint:OnDelete:RESTRICT"`
		OneOnOneID *uint     `gorm:"index"`
		OneOnOne   *oneOnOne `gorm:"constraint:OnDelete:CASCADE"`
		Text       string    `gorm:"not null"`
		Owner      string    `gorm:"not null;default:'report'"`
		Due        *string   `gorm:"type:date"`
		DoneAt     *time.Time
		CreatedAt  time.Time
		UpdatedAt  time.Time
	}
	// gorm names the tables from the types: one_on_ones, one_on_one_items,
	// carry_overs, actions.
	return createTables(tx, &oneOnOne{}, &oneOnOneItem{}, &carryOver{}, &action{})
}
