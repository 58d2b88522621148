package model

import "testing"

func TestParseSpan(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		bad  bool
	}{
		{in: "45", want: 45},
		{in: "45 min", want: 45},
		{in: "3 h", want: 180},
		{in: "3h", want: 180},
		{in: "1 d", want: 1440},
		{in: "2 days", want: 2880},
		{in: "1 h 30 min", want: 90},
		{in: "1h30m", want: 90},
		{in: "1.5 h", want: 90},
		{in: "1,5 h", want: 90},
		{in: " 1 D ", want: 1440},
		{in: "30 d", want: MaxSpanMinutes},
		{in: "31 d", bad: true},
		{in: "", bad: true},
		{in: "soon", bad: true},
		{in: "3 weeks", bad: true},
		{in: "-5", bad: true},
		{in: "h", bad: true},
	} {
		got, err := ParseSpan(tt.in)
		if (err != nil) != tt.bad || !tt.bad && got != tt.want {
			t.Errorf("ParseSpan(%q) = %d, %v; want %d (refused: %v)", tt.in, got, err, tt.want, tt.bad)
		}
	}
}

// A span reads back as it is written: what SpanText says, ParseSpan reads.
func TestSpanTextReadsBack(t *testing.T) {
	for min, want := range map[int]string{45: "45 min", 60: "1 h", 90: "1 h 30 min", 180: "3 h", 1440: "1 d", 1500: "1 d 1 h", 2881: "2 d 1 min", 0: "0 min"} {
		if got := SpanText(min); got != want {
			t.Errorf("SpanText(%d) = %q, want %q", min, got, want)
		}
		if back, err := ParseSpan(SpanText(min)); err != nil || back != min {
			t.Errorf("ParseSpan(SpanText(%d)) = %d, %v", min, back, err)
		}
	}
}
