package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"

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

// TickMilestone ticks (or unticks) a milestone for the hires t names, all
// or none, and returns their completions as they were before, for
// RestoreTicks to undo it.
func (s *Store) TickMilestone(t Tick) ([]Completion, error) {
	var before []Completion
	note := strings.TrimSpace(t.Note)
	v := &ValidationError{}
	v.checkText("note", "sign-off note", note, false)
	if t.Done {
		switch {
		case t.On.IsZero():
			v.add("date", "say when it was done")
		case s.Today().Before(t.On):
			v.add("date", "%s is after today; a tick records what has happened", t.On)
		}
	}
	if len(t.HireIDs) == 0 {
		v.add("hires", "choose at least one hire")
	}
	if err := v.orNil(); err != nil {
		return nil, err
	}
	err := transaction(s.db, func(tx *gorm.DB) error {
		var m struct {
			Kind     MilestoneKind
			CohortID uint
		}
		if err := tx.Raw(`SELECT m.kind, p.cohort_id FROM cohort_milestones m JOIN cohort_phases p ON p.id = m.cohort_phase_id WHERE m.id = ?`,
			t.MilestoneID).Scan(&m).Error; err != nil {
			return err
		}
		if m.CohortID == 0 {
			return ErrNotFound
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
		if int(in) != len(uniq(t.HireIDs)) {
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
		if err := tx.Where("milestone_id = ? AND hire_id IN ?", t.MilestoneID, t.HireIDs).Find(&before).Error; err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM milestone_completions WHERE milestone_id = ? AND hire_id IN ?", t.MilestoneID, t.HireIDs).Error; err != nil {
			return err
		}
		if !t.Done {
			return nil
		}
		rows := make([]Completion, 0, len(t.HireIDs))
		for _, h := range uniq(t.HireIDs) {
			rows = append(rows, Completion{HireID: h, MilestoneID: t.MilestoneID, DoneOn: t.On, SignedOffByID: t.SignedByID, Note: note})
		}
		return tx.CreateInBatches(&rows, 200).Error
	})
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("tick milestone: %w", err)
	}
	return before, err
}

// RestoreTicks undoes a TickMilestone: the milestone's completions of
// hireIDs become before again.
func (s *Store) RestoreTicks(milestoneID uint, hireIDs []uint, before []Completion) error {
	err := transaction(s.db, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM milestone_completions WHERE milestone_id = ? AND hire_id IN ?", milestoneID, hireIDs).Error; err != nil {
			return err
		}
		if len(before) == 0 {
			return nil
		}
		return tx.Create(&before).Error
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
		res := tx.Model(&Cohort{}).Where("id = ?", cohortID).Updates(map[string]any{"offer_on": on, "offer_amount": amount, "offer_currency": currency})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Model(&Hire{}).Where("cohort_id = ? AND offer_outcome = ''", cohortID).
			Updates(map[string]any{"offered_on": on, "offer_amount": amount, "version": gorm.Expr("version + 1")}).Error
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("make the offer: %w", err)
	}
	return err
}

// AnswerOffer records a hire's answer to the offer to leave: accepted,
// declined, or "" for not yet. Accepting makes the hire one who took the
// offer and takes them off the roster's active people; taking the answer
// back returns them. It returns the answer it replaced, for undo.
func (s *Store) AnswerOffer(hireID uint, outcome string) (string, error) {
	if outcome != "" && outcome != OfferAccepted && outcome != OfferDeclined {
		return "", &ValidationError{Problems: []FieldError{{"offer", "the offer was either accepted or declined"}}}
	}
	var was string
	err := transaction(s.db, func(tx *gorm.DB) error {
		var h Hire
		if err := tx.First(&h, hireID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrNotFound
			}
			return err
		}
		was = h.OfferOutcome
		if outcome != "" && h.OfferedOn.IsZero() {
			var c Cohort
			if err := tx.Select("offer_on", "offer_amount").First(&c, h.CohortID).Error; err != nil {
				return err
			}
			if c.OfferOn.IsZero() {
				return &ValidationError{Problems: []FieldError{{"offer", "make the offer first: its day and amount"}}}
			}
			h.OfferedOn, h.OfferAmount = c.OfferOn, c.OfferAmount
		}
		status, personStatus := h.Status, ""
		switch {
		case outcome == OfferAccepted && h.Status.inTraining():
			status, personStatus = HireTookOffer, string(StatusLeft)
		case outcome != OfferAccepted && h.Status == HireTookOffer:
			status, personStatus = HireActive, string(StatusActive)
		}
		if err := tx.Model(&Hire{}).Where("id = ?", h.ID).Updates(map[string]any{"offer_outcome": outcome, "offered_on": h.OfferedOn,
			"offer_amount": h.OfferAmount, "status": status, "version": gorm.Expr("version + 1")}).Error; err != nil {
			return err
		}
		if personStatus == "" {
			return nil
		}
		return tx.Model(&Person{}).Where("id = ?", h.PersonID).Updates(map[string]any{"status": personStatus, "version": gorm.Expr("version + 1")}).Error
	})
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return was, fmt.Errorf("record the answer to the offer: %w", err)
	}
	return was, err
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
	v := &ValidationError{}
	e.Name = strings.TrimSpace(e.Name)
	if e.Name == "" {
		v.add("name", "give the cohort a name")
	}
	v.checkText("name", "name", e.Name, false)
	if e.Start.IsZero() {
		v.add("start", "give the start date")
	}
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
		return addHires(tx, c, e.AddIDs, e.NewHires)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return &ValidationError{Problems: []FieldError{{"hire", "someone chosen is already in the cohort"}}}
	}
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("change cohort %q: %w", e.Name, err)
	}
	return err
}

// cohortNameFree refuses a name another cohort has in any case: the CLI
// and search find cohorts by name whatever its case.
func cohortNameFree(tx *gorm.DB, name string, id uint) error {
	var n int64
	if err := tx.Model(&Cohort{}).Where("LOWER(name) = LOWER(?) AND id <> ?", name, id).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return &ValidationError{Problems: []FieldError{{"name", "another cohort already has this name"}}}
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
		return addHires(tx, c, ids, newHires)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return &ValidationError{Problems: []FieldError{{"hire", "someone chosen is already in the cohort"}}}
	}
	if err != nil && !IsValidation(err) && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("add hires: %w", err)
	}
	return err
}

// addHires adds hires to c: people on the roster by ID, and new people.
func addHires(tx *gorm.DB, c Cohort, ids []uint, newHires []Person) error {
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
		if !c.OfferOn.IsZero() {
			h.OfferedOn, h.OfferAmount = c.OfferOn, c.OfferAmount
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
