package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// userSetting is one of a user's own settings: in a file the one user's, on
// a server the connected role's (row-level security keeps it theirs).
type userSetting struct {
	Login string `gorm:"primaryKey;->"` // the database fills it
	Name  string `gorm:"primaryKey"`
	Value string
}

func (userSetting) TableName() string { return "user_settings" }

// settingMe names the person the user is.
const settingMe = "me"

// UserSetting reads one of the user's settings; "" when never set.
func (s *Store) UserSetting(name string) (string, error) {
	var rows []userSetting
	// The login is checked here too: a server's owner reads past row-level
	// security, and would take the first lead's setting for its own.
	if err := s.db.Where("login = "+dialectOf(s.db).author()+" AND name = ?", name).Limit(1).Find(&rows).Error; err != nil {
		return "", fmt.Errorf("read setting %s: %w", name, err)
	}
	if len(rows) == 0 {
		return "", nil
	}
	return rows[0].Value, nil
}

// SetUserSetting stores one of the user's settings.
func (s *Store) SetUserSetting(name, value string) error {
	err := s.db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "login"}, {Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"value"}),
	}).Select("Name", "Value").Create(&userSetting{Name: name, Value: value}).Error
	if err != nil {
		return fmt.Errorf("save setting %s: %w", name, err)
	}
	return nil
}

// Me is the person using this database: the one chosen in a file, or on a
// server the one the login role chose, else the one whose email is the
// role's name (or starts with it and "@"). ok is false while nobody is.
func (s *Store) Me() (p Person, ok bool, err error) {
	if s.report { // their settings are not theirs to keep: the link says
		p, err = s.ReportPerson()
		if errors.Is(err, ErrNotLinked) {
			return p, false, nil
		}
		return p, err == nil, err
	}
	v, err := s.UserSetting(settingMe)
	if err != nil {
		return p, false, err
	}
	if id, _ := strconv.ParseUint(v, 10, 64); id != 0 {
		p, err = s.Person(uint(id))
		if err == nil && p.ArchivedAt == nil {
			return p, true, nil
		}
		if err == nil { // archived since: say again who you are
			return Person{}, false, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return p, false, err
		}
	}
	if !isPostgres(s.db) {
		return Person{}, false, nil
	}
	var found []Person
	// No LIKE: a role's name may hold _ or %.
	if err := s.db.Where("archived_at IS NULL AND email <> '' AND (email = lower(current_user) OR left(email, length(current_user) + 1) = lower(current_user) || '@')").
		Limit(2).Find(&found).Error; err != nil {
		return Person{}, false, fmt.Errorf("find the person of this login: %w", err)
	}
	if len(found) != 1 { // none, or namesakes: the user says who they are
		return Person{}, false, nil
	}
	return found[0], true, nil
}

// MyID is Me's ID, 0 while nobody is.
func (s *Store) MyID() (uint, error) {
	p, ok, err := s.Me()
	if !ok {
		return 0, err
	}
	return p.ID, nil
}

// SetMe records that the user is person id.
func (s *Store) SetMe(id uint) error {
	p, err := s.Person(id)
	if err != nil {
		return fmt.Errorf("choose who you are: %w", err)
	}
	if p.ArchivedAt != nil {
		return &ValidationError{Problems: []FieldError{{Field: "me", Message: p.Name + " is archived; restore them first"}}}
	}
	return s.SetUserSetting(settingMe, strconv.FormatUint(uint64(id), 10))
}

// AddMe adds the user to the roster, as a team lead with no manager, and
// records that they are that person.
func (s *Store) AddMe(name, email string) (Person, error) {
	p := Person{Name: name, Email: email, Role: RoleTeamLead}
	if err := s.SavePerson(&p); err != nil {
		return p, err
	}
	return p, s.SetMe(p.ID)
}

// FindMe picks the active person a command line names as "me": by email,
// ID, full name or preferred name, any case.
func (s *Store) FindMe(who string) (Person, error) {
	who = strings.TrimSpace(who)
	if who == "" {
		return Person{}, &ValidationError{Problems: []FieldError{{Field: "me", Message: "say who you are: an email or a name on the roster"}}}
	}
	var rows []Person
	if id, err := strconv.ParseUint(who, 10, 64); err == nil {
		if err := s.db.Where("archived_at IS NULL AND id = ?", id).Find(&rows).Error; err != nil {
			return Person{}, fmt.Errorf("find %q: %w", who, err)
		}
	} else {
		// Names compare in Go: SQLite's lower() knows ASCII only, and a
		// command line looks once.
		var all []Person
		if err := s.db.Select("id", "name", "preferred_name", "email").Where("archived_at IS NULL").Find(&all).Error; err != nil {
			return Person{}, fmt.Errorf("find %q: %w", who, err)
		}
		for _, p := range all {
			if strings.EqualFold(p.Email, who) || strings.EqualFold(p.Name, who) || strings.EqualFold(p.PreferredName, who) {
				rows = append(rows, p)
			}
		}
		if len(rows) == 1 {
			return s.Person(rows[0].ID)
		}
	}
	switch len(rows) {
	case 1:
		return rows[0], nil
	case 0:
		return Person{}, &ValidationError{Problems: []FieldError{{Field: "me", Message: fmt.Sprintf("nobody active on the roster is %q; add yourself first or give your email", who)}}}
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.DisplayName()
		if r.Email != "" {
			names[i] += " <" + r.Email + ">"
		}
	}
	return Person{}, &ValidationError{Problems: []FieldError{{Field: "me", Message: fmt.Sprintf("%q names more than one person (%s); give the email", who, strings.Join(names, "; "))}}}
}

// Scope is whose one-on-ones, follow-ups and actions Today, reminders and
// the One-on-ones list show.
type Scope string

// The scopes a user can choose.
const (
	ScopeMine        Scope = "mine"     // people whose manager is me
	ScopeDownTheLine Scope = "line"     // theirs too, all the way down
	ScopeEveryone    Scope = "everyone" // the whole roster
)

var scopes = enum[Scope]{entries: []labelled[Scope]{
	{ScopeMine, "My reports"}, {ScopeDownTheLine, "My reports and theirs"}, {ScopeEveryone, "Everyone"},
}}

// Scopes lists every scope in the order a switch shows them.
func Scopes() []Scope { return scopes.values() }

// Label is the scope as a switch shows it.
func (sc Scope) Label() string { return scopes.label(sc) }

// settingScope keeps the scope the user chose.
const settingScope = "scope"

// ScopeChoice is the scope in force and the ones the user may switch to:
// none while nobody is me (everyone is shown), and down the line only when
// someone reporting to me has reports of their own.
type ScopeChoice struct {
	Current Scope
	Choices []Scope
}

// scoped is a scope resolved: whose reports (0: everyone's) and how deep.
type scoped struct {
	me   uint
	down bool
	// The hires whose one-on-ones a running cohort gives to its owner: me,
	// or someone else. Read once per scope as plain lists: the same rule
	// as subqueries made every list's statement several times as slow to
	// prepare as to run.
	heldByMe, heldByOthers []uint
	today                  Date
}

// where keeps the rows of q whose person (the column col holds their ID)
// is in the scope. The line down is one recursive query, so it costs the
// same however deep the tree; UNION stops at a loop.
func (sc scoped) where(q *gorm.DB, col string) *gorm.DB {
	if sc.me == 0 {
		return q
	}
	sql, args := sc.filter(col)
	return q.Where(sql, args...)
}

// filter is where's condition as SQL text and its arguments, true of
// everyone when the scope is everyone. While a hire trains, the cohort's
// owner (a trainer) holds their one-on-ones instead of their manager.
func (sc scoped) filter(col string) (string, []any) {
	if sc.me == 0 {
		return "1 = 1", nil
	}
	sql, args := col+" IN (SELECT id FROM people WHERE manager_id = ?)", []any{sc.me}
	if sc.down {
		sql = col + ` IN (WITH RECURSIVE line(id) AS (SELECT id FROM people WHERE manager_id = ?
			UNION SELECT x.id FROM people x JOIN line ON x.manager_id = line.id) SELECT id FROM line)`
	} else if q, a := sc.heldBy("<>", sc.heldByOthers); q != "" {
		sql, args = sql+" AND "+col+" NOT IN "+q, append(args, a...)
	}
	if q, a := sc.heldBy("=", sc.heldByMe); q != "" {
		sql, args = sql+" OR "+col+" IN "+q, append(args, a...)
	}
	return "(" + sql + ")", args
}

// maxHeldList bounds the IDs a scope passes as a list, well within both
// databases' limits on parameters.
const maxHeldList = 5000

// heldFrom is where the hires whose one-on-ones running cohorts give to
// their owner are found (the owner is c.owner_id): an owner who has left
// or is archived holds none; a cohort not started yet holds no one.
const heldFrom = ` FROM cohort_hires h JOIN cohorts c ON c.id = h.cohort_id
	WHERE h.status IN ('active', 'extended') AND c.start_date <= ? AND c.owner_id IS NOT NULL
	  AND EXISTS (SELECT 1 FROM people o WHERE o.id = c.owner_id AND o.status = 'active' AND o.archived_at IS NULL)
	  AND EXISTS (SELECT 1 FROM cohort_phases cp WHERE cp.cohort_id = c.id AND cp.end_date >= ?)`

// heldBy is ids as a list to match a column against: "" when none; the
// query itself when there are too many to pass.
func (sc scoped) heldBy(op string, ids []uint) (string, []any) {
	switch {
	case len(ids) == 0:
		return "", nil
	case len(ids) > maxHeldList:
		return "(SELECT h.person_id" + heldFrom + " AND c.owner_id " + op + " ?)", []any{sc.today, sc.today, sc.me}
	}
	return "?", []any{ids}
}

// held reads which hires' one-on-ones running cohorts give to me and to
// others, once per list: as a subquery in every list's condition, the rule
// made each statement several times as slow to prepare as to run.
func (s *Store) held(sc *scoped) error {
	var rows []struct {
		PersonID uint
		Mine     bool
	}
	if err := s.db.Raw("SELECT DISTINCT h.person_id, c.owner_id = ? AS mine"+heldFrom, sc.me, sc.today, sc.today).Scan(&rows).Error; err != nil {
		return fmt.Errorf("read whose one-on-ones cohorts hold: %w", err)
	}
	for _, r := range rows {
		if r.Mine {
			sc.heldByMe = append(sc.heldByMe, r.PersonID)
		} else {
			sc.heldByOthers = append(sc.heldByOthers, r.PersonID)
		}
	}
	return nil
}

// ScopeChoice says whose reports the lists show and what else they could.
func (s *Store) ScopeChoice() (ScopeChoice, error) {
	c, _, err := s.scopeChoice()
	return c, err
}

// scope reads the user's scope: the one they chose, else their own reports
// once they have said who they are, else everyone; with the hires cohorts
// give to me and to others.
func (s *Store) scope() (ScopeChoice, scoped, error) {
	c, me, err := s.scopeChoice()
	if err != nil || c.Current == ScopeEveryone {
		return c, scoped{}, err
	}
	sc := scoped{me: me, down: c.Current == ScopeDownTheLine, today: s.Today()}
	if err := s.held(&sc); err != nil {
		return ScopeChoice{Current: ScopeEveryone}, scoped{}, err
	}
	return c, sc, nil
}

// scopeChoice is the scope the user chose (or the default) and who me is;
// me is 0 while nobody is.
func (s *Store) scopeChoice() (ScopeChoice, uint, error) {
	everyone := ScopeChoice{Current: ScopeEveryone}
	me, err := s.MyID()
	if err != nil || me == 0 {
		return everyone, 0, err
	}
	chosen, err := s.UserSetting(settingScope)
	if err != nil {
		return everyone, 0, err
	}
	c := ScopeChoice{Current: ScopeMine, Choices: []Scope{ScopeMine, ScopeEveryone}}
	var leads bool
	err = s.db.Raw(`SELECT EXISTS (SELECT 1 FROM people r WHERE r.archived_at IS NULL AND r.manager_id IN
		(SELECT id FROM people WHERE manager_id = ? AND archived_at IS NULL))`, me).Scan(&leads).Error
	if err != nil {
		return everyone, 0, fmt.Errorf("read whose reports to show: %w", err)
	}
	if leads {
		c.Choices = []Scope{ScopeMine, ScopeDownTheLine, ScopeEveryone}
	}
	if sc := Scope(chosen); scopes.has(sc) {
		c.Current = sc
	}
	return c, me, nil
}

// SetScope keeps whose reports the lists show.
func (s *Store) SetScope(sc Scope) error {
	if !scopes.has(sc) {
		return &ValidationError{Problems: []FieldError{{Field: "scope", Message: fmt.Sprintf("%q is not a scope", sc)}}}
	}
	return s.SetUserSetting(settingScope, string(sc))
}
