// A phone line as the header, the contact page and the directory show it: number, tel: link, hours, zone.
import { displayNumber, telHref, type ContactLine } from './contacts.js';
import type { TFunction } from 'i18next';
import { hoursTable, zoneLabel, type HoursRow } from './hours-format.js';

export interface PhoneModel {
  id: string;
  number: string;
  vanity?: string;
  tel: string;
  telWithOption?: string;
  option?: number;
  hours: HoursRow[];
  zone: string;
  /** Not the region's own line: a fallback US line, shown as such. */
  foreign: boolean;
  /** Can be dialled from the region whose page shows it. */
  dialable: boolean;
}

export function phoneModel(t: TFunction, line: ContactLine, cc: string, locale: string, foreign: boolean): PhoneModel {
  return {
    id: line.id,
    number: displayNumber(line, foreign ? '' : cc),
    vanity: !foreign && line.country.toLowerCase() === cc ? line.vanity : undefined,
    tel: telHref(line),
    telWithOption: line.option === undefined ? undefined : telHref(line, line.option),
    option: line.option,
    hours: hoursTable(line.hours, locale),
    zone: zoneLabel(t, line.timeZone, line.country, locale),
    foreign,
    dialable: line.dialableFrom.includes(cc),
  };
}
