// Weekly opening hours in an IANA time zone: open-now and the next change, right across DST.
export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Day = (typeof DAYS)[number];

export interface HoursInterval {
  readonly days: readonly Day[];
  /** Local wall-clock time `HH:MM`. */
  readonly open: string;
  readonly close: string;
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  weekday: Day;
  minutes: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time of `instant` in `timeZone`, read from ICU (~10 µs a call). */
function icuLocal(instant: Date, timeZone: string): LocalDateTime & { seconds: number } {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: parts.weekday!.toLowerCase().slice(0, 3) as Day,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
}

/**
 * UTC offsets by time zone and quarter hour. Every offset in use today is a multiple of 15 minutes
 * and changes at a local :00, :15, :30 or :45, so a zone's offset is constant within a UTC quarter
 * hour. Rendering a contact page asked ICU for the local time hundreds of times (a CPU profile of
 * cache misses had toLocal at 12.5 %); one ICU call per zone and quarter hour is enough. Bounded.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/** Milliseconds to add to `ms` (UTC) to read the wall clock of `timeZone`: whole seconds, one ICU call per zone and quarter hour. */
function zoneOffset(ms: number, timeZone: string): number {
  const start = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const l = icuLocal(new Date(start), timeZone);
    offset = Date.UTC(l.year, l.month - 1, l.day, 0, l.minutes, l.seconds) - start;
    if (offsets.size >= 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * `instant` as the wall clock reads it in `timeZone`, as a UTC date: formatted with `timeZone: 'UTC'`
 * it shows the zone's local date and time. Lets a page format times of many zones with one formatter
 * per locale and shape instead of one per zone (an ICU formatter costs ~0.1–0.5 ms to build).
 */
export function wallClock(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffset(instant.getTime(), timeZone));
}

/** The wall-clock date and time of `instant` in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime & { seconds: number } {
  const d = wallClock(instant, timeZone);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: DAYS[d.getUTCDay()]!,
    minutes: d.getUTCHours() * 60 + d.getUTCMinutes(),
    seconds: d.getUTCSeconds(),
  };
}

/**
 * The instant at which the wall clock of `timeZone` shows the given date and minute of day.
 * A time skipped by a DST jump is shifted forward by the jump (02:30 → 03:30), as Temporal's 'compatible' does.
 */
export function fromLocal(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  const shows = (instant: number) => {
    const l = toLocal(new Date(instant), timeZone);
    return Date.UTC(l.year, l.month - 1, l.day, 0, l.minutes) === wall;
  };
  const candidates = [first, second].filter(shows);
  // Ambiguous (a repeated hour): the earlier instant. Skipped (a DST gap): shifted forward by the gap.
  return new Date(candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second));
}

export function parseClock(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

export interface OpenState {
  open: boolean;
  /** The next instant at which the state changes (closes if open, opens if closed), within eight days. */
  nextChange: Date | undefined;
}

/** Open or closed at `instant`, and when that changes. */
export function openState(hours: readonly HoursInterval[], timeZone: string, instant: Date): OpenState {
  const now = instant.getTime();
  const local = toLocal(instant, timeZone);
  // Build the opening intervals as instants from yesterday to eight days ahead (a weekly schedule
  // repeats within that), then look around `now`.
  const intervals: Array<[number, number]> = [];
  for (let offset = -1; offset <= 8; offset++) {
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + offset));
    const weekday = DAYS[date.getUTCDay()]!;
    for (const h of hours) {
      if (!h.days.includes(weekday)) continue;
      const y = date.getUTCFullYear();
      const mo = date.getUTCMonth() + 1;
      const d = date.getUTCDate();
      const start = fromLocal(y, mo, d, parseClock(h.open), timeZone).getTime();
      const end = fromLocal(y, mo, d, parseClock(h.close), timeZone).getTime();
      intervals.push([start, end]);
    }
  }
  intervals.sort((a, b) => a[0] - b[0]);
  const current = intervals.find(([s, e]) => s <= now && now < e);
  if (current) return { open: true, nextChange: new Date(current[1]) };
  const next = intervals.find(([s]) => s > now);
  return { open: false, nextChange: next ? new Date(next[0]) : undefined };
}

/** A page or answer showing open-now stays right for at most this long, so a changed schedule shows soon. */
export const FRESH_CAP_MS = 5 * 60_000;

/** Until when a view of these lines' open-now stays right: their next change, and at most `capMs` ahead (epoch ms). */
export function freshUntil(
  lines: readonly { hours: readonly HoursInterval[]; timeZone: string }[],
  instant: Date,
  capMs = FRESH_CAP_MS,
): number {
  const changes = lines.map((l) => openState(l.hours, l.timeZone, instant).nextChange?.getTime() ?? Infinity);
  return Math.min(instant.getTime() + capMs, ...changes);
}

/** Whole seconds from `now` to `until`, never negative: a max-age. */
export function freshSeconds(until: number, now: number): number {
  return Math.max(0, Math.floor((until - now) / 1000));
}

const DAY_MS = 86_400_000;

/** "HH:MM" of a minute of the day; 1440 is "24:00", the end of a day. */
function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The next midnight of `timeZone` after `instant` (epoch ms): when a view of "the seven days from today" there changes. */
export function nextMidnight(timeZone: string, instant: Date): number {
  const local = toLocal(instant, timeZone);
  return fromLocal(local.year, local.month, local.day + 1, 0, timeZone).getTime();
}

const converted = new WeakMap<readonly HoursInterval[], Map<string, readonly HoursInterval[]>>();

/**
 * The weekly hours of a line kept in `fromZone` as the wall clock of `toZone` shows them over the seven days from
 * `instant` (so this week's DST state of both zones), split at `toZone`'s midnights: 9:00–21:00 New York, Monday to
 * Friday, is 15:00–24:00 on Monday, 0:00–3:00 and 15:00–24:00 Tuesday to Friday and 0:00–3:00 on Saturday in Berlin.
 * Undefined when both zones keep the same time all week. The same hours give the same array (hoursTable memoises by it).
 */
export function hoursInZone(
  hours: readonly HoursInterval[],
  fromZone: string,
  toZone: string,
  instant: Date,
): readonly HoursInterval[] | undefined {
  if (fromZone === toZone) return undefined;
  const now = instant.getTime();
  // Most weeks neither zone changes its offset over the days looked at: the same shift, whatever today is.
  const shift = (ms: number) => (zoneOffset(ms, toZone) - zoneOffset(ms, fromZone)) / 60_000;
  const first = shift(now - 2 * DAY_MS);
  if (first === shift(now + 9 * DAY_MS)) {
    return first === 0 ? undefined : remember(hours, `${fromZone}|${toZone}|${first}`, () => shiftedWeek(hours, first));
  }
  const pieces = piecesAcrossChange(hours, fromZone, toZone, instant);
  return remember(hours, `${fromZone}|${toZone}|${JSON.stringify([...pieces])}`, () => grouped(pieces));
}

/** The result kept per hours (the line's data, as hoursTable keeps its rows) and key: the same shift gives one array. Bounded. */
function remember(hours: readonly HoursInterval[], key: string, compute: () => HoursInterval[]): readonly HoursInterval[] {
  let byKey = converted.get(hours);
  if (!byKey) converted.set(hours, (byKey = new Map<string, readonly HoursInterval[]>()));
  let known = byKey.get(key);
  if (!known) {
    if (byKey.size >= 1_000) byKey.clear();
    byKey.set(key, (known = compute()));
  }
  return known;
}

/** Minute ranges by weekday (DAYS index) of the week moved by `shift` minutes, cut at midnights. */
function shiftedWeek(hours: readonly HoursInterval[], shift: number): HoursInterval[] {
  const WEEK_MINUTES = 7 * 1440;
  const pieces = new Map<number, Array<[number, number]>>();
  for (const h of hours) {
    for (const d of h.days) {
      let start = DAYS.indexOf(d) * 1440 + parseClock(h.open) + shift + WEEK_MINUTES;
      const end = DAYS.indexOf(d) * 1440 + parseClock(h.close) + shift + WEEK_MINUTES;
      while (start < end) {
        const day = Math.floor(start / 1440);
        const stop = Math.min(end, (day + 1) * 1440);
        const weekday = day % 7;
        (pieces.get(weekday) ?? pieces.set(weekday, []).get(weekday)!).push([start - day * 1440, stop - day * 1440]);
        start = stop;
      }
    }
  }
  return grouped(pieces);
}

/**
 * Minute ranges by weekday (DAYS index) of the seven days from `instant` in `toZone`, from the line's opening
 * intervals as instants: exact across a change of either zone's offset within those days.
 */
function piecesAcrossChange(
  hours: readonly HoursInterval[],
  fromZone: string,
  toZone: string,
  instant: Date,
): Map<number, Array<[number, number]>> {
  // Opening intervals as instants, from two days before today to the day after the week (offsets differ by < 27 h).
  const today = toLocal(instant, fromZone);
  const byDate = new Map<string, Array<[number, number]>>();
  for (let offset = -2; offset <= 8; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const weekday = DAYS[date.getUTCDay()]!;
    for (const h of hours) {
      if (!h.days.includes(weekday)) continue;
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      let start = fromLocal(y, m, d, parseClock(h.open), fromZone).getTime();
      const end = fromLocal(y, m, d, parseClock(h.close), fromZone).getTime();
      // Cut at each midnight of `toZone`, filing each piece under the date it falls on there.
      while (start < end) {
        const local = toLocal(new Date(start), toZone);
        const midnight = fromLocal(local.year, local.month, local.day + 1, 0, toZone).getTime();
        const stop = Math.min(end, midnight);
        const key = `${local.year}-${local.month}-${local.day}`;
        const from = local.minutes;
        const to = stop === midnight ? 1440 : toLocal(new Date(stop), toZone).minutes;
        if (to > from) (byDate.get(key) ?? byDate.set(key, []).get(key)!).push([from, to]);
        start = stop;
      }
    }
  }
  // The seven dates from today in `toZone`, each under its weekday.
  const here = toLocal(instant, toZone);
  const pieces = new Map<number, Array<[number, number]>>();
  for (let offset = 0; offset < 7; offset++) {
    const date = new Date(Date.UTC(here.year, here.month - 1, here.day + offset));
    pieces.set(date.getUTCDay(), byDate.get(`${date.getUTCFullYear()}-${date.getUTCMonth() + 1}-${date.getUTCDate()}`) ?? []);
  }
  return pieces;
}

/** Each weekday's ranges merged; ranges with the same times share one interval, in the order of their times. */
function grouped(pieces: Map<number, Array<[number, number]>>): HoursInterval[] {
  const entries = new Map<string, { days: Day[]; open: string; close: string }>();
  for (let weekday = 0; weekday < 7; weekday++) {
    for (const [from, to] of merge(pieces.get(weekday) ?? [])) {
      const key = `${clockOf(from)}-${clockOf(to)}`;
      const entry = entries.get(key) ?? entries.set(key, { days: [], open: clockOf(from), close: clockOf(to) }).get(key)!;
      entry.days.push(DAYS[weekday]!);
    }
  }
  return [...entries.values()].sort((a, b) =>
    a.open !== b.open ? (a.open < b.open ? -1 : 1) : a.close < b.close ? -1 : a.close > b.close ? 1 : 0,
  );
}

/** Minute ranges of one day, sorted, with touching or overlapping ones joined. */
function merge(pieces: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...pieces].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
