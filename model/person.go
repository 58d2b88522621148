package model

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Role is what a person does in the contact centre.
type Role string

// The roles a person can have.
const (
	RoleAgent    Role = "agent"
	RoleTeamLead Role = "team_lead"
	RoleTrainer  Role = "trainer"
	RoleManager  Role = "manager"
	RoleOther    Role = "other"
)

var roles = enum[Role]{entries: []labelled[Role]{
	{RoleAgent, "Agent"}, {RoleTeamLead, "Team lead"}, {RoleTrainer, "Trainer"},
	{RoleManager, "Manager"}, {RoleOther, "Other"},
}}

// Roles lists every role in the order pickers show them.
func Roles() []Role { return roles.values() }

// Label is the role as people say it.
func (r Role) Label() string { return roles.label(r) }

// ParseRole accepts a role's key or label in any case, with spaces, dashes
// or underscores ("Team lead", "team_lead", "TEAM-LEAD"), and "lead" or
// "team leader" for a team lead.
func ParseRole(s string) (Role, error) {
	key := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	if r := Role(key); roles.has(r) {
		return r, nil
	}
	if key == "lead" || key == "team_leader" { // as team leads write it
		return RoleTeamLead, nil
	}
	return "", fmt.Errorf("%q is not a role (use agent, team lead, trainer, manager or other)", s)
}

// Status says whether a person still works here.
type Status string

// The statuses a person can have.
const (
	StatusActive Status = "active"
	StatusLeft   Status = "left"
)

var statuses = enum[Status]{unknown: StatusActive, entries: []labelled[Status]{
	{StatusActive, "Active"}, {StatusLeft, "Left"},
}}

// Statuses lists every status in the order pickers show them.
func Statuses() []Status { return statuses.values() }

// Label is the status as people say it.
func (s Status) Label() string { return statuses.label(s) }

// ParseStatus accepts "active" or "left" in any case.
func ParseStatus(s string) (Status, error) {
	if st, ok := statuses.lookup(s); ok {
		return st, nil
	}
	return "", fmt.Errorf("%q is not a status (use active or left)", s)
}

// Field keys used in validation errors, shared with forms and the importer.
const (
	FieldName          = "name"
	FieldPreferredName = "preferred_name"
	FieldEmail         = "email"
	FieldRole          = "role"
	FieldTeam          = "team"
	FieldStartDate     = "start_date"
	FieldManager       = "manager"
	FieldStatus        = "status"
	FieldCadence       = "cadence"
)

const maxNameLen = 200

// Person is someone on the roster.
type Person struct {
	ID            uint `gorm:"primaryKey"`
	Name          string
	PreferredName string
	Role          Role
	Team          string
	Email         string // lower-case; "" when unknown
	StartDate     Date
	ManagerID     *uint
	Status        Status
	Cadence       Cadence
	ArchivedAt    *time.Time
	Version       int // counts saves; a save made on an older copy is refused
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName keeps the table name independent of Go's type name.
func (Person) TableName() string { return "people" }

// DisplayName shows the preferred name beside the full one when they differ.
func (p Person) DisplayName() string {
	if p.PreferredName == "" || p.PreferredName == p.Name || p.PreferredName == ShortName(p.Name, "") {
		return p.Name
	}
	return fmt.Sprintf("%s (%s)", p.Name, p.PreferredName)
}

// ShortName is what you call someone: their preferred name, else the first
// word of their name.
func ShortName(name, preferred string) string {
	if preferred != "" {
		return preferred
	}
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return first
}

// Archived reports whether the person is hidden from everyday lists.
func (p Person) Archived() bool { return p.ArchivedAt != nil }

// ValidateName checks a person's name.
func ValidateName(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return errors.New("a name is required")
	case utf8.RuneCountInString(s) > maxNameLen:
		return fmt.Errorf("keep the name under %d characters", maxNameLen)
	}
	if p := textProblem(s, false); p != "" {
		return fmt.Errorf("the name %s", p)
	}
	return nil
}

// ValidateEmail checks an optional email address.
func ValidateEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if p := textProblem(s, false); p != "" {
		return fmt.Errorf("the email %s", p)
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		return fmt.Errorf("%q is not an email address like name@example.com", s)
	}
	return nil
}

// normalize trims the text fields and fills defaults.
func (p *Person) normalize() {
	p.Name = strings.TrimSpace(p.Name)
	p.PreferredName = strings.TrimSpace(p.PreferredName)
	p.Team = strings.TrimSpace(p.Team)
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	if p.Role == "" {
		p.Role = RoleAgent
	}
	if p.Status == "" {
		p.Status = StatusActive
	}
	if p.Cadence == "" {
		p.Cadence = CadenceWeekly
	}
}

// Validate checks the fields that need no database.
func (p *Person) Validate() error {
	email := p.Email // lower-casing would hide bytes that are not UTF-8
	p.normalize()
	v := &ValidationError{}
	if err := ValidateName(p.Name); err != nil {
		v.add(FieldName, "%s", err.Error())
	}
	if utf8.RuneCountInString(p.PreferredName) > maxNameLen {
		v.add(FieldPreferredName, "keep the preferred name under %d characters", maxNameLen)
	}
	v.checkText(FieldPreferredName, "preferred name", p.PreferredName, false)
	v.checkText(FieldTeam, "team", p.Team, false)
	if err := ValidateEmail(email); err != nil {
		v.add(FieldEmail, "%s", err.Error())
	}
	if _, err := ParseRole(string(p.Role)); err != nil {
		v.add(FieldRole, "%s", err.Error())
	}
	if _, err := ParseStatus(string(p.Status)); err != nil {
		v.add(FieldStatus, "%s", err.Error())
	}
	if _, err := ParseCadence(string(p.Cadence)); err != nil {
		v.add(FieldCadence, "%s", err.Error())
	}
	if p.ManagerID != nil && p.ID != 0 && *p.ManagerID == p.ID {
		v.add(FieldManager, "a person cannot be their own manager")
	}
	return v.orNil()
}

// SavePerson validates p and creates or updates it. Problems come back as a
// *ValidationError naming each field.
func (s *Store) SavePerson(p *Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	err := versioned(s.db, &p.Version, func(tx *gorm.DB) error {
		if err := checkPersonLinks(tx, p); err != nil {
			return err
		}
		if p.ID == 0 {
			return tx.Create(p).Error
		}
		return saveVersioned(tx, p, p.ID, &p.Version, "person", func(q *gorm.DB) *gorm.DB {
			return q.Select("*").Omit("CreatedAt", "ArchivedAt")
		})
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return &ValidationError{Problems: []FieldError{{FieldEmail, "another person already has this email"}}}
	}
	if err != nil {
		return fmt.Errorf("save person %q: %w", p.Name, err)
	}
	return nil
}

// checkPersonLinks checks what needs the database: a unique email and a
// manager who exists and is not managed, however indirectly, by p.
func checkPersonLinks(tx *gorm.DB, p *Person) error {
	v := &ValidationError{}
	if p.Email != "" {
		var n int64
		if err := tx.Model(&Person{}).Where("email = ? AND email <> '' AND id <> ?", p.Email, p.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			v.add(FieldEmail, "another person already has this email")
		}
	}
	if p.ManagerID != nil {
		chain, err := managerChain(tx, *p.ManagerID)
		switch {
		case errors.Is(err, ErrNotFound):
			v.add(FieldManager, "the chosen manager no longer exists")
		case err != nil:
			return err
		case p.ID != 0 && containsID(chain, p.ID):
			v.add(FieldManager, "this would make a loop: the manager reports to this person")
		}
	}
	return v.orNil()
}

// managerChain lists id and the managers above it, stopping at a loop.
func managerChain(tx *gorm.DB, id uint) ([]uint, error) {
	var chain []uint
	next := &id
	for next != nil && !containsID(chain, *next) {
		var m Person
		if err := tx.Select("id", "manager_id").First(&m, *next).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return nil, ErrNotFound
			}
			return nil, err
		}
		chain = append(chain, m.ID)
		next = m.ManagerID
	}
	return chain, nil
}

func containsID(ids []uint, id uint) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Person returns one person by ID.
func (s *Store) Person(id uint) (Person, error) {
	var p Person
	err := s.db.First(&p, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("load person %d: %w", id, err)
	}
	return p, nil
}

// PersonRow is a person as the roster list shows them.
type PersonRow struct {
	Person
	ManagerName string
}

// People lists the roster by name, archived people only when asked for.
func (s *Store) People(includeArchived bool) ([]PersonRow, error) {
	q := s.db.Table("people AS p").
		Select(columns("p", personColumns...) + ", COALESCE(m.name, '')").
		Joins("LEFT JOIN people AS m ON m.id = p.manager_id").
		Order(s.d.nocase("p.name") + ", p.id")
	if !includeArchived {
		q = q.Where("p.archived_at IS NULL")
	}
	rows, err := scanAll(q, func(r *PersonRow) []any { return append(r.fields(), &r.ManagerName) })
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	return rows, nil
}

// PeopleMatching lists the IDs of the people whose name, preferred name,
// team, role, email or manager hold every word of query (as MatchWords
// reads them, so case folds in any language), in the roster's order, and
// how many people the list covers before filtering. The list shows a page
// of rows at a time (PeopleByIDs), so a roster of any size costs only its
// IDs. Cancelling ctx stops the run.
func (s *Store) PeopleMatching(ctx context.Context, query string, includeArchived bool) ([]uint, int, error) {
	q := s.db.WithContext(ctx).Table("people AS p").Order(s.d.nocase("p.name") + ", p.id")
	if !includeArchived {
		q = q.Where("p.archived_at IS NULL")
	}
	var ids []uint
	var err error
	if strings.TrimSpace(query) == "" {
		ids, err = scanAll(q.Select("p.id"), func(id *uint) []any { return []any{id} })
		if err != nil {
			return nil, 0, fmt.Errorf("list people: %w", err)
		}
		return ids, len(ids), nil
	}
	// The fields stream past MatchWords and only the IDs that match stay.
	rows, err := q.Select("p.id, p.name, p.preferred_name, p.team, p.role, p.email, COALESCE(m.name, '')").
		Joins("LEFT JOIN people AS m ON m.id = p.manager_id").Rows()
	if err != nil {
		return nil, 0, fmt.Errorf("filter people: %w", err)
	}
	defer rows.Close()
	var r PersonRow
	total := 0
	words, ok := queryWords(query)
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.Name, &r.PreferredName, &r.Team, &r.Role, &r.Email, &r.ManagerName); err != nil {
			return nil, 0, fmt.Errorf("filter people: %w", err)
		}
		total++
		if ok && matchWords(words, r.Name, r.PreferredName, r.Team, r.Role.Label(), r.Email, r.ManagerName) {
			ids = append(ids, r.ID)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("filter people: %w", err)
	}
	return ids, total, nil
}

// PeopleByIDs reads the roster rows of ids, in the order given; people no
// longer there are left out.
func (s *Store) PeopleByIDs(ids []uint) ([]PersonRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	q := s.db.Table("people AS p").
		Select(columns("p", personColumns...)+", COALESCE(m.name, '')").
		Joins("LEFT JOIN people AS m ON m.id = p.manager_id").
		Where("p.id IN ?", ids)
	rows, err := scanAll(q, func(r *PersonRow) []any { return append(r.fields(), &r.ManagerName) })
	if err != nil {
		return nil, fmt.Errorf("read people: %w", err)
	}
	at := make(map[uint]int, len(ids))
	for i, id := range ids {
		at[id] = i
	}
	slices.SortFunc(rows, func(a, b PersonRow) int { return cmp.Compare(at[a.ID], at[b.ID]) })
	return rows, nil
}

// Managers lists up to limit active people, by name, who could manage the
// person with ID except (0 for a new person) and match every word of query
// in their name, preferred name, team or email, the user (Me) first.
func (s *Store) Managers(ctx context.Context, query string, except uint, limit int) ([]PersonChoice, error) {
	return s.FindPeople(ctx, PeopleQuery{Text: query, Except: except, Limit: limit})
}

// CountPeople counts everyone on the roster, archived or not.
func (s *Store) CountPeople() (int64, error) {
	var n int64
	if err := s.db.Model(&Person{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count people: %w", err)
	}
	return n, nil
}

// Teams lists the team names in use, for suggestions.
func (s *Store) Teams() ([]string, error) {
	var teams []string
	err := s.db.Model(&Person{}).Where("team <> '' AND archived_at IS NULL").
		Distinct().Pluck("team", &teams).Error
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	sortNocase(teams)
	return teams, nil
}

// ArchivePerson hides a person from everyday lists; nothing is deleted.
func (s *Store) ArchivePerson(id uint) error {
	now := s.now().UTC()
	return s.setArchived(id, &now)
}

// RestorePerson undoes ArchivePerson.
func (s *Store) RestorePerson(id uint) error { return s.setArchived(id, nil) }

func (s *Store) setArchived(id uint, at *time.Time) error {
	n, err := statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Model(&Person{}).Where("id = ?", id).Update("archived_at", at) })
	if err != nil {
		return fmt.Errorf("archive person %d: %w", id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// MatchWords reports whether every word of query appears, ignoring case,
// in at least one of fields. An empty query matches everything.
func MatchWords(query string, fields ...string) bool {
	words, ok := queryWords(query)
	return ok && matchWords(words, fields...)
}

// maxQueryRunes bounds a search typed or pasted into a picker: more than
// any name holds, and a pasted page costs nothing.
const maxQueryRunes = 200

// queryWords are a query's words, lower case, split once for all the rows
// they are matched against; none when the query holds NUL, which joins
// the fields and so would match across them.
func queryWords(query string) (words []string, ok bool) {
	if strings.ContainsRune(query, 0) {
		return nil, false
	}
	if r := []rune(query); len(r) > maxQueryRunes {
		query = string(r[:maxQueryRunes])
	}
	return strings.Fields(strings.ToLower(query)), true
}

func matchWords(words []string, fields ...string) bool {
	hay := strings.ToLower(strings.Join(fields, "\x00"))
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
