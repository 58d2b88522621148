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

func (s *shell) goTo(i int) { s.show(i) }

func (s *shell) newOn(i int) {
	s.show(i)
	s.screen(i).newItem()
}

func (s *shell) openPerson(id uint) {
	s.show(screenPeople)
	s.people().openPerson(id)
}

func (s *shell) openOneOnOnes(personID uint) {
	s.show(screenOneOnOnes)
	s.oneOnOnes().openPerson(personID)
}

func (s *shell) openTeamActions() {
	s.show(screenOneOnOnes)
	s.oneOnOnes().showTeam()
}

func (s *shell) openMeeting(id uint) {
	s.show(screenOneOnOnes)
	s.oneOnOnes().openMeeting(id)
}

func (s *shell) openSession(id uint) {
	s.show(screenShadowing)
	s.shadowing().open(id)
}

func (s *shell) showSessionsOf(person string) {
	s.show(screenShadowing)
	s.shadowing().showSessionsOf(person)
}

func (s *shell) openCohort(id uint) {
	s.cohorts().choose(id) // before show, whose load opens it
	s.show(screenCohorts)
}

func (s *shell) openPrompt(id uint) {
	s.show(screenPrompts)
	s.prompts().open(id)
}
