package model

import (
	"time"

	"gorm.io/gorm"
)

// migratePrompts (schema 3) adds the prompt library and the log of prompts
// asked.
func migratePrompts(tx *gorm.DB) error {
	type person struct{ ID uint }
	type oneOnOne struct{ ID uint }
	type prompt struct {
		ID        uint   `gorm:"primaryKey"`
		Key       string `gorm:"not null;default:'';uniqueIndex:idx_prompts_key,where:key <> ''"`
		Theme     string `gorm:"not null"`
		Text      string `gorm:"not null"`
		Fits      string `gorm:"not null;default:''"`
		Starred   bool   `gorm:"not null;default:false"`
		Hidden    bool   `gorm:"not null;default:false"`
		Edited    bool   `gorm:"not null;default:false"`
		Deleted   bool   `gorm:"not null;default:false"`
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	type promptUse struct {
		ID         uint      `gorm:"primaryKey"`
		PromptID   uint      `gorm:"not null;index"`
		Prompt     prompt    `gorm:"constraint:OnDelete:CASCADE"`
		PersonID   uint      `gorm:"not null;index:idx_prompt_uses_person_asked,priority:1"`
		Person     person    `gorm:"constraint:OnDelete:CASCADE"`
		OneOnOneID *uint     `gorm:"index"`
		OneOnOne   *oneOnOne `gorm:"constraint:OnDelete:SET NULL"`
		AskedAt    time.Time `gorm:"not null;index:idx_prompt_uses_person_asked,priority:2"`
	}
	return createTables(tx, &prompt{}, &promptUse{})
}
