package model

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2024-02-29", "2024-02-29", false},
		{" 2025-12-31 ", "2025-12-31", false},
		{"", "", false},
		{"2023-02-29", "", true},
		{"2024-13-01", "", true},
		{"31/12/2025", "", true},
		{"2025-1-5", "", true},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) err = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, d, tt.want)
		}
	}
}

func TestDateScan(t *testing.T) {
	want := NewDate(2025, time.June, 1)
	for _, src := range []any{"2025-06-01", []byte("2025-06-01"), "2025-06-01T00:00:00Z", time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)} {
		var d Date
		if err := d.Scan(src); err != nil || d != want {
			t.Errorf("Scan(%#v) = %v, %v; want %v", src, d, err, want)
		}
	}
	var d Date
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Errorf("Scan(nil) = %v, %v; want zero", d, err)
	}
	if err := d.Scan(42); err == nil {
		t.Error("Scan(42) should fail")
	}
}

func TestDateDaysUntilAcrossMonthEnd(t *testing.T) {
	a, b := NewDate(2025, time.January, 30), NewDate(2025, time.March, 2)
	if got := a.DaysUntil(b); got != 31 {
		t.Errorf("DaysUntil = %d, want 31", got)
	}
	if got := a.AddDays(31); got != b {
		t.Errorf("AddDays(31) = %v, want %v", got, b)
	}
}
