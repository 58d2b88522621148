// Package copier copies a Solemate file into a new, empty database on a
// PostgreSQL server (the migrate-to command), all in one transaction, table
// by table, whatever the tables hold.
package copier

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"solemate/model"
)

// TableCount is how many rows one table holds.
type TableCount struct {
	Table string
	Rows  int64
}

// Report says what ToServer copied, table by table in the order
// they were written; the counts are the same on both sides.
type Report struct {
	Tables []TableCount
}

// Rows is the number of rows copied in all.
func (r Report) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

func (r Report) String() string {
	var b strings.Builder
	for _, t := range r.Tables {
		fmt.Fprintf(&b, "%-22s %9d\n", t.Table, t.Rows)
	}
	fmt.Fprintf(&b, "copied %s in %s; every table has as many rows on the server as in the file",
		model.Plural(int(r.Rows()), "row", "rows"), model.Plural(len(r.Tables), "table", "tables"))
	return b.String()
}

// ServerNotEmptyError means the destination of ToServer already holds
// data of its own, which a copy would mix with or clash with.
type ServerNotEmptyError struct {
	Where  string
	Tables []TableCount // those holding rows
}

func (e *ServerNotEmptyError) Error() string {
	var held []string
	for _, t := range e.Tables[:min(len(e.Tables), 3)] {
		held = append(held, fmt.Sprintf("%s: %d", t.Table, t.Rows))
	}
	if more := len(e.Tables) - len(held); more > 0 {
		held = append(held, "and "+model.Plural(more, "more table", "more tables"))
	}
	return fmt.Sprintf("%s already holds data (%s); nothing was copied: migrate-to only fills a new, empty database",
		e.Where, strings.Join(held, ", "))
}

// copyBatchParams bounds the values in one INSERT, well under PostgreSQL's
// 65,535 parameters a statement.
const copyBatchParams = 30000

// libraryPrompt picks the shipped prompts exactly as Open loads them: the
// only rows an empty server database holds.
const libraryPrompt = "key <> '' AND NOT (edited OR deleted OR starred OR hidden)"

// ToServer copies the SQLite database at fromPath into the empty
// PostgreSQL database at toURL, all in one transaction: if anything fails,
// or any table ends up with a different number of rows than the file's,
// the server is left as it was. author is the role whose private notes and
// items the file holds (the lead whose file it was; "" for the role
// copying). progress, when set, hears how far each table has got.
func ToServer(fromPath, toURL, author string, progress func(table string, done, total int)) (Report, error) {
	where := model.RedactURL(toURL)
	switch {
	case model.IsServer(fromPath):
		return Report{}, fmt.Errorf("the database to copy from must be a Solemate file, not %s", model.RedactURL(fromPath))
	case !model.IsServer(toURL):
		return Report{}, fmt.Errorf("%s is not a server address; give one like postgres://user@host/database", model.RedactURL(toURL))
	}
	// Open would make an empty file of a mistyped path.
	if fi, err := os.Stat(fromPath); errors.Is(err, fs.ErrNotExist) {
		return Report{}, fmt.Errorf("no Solemate database at %s (check --from)", fromPath)
	} else if err != nil {
		return Report{}, fmt.Errorf("check %s: %w", fromPath, err)
	} else if fi.IsDir() {
		return Report{}, fmt.Errorf("%s is a folder, not a Solemate database", fromPath)
	}
	src, err := model.Open(fromPath)
	if err != nil {
		return Report{}, err
	}
	defer src.Close()
	dst, err := model.Open(toURL)
	if err != nil {
		return Report{}, err
	}
	defer dst.Close()
	if progress == nil {
		progress = func(string, int, int) {}
	}
	if author != "" {
		var known bool
		if err := dst.DB().Raw("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)", author).Scan(&known).Error; err != nil {
			return Report{}, fmt.Errorf("look up %s on the server: %w", author, err)
		}
		if !known {
			return Report{}, fmt.Errorf("the server has no role %q to own the private notes and items (check --author)", author)
		}
	}
	c := copier{where: where, progress: progress, author: author}
	// The file's transaction (BEGIN IMMEDIATE) holds off its writers, so
	// what is counted at the end is what was read.
	err = src.DB().Transaction(func(stx *gorm.DB) error {
		return dst.DB().Transaction(func(dtx *gorm.DB) error {
			c.src, c.dst = stx, dtx
			return c.run()
		})
	})
	if err != nil {
		return Report{}, err
	}
	return c.report, nil
}

// copier is one ToServer under way.
type copier struct {
	src, dst *gorm.DB // transactions on the file and on the server
	where    string
	author   string // who the rows with an author are by; "" for the default
	progress func(table string, done, total int)
	report   Report
}

// serverColumn is a column of the server's table.
type serverColumn struct {
	Tbl, Name, DataType string
}

// fkEdge is a column of tbl that refers to ref.
type fkEdge struct {
	Tbl, Col, Ref string
}

func (c *copier) run() error {
	tables, err := c.tables()
	if err != nil {
		return err
	}
	edges, err := c.foreignKeys()
	if err != nil {
		return err
	}
	order, err := fkOrder(tables, edges)
	if err != nil {
		return err
	}
	if err := c.checkEmpty(order); err != nil {
		return err
	}
	// What the server was shipped with makes way for the file's copies:
	// the same library and program (Open brought the file up to this
	// build), with the user's stars and edits and the IDs that prompt_uses
	// and cohorts refer to. Phases and milestones go with their program.
	for _, t := range []string{"prompts", "programs"} {
		if err := c.dst.Exec("DELETE FROM " + t).Error; err != nil {
			return fmt.Errorf("make way for the file's %s: %w", t, err)
		}
	}
	if err := c.dst.Exec("DELETE FROM user_settings WHERE login = " + c.login()).Error; err != nil {
		return fmt.Errorf("make way for the file's settings: %w", err)
	}
	cols, err := c.columns()
	if err != nil {
		return err
	}
	for _, t := range order {
		var self []string
		for _, e := range edges {
			if e.Tbl == t && e.Ref == t {
				self = append(self, e.Col)
			}
		}
		if err := c.copyTable(t, cols[t], self); err != nil {
			return err
		}
	}
	if err := model.SyncSequences(c.dst); err != nil {
		return err
	}
	return c.verify(order)
}

// notCopied names the tables that stay behind: each side's own search
// index (PostgreSQL's triggers fill search_docs as rows arrive), SQLite's
// bookkeeping, and the schema version, which Open already recorded.
func notCopied(table string) bool {
	return table == "schema_migrations" || table == "search_docs" ||
		strings.HasPrefix(table, "search_fts") || strings.HasPrefix(table, "sqlite_")
}

// tables lists what is to be copied, which must be the same on both sides
// (Open brought both to this build's schema).
func (c *copier) tables() ([]string, error) {
	var fileTables, serverTables []string
	for _, side := range []struct {
		db   *gorm.DB
		into *[]string
	}{{c.src, &fileTables}, {c.dst, &serverTables}} {
		all, err := side.db.Migrator().GetTables()
		if err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		for _, t := range all {
			if !notCopied(t) {
				*side.into = append(*side.into, t)
			}
		}
		slices.Sort(*side.into)
	}
	if !slices.Equal(fileTables, serverTables) {
		return nil, fmt.Errorf("the file's tables (%s) are not the server's (%s); both should be at schema %d",
			strings.Join(fileTables, ", "), strings.Join(serverTables, ", "), model.SchemaVersion())
	}
	return serverTables, nil
}

// foreignKeys lists the server's foreign-key columns.
func (c *copier) foreignKeys() ([]fkEdge, error) {
	var edges []fkEdge
	err := c.dst.Raw(`SELECT t.relname AS tbl, a.attname AS col, r.relname AS ref
		FROM pg_constraint k
		JOIN pg_class t ON t.oid = k.conrelid
		JOIN pg_class r ON r.oid = k.confrelid
		JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
		WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
		ORDER BY 1, 2`).Scan(&edges).Error
	if err != nil {
		return nil, fmt.Errorf("list foreign keys: %w", err)
	}
	return edges, nil
}

// fkOrder puts every table after those it refers to, alphabetically among
// equals so runs are alike. A table's references to itself are filled in
// after its rows (see copyTable).
func fkOrder(tables []string, edges []fkEdge) ([]string, error) {
	needs := map[string]map[string]bool{}
	for _, e := range edges {
		if e.Tbl == e.Ref || !slices.Contains(tables, e.Ref) {
			continue
		}
		if needs[e.Tbl] == nil {
			needs[e.Tbl] = map[string]bool{}
		}
		needs[e.Tbl][e.Ref] = true
	}
	var order []string
	done := map[string]bool{}
	for len(order) < len(tables) {
		progressed := false
		for _, t := range tables {
			if done[t] {
				continue
			}
			ready := true
			for ref := range needs[t] {
				ready = ready && done[ref]
			}
			if ready {
				order, done[t], progressed = append(order, t), true, true
			}
		}
		if !progressed {
			var left []string
			for _, t := range tables {
				if !done[t] {
					left = append(left, t)
				}
			}
			return nil, fmt.Errorf("the tables %s refer to each other in a circle; they cannot be copied one after another", strings.Join(left, ", "))
		}
	}
	return order, nil
}

// checkEmpty refuses a server database that holds anything but what Open
// writes into a new one: the prompt library and the default onboarding
// program, both untouched.
func (c *copier) checkEmpty(tables []string) error {
	shipped, err := model.OnlyShippedProgram(c.dst)
	if err != nil {
		return err
	}
	var held []TableCount
	for _, t := range tables {
		q := c.dst.Table(t)
		switch {
		case t == "prompts":
			q = q.Where("NOT (" + libraryPrompt + ")")
		case shipped && strings.HasPrefix(t, "program"):
			continue
		case t == "user_settings":
			// Leads' own settings (a scope, a week) hold no data; the
			// file's lead's make way for the file's below.
			continue
		}
		var n int64
		if err := q.Count(&n).Error; err != nil {
			return fmt.Errorf("count %s on the server: %w", t, err)
		}
		if n > 0 {
			held = append(held, TableCount{t, n})
		}
	}
	if len(held) > 0 {
		return &ServerNotEmptyError{Where: c.where, Tables: held}
	}
	return nil
}

// columns gives each server table's columns that get the file's values:
// those the file has too, less generated ones. A file has no authors (it
// is one lead's): author is c.author, or left to its default, the role
// copying.
func (c *copier) columns() (map[string][]serverColumn, error) {
	var all []serverColumn
	err := c.dst.Raw(`SELECT table_name AS tbl, column_name AS name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_generated = 'NEVER'
		ORDER BY table_name, ordinal_position`).Scan(&all).Error
	if err != nil {
		return nil, fmt.Errorf("list the server's columns: %w", err)
	}
	byTable := map[string][]serverColumn{}
	inFile := map[string][]string{}
	for _, col := range all {
		if notCopied(col.Tbl) {
			continue
		}
		have, ok := inFile[col.Tbl]
		if !ok {
			if err := c.src.Raw("SELECT name FROM pragma_table_info(?)", col.Tbl).Scan(&have).Error; err != nil {
				return nil, fmt.Errorf("list the file's columns of %s: %w", col.Tbl, err)
			}
			inFile[col.Tbl] = have
		}
		if slices.Contains(have, col.Name) && (!isLogin(col.Name) || c.author != "") {
			byTable[col.Tbl] = append(byTable[col.Tbl], col)
		}
	}
	return byTable, nil
}

// isLogin tells the columns that name a server role: an item's author, a
// setting's owner. A file has none (it is one lead's); the copy gives them
// c.author, or leaves them to their default, the role copying.
func isLogin(col string) bool { return col == "author" || col == "login" }

// login is the role the file's rows go to, as SQL.
func (c *copier) login() string {
	if c.author == "" {
		return "current_user"
	}
	return model.QuoteLiteral(c.author)
}

// copyTable copies one table's rows in batches. Columns in self (a row's
// references to rows of its own table, such as a person's manager) are
// filled in once every row is in, since a batch may name a row of a later
// one.
func (c *copier) copyTable(table string, cols []serverColumn, self []string) error {
	var total int64
	if err := c.src.Table(table).Count(&total).Error; err != nil {
		return fmt.Errorf("count %s in the file: %w", table, err)
	}
	c.progress(table, 0, int(total))
	names := make([]string, len(cols))
	read := make([]string, len(cols))
	idAt := -1
	for i, col := range cols {
		names[i] = model.QuoteIdent(col.Name)
		// A bare column would come back as the SQLite driver reads its
		// declared type (a date that does not parse becomes year 1);
		// unary + hands over the stored value untouched.
		read[i] = "+" + names[i]
		switch col.Name {
		case "id":
			idAt = i
		case "author", "login":
			read[i] = model.QuoteLiteral(c.author)
		}
	}
	if len(self) > 0 && idAt < 0 {
		return fmt.Errorf("%s refers to itself but has no id column to do it by", table)
	}
	rows, err := c.src.Raw(fmt.Sprintf("SELECT %s FROM %s", strings.Join(read, ", "), model.QuoteIdent(table))).Rows()
	if err != nil {
		return fmt.Errorf("read %s from the file: %w", table, err)
	}
	defer rows.Close()

	perBatch := max(1, copyBatchParams/len(cols))
	var batch []any
	var later []selfRef
	done := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		n := len(batch) / len(cols)
		if err := c.insert(table, names, n, batch); err != nil {
			return fmt.Errorf("copy %s, rows %d to %d: %w", table, done+1, done+n, err)
		}
		done += n
		batch = batch[:0]
		c.progress(table, done, int(total))
		return nil
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s from the file: %w", table, err)
		}
		for i, col := range cols {
			v, err := serverValue(col, vals[i])
			if err != nil {
				return fmt.Errorf("%s, row %d: %w", table, done+len(batch)/len(cols)+1, err)
			}
			if v != nil && slices.Contains(self, col.Name) {
				later = append(later, selfRef{id: vals[idAt], col: col.Name, to: v})
				v = nil
			}
			batch = append(batch, v)
		}
		if len(batch)/len(cols) == perBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s from the file: %w", table, err)
	}
	if err := flush(); err != nil {
		return err
	}
	for _, r := range later {
		stmt := fmt.Sprintf("UPDATE %s SET %s = ? WHERE id = ?", model.QuoteIdent(table), model.QuoteIdent(r.col))
		if err := c.dst.Exec(stmt, r.to, r.id).Error; err != nil {
			return fmt.Errorf("copy %s: set %s of row %v: %w", table, r.col, r.id, err)
		}
	}
	return nil
}

// selfRef is a row's reference to another row of its table.
type selfRef struct {
	id, to any
	col    string
}

// verify counts every copied table on both sides; any difference fails
// the copy, so it is rolled back.
func (c *copier) verify(tables []string) error {
	for _, t := range tables {
		var inFile, onServer int64
		if err := c.src.Table(t).Count(&inFile).Error; err != nil {
			return fmt.Errorf("count %s in the file: %w", t, err)
		}
		q := c.dst.Table(t)
		if t == "user_settings" { // other leads' stay as they were
			q = q.Where("login = " + c.login())
		}
		if err := q.Count(&onServer).Error; err != nil {
			return fmt.Errorf("count %s on the server: %w", t, err)
		}
		if inFile != onServer {
			return fmt.Errorf("%s has %d rows in the file but %d on the server after copying; nothing was copied", t, inFile, onServer)
		}
		c.report.Tables = append(c.report.Tables, TableCount{t, onServer})
	}
	return nil
}

// insert writes n rows of names' values at once.
func (c *copier) insert(table string, names []string, n int, vals []any) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(names)), ",") + ")"
	stmt := fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", model.QuoteIdent(table), strings.Join(names, ", "),
		strings.TrimSuffix(strings.Repeat(row+",", n), ","))
	return c.dst.Exec(stmt, vals...).Error
}

// serverValue is v as the server's column takes it. SQLite keeps booleans
// as 0 and 1; dates and times are text that the server reads as such.
func serverValue(col serverColumn, v any) (any, error) {
	if col.DataType != "boolean" || v == nil {
		return v, nil
	}
	switch b := v.(type) {
	case int64:
		return b != 0, nil
	case float64:
		return b != 0, nil
	case string:
		if parsed, err := strconv.ParseBool(b); err == nil {
			return parsed, nil
		}
	}
	return nil, fmt.Errorf("%s holds %v, which is neither yes nor no", col.Name, v)
}
