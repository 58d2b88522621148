package model

// Package model's test fixtures, for its external tests (package model_test
// in this same test binary), which may import the packages built on model
// such as model/export.
var (
	NewTestStore  = newTestStore
	AddPerson     = addPerson
	CohortFixture = cohortFixture
	ThreeSessions = threeSessions
)
