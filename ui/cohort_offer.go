package ui

import "errors"

// errNotBuilt stands in while the cohort dialogs are built (this session).
var errNotBuilt = errors.New("not built yet")

// showOfferDay makes the offer to leave to a whole cohort and records each
// hire's answer.
func showOfferDay(c *cohortScreen) {
	c.sh.showError("Could not open the offer day", errNotBuilt)
}
