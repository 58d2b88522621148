package model

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// privateNote is a lead's private notes on a one-on-one. They live apart
// from the meeting so that, on a shared server, the database itself lets
// only their author read them (row-level security); each lead may keep
// their own. The author column is filled by the database: the connecting
// role on PostgreSQL, an empty string in a file of one's own.
type privateNote struct {
	ID         uint `gorm:"primaryKey"`
	OneOnOneID uint
	Text       string
	UpdatedAt  time.Time
}

func (privateNote) TableName() string { return "private_notes" }

// LeadRole is the PostgreSQL group role whose members may use a shared
// database; the migration grants it the tables and creates it if missing.
const LeadRole = "solemate_lead"

// searchItemsByAuthor and searchPrivateNotes are, as of schema 9, the
// index's sources for items (now with their author, so that the index too
// hides private ones) and private notes.
var (
	searchItemsByAuthor = func() searchSource {
		src := searchSources[1]
		src.author = "NEW.author"
		return src
	}()
	searchPrivateNotes = searchSource{"private_notes", "4", "NEW.text", "(SELECT person_id FROM one_on_ones WHERE id = NEW.one_on_one_id)",
		"(SELECT CAST(held_at AS TEXT) FROM one_on_ones WHERE id = NEW.one_on_one_id)", "'1'", "NEW.text <> ''",
		[]string{"text"}, "NEW.author"}
)

// migratePrivacy (schema 9) readies the schema for leads sharing a server:
// private notes move to a table of their own and items get an author, both
// under row-level security on PostgreSQL; what leads edit (meetings, items,
// people, hires, sessions) gets a version for optimistic locking, so two
// leads' saves never silently overwrite each other.
func migratePrivacy(tx *gorm.DB) error {
	d := dialectOf(tx)
	author := d.author()
	stmts := []string{
		`CREATE TABLE private_notes (id ` + d.serial() + `,
			one_on_one_id BIGINT NOT NULL REFERENCES one_on_ones(id) ON DELETE CASCADE,
			author TEXT NOT NULL DEFAULT ` + author + `,
			text TEXT NOT NULL DEFAULT '',
			updated_at TIMESTAMP WITH TIME ZONE)`,
		`CREATE UNIQUE INDEX idx_private_notes_meeting_author ON private_notes(one_on_one_id, author)`,
		`INSERT INTO private_notes (one_on_one_id, text, updated_at) SELECT id, private_notes, updated_at FROM one_on_ones WHERE private_notes <> ''`,
		`ALTER TABLE one_on_one_items ADD COLUMN author TEXT NOT NULL DEFAULT ` + author,
		`ALTER TABLE one_on_one_items ADD COLUMN version INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE one_on_ones ADD COLUMN version INTEGER NOT NULL DEFAULT 0`,
		// What else leads edit side by side: the roster, trainer notes on
		// hires, shadowing sessions.
		`ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE cohort_hires ADD COLUMN version INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE shadowing_sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0`,
	}
	if err := execAll(tx, stmts); err != nil {
		return err
	}
	// The index drops its private-notes entries of one_on_ones and takes
	// them, and items' authors, from the new sources.
	if err := d.dropSearchSource(tx, searchPrivate); err != nil {
		return err
	}
	if err := d.searchIndex(tx, []searchSource{searchItemsByAuthor, searchPrivateNotes}); err != nil {
		return err
	}
	if err := execAll(tx, []string{`ALTER TABLE one_on_ones DROP COLUMN private_notes`}); err != nil {
		return err
	}
	if !isPostgres(tx) {
		return nil
	}
	return execAll(tx, []string{
		// Shared data stays visible to every lead; a private item, private
		// notes and their index entries only to their author.
		`ALTER TABLE one_on_one_items ENABLE ROW LEVEL SECURITY`,
		`CREATE POLICY private_items ON one_on_one_items USING (NOT private OR author = current_user) WITH CHECK (NOT private OR author = current_user)`,
		`ALTER TABLE private_notes ENABLE ROW LEVEL SECURITY`,
		`CREATE POLICY own_notes ON private_notes USING (author = current_user) WITH CHECK (author = current_user)`,
		`ALTER TABLE search_docs ENABLE ROW LEVEL SECURITY`,
		`CREATE POLICY private_docs ON search_docs USING (private = '0' OR author = current_user)`,
		`DO $$ BEGIN
			IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '` + LeadRole + `') THEN CREATE ROLE ` + LeadRole + ` NOLOGIN; END IF;
		END $$`,
		`GRANT USAGE ON SCHEMA public TO ` + LeadRole,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ` + LeadRole,
		`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ` + LeadRole,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ` + LeadRole,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ` + LeadRole,
		// Only the owner's triggers write the index, and only the owner
		// migrates: a lead can neither plant entries nor fake a version.
		`REVOKE INSERT, UPDATE, DELETE ON search_docs, schema_migrations FROM ` + LeadRole,
		// An author stays who wrote it: no lead takes over another's item
		// (and with it the right to make it private to themselves). Only
		// one's own can be handed back, as undoing a delete does.
		`CREATE FUNCTION keep_author() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
			IF OLD.author <> current_user THEN NEW.author := OLD.author; END IF;
			RETURN NEW;
		END $$`,
		`CREATE TRIGGER keep_author BEFORE UPDATE OF author ON one_on_one_items FOR EACH ROW EXECUTE FUNCTION keep_author()`,
		`CREATE TRIGGER keep_author BEFORE UPDATE OF author ON private_notes FOR EACH ROW EXECUTE FUNCTION keep_author()`,
		// What must see every author's rows runs as the owner.
		`CREATE FUNCTION carry_over(prev BIGINT, next BIGINT) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$ ` +
			bindSQL(carryOverSQL, "next", QuoteLiteral(string(ItemOpen)), QuoteLiteral(string(HeadingObstacles)), QuoteLiteral(string(HeadingFocus)), "prev", "prev") + ` $$`,
		`CREATE FUNCTION others_private(meeting BIGINT, me TEXT) RETURNS BIGINT LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
			SELECT (SELECT COUNT(*) FROM one_on_one_items WHERE one_on_one_id = meeting AND private AND author <> me)
			     + (SELECT COUNT(*) FROM private_notes WHERE one_on_one_id = meeting AND author <> me) $$`,
	})
}

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
			` + bindSQL(carryOverSQL, "started", QuoteLiteral(string(ItemOpen)), QuoteLiteral(string(HeadingObstacles)), QuoteLiteral(string(HeadingFocus)), "prev", "prev") + `;
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
		tbl, col := QuoteIdent(c.Tbl), QuoteIdent(c.Col)
		check := QuoteIdent(c.Tbl + "_" + c.Col + "_finite")
		switch {
		case c.Col == "version":
			stmts = append(stmts,
				`UPDATE `+tbl+` SET version = 0 WHERE version NOT BETWEEN 0 AND `+fmt.Sprint(maxVersion),
				`ALTER TABLE `+tbl+` ADD CONSTRAINT `+QuoteIdent(c.Tbl+"_version_bounded")+` CHECK (version BETWEEN 0 AND `+fmt.Sprint(maxVersion)+`)`,
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

// ErrOthersPrivate refuses deleting a one-on-one in which another lead
// keeps private notes or items.
var ErrOthersPrivate = errors.New("another lead keeps private notes or items in this one-on-one; only they can delete it")

// bindSQL writes literals in place of q's placeholders, in order, for SQL
// that runs inside the server (a function's body).
func bindSQL(q string, literals ...string) string {
	if strings.Count(q, "?") != len(literals) {
		panic("bindSQL: placeholders and literals differ in number")
	}
	for _, l := range literals {
		q = strings.Replace(q, "?", l, 1)
	}
	return q
}

// ErrNotOwner means a lead's role tried to create or upgrade a shared
// database's schema. Whoever does owns every table, and a table's owner
// reads past row-level security: that is the administrator's role alone.
var ErrNotOwner = errors.New("this database's schema is missing or older than this Solemate, and only its owner may create or upgrade it: ask your administrator to run Solemate once as the owner (see README)")

// ErrDemoNotOwner means a lead's role tried to fill a shared database with
// demo data: that numbers rows and moves the server's ID sequences, which
// only the owner may.
var ErrDemoNotOwner = errors.New("this is a shared database, and only its owner may fill it with demo data: run solemate demo as the owner (see README)")

// mayMigrate refuses a lead.
func mayMigrate(tx *gorm.DB) error {
	lead, err := isLead(tx)
	if err != nil {
		return fmt.Errorf("check who may migrate: %w", err)
	}
	if lead {
		return ErrNotOwner
	}
	return nil
}

// isLead reports whether a server connection is a lead's: a member of
// LeadRole that is not a superuser (superusers count as members of every
// role).
func isLead(tx *gorm.DB) (bool, error) {
	var lead bool
	err := tx.Raw(`SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)
		THEN pg_has_role(current_user, ?, 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
		ELSE false END`, LeadRole, LeadRole).Scan(&lead).Error
	return lead, err
}

// privateNotes are the connected lead's private notes on a one-on-one.
func (s *Store) privateNotes(meetingID uint) (string, error) {
	var text string
	err := s.db.Raw(`SELECT text FROM private_notes WHERE one_on_one_id = ? AND author = `+s.d.author(), meetingID).Scan(&text).Error
	return text, err
}

// savePrivateNotes stores the connected lead's private notes on a
// one-on-one; empty notes remove the row.
func (s *Store) savePrivateNotes(tx *gorm.DB, meetingID uint, text string) error {
	if text == "" {
		return tx.Exec(`DELETE FROM private_notes WHERE one_on_one_id = ? AND author = `+s.d.author(), meetingID).Error
	}
	return tx.Exec(`INSERT INTO private_notes (one_on_one_id, text, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (one_on_one_id, author) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		meetingID, text, s.now().UTC()).Error
}

// ConflictError means someone else saved the record after it was loaded
// here, so nothing was written. Theirs is the record as it is now (*Item,
// *OneOnOne, *Person, *Hire or *Session); to keep one's own, save again
// with Theirs' Version.
type ConflictError struct {
	What   string // "item", "one-on-one", "person", "hire" or "session"
	Theirs any
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("someone else changed this %s while you were editing it; nothing was saved", e.What)
}

// versioned runs save, a transaction that moves a record on a version with
// saveVersioned. When anything in it fails, *version goes back with the
// rollback: left moved on, the next save would be refused as stale.
func versioned(db *gorm.DB, version *int, save func(tx *gorm.DB) error) error {
	loaded := *version
	err := db.Transaction(save)
	if err != nil {
		*version = loaded
	}
	return err
}

// saveVersioned updates row (with the columns pick selects, Version among
// them) only while it is at the version loaded here, moving *version one
// on; it refuses with checkSaved's errors otherwise. It runs inside
// versioned, which puts *version back if the transaction fails.
func saveVersioned[T any](tx *gorm.DB, row *T, id uint, version *int, what string, pick func(*gorm.DB) *gorm.DB) error {
	loaded := *version
	*version = loaded + 1
	res := pick(tx.Model(row).Where("version = ?", loaded)).Updates(row)
	return checkSaved[T](tx, res, what, id)
}

// checkSaved turns an update that matched no row into ErrNotFound, or into
// a ConflictError when the row is there at another version.
func checkSaved[T any](db *gorm.DB, res *gorm.DB, what string, id uint) error {
	if res.Error != nil || res.RowsAffected > 0 {
		return res.Error
	}
	theirs := new(T)
	if err := db.First(theirs, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		return err
	}
	return &ConflictError{What: what, Theirs: theirs}
}
