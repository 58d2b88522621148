// Package localeenv keeps Fyne from logging "Error parsing user locale C"
// when the locale is the C locale with a codeset, as C.UTF-8 (many
// containers and minimal systems set it). Fyne's lang package reads the
// locale in its package init, through go-locale, which knows bare "C" and
// "POSIX" but turns "C.UTF-8" into the tag "C", which does not parse.
//
// The fix has to run before that init, so it is a package init itself, and
// it imports nothing but os: packages are initialised in import-path order
// among those whose imports are done, and fyne.io/fyne/v2/lang needs
// strings, which sorts after solemate/... and waits for this package.
// A test runs the built binary under each such locale.
package localeenv

import "os"

func init() {
	// go-locale takes the first of these that is set, as gettext does.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			if isCWithCodeset(v) && os.Getenv("LANGUAGE") == "" {
				// LANGUAGE is read only for messages (gettext's, and
				// go-locale's before the codeset), never for character
				// types: the C locale's messages are English anyway.
				os.Setenv("LANGUAGE", "en")
			}
			return
		}
	}
}

// isCWithCodeset reports whether locale is C or POSIX followed by a
// codeset or modifier ("C.UTF-8", "POSIX@euro"); bare "C" and "POSIX"
// go-locale handles itself.
func isCWithCodeset(locale string) bool {
	for _, base := range []string{"C", "POSIX"} {
		if len(locale) > len(base) && locale[:len(base)] == base && (locale[len(base)] == '.' || locale[len(base)] == '@') {
			return true
		}
	}
	return false
}
