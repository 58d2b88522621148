// Package roster reads a roster CSV (the columns export.People writes) into
// the store: every problem is reported with its line, and then nothing is
// written.
package roster

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

	"solemate/model"
	"solemate/model/export"
)

// rosterRow is one line being read: the cells the file gave, in the order
// of export.RosterColumns ("" for a column the file lacks).
type rosterRow struct {
	line  int
	cells []string
}

func (r *rosterRow) cell(col string) string { return r.cells[slices.Index(export.RosterColumns, col)] }

func (r *rosterRow) has(col string) bool { return r.cell(col) != "" }

// Import reads a roster CSV and adds or updates people in one transaction
// (see Store.ImportPeople). A row whose email is already known updates that
// person; an empty cell never erases what the database holds.
func Import(s *model.Store, r io.Reader) (model.ImportResult, error) {
	rows, warnings, problems, err := parseRoster(r)
	if err != nil {
		return model.ImportResult{}, err
	}
	res, err := s.ImportPeople(rows, problems)
	res.Warnings = warnings
	return res, err
}

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

// parseRoster reads the file as it streams in. Problems with single lines
// are collected so all can be reported; an error means the file could not
// be read at all.
func parseRoster(r io.Reader) ([]*model.RosterEntry, []string, []model.LineError, error) {
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
		return nil, nil, nil, &model.ImportError{Problems: []model.LineError{{Line: 1, Message: "the file is empty; the first line must name the columns, e.g. name,email,team"}}}
	}
	if err != nil {
		return nil, nil, nil, csvProblem(err)
	}
	cols, warnings, err := rosterHeader(header)
	if err != nil {
		return nil, nil, nil, err
	}
	var rows []*model.RosterEntry
	var problems []model.LineError
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
			problems = append(problems, model.LineError{Line: line, Message: "is not UTF-8 text; save the file as CSV UTF-8 and import again"})
			continue
		}
		if len(rec) != len(cols) {
			problems = append(problems, model.LineError{Line: line, Message: fmt.Sprintf("has %s but the header has %d", model.Plural(len(rec), "field", "fields"), len(cols))})
			continue
		}
		row := &rosterRow{line: line, cells: make([]string, len(export.RosterColumns))}
		for i, c := range cols {
			if c >= 0 {
				row.cells[c] = export.Unguard(strings.TrimSpace(rec[i]))
			}
		}
		entry, bad := row.parse()
		problems = append(problems, bad...)
		rows = append(rows, entry)
	}
	problems = append(problems, duplicateEmails(rows)...)
	return rows, warnings, problems, nil
}

func csvProblem(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &model.ImportError{Problems: []model.LineError{{Line: pe.StartLine, Message: "the file is not valid CSV here: " + pe.Err.Error()}}}
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

// rosterHeader maps each column position to its place in
// export.RosterColumns (-1 for unknown columns, which are reported as
// warnings).
func rosterHeader(header []string) ([]int, []string, error) {
	cols := make([]int, len(header))
	seen := map[string]bool{}
	var warnings []string
	var problems []model.LineError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		cols[i] = slices.Index(export.RosterColumns, name)
		switch {
		case cols[i] >= 0 && seen[name]:
			problems = append(problems, model.LineError{Line: 1, Message: fmt.Sprintf("column %q appears twice", name)})
		case cols[i] >= 0:
			seen[name] = true
		default:
			warnings = append(warnings, fmt.Sprintf("ignored unknown column %q", strings.TrimSpace(h)))
		}
	}
	if !seen["name"] {
		problems = append(problems, model.LineError{Line: 1, Message: "the header has no \"name\" column; columns are " + strings.Join(export.RosterColumns, ", ")})
	}
	if len(problems) > 0 {
		return nil, nil, &model.ImportError{Problems: problems}
	}
	return cols, warnings, nil
}

// parse reads the person from the cells and reports every bad cell, once:
// a cell with a line break or an invisible character is reported for that.
func (row *rosterRow) parse() (*model.RosterEntry, []model.LineError) {
	entry := &model.RosterEntry{Line: row.line}
	var problems []model.LineError
	unfit := map[string]bool{}
	for i, col := range export.RosterColumns {
		if p := model.OneLineProblem(row.cells[i]); p != "" {
			problems = append(problems, model.LineError{Line: row.line, Message: col + " " + p})
			unfit[col] = true
		}
	}
	bad := func(col string, err error) {
		if err != nil && !unfit[col] {
			problems = append(problems, model.LineError{Line: row.line, Message: err.Error()})
		}
	}
	c := row.cell
	p := model.Person{Name: c("name"), PreferredName: c("preferred_name"), Team: c("team"), Email: strings.ToLower(c("email"))}
	bad("name", model.ValidateName(p.Name))
	bad("email", model.ValidateEmail(c("email")))
	if row.has("role") {
		role, err := model.ParseRole(c("role"))
		bad("role", err)
		p.Role = role
	}
	if row.has("status") {
		st, err := model.ParseStatus(c("status"))
		bad("status", err)
		p.Status = st
	}
	if d, err := model.ParseDate(c("start_date")); err != nil {
		bad("start_date", fmt.Errorf("start_date: %w", err))
	} else {
		p.StartDate = d
	}
	// A manager is looked for only when the cell is good, so its problem is
	// reported once.
	if m := strings.ToLower(c("manager_email")); m != "" {
		if err := model.ValidateEmail(c("manager_email")); err != nil {
			bad("manager_email", fmt.Errorf("manager_email: %w", err))
		} else if m == p.Email {
			bad("manager_email", errors.New("a person cannot be their own manager"))
		} else {
			entry.ManagerEmail = m
		}
	}
	entry.Person = p
	return entry, problems
}

func duplicateEmails(rows []*model.RosterEntry) []model.LineError {
	first := map[string]int{}
	var problems []model.LineError
	for _, r := range rows {
		e := r.Person.Email
		if e == "" {
			continue
		}
		if l, ok := first[e]; ok {
			problems = append(problems, model.LineError{Line: r.Line, Message: fmt.Sprintf("email %s is already used on line %d", e, l)})
			continue
		}
		first[e] = r.Line
	}
	return problems
}
