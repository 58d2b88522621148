package model

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrNotFound is returned when a record asked for by ID does not exist.
var ErrNotFound = errors.New("not found")

// ErrOnServer means a file operation (copy, backup, restore) was asked of a
// database on a server, which its administrator backs up with pg_dump.
var ErrOnServer = errors.New("this database is on a PostgreSQL server: it is backed up on the server (pg_dump), not copied by Solemate")

// FieldError says what is wrong with one field, in words a user can act on.
type FieldError struct {
	Field   string // the field's key, e.g. "email"
	Message string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError holds every problem found in one record, so a form can mark
// all of its fields at once instead of one per save attempt.
type ValidationError struct {
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "; ")
}

// For returns the message for field, or "" when the field is fine.
func (e *ValidationError) For(field string) string {
	for _, p := range e.Problems {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

func (e *ValidationError) add(field, format string, args ...any) {
	e.Problems = append(e.Problems, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// The joiners some scripts and emoji need between letters; every other
// format character (zero-width space, bidi overrides and isolates) only
// makes one name look like another, or like its own reverse.
const zwnj, zwj = '\u200c', '\u200d'

// Invisible reports whether r is such a format character: one the store
// refuses in a one-line field, and the exports do not write.
func Invisible(r rune) bool { return unicode.Is(unicode.Cf, r) && r != zwnj && r != zwj }

// textProblem says what in s cannot be kept, or "": text that is not UTF-8,
// or a control character, which no one sees on screen or finds by search and
// which exports write raw. A one-line field refuses line breaks, tabs and
// invisible format characters too; text of several lines keeps the first
// two (and Windows line ends).
func textProblem(s string, lines bool) string {
	if !utf8.ValidString(s) {
		return "is not UTF-8 text"
	}
	for i, r := range s {
		lineBreak := r == '\n' || r == '\u2028' || r == '\u2029'
		crlf := r == '\r' && strings.HasPrefix(s[i+1:], "\n")
		switch {
		case lines && (lineBreak || crlf || r == '\t'):
		case !lines && (lineBreak || r == '\r'):
			return "holds a line break; keep it on one line"
		case !lines && r == '\t':
			return "holds a tab; use spaces"
		case unicode.IsControl(r):
			return fmt.Sprintf("holds a control character (%U), which cannot be seen; remove it", r)
		case !lines && Invisible(r):
			return fmt.Sprintf("holds an invisible character (%U), which makes it look like something else; remove it", r)
		}
	}
	return ""
}

// checkText adds a problem when text is not fit to keep (see textProblem)
// and reports whether it was.
func (v *ValidationError) checkText(field, name, text string, lines bool) bool {
	if p := textProblem(text, lines); p != "" {
		v.add(field, "the %s %s", name, p)
		return false
	}
	return true
}

// orNil keeps callers from returning a non-nil error interface holding no problems.
func (e *ValidationError) orNil() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// IsValidation reports whether err holds a *ValidationError.
func IsValidation(err error) bool {
	var v *ValidationError
	return errors.As(err, &v)
}

// SchemaTooNewError means the database was written by a newer Solemate.
type SchemaTooNewError struct {
	Found, Supported int
}

func (e *SchemaTooNewError) Error() string {
	return fmt.Sprintf("this database was created by a newer version of Solemate (schema %d; this version reads up to %d); it was left untouched — please update Solemate", e.Found, e.Supported)
}
