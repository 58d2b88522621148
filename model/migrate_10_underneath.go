package model

import (
	"fmt"

	"gorm.io/gorm"
)

// migrateUnderneath (schema 10) makes row-level security hold underneath
// private rows on a server: nothing a lead may do to the rows private notes
// and items hang from removes, moves or re-authors another lead's, and
// what runs as the schema's owner takes no lead's word for what it may
// touch. A file is one lead's, with nothing hidden in it: it only moves on
// to version 10.
func migrateUnderneath(tx *gorm.DB) error {
	if !isPostgres(tx) {
		return nil
	}
	path, err := definerPath(tx)
	if err != nil {
		return err
	}
	// Schema 9's SECURITY DEFINER functions ran with pg_temp first.
	var definers []string
	if err := tx.Raw(`SELECT oid::regprocedure::text FROM pg_proc WHERE prosecdef AND pronamespace = current_schema()::regnamespace
		AND proname NOT IN ('carry_over', 'others_private')`).Scan(&definers).Error; err != nil {
		return fmt.Errorf("list the owner's functions: %w", err)
	}
	stmts := []string{
		// A cascade runs as the table's owner, past row-level security: a
		// lead deleting a one-on-one took other leads' private notes and
		// items with it. Whatever still hangs from it now keeps it.
		`ALTER TABLE one_on_one_items DROP CONSTRAINT fk_one_on_one_items_one_on_one,
			ADD CONSTRAINT fk_one_on_one_items_one_on_one FOREIGN KEY (one_on_one_id) REFERENCES one_on_ones(id) ON DELETE RESTRICT`,
		`ALTER TABLE private_notes DROP CONSTRAINT private_notes_one_on_one_id_fkey,
			ADD CONSTRAINT private_notes_one_on_one_id_fkey FOREIGN KEY (one_on_one_id) REFERENCES one_on_ones(id) ON DELETE RESTRICT`,
		`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$`,
		// Nor does it move to another person with them (the app never
		// moves one).
		`CREATE TRIGGER keep_person BEFORE UPDATE OF person_id ON one_on_ones FOR EACH ROW
			WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id) EXECUTE FUNCTION refuse('a one-on-one stays with the person it was held with')`,
		// Nor does anything private rows hang from, directly or through
		// a parent, take another number (the app never renumbers): the
		// foreign keys check only at the end of a statement that some row
		// has the old number, so one statement could renumber a meeting
		// and put another person's under its number, and another lead's
		// private notes and items with it. A delete and a new row under
		// the number in one statement the RESTRICT keys above refuse.
		`CREATE TRIGGER keep_id BEFORE UPDATE OF id ON one_on_ones FOR EACH ROW
			WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse('a one-on-one keeps its number')`,
		`CREATE TRIGGER keep_id BEFORE UPDATE OF id ON one_on_one_items FOR EACH ROW
			WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse('an item keeps its number')`,
		`CREATE TRIGGER keep_id BEFORE UPDATE OF id ON people FOR EACH ROW
			WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse('a person keeps their number')`,
		// Links that carry an item on are seen, made and changed only by
		// those who see the item: another lead's private item cannot be
		// unlinked, or linked into someone else's one-on-one.
		`ALTER TABLE carry_overs ENABLE ROW LEVEL SECURITY`,
		`CREATE POLICY seen_items ON carry_overs USING (EXISTS (SELECT FROM one_on_one_items i WHERE i.id = item_id))
			WITH CHECK (EXISTS (SELECT FROM one_on_one_items i WHERE i.id = item_id))`,
		// An author is whoever writes the row, and stays so. (Private
		// notes' own policy already checks both.)
		`CREATE POLICY own_new_items ON one_on_one_items AS RESTRICTIVE FOR INSERT WITH CHECK (author = current_user)`,
		`DROP FUNCTION keep_author() CASCADE`, // with its triggers, which let one hand one's own items to anyone
		`CREATE TRIGGER keep_author BEFORE UPDATE OF author ON one_on_one_items FOR EACH ROW
			WHEN (OLD.author IS DISTINCT FROM NEW.author) EXECUTE FUNCTION refuse('an item''s author cannot change')`,
		// carry_over linked whatever it was given, wherever it was told,
		// and others_private counted any meeting's private entries for any
		// name the caller gave. Carrying on now happens only as a meeting
		// starts, and the foreign keys above refuse a delete.
		`DROP FUNCTION carry_over(BIGINT, BIGINT)`,
		`DROP FUNCTION others_private(BIGINT, TEXT)`,
		`CREATE FUNCTION start_one_on_one(person BIGINT, held TIMESTAMPTZ, place TEXT) RETURNS BIGINT
			LANGUAGE plpgsql SECURITY DEFINER SET search_path = ` + path + ` AS $$
		DECLARE
			prev BIGINT := (` + bindSQL(latestMeeting, "person") + `);
			started BIGINT;
		BEGIN
			IF NOT isfinite(held) THEN
				RAISE EXCEPTION 'a one-on-one is held at a time on the calendar, not at %', held USING ERRCODE = 'invalid_parameter_value';
			END IF;
			INSERT INTO one_on_ones (person_id, held_at, setting, created_at, updated_at) VALUES (person, held, place, now(), now())
				RETURNING id INTO started;
			` + bindSQL(carryOverSQL, "started", quoteLiteral(string(ItemOpen)), quoteLiteral(string(HeadingObstacles)), quoteLiteral(string(HeadingFocus)), "prev", "prev") + `;
			RETURN started;
		END $$`,
		`REVOKE EXECUTE ON FUNCTION start_one_on_one(BIGINT, TIMESTAMPTZ, TEXT) FROM PUBLIC`,
		`GRANT EXECUTE ON FUNCTION start_one_on_one(BIGINT, TIMESTAMPTZ, TEXT) TO ` + LeadRole,
	}
	for _, fn := range definers {
		stmts = append(stmts, "ALTER FUNCTION "+fn+" SET search_path = "+path)
	}
	if err := execAll(tx, stmts); err != nil {
		return err
	}
	return keepValuesReadable(tx)
}

// maxVersion bounds a record's version on a server. A save moves it one
// on, and only one (keep_version_step), so no lead's saves come near it;
// it stops a lead from setting one at the top of INTEGER, where every
// later save overflowed.
const maxVersion = 1_000_000_000

// keepValuesReadable (part of schema 10) keeps a lead from writing what
// other leads' Solemate cannot read or save: a date or time of 'infinity'
// or '-infinity' (which Go has no value for: the person, roster and
// exports holding one failed to load) and a version out of step. Each
// date and time column gets a CHECK (isfinite), each version a bound and
// a trigger that lets a write move it on by one at most.
//
// Rows a lead already wrote that way under schema 9 are put right first,
// so that the constraints hold for every row and are validated now: left
// NOT VALID they would keep the rows unreadable and refuse every later
// save of them until someone fixed them by hand. No such value meant
// anything (no screen could show it): an optional date becomes empty, a
// required one today, where the lead sees it and can correct it; a
// version starts again at 0, which only turns a save from a form loaded
// before into a conflict to reload.
func keepValuesReadable(tx *gorm.DB) error {
	var cols []struct {
		Tbl, Col, Type string
		Nullable       bool
	}
	if err := tx.Raw(`SELECT c.table_name AS tbl, c.column_name AS col, c.data_type AS type, c.is_nullable = 'YES' AS nullable
		FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
			AND (c.data_type IN ('date', 'timestamp with time zone', 'timestamp without time zone') OR c.column_name = 'version' AND c.data_type = 'integer')
		ORDER BY 1, 2`).Scan(&cols).Error; err != nil {
		return fmt.Errorf("list the date, time and version columns: %w", err)
	}
	var stmts []string
	for _, c := range cols {
		tbl, col := quoteIdent(c.Tbl), quoteIdent(c.Col)
		check := quoteIdent(c.Tbl + "_" + c.Col + "_finite")
		switch {
		case c.Col == "version":
			stmts = append(stmts,
				`UPDATE `+tbl+` SET version = 0 WHERE version NOT BETWEEN 0 AND `+fmt.Sprint(maxVersion),
				`ALTER TABLE `+tbl+` ADD CONSTRAINT `+quoteIdent(c.Tbl+"_version_bounded")+` CHECK (version BETWEEN 0 AND `+fmt.Sprint(maxVersion)+`)`,
				`CREATE TRIGGER keep_version_step BEFORE UPDATE OF version ON `+tbl+` FOR EACH ROW
					WHEN (NEW.version < OLD.version OR NEW.version > OLD.version + 1) EXECUTE FUNCTION refuse('a version moves on by one save at a time')`)
			continue
		case c.Nullable:
			stmts = append(stmts, `UPDATE `+tbl+` SET `+col+` = NULL WHERE NOT isfinite(`+col+`)`)
		case c.Type == "date":
			stmts = append(stmts, `UPDATE `+tbl+` SET `+col+` = current_date WHERE NOT isfinite(`+col+`)`)
		default:
			stmts = append(stmts, `UPDATE `+tbl+` SET `+col+` = now() WHERE NOT isfinite(`+col+`)`)
		}
		stmts = append(stmts, `ALTER TABLE `+tbl+` ADD CONSTRAINT `+check+` CHECK (isfinite(`+col+`))`)
	}
	return execAll(tx, stmts)
}
