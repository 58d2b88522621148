package model

import "testing"

func TestEnumLabels(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{MeetingSettingDesk.Label(), "At the desk"},
		{MeetingSetting("boat").Label(), "Other"},
		{Cadence("").Label(), "Weekly"},
		{Role("coach").Label(), "coach"},
		{Fit("later").Label(), "later"},
		{SearchKind(9).Label(), "Prompts"},
		{HireStatus("").Label(), "In training"},
	} {
		if c.got != c.want {
			t.Errorf("label %q, want %q", c.got, c.want)
		}
	}
	if got := Channels(); len(got) != 7 || got[0] != ChannelPhone || got[6] != ChannelOther {
		t.Errorf("Channels() = %v", got)
	}
	Headings()[0] = HeadingPulse // a caller's copy: the table stays as it was
	if Headings()[0] != HeadingProgress {
		t.Error("changing Headings()' slice changed the enum")
	}
	for _, s := range []string{"Every 2 weeks", " BIWEEKLY "} {
		if c, err := ParseCadence(s); err != nil || c != CadenceBiweekly {
			t.Errorf("ParseCadence(%q) = %q, %v", s, c, err)
		}
	}
	if _, err := ParseStatus("gone"); err == nil {
		t.Error(`ParseStatus("gone") accepted`)
	}
}
