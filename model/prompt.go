package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"solemate/assets"
)

// Fit says when a prompt is useful.
type Fit string

// When prompts fit.
const (
	FitBefore     Fit = "before"
	FitDuring     Fit = "during"
	FitAfter      Fit = "after"
	FitOnboarding Fit = "onboarding"
	FitDebrief    Fit = "debrief"
)

var fits = enum[Fit]{entries: []labelled[Fit]{
	{FitBefore, "Before a one-on-one"}, {FitDuring, "During"}, {FitAfter, "After"},
	{FitOnboarding, "Onboarding"}, {FitDebrief, "Shadowing debrief"},
}}

// Fits lists every fit in the order pickers show them.
func Fits() []Fit { return fits.values() }

// Label is the fit as people say it.
func (f Fit) Label() string { return fits.label(f) }

// Prompt is a question or nudge for an authentic conversation.
type Prompt struct {
	ID        uint   `gorm:"primaryKey"`
	Key       string // the library's key; "" for the user's own prompts
	Theme     string
	Text      string
	Fits      string // comma-separated Fit values
	Starred   bool
	Hidden    bool
	Edited    bool // a library prompt the user changed: upgrades leave it alone
	Deleted   bool // kept so an upgrade does not bring it back
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName keeps the table name independent of Go's type name.
func (Prompt) TableName() string { return "prompts" }

// FitList splits Fits.
func (p Prompt) FitList() []Fit {
	var out []Fit
	for _, f := range strings.Split(p.Fits, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, Fit(f))
		}
	}
	return out
}

// JoinFits makes the stored form of a set of fits.
func JoinFits(fits []Fit) string {
	parts := make([]string, len(fits))
	for i, f := range fits {
		parts[i] = string(f)
	}
	return strings.Join(parts, ",")
}

// PromptUse records that a prompt was asked of a person.
type PromptUse struct {
	ID         uint `gorm:"primaryKey"`
	PromptID   uint
	PersonID   uint
	OneOnOneID *uint
	AskedAt    time.Time
}

// TableName keeps the table name independent of Go's type name.
func (PromptUse) TableName() string { return "prompt_uses" }

type libraryFile struct {
	Version int `json:"version"`
	Prompts []struct {
		Key   string   `json:"key"`
		Theme string   `json:"theme"`
		Text  string   `json:"text"`
		Fits  []string `json:"fits"`
	} `json:"prompts"`
}

// loadLibrary brings the shipped prompt library into the database: new
// prompts are added, changed ones updated, but never a prompt the user has
// edited or deleted, and never twice.
func loadLibrary(db *gorm.DB, data []byte) error {
	var lib libraryFile
	if err := json.Unmarshal(data, &lib); err != nil {
		return fmt.Errorf("read prompt library: %w", err)
	}
	return transaction(db, func(tx *gorm.DB) error {
		if err := oneAtATime(tx); err != nil {
			return err
		}
		var have []Prompt
		if err := tx.Where("key <> ''").Find(&have).Error; err != nil {
			return err
		}
		byKey := map[string]Prompt{}
		for _, p := range have {
			byKey[p.Key] = p
		}
		for _, lp := range lib.Prompts {
			fits := make([]Fit, len(lp.Fits))
			for i, f := range lp.Fits {
				fits[i] = Fit(f)
			}
			want := Prompt{Key: lp.Key, Theme: lp.Theme, Text: lp.Text, Fits: JoinFits(fits)}
			cur, ok := byKey[lp.Key]
			switch {
			case !ok:
				if err := tx.Create(&want).Error; err != nil {
					return fmt.Errorf("add prompt %s: %w", lp.Key, err)
				}
			case cur.Edited || cur.Deleted:
			case cur.Theme != want.Theme || cur.Text != want.Text || cur.Fits != want.Fits:
				if err := tx.Model(&cur).Updates(map[string]any{"theme": want.Theme, "text": want.Text, "fits": want.Fits}).Error; err != nil {
					return fmt.Errorf("update prompt %s: %w", lp.Key, err)
				}
			}
		}
		return nil
	})
}

// loadShippedLibrary loads the embedded library once the schema has a
// prompts table (a build limited to older migrations, as in upgrade tests,
// has none).
func loadShippedLibrary(db *gorm.DB) error {
	if !db.Migrator().HasTable(&Prompt{}) {
		return nil
	}
	return loadLibrary(db, assets.PromptsJSON)
}

// Prompts lists the library by theme, hidden prompts only when asked for.
func (s *Store) Prompts(includeHidden bool) ([]Prompt, error) {
	var ps []Prompt
	q := s.db.Where("NOT deleted").Order(s.d.nocase("theme") + ", id")
	if !includeHidden {
		q = q.Where("NOT hidden")
	}
	if err := q.Find(&ps).Error; err != nil {
		return nil, fmt.Errorf("list prompts: %w", err)
	}
	return ps, nil
}

// PromptThemes lists the themes in use, for pickers.
func (s *Store) PromptThemes() ([]string, error) {
	var themes []string
	err := s.db.Model(&Prompt{}).Where("NOT deleted").Distinct().Pluck("theme", &themes).Error
	if err != nil {
		return nil, fmt.Errorf("list themes: %w", err)
	}
	sortNocase(themes)
	return themes, nil
}

const maxPromptText = 1000

// SavePrompt creates or updates a prompt. Editing a library prompt marks it
// as the user's, so upgrades leave it alone.
func (s *Store) SavePrompt(p *Prompt) error {
	p.Text = strings.TrimSpace(p.Text)
	p.Theme = strings.TrimSpace(p.Theme)
	v := &ValidationError{}
	if p.Text == "" {
		v.add("text", "write the prompt")
	} else if v.checkText("text", "prompt", p.Text, true) && utf8.RuneCountInString(p.Text) > maxPromptText {
		v.add("text", "keep a prompt under %d characters", maxPromptText)
	}
	if p.Theme == "" {
		v.add("theme", "give it a theme, new or existing")
	}
	v.checkText("theme", "theme", p.Theme, false)
	for _, f := range p.FitList() {
		if !fits.has(f) {
			v.add("fits", "%q is not a time a prompt can fit", f)
		}
	}
	if err := v.orNil(); err != nil {
		return err
	}
	var err error
	if p.ID == 0 {
		_, err = statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Create(p) })
	} else {
		p.Edited = p.Key != ""
		var n int64
		n, err = statement(s.db, func(tx *gorm.DB) *gorm.DB {
			return tx.Model(p).Select("Theme", "Text", "Fits", "Starred", "Hidden", "Edited").Updates(p)
		})
		if err == nil && n == 0 {
			err = ErrNotFound
		}
	}
	if err != nil {
		return fmt.Errorf("save prompt: %w", err)
	}
	return nil
}

func (s *Store) setPromptFlag(id uint, column string, on bool) error {
	n, err := statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Model(&Prompt{}).Where("id = ?", id).Update(column, on) })
	if err != nil {
		return fmt.Errorf("update prompt %d: %w", id, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetPromptStarred stars or unstars a prompt.
func (s *Store) SetPromptStarred(id uint, on bool) error { return s.setPromptFlag(id, "starred", on) }

// SetPromptHidden hides a prompt from suggestions and the list, or shows it.
func (s *Store) SetPromptHidden(id uint, on bool) error { return s.setPromptFlag(id, "hidden", on) }

// DeletePrompt removes a prompt; RestorePrompt undoes it. Rows stay, so the
// library never brings back what the user deleted.
func (s *Store) DeletePrompt(id uint) error { return s.setPromptFlag(id, "deleted", true) }

// RestorePrompt undoes DeletePrompt.
func (s *Store) RestorePrompt(id uint) error { return s.setPromptFlag(id, "deleted", false) }

// MarkAsked logs that a prompt was asked of a person, so it rotates out of
// their suggestions for a while. The log's ID lets UnmarkAsked undo it.
func (s *Store) MarkAsked(promptID, personID uint, oneOnOneID *uint) (uint, error) {
	use := PromptUse{PromptID: promptID, PersonID: personID, OneOnOneID: oneOnOneID, AskedAt: s.now().UTC()}
	if _, err := statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Create(&use) }); err != nil {
		return 0, fmt.Errorf("log prompt: %w", err)
	}
	return use.ID, nil
}

// UnmarkAsked takes back a MarkAsked.
func (s *Store) UnmarkAsked(useID uint) error {
	if _, err := statement(s.db, func(tx *gorm.DB) *gorm.DB { return tx.Delete(&PromptUse{}, useID) }); err != nil {
		return fmt.Errorf("undo prompt log: %w", err)
	}
	return nil
}

// MoveAsked logs prompt uses made while a one-on-one was a draft (MarkAsked
// with none) as asked in it, now that it is stored.
func (s *Store) MoveAsked(useIDs []uint, oneOnOneID uint) error {
	if _, err := statement(s.db, func(tx *gorm.DB) *gorm.DB {
		// Only uses of the meeting's own person move into it.
		return tx.Model(&PromptUse{}).Where("id IN ? AND one_on_one_id IS NULL AND person_id = (SELECT person_id FROM one_on_ones WHERE id = ?)", useIDs, oneOnOneID).
			Update("one_on_one_id", oneOnOneID)
	}); err != nil {
		return fmt.Errorf("log prompts in one-on-one %d: %w", oneOnOneID, err)
	}
	return nil
}

// mix scrambles x (splitmix64), so nearby days and IDs hash far apart.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// promptEpoch is where the prompt-of-the-day chain starts.
var promptEpoch = NewDate(2024, 1, 1)

// PromptOfTheDay picks a prompt for the lead by date. Each day takes the
// prompt with the lowest hash of (day, prompt) other than the day before's,
// walking from a fixed start, so two days running never repeat and adding,
// hiding or deleting a prompt rarely changes today's.
func (s *Store) PromptOfTheDay(d Date) (Prompt, error) {
	// The chain needs only the IDs; one prompt is read whole.
	var ps []uint
	if err := s.db.Model(&Prompt{}).Where("NOT deleted AND NOT hidden").Order("id").Pluck("id", &ps).Error; err != nil {
		return Prompt{}, fmt.Errorf("prompt of the day: %w", err)
	}
	if len(ps) == 0 {
		return Prompt{}, ErrNotFound
	}
	return s.Prompt(ps[promptOfDay(ps, promptEpoch.DaysUntil(d))])
}

// promptOfDay is the index in ids (one or more) of the prompt of day, counted
// from promptEpoch; before it there is no chain, just the day's lowest.
//
// A day's prompt is its lowest-hashed one unless that was the day before's,
// then its second lowest. The day before's is one of its own lowest two, so
// a day whose lowest is neither of those is the same whatever came earlier:
// the walk starts at the latest such day (a day or two back) instead of at
// the epoch, which would cost a pass over the prompts per day since.
func promptOfDay(ids []uint, day int) int {
	lowest := func(day int) (first, second int) {
		first, second = -1, -1
		var h1, h2 uint64
		for i, id := range ids {
			switch h := mix(uint64(day)<<32 | uint64(id)); {
			case first < 0 || h < h1:
				second, h2 = first, h1
				first, h1 = i, h
			case second < 0 || h < h2:
				second, h2 = i, h
			}
		}
		return first, second
	}
	start := max(day, 0)
	if len(ids) > 1 {
		for ; start > 0; start-- {
			first, _ := lowest(start)
			if a, b := lowest(start - 1); first != a && first != b {
				break
			}
		}
	}
	prev, _ := lowest(min(start, day))
	for d := start + 1; d <= day; d++ {
		if first, second := lowest(d); first != prev {
			prev = first
		} else {
			prev = second
		}
	}
	return prev
}

// Prompt loads one prompt.
func (s *Store) Prompt(id uint) (Prompt, error) {
	var p Prompt
	err := s.db.First(&p, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return p, ErrNotFound
	}
	return p, err
}
