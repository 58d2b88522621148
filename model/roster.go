package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// emailMatch finds a person by a non-empty email through the partial index
// on email, which SQLite uses only when the query repeats its condition.
const emailMatch = "email = ? AND email <> ''"

// RosterColumns are the columns a roster CSV may have, in export order.
var RosterColumns = []string{"name", "preferred_name", "email", "role", "team", "start_date", "manager_email", "status"}

// LineError is one problem in an imported file.
type LineError struct {
	Line    int
	Message string
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// ImportError lists every problem found in a file; nothing was written.
type ImportError struct {
	Problems []LineError
}

func (e *ImportError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return fmt.Sprintf("nothing imported, %s: %s", Plural(len(e.Problems), "problem", "problems"), strings.Join(msgs, "; "))
}

// ImportResult says what an import did.
type ImportResult struct {
	Added, Updated int
	Warnings       []string
}

func (r ImportResult) String() string {
	return fmt.Sprintf("imported %s (%d added, %d updated)", Plural(r.Added+r.Updated, "person", "people"), r.Added, r.Updated)
}

// rosterRow is one parsed line: the cells the file gave, by column.
type rosterRow struct {
	line  int
	cells map[string]string
	// parsed values of the cells that were given
	person       Person
	managerEmail string
}

func (r *rosterRow) has(col string) bool { return r.cells[col] != "" }

// ImportRoster reads a roster CSV and adds or updates people in one
// transaction. Every problem is reported with its line and then nothing is
// written. A row whose email is already known updates that person; an empty
// cell never erases what the database holds.
func (s *Store) ImportRoster(r io.Reader) (ImportResult, error) {
	var res ImportResult
	rows, warnings, problems, err := parseRoster(r)
	if err != nil {
		return res, err
	}
	res.Warnings = warnings
	err = s.db.Transaction(func(tx *gorm.DB) error {
		missing, err := unknownManagers(tx, rows)
		if err != nil {
			return err
		}
		loops, err := managerLoops(tx, rows)
		if err != nil {
			return err
		}
		problems = append(append(problems, missing...), loops...)
		if len(problems) > 0 {
			slices.SortStableFunc(problems, func(a, b LineError) int { return a.Line - b.Line })
			return &ImportError{problems}
		}
		res.Added, res.Updated, err = applyRoster(tx, rows)
		return err
	})
	return res, err
}

// parseRoster reads the file. Problems with single lines are collected so all
// can be reported; an error means the file could not be read at all.
func parseRoster(r io.Reader) ([]*rosterRow, []string, []LineError, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read roster: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, nil, &ImportError{[]LineError{{1, "the file is empty; the first line must name the columns, e.g. name,email,team"}}}
	}
	if err != nil {
		return nil, nil, nil, csvProblem(err)
	}
	cols, warnings, err := rosterHeader(header)
	if err != nil {
		return nil, nil, nil, err
	}
	var rows []*rosterRow
	var problems []LineError
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, nil, csvProblem(err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if !validUTF8(rec) {
			problems = append(problems, LineError{line, "is not UTF-8 text; save the file as CSV UTF-8 and import again"})
			continue
		}
		if len(rec) != len(header) {
			problems = append(problems, LineError{line, fmt.Sprintf("has %s but the header has %d", Plural(len(rec), "field", "fields"), len(header))})
			continue
		}
		row := &rosterRow{line: line, cells: map[string]string{}}
		for i, c := range cols {
			if c != "" {
				row.cells[c] = unguardCell(strings.TrimSpace(rec[i]))
			}
		}
		problems = append(problems, row.parse()...)
		rows = append(rows, row)
	}
	problems = append(problems, duplicateEmails(rows)...)
	return rows, warnings, problems, nil
}

func csvProblem(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ImportError{[]LineError{{pe.StartLine, "the file is not valid CSV here: " + pe.Err.Error()}}}
	}
	return fmt.Errorf("read roster: %w", err)
}

func validUTF8(rec []string) bool {
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return false
		}
	}
	return true
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// rosterHeader maps each column position to a known column name ("" for
// unknown columns, which are reported as warnings).
func rosterHeader(header []string) ([]string, []string, error) {
	known := map[string]bool{}
	for _, c := range RosterColumns {
		known[c] = true
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	var warnings []string
	var problems []LineError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case known[name] && seen[name]:
			problems = append(problems, LineError{1, fmt.Sprintf("column %q appears twice", name)})
		case known[name]:
			cols[i] = name
			seen[name] = true
		default:
			warnings = append(warnings, fmt.Sprintf("ignored unknown column %q", strings.TrimSpace(h)))
		}
	}
	if !seen["name"] {
		problems = append(problems, LineError{1, "the header has no \"name\" column; columns are " + strings.Join(RosterColumns, ", ")})
	}
	if len(problems) > 0 {
		return nil, nil, &ImportError{problems}
	}
	return cols, warnings, nil
}

// parse fills row.person from the cells and reports every bad cell, once:
// a cell with a line break or an invisible character is reported for that.
func (row *rosterRow) parse() []LineError {
	var problems []LineError
	unfit := map[string]bool{}
	c := row.cells
	for _, col := range RosterColumns {
		if p := textProblem(c[col], false); p != "" {
			problems = append(problems, LineError{row.line, col + " " + p})
			unfit[col] = true
		}
	}
	bad := func(col string, err error) {
		if err != nil && !unfit[col] {
			problems = append(problems, LineError{row.line, err.Error()})
		}
	}
	p := Person{Name: c["name"], PreferredName: c["preferred_name"], Team: c["team"], Email: strings.ToLower(c["email"])}
	bad("name", ValidateName(p.Name))
	bad("email", ValidateEmail(c["email"]))
	if row.has("role") {
		role, err := ParseRole(c["role"])
		bad("role", err)
		p.Role = role
	}
	if row.has("status") {
		st, err := ParseStatus(c["status"])
		bad("status", err)
		p.Status = st
	}
	if d, err := ParseDate(c["start_date"]); err != nil {
		bad("start_date", fmt.Errorf("start_date: %w", err))
	} else {
		p.StartDate = d
	}
	// A manager is looked for only when the cell is good, so its problem is
	// reported once.
	if m := strings.ToLower(c["manager_email"]); m != "" {
		if err := ValidateEmail(c["manager_email"]); err != nil {
			bad("manager_email", fmt.Errorf("manager_email: %w", err))
		} else if m == p.Email {
			bad("manager_email", errors.New("a person cannot be their own manager"))
		} else {
			row.managerEmail = m
		}
	}
	row.person = p
	return problems
}

func duplicateEmails(rows []*rosterRow) []LineError {
	first := map[string]int{}
	var problems []LineError
	for _, r := range rows {
		e := r.person.Email
		if e == "" {
			continue
		}
		if l, ok := first[e]; ok {
			problems = append(problems, LineError{r.line, fmt.Sprintf("email %s is already used on line %d", e, l)})
			continue
		}
		first[e] = r.line
	}
	return problems
}

// unknownManagers reports rows whose manager_email is neither in the file
// nor on the roster.
func unknownManagers(tx *gorm.DB, rows []*rosterRow) ([]LineError, error) {
	inFile := map[string]bool{}
	for _, r := range rows {
		inFile[r.person.Email] = true
	}
	var problems []LineError
	for _, r := range rows {
		if r.managerEmail == "" || inFile[r.managerEmail] {
			continue
		}
		var n int64
		if err := tx.Model(&Person{}).Where(emailMatch, r.managerEmail).Count(&n).Error; err != nil {
			return nil, fmt.Errorf("import line %d: %w", r.line, err)
		}
		if n == 0 {
			problems = append(problems, LineError{r.line, fmt.Sprintf("manager %s is not in this file or on the roster", r.managerEmail)})
		}
	}
	return problems, nil
}

// managerLoops reports rows whose manager chain, as it would be after the
// import, comes back to them. Chains run through emails: the file's rows
// first, then the roster.
func managerLoops(tx *gorm.DB, rows []*rosterRow) ([]LineError, error) {
	var onRoster []struct{ Email, ManagerEmail string }
	err := tx.Table("people AS p").Select("p.email, m.email AS manager_email").
		Joins("JOIN people m ON m.id = p.manager_id").Where("p.email <> ''").Scan(&onRoster).Error
	if err != nil {
		return nil, fmt.Errorf("check manager chains: %w", err)
	}
	managerOf := map[string]string{}
	for _, r := range onRoster {
		managerOf[r.Email] = r.ManagerEmail
	}
	// An empty manager_email keeps the roster's manager, as everywhere.
	for _, r := range rows {
		if r.person.Email != "" && r.managerEmail != "" {
			managerOf[r.person.Email] = r.managerEmail
		}
	}
	var problems []LineError
	for _, r := range rows {
		me := r.person.Email
		if me == "" || r.managerEmail == "" || r.managerEmail == me {
			continue // a self-reference is reported when the row is parsed
		}
		seen := map[string]bool{}
		for cur := r.managerEmail; cur != "" && !seen[cur]; cur = managerOf[cur] {
			if cur == me {
				problems = append(problems, LineError{r.line, "the manager chain loops back to this person"})
				break
			}
			seen[cur] = true
		}
	}
	return problems, nil
}

// applyRoster writes rows already checked, inside the import transaction.
func applyRoster(tx *gorm.DB, rows []*rosterRow) (added, updated int, err error) {
	byEmail := map[string]uint{}
	people := make([]*Person, len(rows))
	var addedIDs []uint
	for i, row := range rows {
		p, isNew, err := mergeRosterRow(tx, row, addedIDs)
		if err != nil {
			return 0, 0, err
		}
		people[i] = p
		if isNew {
			added++
			addedIDs = append(addedIDs, p.ID)
		} else {
			updated++
		}
		if p.Email != "" {
			byEmail[p.Email] = p.ID
		}
	}
	for i, row := range rows {
		if row.managerEmail == "" {
			continue
		}
		id, ok := byEmail[row.managerEmail]
		if !ok {
			var m Person
			if err := tx.Select("id").Where(emailMatch, row.managerEmail).First(&m).Error; err != nil {
				return 0, 0, fmt.Errorf("import line %d: manager %s: %w", row.line, row.managerEmail, err)
			}
			id = m.ID
		}
		people[i].ManagerID = &id
	}
	for i, p := range people {
		p.Version++ // a form open on them must not save over the import
		if err := tx.Save(p).Error; err != nil {
			return 0, 0, fmt.Errorf("import line %d: %w", rows[i].line, err)
		}
	}
	return added, updated, nil
}

// mergeRosterRow finds the person a row means (by email, or by name among
// people without email) and lays the row's non-empty cells over them. New
// people are created so managers can point at them.
func mergeRosterRow(tx *gorm.DB, row *rosterRow, added []uint) (*Person, bool, error) {
	in := row.person
	var existing []Person
	q := tx.Limit(2)
	if in.Email != "" {
		q = q.Where(emailMatch, in.Email)
	} else {
		// Only people on the roster before this file: two rows with the same
		// name and no email are two people.
		d := dialectOf(tx)
		q = q.Where("email = '' AND "+d.nocase("name")+" = "+d.nocase("?"), in.Name)
		if len(added) > 0 {
			q = q.Where("id NOT IN ?", added)
		}
	}
	if err := q.Find(&existing).Error; err != nil {
		return nil, false, fmt.Errorf("import line %d: %w", row.line, err)
	}
	if len(existing) != 1 {
		in.normalize()
		if err := tx.Create(&in).Error; err != nil {
			return nil, false, fmt.Errorf("import line %d: %w", row.line, err)
		}
		return &in, true, nil
	}
	p := existing[0]
	p.Name = in.Name
	for col, dst := range map[string]*string{"preferred_name": &p.PreferredName, "team": &p.Team} {
		if row.has(col) {
			*dst = row.cells[col]
		}
	}
	if row.has("role") {
		p.Role = in.Role
	}
	if row.has("status") {
		p.Status = in.Status
	}
	if row.has("start_date") {
		p.StartDate = in.StartDate
	}
	return &p, false, nil
}
