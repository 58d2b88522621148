package model

import "gorm.io/gorm"

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
			bindSQL(carryOverSQL, "next", quoteLiteral(string(ItemOpen)), quoteLiteral(string(HeadingObstacles)), quoteLiteral(string(HeadingFocus)), "prev", "prev") + ` $$`,
		`CREATE FUNCTION others_private(meeting BIGINT, me TEXT) RETURNS BIGINT LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
			SELECT (SELECT COUNT(*) FROM one_on_one_items WHERE one_on_one_id = meeting AND private AND author <> me)
			     + (SELECT COUNT(*) FROM private_notes WHERE one_on_one_id = meeting AND author <> me) $$`,
	})
}
