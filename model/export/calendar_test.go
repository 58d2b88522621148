package export

import (
	"testing"

	"solemate/model"
)

func TestRRule(t *testing.T) {
	tests := []struct {
		c    model.Cadence
		day  int
		want string
	}{
		{model.CadenceWeekly, 3, "FREQ=WEEKLY"},
		{model.CadenceBiweekly, 3, "FREQ=WEEKLY;INTERVAL=2"},
		{model.CadenceMonthly, 15, "FREQ=MONTHLY;BYMONTHDAY=15"},
		{model.CadenceMonthly, 30, "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"},
		{model.CadenceMonthly, 31, "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"},
	}
	for _, tt := range tests {
		if got := rrule(tt.c, tt.day); got != tt.want {
			t.Errorf("rrule(%s, %d) = %s, want %s", tt.c, tt.day, got, tt.want)
		}
	}
}
