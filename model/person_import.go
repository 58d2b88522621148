package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

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

// ImportResult says what an import did. Unchanged counts the people the
// file names as the roster already had them: they are not written.
type ImportResult struct {
	Added, Updated, Unchanged int
	Warnings                  []string
}

// String says what was imported, naming only the counts that are not zero.
func (r ImportResult) String() string {
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{r.Added, "added"}, {r.Updated, "updated"}, {r.Unchanged, "unchanged"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	msg := "imported " + Plural(r.Added+r.Updated+r.Unchanged, "person", "people")
	if len(parts) > 0 {
		msg += " (" + strings.Join(parts, ", ") + ")"
	}
	return msg
}

// RosterEntry is one line of a roster file, read: the person as its
// cells give them (a field left empty keeps what the roster holds) and
// their manager's email.
type RosterEntry struct {
	Line         int
	Person       Person
	ManagerEmail string
}

// ImportPeople adds or updates the people of a roster file in one
// transaction. problems are those already found in the file; the ones the
// roster shows (unknown managers, manager chains that loop) join them, and
// if there are any, all are reported by line and nothing is written. An
// entry whose email is already known updates that person.
//
// Every entry is checked here, as SavePerson checks a form (see
// RosterEntry.check), whoever read the file, and normalized in place.
//
// The time it takes grows with the file, not with its square: the roster is
// looked up in a few queries for the whole file (not one per row), manager
// chains are walked once, and new people are inserted in batches.
func (s *Store) ImportPeople(rows []*RosterEntry, problems []LineError) (ImportResult, error) {
	var res ImportResult
	for _, r := range rows {
		problems = append(problems, r.check()...)
	}
	problems = append(problems, emailsUsedTwice(rows)...)
	_, meKnown, err := s.Me()
	if err != nil {
		return res, err
	}
	err = transaction(s.db, func(tx *gorm.DB) error {
		roster, err := lookUpRoster(tx, rows)
		if err != nil {
			return err
		}
		problems = append(problems, unknownManagers(rows, roster, !meKnown)...)
		people, was := mergeRoster(rows, roster)
		problems = append(problems, managerLoops(rows, people, roster)...)
		if len(problems) > 0 {
			slices.SortStableFunc(problems, func(a, b LineError) int { return a.Line - b.Line })
			return &ImportError{problems}
		}
		return applyRoster(tx, rows, people, was, roster, &res)
	})
	return res, err
}

// check reports what SavePerson would refuse in the entry, each field once,
// named by its roster column (a field that is not one line of visible text
// is reported for that alone). It normalizes what it keeps as SavePerson
// does: text trimmed, emails in lower case, role, status and cadence by key
// (a reader may pass "Team lead" as it is). A manager email that is refused
// is dropped, so it is not reported again as unknown or as a loop.
func (r *RosterEntry) check() []LineError {
	p := &r.Person
	var problems []LineError
	bad := func(msg string) { problems = append(problems, LineError{r.Line, msg}) }
	// fit trims a field and reports it if it is not one line of visible
	// text; it says whether the field holds text to check further.
	fit := func(col string, text *string) bool {
		*text = strings.TrimSpace(*text)
		if msg := textProblem(*text, false); msg != "" {
			bad(col + " " + msg)
			return false
		}
		return *text != ""
	}
	if fit(FieldName, &p.Name) || p.Name == "" {
		if err := ValidateName(p.Name); err != nil {
			bad(err.Error())
		}
	}
	if fit(FieldPreferredName, &p.PreferredName) && utf8.RuneCountInString(p.PreferredName) > maxNameLen {
		bad(fmt.Sprintf("keep the preferred name under %d characters", maxNameLen))
	}
	fit(FieldTeam, &p.Team)
	if fit(FieldEmail, &p.Email) {
		if err := ValidateEmail(p.Email); err != nil {
			bad(err.Error())
		}
		p.Email = strings.ToLower(p.Email)
	}
	if fit(FieldRole, (*string)(&p.Role)) {
		role, err := ParseRole(string(p.Role))
		p.Role = role
		if err != nil {
			bad(err.Error())
		}
	}
	if fit(FieldStatus, (*string)(&p.Status)) {
		st, err := ParseStatus(string(p.Status))
		p.Status = st
		if err != nil {
			bad(err.Error())
		}
	}
	if fit(FieldCadence, (*string)(&p.Cadence)) {
		c, err := ParseCadence(string(p.Cadence))
		p.Cadence = c
		if err != nil {
			bad(err.Error())
		}
	}
	m := r.ManagerEmail
	r.ManagerEmail = ""
	if fit("manager_email", &m) {
		if err := ValidateEmail(m); err != nil {
			bad("manager_email: " + err.Error())
		} else if m = strings.ToLower(m); m == p.Email {
			bad("a person cannot be their own manager")
		} else {
			r.ManagerEmail = m
		}
	}
	return problems
}

// emailsUsedTwice reports each entry whose email an earlier one gave: two
// would be added (and break the unique index) or update one person twice.
func emailsUsedTwice(rows []*RosterEntry) []LineError {
	first := map[string]int{}
	var problems []LineError
	for _, r := range rows {
		e := r.Person.Email
		if e == "" {
			continue
		}
		if l, ok := first[e]; ok {
			problems = append(problems, LineError{r.Line, fmt.Sprintf("email %s is already used on line %d", e, l)})
			continue
		}
		first[e] = r.Line
	}
	return problems
}

// rosterLookup is what an import needs to know of the roster as it was
// before the file, fetched for the whole file at once.
type rosterLookup struct {
	inFile    map[string]int          // the file's rows by email, as indexes
	byEmail   map[string]Person       // people on the roster with an email the file names
	byName    map[string]*namesakes   // people without an email, by folded name
	managerOf map[chainLink]chainLink // everyone on the roster with a manager → that manager
	visited   int                     // namesakes unclaimed looked at, to test it stays linear
}

// namesakes are the people of one name without email, oldest first, and
// which of them rows of the file have taken. Cursors move past the taken
// ones for good, so rows of one name take them all in linear time.
type namesakes struct {
	people  []Person
	claimed []bool
	all     cursor
	inTeam  map[string]*cursor
}

// cursor walks indexes into namesakes.people in order; those before next
// are all claimed.
type cursor struct {
	at   []int
	next int
}

// addNamesake adds p, without email, after the people of its name.
func (l *rosterLookup) addNamesake(p Person) {
	n := l.byName[foldName(p.Name)]
	if n == nil {
		n = &namesakes{inTeam: map[string]*cursor{}}
		l.byName[foldName(p.Name)] = n
	}
	i := len(n.people)
	n.people = append(n.people, p)
	n.claimed = append(n.claimed, false)
	n.all.at = append(n.all.at, i)
	if n.inTeam[p.Team] == nil {
		n.inTeam[p.Team] = &cursor{}
	}
	n.inTeam[p.Team].at = append(n.inTeam[p.Team].at, i)
}

// unclaimed takes the first person of a name without email that no row has
// taken yet, preferring one in team.
func (l *rosterLookup) unclaimed(name, team string) (Person, bool) {
	n := l.byName[foldName(name)]
	if n == nil {
		return Person{}, false
	}
	for _, c := range []*cursor{n.inTeam[team], &n.all} {
		for c != nil && c.next < len(c.at) {
			l.visited++
			i := c.at[c.next]
			c.next++
			if !n.claimed[i] {
				n.claimed[i] = true
				return n.people[i], true
			}
		}
	}
	return Person{}, false
}

// lookupChunk is how many values one IN (...) list holds: well under what
// either database takes as parameters of one statement.
const lookupChunk = 500

func lookUpRoster(tx *gorm.DB, rows []*RosterEntry) (*rosterLookup, error) {
	l := &rosterLookup{inFile: map[string]int{}, byEmail: map[string]Person{}, byName: map[string]*namesakes{}, managerOf: map[chainLink]chainLink{}}
	var emails []string
	withoutEmail := false
	for i, r := range rows {
		if e := r.Person.Email; e != "" {
			l.inFile[e] = i
			emails = append(emails, e)
		} else {
			withoutEmail = true
		}
	}
	for _, r := range rows {
		if _, ok := l.inFile[r.ManagerEmail]; r.ManagerEmail != "" && !ok {
			emails = append(emails, r.ManagerEmail)
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
			l.addNamesake(p)
		}
	}
	// Every link a chain may take, through people without email too: those
	// of people with email, then, by ID a step at a time, those of the
	// people without email rows may name (byName) and of the managers
	// without email the links reach.
	seen := map[uint]bool{}
	var next []uint
	reach := func(id uint) {
		if !seen[id] {
			seen[id] = true
			next = append(next, id)
		}
	}
	for _, n := range l.byName {
		for _, p := range n.people {
			reach(p.ID)
		}
	}
	links := func(where string, args ...any) error {
		var chains []struct {
			ID, ManagerID       uint
			Email, ManagerEmail string
		}
		err := tx.Table("people AS p").Select("p.id, p.email, m.id AS manager_id, m.email AS manager_email").
			Joins("JOIN people m ON m.id = p.manager_id").Where(where, args...).Scan(&chains).Error
		if err != nil {
			return fmt.Errorf("check manager chains: %w", err)
		}
		for _, c := range chains {
			l.managerOf[linkOf(c.Email, c.ID)] = linkOf(c.ManagerEmail, c.ManagerID)
			if c.ManagerEmail == "" {
				reach(c.ManagerID)
			}
		}
		return nil
	}
	if err := links("p.email <> ''"); err != nil {
		return nil, err
	}
	for len(next) > 0 {
		ids := next
		next = nil
		for chunk := range slices.Chunk(ids, lookupChunk) {
			if err := links("p.id IN ?", chunk); err != nil {
				return nil, err
			}
		}
	}
	return l, nil
}

// chainLink is a person in a manager chain: by email, which the file
// names managers by, or by ID for someone on the roster without one.
type chainLink struct {
	email string
	id    uint
}

func linkOf(email string, id uint) chainLink {
	if email != "" {
		return chainLink{email: email}
	}
	return chainLink{id: id}
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
// nor on the roster. While nobody is me (hint), the first row naming each
// such manager says how the user adds themselves: the manager is often
// the lead importing their team.
func unknownManagers(rows []*RosterEntry, l *rosterLookup, hint bool) []LineError {
	var problems []LineError
	hinted := map[string]bool{}
	for _, r := range rows {
		m := r.ManagerEmail
		_, inFile := l.inFile[m]
		if _, onRoster := l.byEmail[m]; m != "" && !inFile && !onRoster {
			msg := fmt.Sprintf("manager %s is not in this file or on the roster", m)
			if hint && !hinted[m] {
				hinted[m] = true
				msg += fmt.Sprintf(`; if that is you, add yourself first (in Settings, or: solemate me %s "Your Name")`, m)
			}
			problems = append(problems, LineError{r.Line, msg})
		}
	}
	return problems
}

// managerLoops reports rows whose manager chain, as it would be after the
// import, comes back to them, as SavePerson refuses a loop. people are the
// rows merged onto the roster (mergeRoster). Chains run through everyone,
// with email or not: the file's rows first, then the roster. Each person is
// walked once, so long chains cost no more than short ones.
func managerLoops(rows []*RosterEntry, people []Person, l *rosterLookup) []LineError {
	managerOf := l.managerOf // the import is refused or done with it after
	// Nobody can name a new person without email as manager: such a row is
	// on no loop.
	link := func(i int) chainLink { return linkOf(people[i].Email, people[i].ID) }
	// An empty manager_email keeps the roster's manager, as everywhere.
	for i, r := range rows {
		if link(i) != (chainLink{}) && r.ManagerEmail != "" {
			managerOf[link(i)] = chainLink{email: r.ManagerEmail}
		}
	}
	const onPath, walked = 1, 2
	state := map[chainLink]int{}
	onLoop := map[chainLink]bool{}
	var path []chainLink
	for i := range rows {
		path = path[:0]
		cur := link(i)
		for cur != (chainLink{}) && state[cur] == 0 {
			state[cur] = onPath
			path = append(path, cur)
			cur = managerOf[cur]
		}
		if cur != (chainLink{}) && state[cur] == onPath { // this walk came back on itself
			for _, e := range path[slices.Index(path, cur):] {
				onLoop[e] = true
			}
		}
		for _, e := range path {
			state[e] = walked
		}
	}
	var problems []LineError
	for i, r := range rows {
		if r.ManagerEmail != "" && onLoop[link(i)] {
			problems = append(problems, LineError{r.Line, "the manager chain loops back to this person"})
		}
	}
	return problems
}

// mergeRoster merges each row onto the person it means (mergeRosterRow).
func mergeRoster(rows []*RosterEntry, l *rosterLookup) (people, was []Person) {
	people = make([]Person, len(rows))
	was = make([]Person, len(rows))
	for i, row := range rows {
		people[i], was[i] = mergeRosterRow(row, l)
	}
	return people, was
}

// applyRoster writes rows already checked and merged (mergeRoster), inside
// the import transaction: new people in batches, then the managers that
// were new themselves, then the people the file changes; it counts them
// in res.
func applyRoster(tx *gorm.DB, rows []*RosterEntry, people, was []Person, l *rosterLookup, res *ImportResult) error {
	isNew := func(i int) bool { return was[i].ID == 0 }
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
		if !isNew(i) {
			continue
		}
		if m := row.ManagerEmail; m != "" {
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
			return fmt.Errorf("add people: %w", err)
		}
	}
	// Many small updates: each statement is prepared once. Both databases
	// read $1, $2, … (SQLite as named parameters, bound in order).
	setManager, err := tx.Statement.ConnPool.PrepareContext(tx.Statement.Context, "UPDATE people SET manager_id = $1 WHERE id = $2")
	if err != nil {
		return fmt.Errorf("set managers: %w", err)
	}
	defer setManager.Close()
	for _, i := range later {
		id := idOf(rows[i].ManagerEmail)
		people[i].ManagerID = &id
		if _, err := setManager.Exec(id, people[i].ID); err != nil {
			return fmt.Errorf("import line %d: manager %s: %w", rows[i].Line, rows[i].ManagerEmail, err)
		}
	}
	// The version moves on, so a form open on them does not save over the import.
	update, err := tx.Statement.ConnPool.PrepareContext(tx.Statement.Context, `UPDATE people SET name = $1, preferred_name = $2, team = $3,
		role = $4, status = $5, start_date = $6, manager_id = $7, version = version + 1, updated_at = $8 WHERE id = $9`)
	if err != nil {
		return fmt.Errorf("update people: %w", err)
	}
	defer update.Close()
	now := tx.NowFunc()
	for i, row := range rows {
		if isNew(i) {
			res.Added++
			continue
		}
		p := &people[i]
		if m := row.ManagerEmail; m != "" {
			id := idOf(m)
			p.ManagerID = &id
		}
		if sameOnRoster(*p, was[i]) {
			res.Unchanged++
			continue
		}
		res.Updated++
		if _, err := update.Exec(p.Name, p.PreferredName, p.Team, p.Role, p.Status, p.StartDate, p.ManagerID, now, p.ID); err != nil {
			return fmt.Errorf("import line %d: %w", row.Line, err)
		}
	}
	return nil
}

// sameOnRoster reports whether a and b agree on every field a roster file
// sets.
func sameOnRoster(a, b Person) bool {
	return a.Name == b.Name && a.PreferredName == b.PreferredName && a.Team == b.Team && a.Role == b.Role &&
		a.Status == b.Status && a.StartDate == b.StartDate && (a.ManagerID == nil) == (b.ManagerID == nil) &&
		(a.ManagerID == nil || *a.ManagerID == *b.ManagerID)
}

// mergeRosterRow finds the person a row means (by email, or by name among
// people without email on the roster before this file) and lays the row's
// non-empty fields over them. was is the person as the roster holds them,
// with ID 0 when the row adds someone new. Rows of
// one name without email take the people of that name in turn, one in the
// row's team first, so an exported roster imports back onto the same people
// rather than adding them again.
func mergeRosterRow(row *RosterEntry, l *rosterLookup) (merged, was Person) {
	in := row.Person
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
		return in, Person{}
	}
	p := match[0]
	p.Name = in.Name
	if in.PreferredName != "" {
		p.PreferredName = in.PreferredName
	}
	if in.Team != "" {
		p.Team = in.Team
	}
	if in.Role != "" {
		p.Role = in.Role
	}
	if in.Status != "" {
		p.Status = in.Status
	}
	if !in.StartDate.IsZero() {
		p.StartDate = in.StartDate
	}
	return p, match[0]
}
