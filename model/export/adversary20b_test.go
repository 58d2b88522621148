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

// An answer keeps the offer it answered: Ana took 2000 USD; the offer to
// the rest was then changed to 1800 EUR. Her row, in both exports, says
// USD (the amount she was offered stays 2000 already), not "2000 EUR".
func TestAdv20bExportKeepsTheCurrencyAnAnswerWasGivenIn(t *testing.T) {
	s := storetest.New(t)
	ana := storetest.AddPerson(t, s, "Ana Hire")
	bo := storetest.AddPerson(t, s, "Bo Hire")
	c, err := s.CreateCohort(model.NewCohort{Name: "March", ProgramID: storetest.DefaultProgramID(t, s), Start: model.NewDate(2026, 3, 2), HireIDs: []uint{ana.ID, bo.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetCohortOffer(c.ID, model.NewDate(2026, 3, 9), 2000, "USD"); err != nil {
		t.Fatal(err)
	}
	b, _ := s.CohortBoard(c.ID)
	for _, r := range b.Rows {
		if r.Name == "Ana Hire" {
			if _, err := s.AnswerOffer(r.ID, model.OfferAccepted); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.SetCohortOffer(c.ID, model.NewDate(2026, 3, 10), 1800, "EUR"); err != nil {
		t.Fatal(err)
	}
	var md, csvOut bytes.Buffer
	if err := export.Cohort(s, &md, "March", export.FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "2000 EUR") {
		t.Errorf("Markdown says Ana took 2000 EUR; she was offered 2000 USD:\n%s", md.String())
	}
	if err := export.Cohort(s, &csvOut, "March", export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatal(rows, err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, r := range rows[1:] {
		if r[col["hire"]] == "Ana Hire" && (r[col["offer_amount"]] != "2000" || r[col["offer_currency"]] != "USD") {
			t.Errorf("CSV: Ana's offer %s %s, want 2000 USD", r[col["offer_amount"]], r[col["offer_currency"]])
			break
		}
	}
}
