package model_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/export"
)

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
