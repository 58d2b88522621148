package model

import (
	"time"

	"gorm.io/gorm"
)

// migrateShadowing (schema 4) adds shadowing sessions and their tags.
func migrateShadowing(tx *gorm.DB) error {
	type person struct{ ID uint }
	type shadowingSession struct {
		ID              uint    `gorm:"primaryKey"`
		PersonID        uint    `gorm:"not null;index"`
		Person          person  `gorm:"constraint:OnDelete:RESTRICT"`
		Kind            string  `gorm:"not null;default:'beside_agent'"`
		AgentID         *uint   `gorm:"index"`
		Agent           *person `gorm:"constraint:OnDelete:SET NULL"`
		Channel         string  `gorm:"not null;index"`
		Journey         string  `gorm:"not null;default:''"`
		Date            string  `gorm:"type:date;not null;index"`
		Minutes         int     `gorm:"not null;default:0"`
		Worked          string  `gorm:"not null;default:''"`
		Friction        string  `gorm:"not null;default:''"`
		Wow             string  `gorm:"not null;default:''"`
		ResponseMinutes *int
		Ideas           string  `gorm:"not null;default:''"`
		DebriefDate     *string `gorm:"type:date"`
		DebriefWithID   *uint
		DebriefWith     *person `gorm:"constraint:OnDelete:SET NULL"`
		DebriefAgreed   string  `gorm:"not null;default:''"`
		CreatedAt       time.Time
		UpdatedAt       time.Time
	}
	type tag struct {
		ID   uint   `gorm:"primaryKey"`
		Name string `gorm:"not null;uniqueIndex"`
	}
	type sessionTag struct {
		SessionID uint             `gorm:"primaryKey;autoIncrement:false"`
		Session   shadowingSession `gorm:"constraint:OnDelete:CASCADE"`
		TagID     uint             `gorm:"primaryKey;autoIncrement:false;index"`
		Tag       tag              `gorm:"constraint:OnDelete:CASCADE"`
	}
	if err := createTables(tx, &shadowingSession{}, &tag{}, &sessionTag{}); err != nil {
		return err
	}
	// Actions can come from a debrief as well as from a one-on-one.
	return tx.Exec("ALTER TABLE actions ADD COLUMN session_id INTEGER REFERENCES shadowing_sessions(id) ON DELETE SET NULL").Error
}
