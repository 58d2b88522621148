package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Tick marks one milestone done (or not) for some of a cohort's hires at
// once: "everyone attended the Products class" is one tick.
type Tick struct {
	MilestoneID uint
	HireIDs     []uint
	Done        bool
	// On is the day it really happened, today or earlier.
	On Date
	// SignedByID is the trainer who signs a sign-off milestone off.
	SignedByID *uint
	Note       string
}

// TickUndo takes a tick back: what TickMilestone returns for RestoreTicks.
type TickUndo struct {
	tick   Tick
	before []Completion
}

// maxTickHires bounds the hires of one tick, far above any cohort.
const maxTickHires = 5000

// TickMilestone ticks (or unticks) a milestone for the hires t names, all
// or none, and returns how to undo it.
func (s *Store) TickMilestone(t Tick) (TickUndo, error) {
	t.Note = strings.TrimSpace(t.Note)
	t.HireIDs = uniq(t.HireIDs)
	u := TickUndo{tick: t}
	v := &ValidationError{}
	v.checkNote("note", "sign-off note", t.Note, false)
	if t.Done {
		switch {
		case t.On.IsZero():
			v.add("date", "say when it was done")
		case s.Today().Before(t.On):
			v.add("date", "%s is after today; a tick records what has happened", t.On)
		}
	}
	switch {
	case len(t.HireIDs) == 0:
		v.add("hires", "choose at least one hire")
	case len(t.HireIDs) > maxTickHires:
		v.add("hires", "tick at most %d hires at once", maxTickHires)
	}
	if err := v.orNil(); err != nil {
		return u, err
	}
	err := transaction(s.db, func(tx *gorm.DB) error {
		var m struct {
			Kind      MilestoneKind
			CohortID  uint
			StartDate Date
		}
		if err := tx.Raw(`SELECT m.kind, p.cohort_id, c.start_date FROM cohort_milestones m JOIN cohort_phases p ON p.id = m.cohort_phase_id
			JOIN cohorts c ON c.id = p.cohort_id WHERE m.id = ?`, t.MilestoneID).Scan(&m).Error; err != nil {
			return err
		}
		if m.CohortID == 0 {
			return ErrNotFound
		}
		if t.Done && t.On.Before(m.StartDate) {
			return &ValidationError{Problems: []FieldError{{"date", fmt.Sprintf("%s is before the cohort started (%s)", t.On, m.StartDate)}}}
		}
		if t.Done && m.Kind == MilestoneSignOff && t.SignedByID == nil {
			return &ValidationError{Problems: []FieldError{{"signer", "say which trainer signs it off"}}}
		}
		if m.Kind == MilestoneDecision {
			return &ValidationError{Problems: []FieldError{{"milestone", "the decision is ticked by recording each hire's answer to the offer"}}}
		}
		var in int64
		if err := tx.Model(&Hire{}).Where("id IN ? AND cohort_id = ?", t.HireIDs, m.CohortID).Count(&in).Error; err != nil {
			return err
		}
		if int(in) != len(t.HireIDs) {
			return &ValidationError{Problems: []FieldError{{"hires", "some of the hires are not in this milestone's cohort"}}}
		}
		if t.SignedByID != nil {
			var n int64
			if err := tx.Model(&Person{}).Where("id = ?", *t.SignedByID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return &ValidationError{Problems: []FieldError{{"signer", "the trainer signing off is not on the roster"}}}
			}
		}
		if err := tx.Where("milestone_id = ? AND hire_id IN ?", t.MilestoneID, t.HireIDs).Find(&u.before).Error; err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM milestone_completions WHERE milestone_id = ? AND hire_id IN ?", t.MilestoneID, t.HireIDs).Error; err != nil {
			return err
		}
		if !t.Done {
			return nil
		}
		rows := make([]Completion, 0, len(t.HireIDs))
		for _, h := range t.HireIDs {
			rows = append(rows, t.completion(h))
		}
		return tx.CreateInBatches(&rows, 200).Error
	})
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return u, fmt.Errorf("tick milestone: %w", err)
	}
	return u, err
}

// completion is the row the tick writes for a hire.
func (t Tick) completion(hireID uint) Completion {
	return Completion{HireID: hireID, MilestoneID: t.MilestoneID, DoneOn: t.On, SignedOffByID: t.SignedByID, Note: t.Note}
}

// wrote reports whether c is (still) what the tick wrote for its hire;
// nil is no completion.
func (t Tick) wrote(c *Completion) bool {
	if !t.Done {
		return c == nil
	}
	return c != nil && c.DoneOn == t.On && c.Note == t.Note &&
		(c.SignedOffByID == nil) == (t.SignedByID == nil) && (c.SignedOffByID == nil || *c.SignedOffByID == *t.SignedByID)
}

// RestoreTicks undoes a TickMilestone for the hires still as it left them:
// a later tick by someone else, or a hire removed since, is left alone.
func (s *Store) RestoreTicks(u TickUndo) error {
	t := u.tick
	err := transaction(s.db, func(tx *gorm.DB) error {
		var now []Completion
		if err := tx.Where("milestone_id = ? AND hire_id IN ?", t.MilestoneID, t.HireIDs).Find(&now).Error; err != nil {
			return err
		}
		var still []uint
		if err := tx.Model(&Hire{}).Where("id IN ?", t.HireIDs).Pluck("id", &still).Error; err != nil {
			return err
		}
		current := map[uint]*Completion{}
		for i := range now {
			current[now[i].HireID] = &now[i]
		}
		before := map[uint]Completion{}
		for _, c := range u.before {
			if c.MilestoneID == t.MilestoneID {
				before[c.HireID] = c
			}
		}
		for _, h := range still {
			if !t.wrote(current[h]) {
				continue
			}
			if err := tx.Exec("DELETE FROM milestone_completions WHERE milestone_id = ? AND hire_id = ?", t.MilestoneID, h).Error; err != nil {
				return err
			}
			if c, ok := before[h]; ok {
				if err := tx.Create(&c).Error; err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("undo the tick: %w", err)
	}
	return nil
}

// SetCompletion ticks a milestone done for one hire (or not), on the day
// it happened; a sign-off records who signed.
func (s *Store) SetCompletion(hireID, milestoneID uint, done bool, on Date, signedBy *uint, note string) error {
	_, err := s.TickMilestone(Tick{MilestoneID: milestoneID, HireIDs: []uint{hireID}, Done: done, On: on, SignedByID: signedBy, Note: note})
	return err
}

func uniq(ids []uint) []uint {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// maxOffer bounds the amount of the offer, far above any real one.
const maxOffer = 1_000_000_000

// SetCohortOffer makes the offer to leave to the whole cohort: the day,
// the amount and its currency. Hires who have not answered yet are offered
// it; answers already given stay as they were.
func (s *Store) SetCohortOffer(cohortID uint, on Date, amount int, currency string) error {
	currency = strings.TrimSpace(currency)
	if isLetters(currency) { // a code: "eur" is EUR
		currency = strings.ToUpper(currency)
	}
	v := &ValidationError{}
	if on.IsZero() {
		v.add("offer_on", "say which day the offer is made")
	}
	if amount < 0 || amount > maxOffer {
		v.add("amount", "give the amount of money offered, a whole number from 0 to %d", maxOffer)
	}
	if len([]rune(currency)) > 8 {
		v.add("currency", "give the currency as a code or sign, e.g. USD or €")
	}
	v.checkText("currency", "currency", currency, false)
	if err := v.orNil(); err != nil {
		return err
	}
	err := transaction(s.db, func(tx *gorm.DB) error {
		var c Cohort
		if err := tx.Select("id", "start_date").First(&c, cohortID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		if on.Before(c.StartDate) {
			return &ValidationError{Problems: []FieldError{{"offer_on", fmt.Sprintf("%s is before the cohort started (%s)", on, c.StartDate)}}}
		}
		if err := tx.Model(&Cohort{}).Where("id = ?", cohortID).Updates(map[string]any{"offer_on": on, "offer_amount": amount, "offer_currency": currency}).Error; err != nil {
			return err
		}
		return tx.Model(&Hire{}).Where("cohort_id = ? AND offer_outcome = ''", cohortID).
			Updates(map[string]any{"offered_on": on, "offer_amount": amount, "offer_currency": currency, "version": gorm.Expr("version + 1")}).Error
	})
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("make the offer: %w", err)
	}
	return err
}

// AnswerUndo takes an answer to the offer back: what AnswerOffer returns
// for UndoAnswer.
type AnswerUndo struct {
	hire   Hire   // its answer, offer and status as they were
	person Status // the person's status on the roster as it was
	// What the answer left, so that an undo after someone else changed
	// either takes nothing of theirs back.
	version int
	after   Status
}

// Outcome is the answer that was given before.
func (u AnswerUndo) Outcome() string { return u.hire.OfferOutcome }

// HireID is the hire whose answer it takes back.
func (u AnswerUndo) HireID() uint { return u.hire.ID }

// AnswerOffer records a hire's answer to the offer to leave: accepted,
// declined, or "" for not yet. Accepting makes the hire one who took the
// offer and, if they were active, takes them off the roster's active
// people; taking an acceptance back returns them to where they stood. It
// returns how to undo it.
func (s *Store) AnswerOffer(hireID uint, outcome string) (AnswerUndo, error) {
	if outcome != "" && outcome != OfferAccepted && outcome != OfferDeclined {
		return AnswerUndo{}, &ValidationError{Problems: []FieldError{{"offer", "the offer was either accepted or declined"}}}
	}
	var u AnswerUndo
	err := transaction(s.db, func(tx *gorm.DB) (err error) {
		u, _, err = answer(tx, hireID, outcome, false)
		return err
	})
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return u, fmt.Errorf("record the answer to the offer: %w", err)
	}
	return u, err
}

// StayUnanswered records "stays" (declined) for those of hireIDs still in
// training who were offered and have not answered, at once; an answer
// someone gave meanwhile is kept. It returns how to undo each.
func (s *Store) StayUnanswered(hireIDs []uint) ([]AnswerUndo, error) {
	var undos []AnswerUndo
	err := transaction(s.db, func(tx *gorm.DB) error {
		for _, id := range uniq(hireIDs) {
			u, changed, err := answer(tx, id, OfferDeclined, true)
			if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
				return err
			}
			if changed {
				undos = append(undos, u)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record who stays: %w", err)
	}
	return undos, nil
}

// answer is AnswerOffer inside tx; unanswered leaves a hire who answered
// (or is no longer in training) as they are, reporting no change.
func answer(tx *gorm.DB, hireID uint, outcome string, unanswered bool) (u AnswerUndo, changed bool, err error) {
	var h Hire
	if err := tx.First(&h, hireID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return u, false, ErrNotFound
		}
		return u, false, err
	}
	if unanswered && (h.OfferOutcome != "" || !h.Status.inTraining()) {
		return u, false, nil
	}
	var p Person
	if err := tx.Select("id", "status").First(&p, h.PersonID).Error; err != nil {
		return u, false, err
	}
	u = AnswerUndo{hire: h, person: p.Status}
	if outcome != "" && h.OfferedOn.IsZero() {
		var c Cohort
		if err := tx.Select("offer_on", "offer_amount", "offer_currency").First(&c, h.CohortID).Error; err != nil {
			return u, false, err
		}
		if c.OfferOn.IsZero() {
			return u, false, &ValidationError{Problems: []FieldError{{"offer", "make the offer first: its day and amount"}}}
		}
		h.OfferedOn, h.OfferAmount, h.OfferCurrency = c.OfferOn, c.OfferAmount, c.OfferCurrency
	}
	person := p.Status
	switch {
	case outcome == OfferAccepted && h.Status.inTraining():
		h.StatusBeforeOffer, h.Status = h.Status, HireTookOffer
		if p.Status == StatusActive {
			person = StatusLeft
		}
	case outcome != OfferAccepted && h.Status == HireTookOffer:
		h.Status, person = HireActive, StatusActive
		if h.StatusBeforeOffer.inTraining() {
			h.Status = h.StatusBeforeOffer
		}
	}
	h.OfferOutcome = outcome
	if err := writeAnswer(tx, h, h.Version, person, p.Status); err != nil {
		return u, false, err
	}
	u.version, u.after = h.Version+1, person
	return u, true, nil
}

// UndoAnswer puts a hire's answer, offer and standing, and their status on
// the roster, back as they were before AnswerOffer, unless someone changed
// them since: their change is kept and the undo refused in words.
func (s *Store) UndoAnswer(u AnswerUndo) error {
	err := transaction(s.db, func(tx *gorm.DB) error {
		return writeAnswer(tx, u.hire, u.version, u.person, u.after)
	})
	if errors.Is(err, ErrNotFound) {
		return &ValidationError{Problems: []FieldError{{"offer", "someone changed this answer since, or removed the hire; it was not taken back"}}}
	}
	if err != nil {
		return fmt.Errorf("undo the answer to the offer: %w", err)
	}
	return nil
}

// writeAnswer stores a hire's answer, offer and standing over the version
// at (ErrNotFound when it moved on), and moves the person's status on the
// roster from was to person (left alone when someone else changed it).
func writeAnswer(tx *gorm.DB, h Hire, at int, person, was Status) error {
	res := tx.Model(&Hire{}).Where("id = ? AND version = ?", h.ID, at).Updates(map[string]any{"offer_outcome": h.OfferOutcome,
		"offered_on": h.OfferedOn, "offer_amount": h.OfferAmount, "offer_currency": h.OfferCurrency, "status": h.Status,
		"status_before_offer": h.StatusBeforeOffer, "version": gorm.Expr("version + 1")})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	if person == was {
		return nil
	}
	return tx.Model(&Person{}).Where("id = ? AND status = ?", h.PersonID, was).
		Updates(map[string]any{"status": person, "version": gorm.Expr("version + 1")}).Error
}

// CohortEdit is what can change in a cohort once it has started.
type CohortEdit struct {
	ID         uint
	Name       string
	Start      Date
	TrainerIDs []uint
	// OwnerID holds the hires' one-on-ones while they train; zero leaves
	// them with their managers.
	OwnerID uint
	// AddIDs and NewHires join the cohort late: people on the roster, and
	// people added to it now.
	AddIDs   []uint
	NewHires []Person
}

// UpdateCohort renames a cohort, moves its start (every phase and due date
// moves with it, on the cohort's own copy of the program; ticks keep their
// days), sets its trainers and who holds the hires' one-on-ones, and adds
// late hires: all or nothing.
func (s *Store) UpdateCohort(e CohortEdit) error {
	e.Name = strings.TrimSpace(e.Name)
	v := &ValidationError{}
	checkCohort(v, e.Name, e.Start)
	if err := v.orNil(); err != nil {
		return err
	}
	err := transaction(s.db, func(tx *gorm.DB) error {
		var c Cohort
		if err := tx.First(&c, e.ID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		if err := cohortNameFree(tx, e.Name, c.ID); err != nil {
			return err
		}
		if err := knownPeople(tx, "owner", "who holds the one-on-ones", []uint{e.OwnerID}); err != nil {
			return err
		}
		if err := knownPeople(tx, "trainers", "a trainer", e.TrainerIDs); err != nil {
			return err
		}
		var owner *uint
		if e.OwnerID != 0 {
			owner = &e.OwnerID
		}
		if err := tx.Model(&Cohort{}).Where("id = ?", c.ID).Updates(map[string]any{"name": e.Name, "start_date": e.Start, "owner_id": owner}).Error; err != nil {
			return err
		}
		if err := setTrainers(tx, c.ID, e.TrainerIDs); err != nil {
			return err
		}
		if e.Start != c.StartDate {
			if err := moveStart(tx, c, e.Start); err != nil {
				return err
			}
			c.StartDate = e.Start
		}
		return addHires(tx, c, e.AddIDs, e.NewHires, s.Today())
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return &ValidationError{Problems: []FieldError{{"hire", "someone chosen is already in the cohort"}}}
	}
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("change cohort %d: %w", e.ID, err)
	}
	return err
}

// checkCohort checks a cohort's name and start: a name as long as a
// person's at most, a start whose program ends well within the dates the
// database keeps.
func checkCohort(v *ValidationError, name string, start Date) {
	switch {
	case name == "":
		v.add("name", "give the cohort a name")
	case utf8.RuneCountInString(name) > maxNameLen:
		v.add("name", "shorten the name to at most %d characters", maxNameLen)
	default:
		v.checkText("name", "name", name, false)
	}
	switch y := start.Time().Year(); {
	case start.IsZero():
		v.add("start", "give the start date")
	case y < 1900 || y > 2200:
		v.add("start", "%s is not a start date to plan from; give a day between 1900 and 2200", start)
	}
}

// cohortNameFree refuses a name another cohort has in any case, beyond
// ASCII too (SQLite's LOWER folds ASCII only): the CLI and search find
// cohorts by name whatever its case.
func cohortNameFree(tx *gorm.DB, name string, id uint) error {
	var others []struct {
		ID   uint
		Name string
	}
	if err := tx.Model(&Cohort{}).Select("id, name").Where("id <> ?", id).Scan(&others).Error; err != nil {
		return err
	}
	for _, o := range others {
		if strings.EqualFold(o.Name, name) {
			return &ValidationError{Problems: []FieldError{{"name", "another cohort already has this name"}}}
		}
	}
	return nil
}

// knownPeople refuses IDs that are not on the roster, naming field; a
// zero ID is none.
func knownPeople(tx *gorm.DB, field, what string, ids []uint) error {
	ids = slices.DeleteFunc(uniq(ids), func(id uint) bool { return id == 0 })
	if len(ids) == 0 {
		return nil
	}
	var n int64
	if err := tx.Model(&Person{}).Where("id IN ?", ids).Count(&n).Error; err != nil {
		return err
	}
	if int(n) != len(ids) {
		return &ValidationError{Problems: []FieldError{{field, what + " is not on the roster"}}}
	}
	return nil
}

// moveStart lays a cohort's phases out again from start, each milestone
// the same number of (working) days into its phase as before.
func moveStart(tx *gorm.DB, c Cohort, start Date) error {
	var phases []CohortPhase
	if err := tx.Where("cohort_id = ?", c.ID).Order("position").Find(&phases).Error; err != nil {
		return err
	}
	lengths := make([]int, len(phases))
	for i, p := range phases {
		lengths[i] = p.LengthDays
	}
	spans := PhaseSpans(start, lengths, c.SkipWeekends)
	for i, p := range phases {
		var ms []CohortMilestone
		if err := tx.Where("cohort_phase_id = ?", p.ID).Find(&ms).Error; err != nil {
			return err
		}
		for _, m := range ms {
			due := addDays(spans[i][0], daysInto(p.StartDate, m.DueDate, c.SkipWeekends), c.SkipWeekends)
			if err := tx.Model(&CohortMilestone{}).Where("id = ?", m.ID).Update("due_date", due).Error; err != nil {
				return err
			}
		}
		if err := tx.Model(&CohortPhase{}).Where("id = ?", p.ID).Updates(map[string]any{"start_date": spans[i][0], "end_date": spans[i][1]}).Error; err != nil {
			return err
		}
	}
	return nil
}

// daysInto counts the (working, when skip) days from from to d: addDays's
// inverse. A day before from counts as none.
func daysInto(from, d Date, skip bool) int {
	n := 0
	for cur := from; cur.Before(d); n++ {
		cur = addDays(cur, 1, skip)
	}
	return n
}

// setTrainers makes ids a cohort's trainers, in that order.
func setTrainers(tx *gorm.DB, cohortID uint, ids []uint) error {
	if err := tx.Exec("DELETE FROM cohort_trainers WHERE cohort_id = ?", cohortID).Error; err != nil {
		return err
	}
	for _, id := range uniq(ids) {
		if err := tx.Exec("INSERT INTO cohort_trainers (cohort_id, person_id) VALUES (?, ?)", cohortID, id).Error; err != nil {
			return err
		}
	}
	return nil
}

// AddHires puts people on the roster (ids) and new people (added to the
// roster now, starting with the cohort unless they say otherwise) into a
// cohort that has started: a late hire. All or none.
func (s *Store) AddHires(cohortID uint, ids []uint, newHires []Person) error {
	err := transaction(s.db, func(tx *gorm.DB) error {
		var c Cohort
		if err := tx.First(&c, cohortID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		return addHires(tx, c, ids, newHires, s.Today())
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return &ValidationError{Problems: []FieldError{{"hire", "someone chosen is already in the cohort"}}}
	}
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("add hires: %w", err)
	}
	return err
}

// addHires adds hires to c: people on the roster by ID, and new people. A
// hire added on a day after the cohort started (today) joined late.
func addHires(tx *gorm.DB, c Cohort, ids []uint, newHires []Person, today Date) error {
	if err := knownPeople(tx, "hire", "a hire", ids); err != nil {
		return err
	}
	hireIDs := slices.Clone(ids)
	for _, p := range newHires {
		if p.StartDate.IsZero() {
			p.StartDate = c.StartDate
		}
		if p.Role == "" {
			p.Role = RoleAgent
		}
		if err := p.Validate(); err != nil {
			return err
		}
		if err := checkPersonLinks(tx, &p); err != nil {
			return err
		}
		if err := tx.Create(&p).Error; err != nil {
			return err
		}
		hireIDs = append(hireIDs, p.ID)
	}
	for _, id := range hireIDs {
		h := Hire{CohortID: c.ID, PersonID: id, Status: HireActive}
		if c.StartDate.Before(today) {
			h.JoinedOn = today
		}
		if !c.OfferOn.IsZero() {
			h.OfferedOn, h.OfferAmount, h.OfferCurrency = c.OfferOn, c.OfferAmount, c.OfferCurrency
		}
		if err := tx.Create(&h).Error; err != nil {
			return err
		}
	}
	return nil
}

// RemoveHire takes a hire out of their cohort with their ticks (someone
// who never came); they stay on the roster.
func (s *Store) RemoveHire(hireID uint) error {
	err := transaction(s.db, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM milestone_completions WHERE hire_id = ?", hireID).Error; err != nil {
			return err
		}
		res := tx.Exec("DELETE FROM cohort_hires WHERE id = ?", hireID)
		if res.Error == nil && res.RowsAffected == 0 {
			return ErrNotFound
		}
		return res.Error
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("remove hire: %w", err)
	}
	return err
}

// CohortNames lists the names of every cohort, for a message naming those
// that exist.
func (s *Store) CohortNames() ([]string, error) {
	var names []string
	if err := s.db.Model(&Cohort{}).Order("start_date DESC, id DESC").Pluck("name", &names).Error; err != nil {
		return nil, fmt.Errorf("list cohort names: %w", err)
	}
	return names, nil
}

// isLetters reports whether s is all ASCII letters, as currency codes are.
func isLetters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return s != ""
}

// quotedList writes names quoted, comma-separated.
func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// InCohorts maps each person who is or was a hire to the newest cohort
// they are in, so pickers can offer those not in a cohort yet.
func (s *Store) InCohorts() (map[uint]string, error) {
	var rows []struct {
		PersonID uint
		Name     string
	}
	if err := s.db.Table("cohort_hires h").Select("h.person_id, c.name").Joins("JOIN cohorts c ON c.id = h.cohort_id").
		Order("c.start_date, c.id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("list who is in a cohort: %w", err)
	}
	out := make(map[uint]string, len(rows))
	for _, r := range rows {
		out[r.PersonID] = r.Name
	}
	return out, nil
}

// Training is the cohort a person is training in now, and who holds their
// one-on-ones meanwhile.
type Training struct {
	HireID     uint
	CohortID   uint
	CohortName string
	Until      Date   // the cohort's last day
	OwnerName  string // "" when their manager keeps them
}

// TrainingOf finds the running cohort a person trains in (the newest, when
// several); ok is false when none.
func (s *Store) TrainingOf(personID uint) (t Training, ok bool, err error) {
	return s.trainingOn(personID, s.Today(), HireActive, HireExtended)
}

// trainingOn is TrainingOf as of day, for hires whose standing now is one
// of statuses: a past day's training counts for a hire who graduated or
// took the offer since.
func (s *Store) trainingOn(personID uint, day Date, statuses ...HireStatus) (t Training, ok bool, err error) {
	var rows []Training
	err = s.db.Raw(`SELECT h.id AS hire_id, c.id AS cohort_id, c.name AS cohort_name,
		  (SELECT MAX(end_date) FROM cohort_phases p WHERE p.cohort_id = c.id) AS until,
		  COALESCE((SELECT o.name FROM people o WHERE o.id = c.owner_id AND o.status = 'active' AND o.archived_at IS NULL), '') AS owner_name
		FROM cohort_hires h JOIN cohorts c ON c.id = h.cohort_id
		WHERE h.person_id = ? AND h.status IN ? AND c.start_date <= ?
		ORDER BY c.start_date DESC, c.id DESC`, personID, statuses, day).Scan(&rows).Error
	if err != nil {
		return t, false, fmt.Errorf("training of person %d: %w", personID, err)
	}
	for _, r := range rows {
		if !r.Until.Before(day) {
			return r, true, nil
		}
	}
	return t, false, nil
}
