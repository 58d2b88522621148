package ui

// navigator is how a screen opens another and what to show there. Screens
// ask the navigator, never set another screen's fields, so each screen's
// state has one owner.
type navigator interface {
	// goTo shows a screen (screenPeople, …) as it is.
	goTo(screen int)
	// newOn shows a screen and starts a new item there.
	newOn(screen int)
	// openPerson shows a person's form on People.
	openPerson(id uint)
	// openOneOnOnes shows a person's page on One-on-ones.
	openOneOnOnes(personID uint)
	// openTeamActions shows the team's open actions on One-on-ones.
	openTeamActions()
	// openMeeting opens a one-on-one in the editor.
	openMeeting(id uint)
	// openSession opens a shadowing session.
	openSession(id uint)
	// showSessionsOf lists the shadowing sessions of the person named.
	showSessionsOf(person string)
	// openCohort shows a cohort's board.
	openCohort(id uint)
	// openPrompt opens a prompt in the library.
	openPrompt(id uint)
}

// The shell is the navigator: it switches screens, then asks the screen
// shown to open what was asked for.

// showing shows screen i and returns it.
func showing[T screen](s *shell, i int) T {
	s.show(i)
	return s.screen(i).(T)
}

func (s *shell) goTo(i int)         { s.show(i) }
func (s *shell) newOn(i int)        { showing[screen](s, i).newItem() }
func (s *shell) openPerson(id uint) { showing[*peopleScreen](s, screenPeople).openPerson(id) }
func (s *shell) openOneOnOnes(personID uint) {
	showing[*oneOnOneScreen](s, screenOneOnOnes).openPerson(personID)
}
func (s *shell) openTeamActions()    { showing[*oneOnOneScreen](s, screenOneOnOnes).showTeam() }
func (s *shell) openMeeting(id uint) { showing[*oneOnOneScreen](s, screenOneOnOnes).openMeeting(id) }
func (s *shell) openSession(id uint) { showing[*shadowingScreen](s, screenShadowing).open(id) }
func (s *shell) showSessionsOf(person string) {
	showing[*shadowingScreen](s, screenShadowing).showSessionsOf(person)
}
func (s *shell) openPrompt(id uint) { showing[*promptsScreen](s, screenPrompts).open(id) }

func (s *shell) openCohort(id uint) {
	s.cohorts().choose(id) // before show, whose load opens it
	s.show(screenCohorts)
}

// openChecklist opens a cohort's board and a hire's checklist over it.
func (s *shell) openChecklist(cohortID, hireID uint) {
	c := s.cohorts()
	s.openCohort(cohortID)
	c.openThen(cohortID, func() { showChecklist(c, hireID) })
}
