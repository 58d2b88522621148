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
// (their field count, encoding and start date) are collected so all can be
// reported with those ImportPeople finds; an error means the file could not
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

// parse lays the cells out as an entry, as they are: Store.ImportPeople
// checks every field (text, email, role, status, manager, an email used
// twice) for every reader. The reader reports only what it parses itself,
// the start date.
func (row *rosterRow) parse() (*model.RosterEntry, []model.LineError) {
	c := row.cell
	entry := &model.RosterEntry{Line: row.line, ManagerEmail: c("manager_email"), Person: model.Person{
		Name: c("name"), PreferredName: c("preferred_name"), Team: c("team"), Email: c("email"),
		Role: model.Role(c("role")), Status: model.Status(c("status")),
	}}
	d, err := model.ParseDate(c("start_date"))
	if err != nil {
		return entry, []model.LineError{{Line: row.line, Message: fmt.Sprintf("start_date: %v", err)}}
	}
	entry.Person.StartDate = d
	return entry, nil
}
