// Weekly hours as a localized table: runs of days with the same hours, times and zone from Intl.
import { dateTimeFormat } from '../i18n.js';
import { DAYS, parseClock, type Day, type HoursInterval } from './hours.js';

/** Monday first: the order the seed and most of the world write a week in. */
const WEEK: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface HoursRow {
  days: string;
  hours: string | undefined;
}

function dayName(day: Day, locale: string): string {
  // 2024-01-07 was a Sunday.
  const date = new Date(Date.UTC(2024, 0, 7 + DAYS.indexOf(day), 12));
  return dateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

export function clockDate(clock: string): Date {
  const minutes = parseClock(clock);
  return new Date(Date.UTC(2024, 0, 1, 0, minutes));
}

export function formatTimeRange(open: string, close: string, locale: string): string {
  const f = dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  return f.formatRange(clockDate(open), clockDate(close));
}

const tables = new WeakMap<readonly HoursInterval[], Map<string, HoursRow[]>>();

/** Rows such as "Monday – Friday | 9:00 AM – 9:00 PM"; closed days appear when `withClosed`. Memoised per data and locale. */
export function hoursTable(hours: readonly HoursInterval[], locale: string, withClosed = true): HoursRow[] {
  let byLocale = tables.get(hours);
  if (!byLocale) tables.set(hours, (byLocale = new Map<string, HoursRow[]>()));
  const key = `${locale}|${withClosed}`;
  let rows = byLocale.get(key);
  if (!rows) byLocale.set(key, (rows = computeHoursTable(hours, locale, withClosed)));
  return rows;
}

function computeHoursTable(hours: readonly HoursInterval[], locale: string, withClosed: boolean): HoursRow[] {
  const key = (day: Day) =>
    hours
      .filter((h) => h.days.includes(day))
      .map((h) => `${h.open}-${h.close}`)
      .join(',');
  const rows: HoursRow[] = [];
  let start = 0;
  while (start < WEEK.length) {
    let end = start;
    while (end + 1 < WEEK.length && key(WEEK[end + 1]!) === key(WEEK[start]!)) end++;
    const k = key(WEEK[start]!);
    const first = dayName(WEEK[start]!, locale);
    const days = end === start ? first : `${first} – ${dayName(WEEK[end]!, locale)}`;
    const intervals = hours.filter((h) => h.days.includes(WEEK[start]!));
    if (k !== '') rows.push({ days, hours: intervals.map((h) => formatTimeRange(h.open, h.close, locale)).join(', ') });
    else if (withClosed) rows.push({ days, hours: undefined });
    start = end + 1;
  }
  return rows;
}

/** "Eastern Time", "heure de l’Est": the zone's generic name, right in summer and winter alike. */
const zoneNames = new Map<string, string>();

export function zoneName(timeZone: string, locale: string): string {
  const key = `${timeZone}|${locale}`;
  let known = zoneNames.get(key);
  if (known === undefined) zoneNames.set(key, (known = computeZoneName(timeZone, locale)));
  return known;
}

function computeZoneName(timeZone: string, locale: string): string {
  const name = (date: number, style: 'long' | 'longGeneric') =>
    dateTimeFormat(locale, { timeZone, timeZoneName: style })
      .formatToParts(new Date(date))
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  // ICU sometimes answers a generic request with the standard-time name on the date asked about
  // ("Central European Standard Time" in January): take the date where generic and specific differ.
  const dates = [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)];
  const generic = dates.find((d) => name(d, 'longGeneric') !== name(d, 'long'));
  return name(generic ?? dates[0]!, 'longGeneric');
}
