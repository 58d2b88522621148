package model

import (
	"slices"

	"gorm.io/gorm"
)

// migrateSearch (schema 6) builds the full-text index and the triggers that keep it
// in step with the data.
func migrateSearch(tx *gorm.DB) error {
	return dialectOf(tx).searchIndex(tx, append(slices.Clone(searchSources), searchPrivate))
}

// searchSources are the indexed tables as of schema 7; change them only
// with a migration that rewrites the triggers.
var searchSources = []searchSource{
	{"people", "1", "NEW.name || ' ' || NEW.preferred_name || ' ' || NEW.team || ' ' || NEW.email", "NEW.id", "COALESCE(CAST(NEW.start_date AS TEXT), '')", "'0'", "TRUE",
		[]string{"name", "preferred_name", "team", "email", "start_date"}, ""},
	{"one_on_one_items", "2", "NEW.text", "(SELECT person_id FROM one_on_ones WHERE id = NEW.one_on_one_id)",
		"(SELECT CAST(held_at AS TEXT) FROM one_on_ones WHERE id = NEW.one_on_one_id)", "CASE WHEN NEW.private THEN '1' ELSE '0' END", "NEW.text <> ''",
		[]string{"text", "one_on_one_id", "private"}, ""},
	{"one_on_ones", "3", "NEW.shared_notes || ' ' || NEW.pulse_comment", "NEW.person_id", "CAST(NEW.held_at AS TEXT)", "'0'", "(NEW.shared_notes || NEW.pulse_comment) <> ''",
		[]string{"shared_notes", "pulse_comment", "person_id", "held_at"}, ""},
	{"shadowing_sessions", "5", "NEW.journey || ' ' || NEW.worked || ' ' || NEW.friction || ' ' || NEW.wow || ' ' || NEW.ideas || ' ' || NEW.debrief_agreed",
		"NEW.person_id", "CAST(NEW.date AS TEXT)", "'0'", "TRUE",
		[]string{"journey", "worked", "friction", "wow", "ideas", "debrief_agreed", "person_id", "date"}, ""},
	{"cohort_hires", "6", "NEW.notes || ' ' || NEW.offer_note", "NEW.person_id", "''", "'0'", "(NEW.notes || NEW.offer_note) <> ''",
		[]string{"notes", "offer_note", "person_id"}, ""},
	{"prompts", "7", "NEW.text || ' ' || NEW.theme", "0", "''", "'0'", "NOT NEW.deleted",
		[]string{"text", "theme", "deleted"}, ""},
}

// Private notes are their own documents, so they can be left out.
var searchPrivate = searchSource{"one_on_ones", "4", "NEW.private_notes", "NEW.person_id", "CAST(NEW.held_at AS TEXT)", "'1'", "NEW.private_notes <> ''",
	[]string{"private_notes", "person_id", "held_at"}, ""}
