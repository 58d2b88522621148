package model

import (
	"strings"
	"testing"
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
