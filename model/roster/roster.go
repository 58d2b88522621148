package model

import (
	"bufio"
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

// rosterRow is one parsed line: the cells the file gave, in the order of
// RosterColumns ("" for a column the file lacks).
type rosterRow struct {
	line  int
	cells []string
	// parsed values of the cells that were given
	person       Person
	managerEmail string
}

func (r *rosterRow) cell(col string) string { return r.cells[slices.Index(RosterColumns, col)] }

func (r *rosterRow) has(col string) bool { return r.cell(col) != "" }

// ImportRoster reads a roster CSV and adds or updates people in one
// transaction. Every problem is reported with its line and then nothing is
// written. A row whose email is already known updates that person; an empty
// cell never erases what the database holds.
//
// The time it takes grows with the file, not with its square: the roster is
// looked up in a few queries for the whole file (not one per row), manager
// chains are walked once, and new people are inserted in batches.
func (s *Store) ImportRoster(r io.Reader) (ImportResult, error) {
	var res ImportResult
	rows, warnings, problems, err := parseRoster(r)
	if err != nil {
		return res, err
	}
	res.Warnings = warnings
	err = s.db.Transaction(func(tx *gorm.DB) error {
		roster, err := lookUpRoster(tx, rows)
		if err != nil {
			return err
		}
		problems = append(problems, unknownManagers(rows, roster)...)
		problems = append(problems, managerLoops(rows, roster)...)
		if len(problems) > 0 {
			slices.SortStableFunc(problems, func(a, b LineError) int { return a.Line - b.Line })
			return &ImportError{problems}
		}
		res.Added, res.Updated, err = applyRoster(tx, rows, roster)
		return err
	})
	return res, err
}

// parseRoster reads the file as it streams in. Problems with single lines
// are collected so all can be reported; an error means the file could not
// be read at all.
// crLines reads CR line ends as LF.
type crLines struct{ r io.Reader }

func (c crLines) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

func parseRoster(r io.Reader) ([]*rosterRow, []string, []LineError, error) {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	var in io.Reader = br
	// Old Mac line ends (CR alone, "CSV (Macintosh)") end lines too: read
	// as they are, the whole file is one header of cells with breaks in it.
	if head, _ := br.Peek(br.Size()); bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0 {
		in = crLines{br}
	}
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true // the cells kept are copied out
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
		if len(rec) != len(cols) {
			problems = append(problems, LineError{line, fmt.Sprintf("has %s but the header has %d", Plural(len(rec), "field", "fields"), len(cols))})
			continue
		}
		row := &rosterRow{line: line, cells: make([]string, len(RosterColumns))}
		for i, c := range cols {
			if c >= 0 {
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

// rosterHeader maps each column position to its place in RosterColumns (-1
// for unknown columns, which are reported as warnings).
func rosterHeader(header []string) ([]int, []string, error) {
	cols := make([]int, len(header))
	seen := map[string]bool{}
	var warnings []string
	var problems []LineError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		cols[i] = slices.Index(RosterColumns, name)
		switch {
		case cols[i] >= 0 && seen[name]:
			problems = append(problems, LineError{1, fmt.Sprintf("column %q appears twice", name)})
		case cols[i] >= 0:
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
	for i, col := range RosterColumns {
		if p := textProblem(row.cells[i], false); p != "" {
			problems = append(problems, LineError{row.line, col + " " + p})
			unfit[col] = true
		}
	}
	bad := func(col string, err error) {
		if err != nil && !unfit[col] {
			problems = append(problems, LineError{row.line, err.Error()})
		}
	}
	c := row.cell
	p := Person{Name: c("name"), PreferredName: c("preferred_name"), Team: c("team"), Email: strings.ToLower(c("email"))}
	bad("name", ValidateName(p.Name))
	bad("email", ValidateEmail(c("email")))
	if row.has("role") {
		role, err := ParseRole(c("role"))
		bad("role", err)
		p.Role = role
	}
	if row.has("status") {
		st, err := ParseStatus(c("status"))
		bad("status", err)
		p.Status = st
	}
	if d, err := ParseDate(c("start_date")); err != nil {
		bad("start_date", fmt.Errorf("start_date: %w", err))
	} else {
		p.StartDate = d
	}
	// A manager is looked for only when the cell is good, so its problem is
	// reported once.
	if m := strings.ToLower(c("manager_email")); m != "" {
		if err := ValidateEmail(c("manager_email")); err != nil {
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

// rosterLookup is what an import needs to know of the roster as it was
// before the file, fetched for the whole file at once.
type rosterLookup struct {
	inFile    map[string]int      // the file's rows by email, as indexes
	byEmail   map[string]Person   // people on the roster with an email the file names
	byName    map[string][]Person // people without an email, by folded name, oldest first
	claimed   map[uint]bool       // of those, the ones a row of the file has taken
	managerOf map[string]string   // email → manager's email, for everyone on the roster with both
}

// unclaimed takes the first person of a name without email that no row has
// taken yet, preferring one in team.
func (l *rosterLookup) unclaimed(name, team string) (Person, bool) {
	var first *Person
	for i, p := range l.byName[foldName(name)] {
		if l.claimed[p.ID] {
			continue
		}
		if p.Team == team {
			first = &l.byName[foldName(name)][i]
			break
		}
		if first == nil {
			first = &l.byName[foldName(name)][i]
		}
	}
	if first == nil {
		return Person{}, false
	}
	l.claimed[first.ID] = true
	return *first, true
}

// lookupChunk is how many values one IN (...) list holds: well under what
// either database takes as parameters of one statement.
const lookupChunk = 500

func lookUpRoster(tx *gorm.DB, rows []*rosterRow) (*rosterLookup, error) {
	l := &rosterLookup{inFile: map[string]int{}, byEmail: map[string]Person{}, byName: map[string][]Person{}, claimed: map[uint]bool{}, managerOf: map[string]string{}}
	var emails []string
	withoutEmail := false
	for i, r := range rows {
		if e := r.person.Email; e != "" {
			l.inFile[e] = i
			emails = append(emails, e)
		} else {
			withoutEmail = true
		}
	}
	for _, r := range rows {
		if _, ok := l.inFile[r.managerEmail]; r.managerEmail != "" && !ok {
			emails = append(emails, r.managerEmail)
		}
	}
	slices.Sort(emails)
	emails = slices.Compact(emails)
	for chunk := range slices.Chunk(emails, lookupChunk) {
		var found []Person
		// Repeating email <> '' lets SQLite use the partial index on email.
		if err := tx.Where("email IN ? AND email <> ''", chunk).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("look up the roster: %w", err)
		}
		for _, p := range found {
			l.byEmail[p.Email] = p
		}
	}
	if withoutEmail {
		var found []Person
		if err := tx.Where("email = ''").Order("id").Find(&found).Error; err != nil {
			return nil, fmt.Errorf("look up the roster: %w", err)
		}
		for _, p := range found {
			l.byName[foldName(p.Name)] = append(l.byName[foldName(p.Name)], p)
		}
	}
	var chains []struct{ Email, ManagerEmail string }
	err := tx.Table("people AS p").Select("p.email, m.email AS manager_email").
		Joins("JOIN people m ON m.id = p.manager_id").Where("p.email <> '' AND m.email <> ''").Scan(&chains).Error
	if err != nil {
		return nil, fmt.Errorf("check manager chains: %w", err)
	}
	for _, c := range chains {
		l.managerOf[c.Email] = c.ManagerEmail
	}
	return l, nil
}

// foldName is the key people without an email are matched by: the name
// with its ASCII letters in lower case, as nocase compares.
func foldName(name string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, name)
}

// unknownManagers reports rows whose manager_email is neither in the file
// nor on the roster.
func unknownManagers(rows []*rosterRow, l *rosterLookup) []LineError {
	var problems []LineError
	for _, r := range rows {
		m := r.managerEmail
		_, inFile := l.inFile[m]
		if _, onRoster := l.byEmail[m]; m != "" && !inFile && !onRoster {
			problems = append(problems, LineError{r.line, fmt.Sprintf("manager %s is not in this file or on the roster", m)})
		}
	}
	return problems
}

// managerLoops reports rows whose manager chain, as it would be after the
// import, comes back to them. Chains run through emails: the file's rows
// first, then the roster. Each email is walked once, so long chains cost no
// more than short ones.
func managerLoops(rows []*rosterRow, l *rosterLookup) []LineError {
	managerOf := l.managerOf // the import is refused or done with it after
	// An empty manager_email keeps the roster's manager, as everywhere.
	for _, r := range rows {
		if r.person.Email != "" && r.managerEmail != "" {
			managerOf[r.person.Email] = r.managerEmail
		}
	}
	const onPath, walked = 1, 2
	state := map[string]int{}
	onLoop := map[string]bool{}
	var path []string
	for _, r := range rows {
		path = path[:0]
		cur := r.person.Email
		for cur != "" && state[cur] == 0 {
			state[cur] = onPath
			path = append(path, cur)
			cur = managerOf[cur]
		}
		if cur != "" && state[cur] == onPath { // this walk came back on itself
			for _, e := range path[slices.Index(path, cur):] {
				onLoop[e] = true
			}
		}
		for _, e := range path {
			state[e] = walked
		}
	}
	var problems []LineError
	for _, r := range rows {
		if r.managerEmail != "" && onLoop[r.person.Email] {
			problems = append(problems, LineError{r.line, "the manager chain loops back to this person"})
		}
	}
	return problems
}

// applyRoster writes rows already checked, inside the import transaction:
// new people in batches, then the managers that were new themselves, then
// the people the file updates.
func applyRoster(tx *gorm.DB, rows []*rosterRow, l *rosterLookup) (added, updated int, err error) {
	people := make([]Person, len(rows))
	isNew := make([]bool, len(rows))
	for i, row := range rows {
		people[i], isNew[i] = mergeRosterRow(row, l)
	}
	// idOf is a person's ID once written: the file's row's, or the roster's.
	idOf := func(email string) uint {
		if i, ok := l.inFile[email]; ok {
			return people[i].ID
		}
		return l.byEmail[email].ID
	}
	var fresh []*Person
	var later []int // new people whose manager is new too
	for i, row := range rows {
		if !isNew[i] {
			continue
		}
		if m := row.managerEmail; m != "" {
			if id := idOf(m); id != 0 {
				people[i].ManagerID = &id
			} else {
				later = append(later, i)
			}
		}
		fresh = append(fresh, &people[i])
	}
	if len(fresh) > 0 {
		if err := tx.CreateInBatches(fresh, lookupChunk).Error; err != nil {
			return 0, 0, fmt.Errorf("add people: %w", err)
		}
	}
	// Many small updates: each statement is prepared once. Both databases
	// read $1, $2, … (SQLite as named parameters, bound in order).
	setManager, err := tx.Statement.ConnPool.PrepareContext(tx.Statement.Context, "UPDATE people SET manager_id = $1 WHERE id = $2")
	if err != nil {
		return 0, 0, fmt.Errorf("set managers: %w", err)
	}
	defer setManager.Close()
	for _, i := range later {
		id := idOf(rows[i].managerEmail)
		people[i].ManagerID = &id
		if _, err := setManager.Exec(id, people[i].ID); err != nil {
			return 0, 0, fmt.Errorf("import line %d: manager %s: %w", rows[i].line, rows[i].managerEmail, err)
		}
	}
	// The version moves on, so a form open on them does not save over the import.
	update, err := tx.Statement.ConnPool.PrepareContext(tx.Statement.Context, `UPDATE people SET name = $1, preferred_name = $2, team = $3,
		role = $4, status = $5, start_date = $6, manager_id = $7, version = version + 1, updated_at = $8 WHERE id = $9`)
	if err != nil {
		return 0, 0, fmt.Errorf("update people: %w", err)
	}
	defer update.Close()
	now := tx.NowFunc()
	for i, row := range rows {
		if isNew[i] {
			added++
			continue
		}
		updated++
		p := &people[i]
		if m := row.managerEmail; m != "" {
			id := idOf(m)
			p.ManagerID = &id
		}
		if _, err := update.Exec(p.Name, p.PreferredName, p.Team, p.Role, p.Status, p.StartDate, p.ManagerID, now, p.ID); err != nil {
			return 0, 0, fmt.Errorf("import line %d: %w", row.line, err)
		}
	}
	return added, updated, nil
}

// mergeRosterRow finds the person a row means (by email, or by name among
// people without email on the roster before this file) and lays the row's
// non-empty cells over them. It reports whether the person is new. Rows of
// one name without email take the people of that name in turn, one in the
// row's team first, so an exported roster imports back onto the same people
// rather than adding them again.
func mergeRosterRow(row *rosterRow, l *rosterLookup) (Person, bool) {
	in := row.person
	var match []Person
	if in.Email != "" {
		if p, ok := l.byEmail[in.Email]; ok {
			match = []Person{p}
		}
	} else if p, ok := l.unclaimed(in.Name, in.Team); ok {
		match = []Person{p}
	}
	if len(match) != 1 {
		in.normalize()
		in.Version = 1 // as for any person saved once
		return in, true
	}
	p := match[0]
	p.Name = in.Name
	if row.has("preferred_name") {
		p.PreferredName = in.PreferredName
	}
	if row.has("team") {
		p.Team = in.Team
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
	return p, false
}
