package model

import (
	"time"

	"gorm.io/gorm"
)

// migratePeople (schema 1) creates the roster.
func migratePeople(tx *gorm.DB) error {
	type person struct {
		ID            uint   `gorm:"primaryKey"`
		Name          string `gorm:"not null"`
		PreferredName string `gorm:"not null;default:''"`
		Role          string `gorm:"not null;default:'agent'"`
		Team          string `gorm:"not null;default:'';index"`
		// Email is stored lower-case; the partial index allows many people
		// without one.
		Email      string  `gorm:"not null;default:'';uniqueIndex:idx_people_email,where:email <> ''"`
		StartDate  *string `gorm:"type:date"`
		ManagerID  *uint   `gorm:"index"`
		Manager    *person `gorm:"foreignKey:ManagerID;constraint:OnDelete:SET NULL"`
		Status     string  `gorm:"not null;default:'active'"`
		ArchivedAt *time.Time
		CreatedAt  time.Time
		UpdatedAt  time.Time
	}
	// gorm names the table "people" from the type name.
	return tx.Migrator().CreateTable(&person{})
}
