package ui

import (
	"fyne.io/fyne/v2"

	"solemate/model"
)

// NotifyDue sends a desktop notification for what is due today (the model
// says what), when notifications are switched on in settings: about day,
// or about today loaded afresh from store when day is nil.
func NotifyDue(store *model.Store, day *model.TodayView) {
	if !prefs().BoolWithFallback(prefNotifications, true) {
		return
	}
	if day == nil {
		v, err := store.TodayView(weekStart())
		if err != nil {
			return
		}
		day = &v
	}
	if text := day.NotificationText(); text != "" {
		fyne.CurrentApp().SendNotification(fyne.NewNotification("Solemate", text))
	}
}
