package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestClockFromEnv(t *testing.T) {
	wall := time.Date(2026, 12, 5, 14, 30, 0, 0, time.UTC)
	for _, tt := range []struct{ env, want, err string }{
		{"", "", ""},
		{"2028-02-29", "2028-02-29 14:30", ""},
		{" 2027-02-06 ", "2027-02-06 14:30", ""},
		{"2027-02-29", "", "SOLEMATE_TODAY: 2027-02-29 is not a real date"},
		{"next monday", "", `SOLEMATE_TODAY: "next monday" is not a date in the form YYYY-MM-DD`},
	} {
		t.Setenv(TodayEnv, tt.env)
		clock, err := ClockFromEnv()
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %q", tt.env, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tt.env, err)
		}
		if tt.want == "" {
			continue // the wall clock itself
		}
		day, _ := ParseDate(tt.env)
		if got := ClockOn(day, func() time.Time { return wall })().Format("2006-01-02 15:04"); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.env, got, tt.want)
		}
		if got := DateOf(clock()); got != day {
			t.Errorf("%q: the clock says %s", tt.env, got)
		}
	}
	t.Setenv(TodayEnv, "someday")
	path := filepath.Join(t.TempDir(), FileName)
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), TodayEnv) {
		t.Errorf("open with a bad SOLEMATE_TODAY: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a refused open created the database")
	}
}
