// Weekly hours as a localized table: runs of days with the same hours, times and zone from Intl.
import type { TFunction } from 'i18next';
import { dateTimeFormat } from '../i18n.js';
import { DAYS, parseClock, wallClock, type Day, type HoursInterval } from './hours.js';

/**
 * `instant` as the wall clock of `timeZone` shows it, in `locale`: through a UTC formatter on the
 * zone's wall clock (see wallClock), so every zone shares one formatter per locale and shape.
 */
export function formatInZone(locale: string, options: Intl.DateTimeFormatOptions, instant: Date, timeZone: string): string {
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(wallClock(instant, timeZone));
}

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

/**
 * "9:00 AM – 9:00 PM": the two single times, as the open-now status writes them, joined by the language's range
 * separator. ICU's range patterns write times another way than its single times (zh: 晚上9:00 in a range, 下午9:00
 * alone; ja: 21時00分 in a range, 21:00 alone), so a language would write one time two ways on one page.
 */
export function formatTimeRange(open: string, close: string, locale: string): string {
  const f = dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  if (open === close) return f.format(clockDate(open));
  return `${f.format(clockDate(open))}${rangeSeparator(locale)}${f.format(clockDate(close))}`;
}

const separators = new Map<string, string>();

/** " – ", "至", "～", " ~ ": what the locale's range patterns put between the two ends. */
function rangeSeparator(locale: string): string {
  let known = separators.get(locale);
  if (known === undefined) separators.set(locale, (known = computeSeparator(locale)));
  return known;
}

function computeSeparator(locale: string): string {
  const middle = (parts: Intl.DateTimeRangeFormatPart[]) => {
    const first = parts.findIndex((p) => p.source === 'endRange');
    const last = parts.map((p) => p.source).lastIndexOf('startRange');
    const outside = parts.filter((p, i) => p.source === 'shared' && (i < last || i > first));
    return {
      text: parts
        .slice(last + 1, first)
        .map((p) => p.value)
        .join(''),
      clean: outside.length === 0 && last < first,
    };
  };
  // Times that share nothing (hour, minute, day period) leave only the separator shared, unless the pattern has a
  // shared suffix (ja 分, de Uhr); then a range of dates that share nothing gives it.
  const times = middle(
    dateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).formatRangeToParts(
      new Date(Date.UTC(2024, 0, 1, 9, 1)),
      new Date(Date.UTC(2024, 0, 1, 21, 2)),
    ),
  );
  if (times.clean && times.text !== '') return times.text;
  const dates = middle(
    dateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).formatRangeToParts(
      new Date(Date.UTC(2024, 0, 1)),
      new Date(Date.UTC(2025, 1, 2)),
    ),
  );
  return dates.clean && dates.text !== '' ? dates.text : ' – ';
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

const countryNames = new Map<string, string>();

/** "Hong Kong SAR China" (long), "Hong Kong" (short): the short form is the long one where CLDR has none. */
function countryName(country: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const key = `${country}|${locale}|${style}`;
  let known = countryNames.get(key);
  if (known === undefined) {
    known = new Intl.DisplayNames([locale, 'en'], { type: 'region', style, fallback: 'code' }).of(country) ?? country;
    countryNames.set(key, known);
  }
  return known;
}

/**
 * The zone named so that nobody misreads it in any language: the zone's generic name with its country
 * ("Eastern Time, United States", "hora oriental, Estados Unidos", "アメリカ合衆国・東部時間"), the country left out
 * where the zone's name already carries it ("Japan Standard Time"), by its long name or its short one: "香港標準時間"
 * names Hong Kong, whose long name "中國香港特別行政區" it does not contain. `country` is where the zone lies (ISO 3166, any case).
 */
export function zoneLabel(t: TFunction, timeZone: string, country: string, locale: string): string {
  const zone = zoneName(timeZone, locale);
  const name = countryName(country.toUpperCase(), locale);
  if (zone.includes(name) || zone.includes(countryName(country.toUpperCase(), locale, 'short'))) return zone;
  return t('support:zoneOf', { zone, country: name });
}
