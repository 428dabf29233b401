// A phone line as the header, the contact page and the directory show it: number, tel: link, hours, zone.
import { displayNumber, telHref, type ContactLine } from './contacts.js';
import { hoursTable, zoneName, type HoursRow } from './hours-format.js';

export interface PhoneModel {
  id: string;
  number: string;
  vanity?: string;
  tel: string;
  telWithOption?: string;
  option?: number;
  hours: HoursRow[];
  zone: string;
  global: boolean;
}

export function phoneModel(line: ContactLine, cc: string, locale: string, global: boolean): PhoneModel {
  return {
    id: line.id,
    number: displayNumber(line, global ? '' : cc),
    vanity: !global && line.country.toLowerCase() === cc ? line.vanity : undefined,
    tel: telHref(line),
    telWithOption: line.option === undefined ? undefined : telHref(line, line.option),
    option: line.option,
    hours: hoursTable(line.hours, locale),
    zone: zoneName(line.timeZone, locale),
    global,
  };
}
