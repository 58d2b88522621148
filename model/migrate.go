package model

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// A migration moves the schema one version up. Each one is in a file of its
// own, migrate_NN_*.go, and declares the tables as they were at its version,
// so later changes to the domain types never rewrite history.
type migration struct {
	version int
	name    string
	up      func(tx *gorm.DB) error
}

var migrations = []migration{
	{1, "people", migratePeople},
	{2, "one-on-ones", migrateOneOnOnes},
	{3, "prompts", migratePrompts},
	{4, "shadowing", migrateShadowing},
	{5, "onboarding cohorts", migrateCohorts},
	{6, "search", migrateSearch},
	{7, "search: re-index only changed text", migrateSearchUpdates},
	{8, "indexes for years of history", migrateScaleIndexes},
	{9, "private notes apart, authors and versions", migratePrivacy},
	{10, "privacy holds under private rows", migrateUnderneath},
	{11, "who me is; follow-ups asked", migrateMe},
	{12, "whole-cohort work: the offer, who holds one-on-ones", migrateCohortWork},
	{13, "kinds of theme: friction or strength", migrateTagKinds},
	{14, "the report's own items and pulse", migrateReportVoice},
	{15, "reports sign in as themselves", migrateReportRole},
}

// migrationLock is the advisory lock a PostgreSQL migration holds.
const migrationLock = 0x50_1E_7A_7E

// oneAtATime makes other starts on a server wait until tx ends, so what
// each start writes (the schema, the prompt library) is written once.
func oneAtATime(tx *gorm.DB) error {
	if !isPostgres(tx) {
		return nil
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrationLock).Error; err != nil {
		return fmt.Errorf("wait for another start: %w", err)
	}
	return nil
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

type schemaMigration struct {
	Version   int `gorm:"primaryKey;autoIncrement:false"`
	Name      string
	AppliedAt time.Time
}

func (schemaMigration) TableName() string { return "schema_migrations" }

// migrate applies every pending migration in one transaction, so a failure
// leaves the file as it was. A database from a newer build is refused before
// anything is written.
func migrate(db *gorm.DB) error { return migrateTo(db, SchemaVersion()) }

// migrateTo is migrate up to the schema of version target.
func migrateTo(db *gorm.DB, target int) error {
	current, err := currentVersion(db)
	if err != nil {
		return err
	}
	if current > SchemaVersion() {
		return &SchemaTooNewError{Found: current, Supported: SchemaVersion()}
	}
	if current >= target {
		return nil
	}
	return db.Transaction(func(tx *gorm.DB) error {
		if isPostgres(tx) {
			// Two starts at once: one migrates, the other waits here and
			// finds it done.
			if err := oneAtATime(tx); err != nil {
				return err
			}
			if current, err = currentVersion(tx); err != nil || current >= target {
				return err
			}
			if err := mayMigrate(tx); err != nil {
				return err
			}
		}
		if err := tx.Migrator().AutoMigrate(&schemaMigration{}); err != nil {
			return fmt.Errorf("create schema table: %w", err)
		}
		for _, m := range migrations {
			if m.version <= current || m.version > target {
				continue
			}
			if err := m.up(tx); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
			}
			rec := schemaMigration{Version: m.version, Name: m.name, AppliedAt: tx.NowFunc()}
			if err := tx.Create(&rec).Error; err != nil {
				return fmt.Errorf("record migration %d: %w", m.version, err)
			}
		}
		return nil
	})
}

// createTables creates a migration's tables one by one, in the order given
// (gorm's CreateTable, given several, orders them by their references).
func createTables(tx *gorm.DB, tables ...any) error {
	m := tx.Migrator()
	for _, t := range tables {
		if err := m.CreateTable(t); err != nil {
			return err
		}
	}
	return nil
}

func currentVersion(db *gorm.DB) (int, error) {
	if !db.Migrator().HasTable(&schemaMigration{}) {
		return 0, nil
	}
	var v *int
	if err := db.Model(&schemaMigration{}).Select("MAX(version)").Scan(&v).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return 0, nil
		}
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}
