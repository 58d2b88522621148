package model

import (
	"fmt"
	"reflect"

	"gorm.io/gorm"
)

// OnlyShippedProgram reports whether db's one program is the default
// program as migration 5 wrote it: what a new database holds, untouched.
func OnlyShippedProgram(db *gorm.DB) (bool, error) {
	var ids []uint
	if err := db.Model(&Program{}).Pluck("id", &ids).Error; err != nil {
		return false, fmt.Errorf("list the programs: %w", err)
	}
	if len(ids) != 1 {
		return false, nil
	}
	have, err := loadProgram(db, ids[0])
	if err != nil {
		return false, err
	}
	return reflect.DeepEqual(programContent(have), programContent(defaultProgram())), nil
}

// programContent is what a program says, without the IDs, places and
// times its rows were given.
func programContent(d ProgramDetail) ProgramDetail {
	out := ProgramDetail{Program: Program{Name: d.Name, Description: d.Description, SkipWeekends: d.SkipWeekends}}
	for _, ph := range d.Phases {
		p := Phase{Name: ph.Name, LengthDays: ph.LengthDays, InWeeks: ph.InWeeks, Purpose: ph.Purpose}
		for _, m := range ph.Milestones {
			p.Milestones = append(p.Milestones, Milestone{Title: m.Title, Kind: m.Kind, DueDay: m.DueDay, RequiredSessions: m.RequiredSessions})
		}
		out.Phases = append(out.Phases, p)
	}
	return out
}
