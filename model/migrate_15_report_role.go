package model

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// reportPersonColumns are the columns of people a report may read: enough
// to name themselves and their lead and to plan their next one-on-one.
const reportPersonColumns = "id, name, preferred_name, manager_id, status, cadence, start_date, archived_at, created_at"

// migrateReportRole (schema 15) lets reports sign in to a shared server as
// themselves. report_logins links a login to the person it is (on both
// dialects, so the copier finds the same tables on both sides); on
// PostgreSQL, members of ReportRole read their own person and their lead's
// name, their own one-on-ones and the shared items in them, their own
// actions (which they may tick off), and write their own agenda, and
// nothing else. Leads keep every right they had.
func migrateReportRole(tx *gorm.DB) error {
	if err := execAll(tx, []string{
		`CREATE TABLE report_logins (login TEXT PRIMARY KEY,
			person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE)`,
		`CREATE INDEX idx_report_logins_person ON report_logins(person_id)`,
	}); err != nil {
		return err
	}
	if !isPostgres(tx) {
		return nil
	}
	path, err := definerPath(tx)
	if err != nil {
		return err
	}
	heads := make([]string, len(Headings()))
	for i, h := range Headings() {
		heads[i] = QuoteLiteral(string(h))
	}
	const r = ReportRole
	definer := ` LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ` + path + ` AS $$ `
	return execAll(tx, []string{
		`DO $$ BEGIN
			IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '` + r + `') THEN CREATE ROLE ` + r + ` NOLOGIN; END IF;
		END $$`,
		// Who the connected report is. Inside an owner's function
		// current_user is the owner: session_user is the login that
		// connected, and no report can change it (SET ROLE leaves it).
		// Someone archived (they left) is no one: they read and write nothing.
		`CREATE FUNCTION report_person() RETURNS BIGINT` + definer + `SELECT l.person_id FROM report_logins l
			JOIN people p ON p.id = l.person_id WHERE l.login = session_user AND p.archived_at IS NULL $$`,
		`CREATE FUNCTION report_lead() RETURNS BIGINT` + definer + `SELECT manager_id FROM people WHERE id = report_person() $$`,
		// As the owner, past the policies below: items' policy reading
		// carry_overs, whose own reads items, would recurse.
		`CREATE FUNCTION report_meetings() RETURNS SETOF BIGINT` + definer + `SELECT id FROM one_on_ones WHERE person_id = report_person() $$`,
		`CREATE FUNCTION report_carried() RETURNS SETOF BIGINT` + definer + `SELECT c.item_id FROM carry_overs c
			JOIN one_on_ones o ON o.id = c.one_on_one_id WHERE o.person_id = report_person() $$`,
		`REVOKE EXECUTE ON FUNCTION report_person(), report_lead(), report_meetings(), report_carried() FROM PUBLIC`,
		`GRANT EXECUTE ON FUNCTION report_person(), report_lead(), report_meetings(), report_carried() TO ` + r,

		// Tables that had no row-level security get it, with a policy that
		// lets everyone see every row as before; each report's restrictive
		// policy then narrows what they see.
		`ALTER TABLE people ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE one_on_ones ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE actions ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE agenda_items ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE agendas ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE report_logins ENABLE ROW LEVEL SECURITY`,
		`CREATE POLICY every_row ON people USING (true) WITH CHECK (true)`,
		`CREATE POLICY every_row ON one_on_ones USING (true) WITH CHECK (true)`,
		`CREATE POLICY every_row ON actions USING (true) WITH CHECK (true)`,
		`CREATE POLICY every_row ON agenda_items USING (true) WITH CHECK (true)`,
		`CREATE POLICY every_row ON agendas USING (true) WITH CHECK (true)`,
		`CREATE POLICY every_row ON report_logins USING (true) WITH CHECK (true)`,

		`CREATE POLICY report_own ON people AS RESTRICTIVE TO ` + r + ` USING (id = report_person() OR id = report_lead())`,
		`CREATE POLICY report_own ON one_on_ones AS RESTRICTIVE TO ` + r + ` USING (person_id = report_person())`,
		// Never a private item, not even in their own one-on-one.
		`CREATE POLICY report_own ON one_on_one_items AS RESTRICTIVE TO ` + r + ` USING (NOT private
			AND (one_on_one_id IN (SELECT report_meetings()) OR id IN (SELECT report_carried())))`,
		`CREATE POLICY report_own ON carry_overs AS RESTRICTIVE TO ` + r + ` USING (one_on_one_id IN (SELECT report_meetings()))`,
		`CREATE POLICY report_own ON actions AS RESTRICTIVE TO ` + r + ` USING (person_id = report_person())`,
		// They tick off what they agreed to do; their lead's part is the
		// lead's to tick.
		`CREATE POLICY report_ticks ON actions AS RESTRICTIVE FOR UPDATE TO ` + r + ` USING (owner = '` + string(OwnerReport) + `')
			WITH CHECK (owner = '` + string(OwnerReport) + `' AND person_id = report_person())`,
		// What the app's validate refuses, the server refuses too: line
		// breaks, tabs, control and invisible characters, nothing but
		// spaces, more than an item may hold.
		`CREATE POLICY report_own ON agenda_items AS RESTRICTIVE TO ` + r + ` USING (person_id = report_person())
			WITH CHECK (person_id = report_person() AND heading IN (` + strings.Join(heads, ", ") + `)
				AND text !~ '[[:cntrl:]\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u2028\u2029]'
				AND text ~ '[^[:space:]\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]'
				AND char_length(text) <= ` + fmt.Sprint(maxItemText) + `)`,
		`CREATE POLICY report_own ON agendas AS RESTRICTIVE TO ` + r + ` USING (person_id = report_person())
			WITH CHECK (person_id = report_person() AND pulse BETWEEN 1 AND 5)`,
		`CREATE POLICY report_own ON report_logins AS RESTRICTIVE TO ` + r + ` USING (login = session_user)`,

		// Only what the report's app needs; nothing else is granted, so
		// every other table is refused outright.
		`GRANT USAGE ON SCHEMA public TO ` + r,
		`GRANT SELECT ON schema_migrations, report_logins, one_on_one_items, carry_overs, actions, agenda_items, agendas TO ` + r,
		// Not the pulse comment: the lead writes it for themselves.
		`GRANT SELECT (id, person_id, held_at, setting, pulse_rating, report_pulse, shared_notes, version, created_at, updated_at) ON one_on_ones TO ` + r,
		`GRANT SELECT (` + reportPersonColumns + `) ON people TO ` + r,
		// done_at, and updated_at that moves with it.
		`GRANT UPDATE (done_at, updated_at) ON actions TO ` + r,
		// The author is the database's to fill.
		`GRANT INSERT (person_id, heading, text, non_work, position, created_at), UPDATE (heading, text, non_work, position), DELETE ON agenda_items TO ` + r,
		`GRANT USAGE ON SEQUENCE agenda_items_id_seq TO ` + r,
		`GRANT INSERT, UPDATE (pulse, updated_at), DELETE ON agendas TO ` + r,
		// Schema 14's dates, as schema 10 keeps every other: a value no
		// Solemate can read is refused.
		`ALTER TABLE agenda_items ADD CONSTRAINT agenda_items_created_at_finite CHECK (isfinite(created_at))`,
		`ALTER TABLE agendas ADD CONSTRAINT agendas_updated_at_finite CHECK (isfinite(updated_at))`,
		// What a report writes is bounded and dated by the server: at most
		// 500 items waiting (an agenda file takes as many), a position that
		// leaves room to add after it, and the server's clock for when they
		// wrote it or ticked an action off.
		`CREATE FUNCTION agenda_bounded() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
			IF EXISTS (SELECT 1 FROM agenda_items GROUP BY person_id HAVING count(*) > 500) THEN
				RAISE EXCEPTION 'an agenda holds at most 500 items' USING ERRCODE = 'check_violation';
			END IF;
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER agenda_bounded AFTER INSERT ON agenda_items FOR EACH STATEMENT EXECUTE FUNCTION agenda_bounded()`,
		`CREATE FUNCTION report_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
			IF pg_has_role(session_user, '` + r + `', 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
				IF TG_TABLE_NAME = 'agenda_items' THEN
					NEW.position := LEAST(GREATEST(NEW.position, 0), 10000);
					IF TG_OP = 'INSERT' THEN NEW.created_at := now(); END IF;
				ELSE
					IF NEW.done_at IS NOT NULL THEN NEW.done_at := now(); END IF;
					NEW.updated_at := now();
				END IF;
			END IF;
			RETURN NEW;
		END $$`,
		`CREATE TRIGGER report_writes BEFORE INSERT OR UPDATE ON agenda_items FOR EACH ROW EXECUTE FUNCTION report_writes()`,
		`CREATE TRIGGER report_writes BEFORE UPDATE ON actions FOR EACH ROW EXECUTE FUNCTION report_writes()`,
		// Links are the owner's to make: a lead linking a report's login to
		// another person would show them that person's one-on-ones.
		`REVOKE INSERT, UPDATE, DELETE ON report_logins FROM ` + LeadRole,
	})
}
