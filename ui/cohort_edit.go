package ui

// showEditCohort lets a trainer change a cohort that has started.
func showEditCohort(c *cohortScreen) {
	c.sh.showError("Could not edit the cohort", errNotBuilt)
}
