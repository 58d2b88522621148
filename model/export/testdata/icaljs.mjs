// Reads an iCalendar file on stdin with ical.js (Mozilla's, as Thunderbird
// and many web calendars use it) and prints each event as it understood it:
// the first few starts in UTC, the length, reminders and people.
// ICALJS names the module file; else node finds "ical.js" itself.
import { readFileSync } from 'node:fs';

const ICAL = (await import(process.env.ICALJS || 'ical.js')).default;
const cal = new ICAL.Component(ICAL.parse(readFileSync(0, 'utf8')));
for (const tz of cal.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(tz);
}
const events = cal.getAllSubcomponents('vevent').map((v) => {
  const e = new ICAL.Event(v);
  const it = e.iterator();
  const starts = [];
  for (let n = it.next(); n && starts.length < 12; n = it.next()) {
    starts.push(new Date(n.toUnixTime() * 1000).toISOString());
  }
  return {
    summary: e.summary,
    zone: e.startDate.zone ? e.startDate.zone.tzid : '',
    starts,
    seconds: e.duration.toSeconds(),
    alarms: v.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('action') + ' ' + a.getFirstPropertyValue('trigger').toString()),
    organizer: e.organizer || '',
    attendees: e.attendees.map((a) => a.getFirstValue()),
  };
});
process.stdout.write(JSON.stringify(events));
