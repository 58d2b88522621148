package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// MaxSpanMinutes bounds a response time: thirty days.
const MaxSpanMinutes = 60 * 24 * 30

// spanUnits are the units a span may be written in, by every name people
// use for them.
var spanUnits = map[string]int{
	"m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1,
	"h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60,
	"d": 60 * 24, "day": 60 * 24, "days": 60 * 24,
}

// ParseSpan reads a length of time as people write it ("45", "45 min",
// "3 h", "1 d", "1 h 30 min", "1.5 h") into whole minutes; a bare number
// is minutes.
func ParseSpan(s string) (int, error) {
	fields := splitSpan(strings.ToLower(strings.TrimSpace(s)))
	if len(fields) == 0 {
		return 0, fmt.Errorf("give a length of time, e.g. 45 min, 3 h or 1 d")
	}
	shown := Ellipsize(strings.TrimSpace(s), 40) // a pasted page is not echoed back
	total := 0.0
	for i := 0; i < len(fields); i++ {
		n, err := spanNumber(fields[i])
		if err != nil {
			return 0, fmt.Errorf("%q is not a length of time; write e.g. 45 min, 3 h or 1 d", shown)
		}
		unit := 1
		switch {
		case i+1 == len(fields):
		case spanUnits[fields[i+1]] > 0:
			unit = spanUnits[fields[i+1]]
			i++
		case isSpanNumber(fields[i+1]):
			return 0, fmt.Errorf("%q: give a unit after each number (min, h or d)", shown)
		default:
			return 0, fmt.Errorf("%q is not a unit of time; use min, h or d", Ellipsize(fields[i+1], 20))
		}
		total += n * float64(unit)
		if total > MaxSpanMinutes {
			return 0, fmt.Errorf("%q is longer than 30 days", shown)
		}
	}
	return int(total + 0.5), nil
}

// spanNumber reads a number of a span: digits with at most one decimal
// point or comma, and one or two digits after a comma ("1,000" could be a
// thousand or one).
func spanNumber(f string) (float64, error) {
	if !isSpanNumber(f) {
		return 0, fmt.Errorf("not a number")
	}
	if whole, frac, ok := strings.Cut(f, ","); ok {
		if len(frac) == 0 || len(frac) > 2 {
			return 0, fmt.Errorf("ambiguous comma")
		}
		f = whole + "." + frac
	}
	return strconv.ParseFloat(f, 64)
}

// isSpanNumber reports whether f is digits with at most one separator
// ("nan" and "inf", which ParseFloat takes, are not).
func isSpanNumber(f string) bool {
	seps, digits := 0, 0
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == ',':
			seps++
		default:
			return false
		}
	}
	return digits > 0 && seps <= 1
}

// splitSpan parts "1h30min" and "1 h 30 min" alike into numbers and units.
func splitSpan(s string) []string {
	var out []string
	start := -1
	digit := false
	for i, r := range s + " " {
		isDigit := r >= '0' && r <= '9' || r == '.' || r == ','
		switch {
		case unicode.IsSpace(r):
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		case start < 0:
			start, digit = i, isDigit
		case isDigit != digit:
			out = append(out, s[start:i])
			start, digit = i, isDigit
		}
	}
	return out
}

// SpanText writes minutes in the largest units that fit, as people say
// them: "45 min", "3 h", "1 h 30 min", "1 d", "2 d 4 h".
func SpanText(minutes int) string {
	if minutes <= 0 {
		return "0 min"
	}
	d, h, m := minutes/(60*24), minutes/60%24, minutes%60
	var parts []string
	if d > 0 {
		parts = append(parts, fmt.Sprintf("%d d", d))
	}
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	if m > 0 {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	return strings.Join(parts, " ")
}
