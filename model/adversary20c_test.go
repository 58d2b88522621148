package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Words strconv.ParseFloat reads as numbers are not lengths of time: "nan"
// passed ParseSpan (NaN is not < 0 and not > the bound) and came back as
// whatever int(NaN) is on the machine.
func TestAdv20cParseSpanRefusesNonNumbers(t *testing.T) {
	for _, s := range []string{"nan", "NaN h", "1 nan", "nan min", "inf", "infinity", "-inf"} {
		if n, err := ParseSpan(s); err == nil {
			t.Errorf("ParseSpan(%q) = %d, want an error", s, n)
		}
	}
}

// "1,000 min" is a thousand minutes to anyone who writes thousands with a
// comma; reading it as 1.000 (one minute) is silently wrong. Refusing it is
// fine, one minute is not.
func TestAdv20cParseSpanThousandsCommaNotOneMinute(t *testing.T) {
	for _, s := range []string{"1,000 min", "1,500"} {
		if n, err := ParseSpan(s); err == nil && n < 100 {
			t.Errorf("ParseSpan(%q) = %d minutes, want 1000/1500 or an error", s, n)
		}
	}
}

// A pasted megabyte should be refused in plain words, not echoed back whole
// in the error shown under the field.
func TestAdv20cParseSpanErrorDoesNotEchoHugeInput(t *testing.T) {
	for _, s := range []string{strings.Repeat("1 ", 1<<19), strings.Repeat("x", 1<<20)} {
		_, err := ParseSpan(s)
		if err == nil {
			t.Fatalf("a megabyte was accepted")
		}
		if len(err.Error()) > 200 {
			t.Errorf("error message is %d characters long", len(err.Error()))
		}
	}
}

// The rest of the hostile list is refused or read right (checked, passing).
func TestAdv20cParseSpanOddInputs(t *testing.T) {
	bad := []string{"1e309 d", "9999999999999999999", "0x10", "1_000", "½ h", "٣ h", "3 h h", "- 5", "-0", "-0.0 h", "h", "1e3"}
	for _, s := range bad {
		if n, err := ParseSpan(s); err == nil {
			t.Errorf("ParseSpan(%q) = %d, want an error", s, n)
		}
	}
	good := map[string]int{"1.4999999 min": 1, "1.5 min": 2, "30 d": MaxSpanMinutes, "1h30min": 90, "0": 0}
	for s, want := range good {
		if n, err := ParseSpan(s); err != nil || n != want {
			t.Errorf("ParseSpan(%q) = %d, %v; want %d", s, n, err, want)
		}
	}
}

// A past one-on-one reads as it did then: a hire who has since graduated
// was in training when it was held, and its suggestions should still say
// so (trainingOn filters on today's hire status, not the status then).
func TestAdv20cPastMeetingKeepsTrainingReasonAfterGraduation(t *testing.T) {
	s := newTestStore(t)
	_, hires := cohortFixture(t, s) // started Mon 2 Mar
	held := time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return held }
	m := mustStart(t, s, hires[0].ID, held)
	reasons := func() string {
		t.Helper()
		sg, err := s.Suggest(hires[0].ID, m.ID, 3)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range sg {
			out = append(out, fmt.Sprintf("%s:%d:%s", x.Rule, x.Prompt.ID, x.Reason))
		}
		return strings.Join(out, " | ")
	}
	then := reasons()
	if !strings.Contains(then, "In training with") {
		t.Fatalf("during training: %s", then)
	}
	// Months later, whatever today is, the same meeting shows the same.
	s.Now = func() time.Time { return held.AddDate(0, 3, 2) }
	if now := reasons(); now != then {
		t.Errorf("later today changed a past meeting's suggestions:\n then %s\n now  %s", then, now)
	}
	if err := s.db.Exec("UPDATE cohort_hires SET status = ? WHERE person_id = ?", HireGraduated, hires[0].ID).Error; err != nil {
		t.Fatal(err)
	}
	if now := reasons(); now != then {
		t.Errorf("graduating changed a past meeting's suggestions:\n then %s\n now  %s", then, now)
	}
}

// A hire in two cohorts at once (if the store allows it) is suggested for
// without error, and by the cohort they joined last. Checked: passes.
func TestAdv20cHireInTwoCohorts(t *testing.T) {
	s := newTestStore(t)
	_, hires := cohortFixture(t, s)
	second, err := s.CreateCohort(NewCohort{Name: "April 2026", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 4, 6),
		TrainerIDs: []uint{hires[1].ID}, HireIDs: []uint{hires[0].ID}})
	if err != nil {
		t.Skipf("a hire cannot join a second cohort: %v", err)
	}
	s.Now = func() time.Time { return time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC) }
	sg, err := s.Suggest(hires[0].ID, 0, 3)
	if err != nil || len(sg) == 0 || !strings.Contains(sg[0].Reason, second.Name) {
		t.Errorf("in two cohorts: %+v, %v", sg, err)
	}
}
