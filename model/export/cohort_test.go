package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/storetest"
)

// The offer made for the cohort goes into both exports with its currency;
// the CSV carries each hire's offer, answer and trainer notes too.
func TestCohortExportKeepsTheOffer(t *testing.T) {
	s := storetest.New(t)
	ana := storetest.AddPerson(t, s, "Ana Hire")
	c, err := s.CreateCohort(model.NewCohort{Name: "March", ProgramID: storetest.DefaultProgramID(t, s), Start: model.NewDate(2026, 3, 2), HireIDs: []uint{ana.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetCohortOffer(c.ID, model.NewDate(2026, 3, 9), 2000, "EUR"); err != nil {
		t.Fatal(err)
	}
	b, _ := s.CohortBoard(c.ID)
	if _, err := s.AnswerOffer(b.Rows[0].ID, model.OfferDeclined); err != nil {
		t.Fatal(err)
	}
	b, _ = s.CohortBoard(c.ID)
	h := b.Rows[0].Hire
	h.Notes = "=HYPERLINK(1)"
	if err := s.SaveHire(&h); err != nil {
		t.Fatal(err)
	}
	var md, csvOut bytes.Buffer
	if err := export.Cohort(s, &md, "March", export.FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Offer to leave (made 9 Mar 2026: 2000 EUR)", "Offer to leave: declined on 2026-03-09 (2000 EUR)."} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
	if err := export.Cohort(s, &csvOut, "March", export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatal(rows, err)
	}
	got := map[string]string{}
	for i, col := range rows[0] {
		got[col] = rows[1][i]
	}
	if got["offered_on"] != "2026-03-09" || got["offer_amount"] != "2000" || got["offer_currency"] != "EUR" || got["offer_answer"] != "declined" ||
		got["trainer_notes"] != "'=HYPERLINK(1)" {
		t.Errorf("CSV offer columns: %v", got)
	}
}
