// A phone line as the header, the contact page and the directory show it: number, tel: link, hours, zone.
import { displayNumber, telHref, type ContactLine } from './contacts.js';
import type { TFunction } from 'i18next';
import { hoursTable, zoneLabel, type HoursRow } from './hours-format.js';
import { DAYS, hoursInZone, type HoursInterval } from './hours.js';

export interface PhoneModel {
  id: string;
  number: string;
  vanity?: string;
  tel: string;
  telWithOption?: string;
  option?: number;
  hours: HoursRow[];
  zone: string;
  /** The same hours on the clock of the region whose page shows the line, where that clock differs from the line's this week. */
  localHours?: { zone: string; rows: HoursRow[] };
  /** Not the region's own line: a fallback US line, shown as such. */
  foreign: boolean;
  /** Can be dialled from the region whose page shows it. */
  dialable: boolean;
  /**
   * The weekly hours as data for the browser (`{"z":zone,"h":[[[1,…,5],"09:00","21:00"],…]}`, days 0 = Sunday):
   * pages shared by every visitor and every minute (the header's Support menu) work out open-now there.
   */
  schedule: string;
}

const schedules = new WeakMap<readonly HoursInterval[], string>();

function schedule(line: ContactLine): string {
  let known = schedules.get(line.hours);
  if (known === undefined) {
    const h = line.hours.map((i) => [i.days.map((d) => DAYS.indexOf(d)), i.open, i.close]);
    schedules.set(line.hours, (known = JSON.stringify({ z: line.timeZone, h })));
  }
  return known;
}

/** Where the page's region keeps its clock, and when the page is rendered: for the line's hours on that clock too. */
export interface LocalClock {
  timeZone: string;
  country: string;
  instant: Date;
}

export function phoneModel(t: TFunction, line: ContactLine, cc: string, locale: string, foreign: boolean, here?: LocalClock): PhoneModel {
  const local = here && hoursInZone(line.hours, line.timeZone, here.timeZone, here.instant);
  return {
    id: line.id,
    number: displayNumber(line, foreign ? '' : cc),
    vanity: !foreign && line.country.toLowerCase() === cc ? line.vanity : undefined,
    tel: telHref(line),
    telWithOption: line.option === undefined ? undefined : telHref(line, line.option),
    option: line.option,
    hours: hoursTable(line.hours, locale),
    zone: zoneLabel(t, line.timeZone, line.country, locale),
    localHours: local && here && { zone: zoneLabel(t, here.timeZone, here.country, locale), rows: hoursTable(local, locale) },
    foreign,
    dialable: line.dialableFrom.includes(cc),
    schedule: schedule(line),
  };
}
