package model_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/export"
)

func TestExportCohort(t *testing.T) {
	s := model.NewTestStore(t)
	c, _ := model.CohortFixture(t, s)
	b, _ := s.CohortBoard(c.ID)
	trainer := model.AddPerson(t, s, "Sign Off")
	if err := s.SetCompletion(b.Rows[0].ID, b.Rows[0].Phases[0].Milestones[0].ID, true, model.NewDate(2026, 3, 5), &trainer.ID, "Great questions"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := export.Cohort(s, &out, "march 2026", export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+3*13 {
		t.Fatalf("%d rows, want a header and 39", len(recs))
	}
	first := strings.Join(recs[1], "|")
	if first != "March 2026|Ana Hire||On track|Onboarding classes|Culture and core values|task|2026-03-06|yes|2026-03-05|Sign Off|no|Great questions|||||" {
		t.Errorf("first row = %s", first)
	}
	out.Reset()
	if err := export.Cohort(s, &out, "March 2026", export.FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Cohort March 2026", "Trainers: Tara Trainer", "1. **Onboarding classes** (now)", "### Cy Hire — Behind", "- [x] Onboarding classes: Culture and core values *(done 2026-03-05, signed off by Sign Off)*"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, out.String())
		}
	}
	if err := export.Cohort(s, &out, "Nope", export.FormatCSV); err == nil || !strings.Contains(err.Error(), `no cohort is called "Nope"`) {
		t.Errorf("unknown cohort: %v", err)
	}
}

func TestExportShadowing(t *testing.T) {
	s := model.NewTestStore(t)
	model.ThreeSessions(t, s)
	var out bytes.Buffer
	if err := export.Shadowing(s, &out, export.ShadowingOptions{Format: export.FormatCSV, PersonEmail: "CHEN@example.com"}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || recs[1][0] != "2026-03-02" || recs[1][4] != "chat" || recs[1][12] != "generic reply, slow update" {
		t.Errorf("csv = %v", recs)
	}
	out.Reset()
	if err := export.Shadowing(s, &out, export.ShadowingOptions{Format: export.FormatMarkdown}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Walk in the customer's shoes", "## Mon 2 Mar 2026 — Chen Wei, Chat", "Themes: generic reply, slow update",
		"**Friction and pain points**", "**Ideas**\n\n- Carry the order number with transfers"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, out.String())
		}
	}
	if err := export.Shadowing(s, &out, export.ShadowingOptions{Format: export.FormatCSV, PersonEmail: "nobody@example.com"}); err == nil {
		t.Error("unknown person should fail")
	}
}
