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
	total := 0.0
	for i := 0; i < len(fields); i++ {
		n, err := strconv.ParseFloat(fields[i], 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a length of time; write e.g. 45 min, 3 h or 1 d", s)
		}
		unit := 1
		if i+1 < len(fields) {
			if u, ok := spanUnits[fields[i+1]]; ok {
				unit = u
				i++
			} else if _, err := strconv.ParseFloat(fields[i+1], 64); err != nil {
				return 0, fmt.Errorf("%q is not a unit of time; use min, h or d", fields[i+1])
			}
		}
		total += n * float64(unit)
	}
	if total > MaxSpanMinutes {
		return 0, fmt.Errorf("%s is longer than 30 days", s)
	}
	return int(total + 0.5), nil
}

// splitSpan parts "1h30min" and "1 h 30 min" alike into numbers and units.
func splitSpan(s string) []string {
	var out []string
	start := -1
	digit := false
	for i, r := range s + " " {
		isDigit := unicode.IsDigit(r) || r == '.' || r == ','
		switch {
		case unicode.IsSpace(r):
			if start >= 0 {
				out = append(out, strings.ReplaceAll(s[start:i], ",", "."))
				start = -1
			}
		case start < 0:
			start, digit = i, isDigit
		case isDigit != digit:
			out = append(out, strings.ReplaceAll(s[start:i], ",", "."))
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
