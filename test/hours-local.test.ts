// toLocal reads a zone's offset once per quarter hour (issue 15): it must agree with ICU at every minute, DST included.
import { describe, expect, it } from 'vitest';
import { hoursInZone, toLocal } from '../src/support/hours.js';

function icu(instant: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
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
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: p.weekday!.toLowerCase().slice(0, 3),
    minutes: Number(p.hour) * 60 + Number(p.minute),
    seconds: Number(p.second),
  };
}

describe('toLocal', () => {
  // Zones with DST on the hour, on the half hour (Lord Howe), and offsets of :30 and :45.
  const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu', 'Asia/Tokyo'];
  const windows = ['2026-03-08T00:00:00Z', '2026-03-29T00:00:00Z', '2026-04-04T12:00:00Z', '2026-10-03T12:00:00Z', '2026-11-01T00:00:00Z'];
  it('agrees with ICU minute by minute across the 2026 DST changes', () => {
    let checked = 0;
    for (const zone of zones) {
      for (const from of windows) {
        const start = Date.parse(from);
        for (let ms = start; ms < start + 24 * 3600_000; ms += 7 * 60_000 + 13_000) {
          expect(toLocal(new Date(ms), zone), `${zone} ${new Date(ms).toISOString()}`).toEqual(icu(new Date(ms), zone));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('hoursInZone', () => {
  const week = [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '21:00' },
    { days: ['sat'], open: '09:00', close: '18:00' },
  ] as const;
  const at = new Date('2026-11-25T15:00:00Z');

  it('moves a New York Monday to a Kiribati Tuesday (UTC+14), and keeps 45-minute offsets (Kathmandu)', () => {
    expect(hoursInZone(week, 'America/New_York', 'Pacific/Kiritimati', at)).toEqual([
      { days: ['sun'], open: '04:00', close: '13:00' },
      { days: ['tue', 'wed', 'thu', 'fri', 'sat'], open: '04:00', close: '16:00' },
    ]);
    const kathmandu = hoursInZone(week, 'America/New_York', 'Asia/Kathmandu', at);
    expect(kathmandu).toContainEqual({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], open: '19:45', close: '24:00' });
    expect(kathmandu).toContainEqual({ days: ['sun'], open: '00:00', close: '04:45' });
  });

  it('is undefined where both zones keep the same time all week, and the same array for the same hours', () => {
    expect(hoursInZone(week, 'America/New_York', 'America/Toronto', at)).toBeUndefined();
    expect(hoursInZone(week, 'America/New_York', 'Europe/Paris', at)).toBe(hoursInZone(week, 'America/New_York', 'Europe/Paris', at));
  });
});
