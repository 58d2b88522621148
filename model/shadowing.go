package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ShadowKind is how a session walked in the customer's shoes.
type ShadowKind string

// The kinds of shadowing session.
const (
	KindBesideAgent ShadowKind = "beside_agent"
	KindAsCustomer  ShadowKind = "as_customer"
)

var shadowKinds = enum[ShadowKind]{unknown: KindBesideAgent, entries: []labelled[ShadowKind]{
	{KindBesideAgent, "Sat beside an agent"},
	{KindAsCustomer, "Went through the journey as a customer"},
}}

// ShadowKinds lists the kinds in the order pickers show them.
func ShadowKinds() []ShadowKind { return shadowKinds.values() }

// Label is the kind as people say it.
func (k ShadowKind) Label() string { return shadowKinds.label(k) }

// Channel is where the customer met us.
type Channel string

// The channels a session can cover.
const (
	ChannelPhone     Channel = "phone"
	ChannelChat      Channel = "chat"
	ChannelEmail     Channel = "email"
	ChannelSocial    Channel = "social"
	ChannelReturns   Channel = "returns"
	ChannelWarehouse Channel = "warehouse"
	ChannelOther     Channel = "other"
)

var channels = enum[Channel]{unknown: ChannelOther, entries: []labelled[Channel]{
	{ChannelPhone, "Phone"}, {ChannelChat, "Chat"}, {ChannelEmail, "Email"},
	{ChannelSocial, "Social media"}, {ChannelReturns, "Returns"}, {ChannelWarehouse, "Warehouse"},
	{ChannelOther, "Other"},
}}

// Channels lists every channel in the order pickers show them.
func Channels() []Channel { return channels.values() }

// Label is the channel as people say it.
func (c Channel) Label() string { return channels.label(c) }

// ParseChannel accepts a channel's key or label in any case.
func ParseChannel(s string) (Channel, error) {
	if c, ok := channels.lookup(s); ok {
		return c, nil
	}
	return "", fmt.Errorf("%q is not a channel (phone, chat, email, social, returns, warehouse or other)", s)
}

// Session is one "walk in the customer's shoes".
type Session struct {
	ID              uint `gorm:"primaryKey"`
	PersonID        uint // who shadowed
	Kind            ShadowKind
	AgentID         *uint // the agent sat beside, if any
	Channel         Channel
	Journey         string
	Date            Date
	Minutes         int
	Worked          string
	Friction        string
	Wow             string
	ResponseMinutes *int
	Ideas           string
	DebriefDate     Date
	DebriefWithID   *uint
	DebriefAgreed   string
	Version         int // counts saves; a save made on an older copy is refused
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// TableName keeps the table name independent of Go's type name.
func (Session) TableName() string { return "shadowing_sessions" }

// Debriefed reports whether the session has been talked through with a lead.
func (s Session) Debriefed() bool { return !s.DebriefDate.IsZero() }

// TagKind says whether a theme hurt the customer or served them well.
type TagKind string

// The kinds of theme.
const (
	TagFriction TagKind = "friction"
	TagStrength TagKind = "strength"
)

var tagKinds = enum[TagKind]{unknown: TagFriction, entries: []labelled[TagKind]{
	{TagFriction, "Friction"}, {TagStrength, "Strength"},
}}

// TagKinds lists the kinds in the order pickers show them.
func TagKinds() []TagKind { return tagKinds.values() }

// Label is the kind as people say it.
func (k TagKind) Label() string { return tagKinds.label(k) }

// GuessTagKind is a new theme's kind until someone changes it: "wow
// moment", "empowered agent" and the like are strengths.
func GuessTagKind(name string) TagKind {
	if guessStrength(name, strengthWords) {
		return TagStrength
	}
	return TagFriction
}

// Tag is a recurring theme ("generic reply", "slow update", "wow moment").
type Tag struct {
	ID   uint `gorm:"primaryKey"`
	Name string
	Kind TagKind
}

// TableName keeps the table name independent of Go's type name.
func (Tag) TableName() string { return "tags" }

// Field keys of a session's validation errors.
const (
	FieldShadower = "person"
	FieldChannel  = "channel"
	FieldDate     = "date"
	FieldMinutes  = "minutes"
)

// Validate checks a session's own fields.
func (s *Session) Validate() error {
	s.Journey = strings.TrimSpace(s.Journey)
	if s.Kind == "" {
		s.Kind = KindBesideAgent
	}
	v := &ValidationError{}
	if s.PersonID == 0 {
		v.add(FieldShadower, "say who shadowed")
	}
	if !shadowKinds.has(s.Kind) {
		v.add("kind", "%q is not a kind of session", s.Kind)
	}
	if _, err := ParseChannel(string(s.Channel)); err != nil {
		v.add(FieldChannel, "%s", err.Error())
	}
	if s.Date.IsZero() {
		v.add(FieldDate, "give the date of the session")
	}
	if s.Minutes < 0 || s.Minutes > 24*60 {
		v.add(FieldMinutes, "the length is in minutes, from 0 to 1440")
	}
	if s.ResponseMinutes != nil && (*s.ResponseMinutes < 0 || *s.ResponseMinutes > 60*24*30) {
		v.add("response_minutes", "response time is in minutes and cannot be negative")
	}
	if s.AgentID != nil && *s.AgentID == s.PersonID {
		v.add("agent", "they cannot shadow themselves")
	}
	v.checkText("journey", "journey", s.Journey, false)
	for _, note := range []struct{ field, name, text string }{
		{"worked", "note on what worked", s.Worked}, {"friction", "note on friction", s.Friction}, {"wow", "note on wow moments", s.Wow},
		{"ideas", "ideas", s.Ideas}, {"debrief_agreed", "debrief agreement", s.DebriefAgreed},
	} {
		v.checkNote(note.field, note.name, note.text, true)
	}
	return v.orNil()
}

// NormalizeTag trims a tag and lower-cases it, so "Slow update" and
// "slow update " are one theme.
func NormalizeTag(s string) string { return Loosely(s) }

// SaveSession creates or updates a session with its tags, in one transaction.
func (s *Store) SaveSession(sess *Session, tags []string) error {
	v := &ValidationError{}
	if err := sess.Validate(); err != nil {
		errors.As(err, &v)
	}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if v.checkText("tags", fmt.Sprintf("theme %q", Ellipsize(t, 40)), t, false) && utf8.RuneCountInString(NormalizeTag(t)) > MaxTagRunes {
			v.add("tags", "keep the theme %q under %d characters", Ellipsize(t, 40), MaxTagRunes)
		}
	}
	if err := v.orNil(); err != nil {
		return err
	}
	err := versioned(s.db, &sess.Version, func(tx *gorm.DB) error {
		if sess.ID == 0 {
			if err := tx.Create(sess).Error; err != nil {
				return err
			}
		} else {
			err := saveVersioned(tx, sess, sess.ID, &sess.Version, "session", func(q *gorm.DB) *gorm.DB {
				return q.Select("*").Omit("CreatedAt")
			})
			if err != nil {
				return err
			}
		}
		if err := tx.Exec("DELETE FROM session_tags WHERE session_id = ?", sess.ID).Error; err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, name := range tags {
			name = NormalizeTag(name)
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			// Two saves may bring the same new theme at once: the
			// second waits for the first and takes its row.
			t := Tag{Name: name, Kind: GuessTagKind(name)}
			if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "name"}}, DoNothing: true}).Create(&t).Error; err != nil {
				return err
			}
			if err := tx.Where("name = ?", name).First(&t).Error; err != nil {
				return err
			}
			if err := tx.Exec("INSERT INTO session_tags (session_id, tag_id) VALUES (?, ?)", sess.ID, t.ID).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save shadowing session: %w", err)
	}
	return nil
}

// SessionDetail is a session with its tags and the actions from its debrief.
type SessionDetail struct {
	Session
	Tags    []string
	Actions []Action
}

// Session loads one session.
func (s *Store) Session(id uint) (SessionDetail, error) {
	var d SessionDetail
	if err := s.db.First(&d.Session, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return d, ErrNotFound
		}
		return d, fmt.Errorf("load session %d: %w", id, err)
	}
	err := s.db.Table("tags AS t").Joins("JOIN session_tags st ON st.tag_id = t.id").
		Where("st.session_id = ?", id).Order("t.name").Pluck("t.name", &d.Tags).Error
	if err == nil {
		err = s.db.Where("session_id = ?", id).Order("id").Find(&d.Actions).Error
	}
	if err != nil {
		return d, fmt.Errorf("load session %d: %w", id, err)
	}
	return d, nil
}

// DeleteSession removes a session; its actions stay with the person.
func (s *Store) DeleteSession(id uint) error {
	err := transaction(s.db, func(tx *gorm.DB) error {
		if err := tx.Exec("UPDATE actions SET session_id = NULL WHERE session_id = ?", id).Error; err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM session_tags WHERE session_id = ?", id).Error; err != nil {
			return err
		}
		return tx.Delete(&Session{}, id).Error
	})
	if err != nil {
		return fmt.Errorf("delete session %d: %w", id, err)
	}
	return nil
}

// SessionFilter narrows the session list; zero values match everything.
type SessionFilter struct {
	PersonID uint
	Channel  Channel
	Tag      string // any of the session's themes contains this, in any case
	Theme    string // the session carries exactly this theme
	From, To Date
	Limit    int // the newest this many; 0 for all
}

// SessionRow is a session as lists show it.
type SessionRow struct {
	Session
	PersonName string
	AgentName  string
	Tags       string // comma-separated
}

// Sessions lists sessions, newest first.
func (s *Store) Sessions(f SessionFilter) ([]SessionRow, error) {
	q := f.where(s.db.Table("shadowing_sessions AS s").
		Select(`s.*, p.name AS person_name, COALESCE(a.name, '') AS agent_name,
			COALESCE((SELECT ` + s.d.joinText("t.name", ", ") + ` FROM session_tags st JOIN tags t ON t.id = st.tag_id WHERE st.session_id = s.id), '') AS tags`).
		Joins("JOIN people p ON p.id = s.person_id").
		Joins("LEFT JOIN people a ON a.id = s.agent_id").
		Order("s.date DESC, s.id DESC"))
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []SessionRow
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	return rows, nil
}

// CountSessions counts the sessions f matches, whatever its limit.
func (s *Store) CountSessions(f SessionFilter) (int, error) {
	var n int64
	if err := f.where(s.db.Table("shadowing_sessions AS s")).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count sessions: %w", err)
	}
	return int(n), nil
}

func (f SessionFilter) where(q *gorm.DB) *gorm.DB {
	if f.PersonID != 0 {
		q = q.Where("s.person_id = ?", f.PersonID)
	}
	if f.Channel != "" {
		q = q.Where("s.channel = ?", f.Channel)
	}
	tag, theme := NormalizeTag(f.Tag), NormalizeTag(f.Theme)
	if !mayBeTag(tag) || !mayBeTag(theme) {
		return q.Where("1 = 0")
	}
	if tag != "" {
		// A word of the theme starts with what was typed: "gen" is
		// "generic reply", not "empowered agent".
		q = q.Where(`s.id IN (SELECT st.session_id FROM session_tags st JOIN tags t ON t.id = st.tag_id
			WHERE lower(t.name) LIKE ? ESCAPE '\' OR lower(t.name) LIKE ? ESCAPE '\')`,
			escapeLike(tag)+"%", "% "+escapeLike(tag)+"%")
	}
	if theme != "" {
		q = q.Where("s.id IN (SELECT st.session_id FROM session_tags st JOIN tags t ON t.id = st.tag_id WHERE t.name = ?)", theme)
	}
	if !f.From.IsZero() {
		q = q.Where("s.date >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("s.date <= ?", f.To)
	}
	return q
}

// MaxTagRunes is how long a theme may be: a few words.
const MaxTagRunes = 100

// mayBeTag reports whether a normalised text could name a theme; a longer
// one, or one holding NUL (which neither database stores), matches none.
func mayBeTag(s string) bool {
	return utf8.RuneCountInString(s) <= MaxTagRunes && !strings.ContainsRune(s, 0)
}

// escapeLike makes % and _ typed by the user match themselves in a LIKE
// pattern whose escape character is a backslash.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// TagCount is a tag with its kind and how often it was used.
type TagCount struct {
	Name  string
	Kind  TagKind
	Count int
}

// Tags lists the tags in use, most used first, for suggestions.
func (s *Store) Tags() ([]TagCount, error) {
	var out []TagCount
	err := s.db.Raw(`SELECT t.name, t.kind, COUNT(st.session_id) AS count FROM tags t
		JOIN session_tags st ON st.tag_id = t.id GROUP BY t.id ORDER BY count DESC, t.name`).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	return out, nil
}
