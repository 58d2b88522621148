package model

import (
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// MilestoneState is one milestone as a hire's checklist shows it.
type MilestoneState struct {
	CohortMilestone
	Done        bool
	DoneOn      Date
	SignedOffBy string
	Note        string
	Auto        string // why it counts as done without a tick, e.g. "2 of 2 sessions"
	Overdue     bool
	// BeforeJoining is not done and was due before a late hire joined:
	// they do not owe it.
	BeforeJoining bool
}

// PhaseState is a phase of a hire's checklist.
type PhaseState struct {
	CohortPhase
	Milestones []MilestoneState
	Current    bool
}

// Done counts the phase's milestones done.
func (p PhaseState) Done() int {
	n := 0
	for _, m := range p.Milestones {
		if m.Done {
			n++
		}
	}
	return n
}

// Behind reports whether a milestone of the phase is overdue.
func (p PhaseState) Behind() bool {
	for _, m := range p.Milestones {
		if m.Overdue {
			return true
		}
	}
	return false
}

// HireRow is one hire on the board: their checklist by phase.
type HireRow struct {
	Hire
	Name     string
	Email    string
	Phases   []PhaseState
	Behind   bool
	Sessions int // shadowing sessions since the cohort started
}

// Overdue lists the hire's milestones past their due date and not done,
// earliest due first.
func (h HireRow) Overdue() []MilestoneState {
	var out []MilestoneState
	for _, p := range h.Phases {
		for _, m := range p.Milestones {
			if m.Overdue {
				out = append(out, m)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b MilestoneState) int { return a.DueDate.Time().Compare(b.DueDate.Time()) })
	return out
}

// BehindFirst orders hires most overdue milestones first, then those still
// in training, then by name (the order they came in).
func BehindFirst(rows []HireRow) []HireRow {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b HireRow) int {
		if c := len(b.Overdue()) - len(a.Overdue()); c != 0 {
			return c
		}
		return boolOrder(b.Status.inTraining()) - boolOrder(a.Status.inTraining())
	})
	return out
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// InTraining reports whether the hire's milestones still count.
func (h HireRow) InTraining() bool { return h.Status.inTraining() }

// StatusText is the hire's standing in a word or two.
func (h HireRow) StatusText() string {
	switch {
	case !h.Status.inTraining():
		return h.Status.Label()
	case h.Behind:
		return "Behind"
	case h.Status == HireExtended:
		return "Extended, on track"
	}
	return "On track"
}

// Progress is the share of the milestones they owe that are done (a late
// hire does not owe what was due before they joined).
func (h HireRow) Progress() float64 {
	done, total := 0, 0
	for _, p := range h.Phases {
		for _, m := range p.Milestones {
			if m.Done {
				done++
			}
			if !m.BeforeJoining {
				total++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(done) / float64(total)
}

// OfferStats sums up the offer to leave across a cohort.
type OfferStats struct {
	Hires, Offered, Accepted, Declined, Remaining int
}

// AcceptanceRate is accepted offers over answered ones (0 when none).
func (o OfferStats) AcceptanceRate() float64 {
	if o.Accepted+o.Declined == 0 {
		return 0
	}
	return float64(o.Accepted) / float64(o.Accepted+o.Declined)
}

// AcceptanceText says the acceptance rate, or that no one has answered yet.
func (o OfferStats) AcceptanceText() string {
	if o.Accepted+o.Declined == 0 {
		return "no answers yet"
	}
	return fmt.Sprintf("%.0f%% acceptance", o.AcceptanceRate()*100)
}

// Retention is the share of hires still with us (not took the offer, not left).
func (o OfferStats) Retention() float64 {
	if o.Hires == 0 {
		return 0
	}
	return float64(o.Remaining) / float64(o.Hires)
}

// Trainer is one of a cohort's trainers.
type Trainer struct {
	ID   uint
	Name string
}

// Board is a cohort at a glance: hires × phases.
type Board struct {
	Cohort
	ProgramName string
	Trainers    []Trainer
	OwnerName   string // who holds the hires' one-on-ones; "" for their managers
	Phases      []CohortPhase
	Current     int // index of today's phase, -1 when before or after
	Rows        []HireRow
	Offers      OfferStats
}

// TrainerNames lists the trainers' names.
func (b Board) TrainerNames() []string {
	out := make([]string, len(b.Trainers))
	for i, t := range b.Trainers {
		out[i] = t.Name
	}
	return out
}

// trainedBy reports whether id trains the cohort or holds its hires'
// one-on-ones.
func (b Board) trainedBy(id uint) bool {
	if b.OwnerID != nil && *b.OwnerID == id {
		return true
	}
	for _, t := range b.Trainers {
		if t.ID == id {
			return true
		}
	}
	return false
}

// InTraining counts the hires still in training.
func (b Board) InTraining() int {
	n := 0
	for _, r := range b.Rows {
		if r.Status.inTraining() {
			n++
		}
	}
	return n
}

// BehindCount counts hires behind.
func (b Board) BehindCount() int {
	n := 0
	for _, r := range b.Rows {
		if r.Behind {
			n++
		}
	}
	return n
}

// StartVerb says whether a cohort starting on start "Started" or "Starts",
// as of today.
func StartVerb(start, today Date) string {
	if today.Before(start) {
		return "Starts"
	}
	return "Started"
}

// CohortBoard loads a cohort's board as of the store's today. A shadowing
// milestone counts as done when the hire has logged enough sessions since
// the cohort started; the decision point, when the offer was answered.
func (s *Store) CohortBoard(id uint) (Board, error) {
	bs, err := s.loadBoards([]uint{id}, true)
	if err != nil {
		return Board{}, fmt.Errorf("load cohort %d: %w", id, err)
	}
	if len(bs) == 0 {
		return Board{}, ErrNotFound
	}
	return bs[0], nil
}

// loadBoards builds the boards of the cohorts ids, in that order, with one
// query per table whatever their number. Without detail a milestone done
// lacks its day, signer and note: enough to sum boards up.
func (s *Store) loadBoards(ids []uint, detail bool) ([]Board, error) {
	var cohorts []Cohort
	if err := s.db.Where("id IN ?", ids).Find(&cohorts).Error; err != nil {
		return nil, err
	}
	var programs []Program
	if err := s.db.Select("id, name").Where("id IN (SELECT program_id FROM cohorts WHERE id IN ?)", ids).Find(&programs).Error; err != nil {
		return nil, err
	}
	var trainers []struct {
		CohortID uint
		Trainer
	}
	if err := s.db.Table("people AS p").Select("t.cohort_id, p.id, p.name").Joins("JOIN cohort_trainers t ON t.person_id = p.id").
		Where("t.cohort_id IN ?", ids).Order("p.name").Scan(&trainers).Error; err != nil {
		return nil, err
	}
	phases, err := scanAll(s.db.Model(&CohortPhase{}).Select(phaseColumns).Where("cohort_id IN ?", ids).
		Order("cohort_id, position"), (*CohortPhase).fields)
	if err != nil {
		return nil, err
	}
	ms, err := scanAll(s.db.Model(&CohortMilestone{}).Select(milestoneColumns).
		Where("cohort_phase_id IN (SELECT id FROM cohort_phases WHERE cohort_id IN ?)", ids).
		Order("cohort_phase_id, due_date, position"), (*CohortMilestone).fields)
	if err != nil {
		return nil, err
	}
	hires, err := scanAll(s.db.Raw(`SELECT `+columns("h", hireColumns...)+`, p.name, p.email, p.start_date,
		  (SELECT COUNT(*) FROM shadowing_sessions ss WHERE ss.person_id = h.person_id AND ss.date >= c.start_date)
		FROM cohort_hires h JOIN people p ON p.id = h.person_id JOIN cohorts c ON c.id = h.cohort_id
		WHERE h.cohort_id IN ? ORDER BY `+s.d.nocase("p.name"), ids),
		func(h *boardHire) []any { return append(h.fields(), &h.Name, &h.Email, &h.Start, &h.Sessions) })
	if err != nil {
		return nil, err
	}
	comps, err := s.completions(ids, detail)
	if err != nil {
		return nil, err
	}
	boards := map[uint]*Board{}
	for _, c := range cohorts {
		boards[c.ID] = &Board{Cohort: c}
	}
	for _, p := range programs {
		for _, b := range boards {
			if b.ProgramID != nil && *b.ProgramID == p.ID {
				b.ProgramName = p.Name
			}
		}
	}
	for _, t := range trainers {
		boards[t.CohortID].Trainers = append(boards[t.CohortID].Trainers, t.Trainer)
	}
	var owners []Trainer
	if err := s.db.Table("people").Select("id, name").Where("id IN (SELECT owner_id FROM cohorts WHERE id IN ?)", ids).Scan(&owners).Error; err != nil {
		return nil, err
	}
	for _, b := range boards {
		for _, o := range owners {
			if b.OwnerID != nil && *b.OwnerID == o.ID {
				b.OwnerName = o.Name
			}
		}
	}
	for _, p := range phases {
		boards[p.CohortID].Phases = append(boards[p.CohortID].Phases, p)
	}
	byPhase := map[uint][]CohortMilestone{}
	for _, m := range ms {
		byPhase[m.CohortPhaseID] = append(byPhase[m.CohortPhaseID], m)
	}
	done := make(map[[2]uint]*boardCompletion, len(comps)) // hire, milestone
	for i := range comps {
		done[[2]uint{comps[i].HireID, comps[i].MilestoneID}] = &comps[i]
	}
	today := s.Today()
	for _, b := range boards {
		b.Current = -1
		for i, p := range b.Phases {
			if !today.Before(p.StartDate) && !p.EndDate.Before(today) {
				b.Current = i
			}
		}
	}
	for _, h := range hires {
		boards[h.CohortID].addHire(h, byPhase, done, today)
	}
	out := make([]Board, 0, len(ids))
	for _, id := range ids {
		if b, ok := boards[id]; ok {
			out = append(out, *b)
		}
	}
	return out, nil
}

type boardHire struct {
	Hire
	Name, Email string
	Start       Date // the person's first day: a late hire owes nothing due before it
	Sessions    int
}

// owesFrom is the first day a hire owes milestones due: the later of the
// day they joined the cohort and their first day at work.
func (h boardHire) owesFrom() Date {
	if h.Start.Before(h.JoinedOn) {
		return h.JoinedOn
	}
	return h.Start
}

type boardCompletion struct {
	Completion
	SignerName string
}

// completions reads the ticks of the cohorts ids. Thousands of rows for a
// list of years of cohorts: scanned by hand, as gorm's reflection costs
// several times the query. Without detail only which milestones are ticked:
// the primary key's index holds that, so the rows and signers go unread.
func (s *Store) completions(ids []uint, detail bool) ([]boardCompletion, error) {
	q := s.db.Table("milestone_completions AS c").Joins("JOIN cohort_hires h ON h.id = c.hire_id").Where("h.cohort_id IN ?", ids)
	fields := func(c *boardCompletion) []any { return []any{&c.HireID, &c.MilestoneID} }
	if detail {
		q = q.Select("c.hire_id, c.milestone_id, c.done_on, c.signed_off_by_id, c.note, COALESCE(p.name, '')").
			Joins("LEFT JOIN people p ON p.id = c.signed_off_by_id")
		fields = func(c *boardCompletion) []any {
			return []any{&c.HireID, &c.MilestoneID, &c.DoneOn, &c.SignedOffByID, &c.Note, &c.SignerName}
		}
	} else {
		q = q.Select("c.hire_id, c.milestone_id")
	}
	return scanAll(q, fields)
}

// addHire puts a hire's row on the board: each milestone done, done by the
// rules (sessions logged, an answered offer) or overdue.
func (b *Board) addHire(h boardHire, byPhase map[uint][]CohortMilestone, done map[[2]uint]*boardCompletion, today Date) {
	row := HireRow{Hire: h.Hire, Name: h.Name, Email: h.Email, Sessions: h.Sessions, Phases: make([]PhaseState, 0, len(b.Phases))}
	needSessions := 0
	for i, p := range b.Phases {
		ps := PhaseState{CohortPhase: p, Current: i == b.Current, Milestones: make([]MilestoneState, 0, len(byPhase[p.ID]))}
		for _, m := range byPhase[p.ID] {
			st := MilestoneState{CohortMilestone: m}
			if comp := done[[2]uint{h.ID, m.ID}]; comp != nil {
				st.Done, st.DoneOn, st.SignedOffBy, st.Note = true, comp.DoneOn, comp.SignerName, comp.Note
			}
			switch m.Kind {
			case MilestoneShadowing:
				// Sessions count towards the shadowing milestones in order.
				needSessions += m.RequiredSessions
				if !st.Done && h.Sessions >= needSessions {
					st.Done, st.Auto = true, fmt.Sprintf("%d of %d shadowing sessions logged", min(h.Sessions, needSessions), needSessions)
				}
			case MilestoneDecision:
				if !st.Done && h.OfferOutcome != "" {
					st.Done, st.DoneOn, st.Auto = true, h.OfferedOn, "Offer "+h.OfferOutcome
				}
			}
			st.BeforeJoining = !st.Done && m.DueDate.Before(h.owesFrom())
			st.Overdue = !st.Done && h.Status.inTraining() && m.DueDate.Before(today) && !st.BeforeJoining
			row.Behind = row.Behind || st.Overdue
			ps.Milestones = append(ps.Milestones, st)
		}
		row.Phases = append(row.Phases, ps)
	}
	b.Rows = append(b.Rows, row)
	b.Offers.Hires++
	if !h.OfferedOn.IsZero() {
		b.Offers.Offered++
	}
	switch h.OfferOutcome {
	case OfferAccepted:
		b.Offers.Accepted++
	case OfferDeclined:
		b.Offers.Declined++
	}
	if h.Status != HireTookOffer && h.Status != HireLeft {
		b.Offers.Remaining++
	}
}

// CohortSummary is a cohort as the cohort list shows it.
type CohortSummary struct {
	Cohort
	Hires, Behind int
	Progress      float64 // of milestones, across hires still in training
	PhaseName     string  // today's phase, "Starts Mon 7 Dec" or "Finished"
	EndDate       Date
}

// Cohorts lists every cohort, newest first, with progress and counts behind.
func (s *Store) Cohorts() ([]CohortSummary, error) { return s.CohortsSince(Date{}) }

// CohortsSince lists the cohorts still in training on or after day (all
// when day is zero), newest first: years of finished cohorts cost a list
// their boards to sum up, and a trainer looks at the recent ones.
func (s *Store) CohortsSince(day Date) ([]CohortSummary, error) {
	boards, err := s.boards(day)
	if err != nil {
		return nil, err
	}
	out := make([]CohortSummary, len(boards))
	for i, b := range boards {
		out[i] = b.summary(s.Today())
	}
	return out, nil
}

// CountCohorts counts every cohort.
func (s *Store) CountCohorts() (int, error) {
	var n int64
	if err := s.db.Model(&Cohort{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count cohorts: %w", err)
	}
	return int(n), nil
}

// boards builds the boards of the cohorts still in training on or after
// day (every cohort when day is zero), newest cohort first, to be summed
// up: without the detail of each tick.
func (s *Store) boards(day Date) ([]Board, error) {
	q := s.db.Model(&Cohort{}).Order("start_date DESC, id DESC")
	if !day.IsZero() {
		q = q.Where("(SELECT MAX(end_date) FROM cohort_phases p WHERE p.cohort_id = cohorts.id) >= ?", day)
	}
	var ids []uint
	if err := q.Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("list cohorts: %w", err)
	}
	out, err := s.loadBoards(ids, false)
	if err != nil {
		return nil, fmt.Errorf("load cohorts: %w", err)
	}
	return out, nil
}

// summary sums a board up for the cohort list.
func (b Board) summary(today Date) CohortSummary {
	sum := CohortSummary{Cohort: b.Cohort, Hires: len(b.Rows), Behind: b.BehindCount()}
	if n := len(b.Phases); n > 0 {
		sum.EndDate = b.Phases[n-1].EndDate
		switch {
		case b.Current >= 0:
			sum.PhaseName = b.Phases[b.Current].Name
		case today.Before(b.StartDate):
			sum.PhaseName = "Starts " + b.StartDate.Time().Format("Mon 2 Jan")
		case !sum.EndDate.Before(today):
			// A day between two phases (a weekend the program skips):
			// the cohort is still running, on to the next one.
			for _, p := range b.Phases {
				if today.Before(p.StartDate) {
					sum.PhaseName = p.Name
					break
				}
			}
		default:
			sum.PhaseName = "Finished"
		}
	}
	total, n := 0.0, 0
	for _, r := range b.Rows {
		if r.Status.inTraining() || r.Status == HireGraduated {
			total += r.Progress()
			n++
		}
	}
	if n > 0 {
		sum.Progress = total / float64(n)
	}
	return sum
}

// CohortByName finds a cohort by its name, ignoring case.
func (s *Store) CohortByName(name string) (Cohort, error) {
	var c Cohort
	err := s.db.Where(s.d.nocase("name")+" = "+s.d.nocase("?"), name).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		names, lerr := s.CohortNames()
		switch {
		case lerr != nil:
			return c, fmt.Errorf("no cohort is called %q", name)
		case len(names) == 0:
			return c, fmt.Errorf("no cohort is called %q; there are no cohorts yet", name)
		}
		return c, fmt.Errorf("no cohort is called %q; the cohorts are: %s", name, quotedList(names))
	}
	return c, err
}

// HireCohorts lists the cohorts a person is or was in, for their page.
func (s *Store) HireCohorts(personID uint) ([]Cohort, error) {
	var cs []Cohort
	err := s.db.Joins("JOIN cohort_hires h ON h.cohort_id = cohorts.id").Where("h.person_id = ?", personID).
		Order("cohorts.start_date DESC").Find(&cs).Error
	if err != nil {
		return nil, fmt.Errorf("cohorts of person %d: %w", personID, err)
	}
	return cs, nil
}
