// Contact lines: schema and validation at start-up, which lines a region sees, and how a number is written.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { isTimeZone } from '../regions/registry.js';
import { DAYS, type HoursInterval } from './hours.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time is HH:MM');

const contactLineSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id is a lower-case slug'),
  number: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'number must be E.164')
    .refine((n) => parsePhoneNumberFromString(n)?.isValid() === true, 'number is not a valid phone number'),
  vanity: z.string().optional(),
  option: z.number().int().min(0).max(9).optional(),
  timeZone: z.string().refine(isTimeZone, 'timeZone must be an IANA time zone'),
  hours: z
    .array(
      z
        .object({ days: z.array(z.enum(DAYS)).min(1), open: clock, close: clock })
        .refine((h) => h.open < h.close, 'a line closes after it opens'),
    )
    .min(1),
  /** The regions the line serves (JSON-LD `areaServed`): their sites show it as their own line. */
  regions: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  /** Where the number can be dialled from; at least the regions it serves. */
  dialableFrom: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  /**
   * Shown, in international format and labelled as US lines toll-free from the US and Canada, to every region
   * without lines of its own. Only US lines dialable from exactly the US and Canada may be fallback lines: that is
   * what the pages say of them.
   */
  fallback: z.boolean().default(false),
});

export type ContactLineInput = z.input<typeof contactLineSchema>;

export interface ContactLine {
  readonly id: string;
  readonly number: string;
  readonly vanity?: string;
  readonly option?: number;
  readonly timeZone: string;
  readonly hours: readonly HoursInterval[];
  readonly regions: readonly string[];
  readonly dialableFrom: readonly string[];
  readonly fallback: boolean;
  /** The country the number belongs to, upper case (`US`). */
  readonly country: string;
}

export interface ContactBook {
  readonly lines: readonly ContactLine[];
  /** The lines a region shows: its own, or the fallback (US) lines, `foreign`, when it has none. */
  linesFor(cc: string): { lines: readonly ContactLine[]; foreign: boolean };
  /** Every region with lines of its own. */
  regionsWithLines(): readonly string[];
}

export class ContactDataError extends Error {}

export function buildContactBook(
  data: readonly unknown[],
  knownRegion: (cc: string) => boolean,
  source = 'src/support/contact-data.ts',
): ContactBook {
  const lines: ContactLine[] = [];
  data.forEach((entry, index) => {
    const parsed = contactLineSchema.safeParse(entry);
    const name = (entry as { id?: unknown })?.id;
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
      throw new ContactDataError(`${source}: line #${index} (${String(name)}) is invalid: ${detail}`);
    }
    const line = parsed.data;
    const phone = parsePhoneNumberFromString(line.number)!;
    const country = phone.country ?? '';
    for (const cc of line.dialableFrom) {
      if (!knownRegion(cc)) throw new ContactDataError(`${source}: line "${line.id}" is dialable from unknown region "${cc}"`);
    }
    // A toll-free number is reached from its own numbering plan only: NANP toll-free (+1 8xx) from the US and Canada.
    const tollFreeFrom = phone.countryCallingCode === '1' ? ['us', 'ca'] : [country.toLowerCase()];
    if (phone.getType() === 'TOLL_FREE' && line.dialableFrom.some((cc) => !tollFreeFrom.includes(cc))) {
      throw new ContactDataError(
        `${source}: line "${line.id}" is toll-free; it can be dialled only from ${tollFreeFrom.join(', ')}, not from ${line.dialableFrom.join(', ')}`,
      );
    }
    if (line.fallback && (country !== 'US' || [...line.dialableFrom].sort().join() !== 'ca,us')) {
      throw new ContactDataError(`${source}: fallback line "${line.id}" must be a US line dialable from exactly us and ca`);
    }
    for (const cc of line.regions) {
      if (!knownRegion(cc)) throw new ContactDataError(`${source}: line "${line.id}" serves unknown region "${cc}"`);
      if (!line.dialableFrom.includes(cc)) {
        throw new ContactDataError(`${source}: line "${line.id}" serves "${cc}" but cannot be dialled from there`);
      }
      if (lines.some((l) => l.id === line.id && l.regions.includes(cc))) {
        throw new ContactDataError(`${source}: region "${cc}" has two lines with id "${line.id}"`);
      }
    }
    lines.push({ ...line, country });
  });
  const fallbackLines = lines.filter((l) => l.fallback);
  const byRegion = new Map<string, ContactLine[]>();
  for (const line of lines) {
    for (const cc of line.regions) byRegion.set(cc, [...(byRegion.get(cc) ?? []), line]);
  }
  return {
    lines,
    linesFor(cc) {
      const own = byRegion.get(cc);
      return own ? { lines: own, foreign: false } : { lines: fallbackLines, foreign: true };
    },
    regionsWithLines: () => [...byRegion.keys()].sort(),
  };
}

/** Formatted numbers: a few dozen lines × two formats, so kept (the directory formats ~800 per page). */
const formatted = new Map<string, string>();

/** The number as the region's visitors write it: national format at home, international elsewhere. */
export function displayNumber(line: Pick<ContactLine, 'number' | 'country'>, cc: string): string {
  const national = line.country.toLowerCase() === cc;
  const key = `${line.number}|${national}`;
  let text = formatted.get(key);
  if (text === undefined) {
    const parsed = parsePhoneNumberFromString(line.number)!;
    text = national ? parsed.formatNational() : parsed.formatInternational();
    // Numbers come from validated contact data, but keep the table bounded all the same.
    if (formatted.size < 10_000) formatted.set(key, text);
  }
  return text;
}

/** `tel:` URI in E.164; with the menu option appended as a pause (works on phones, outside RFC 3966). */
export function telHref(line: Pick<ContactLine, 'number'>, option?: number): string {
  return option === undefined ? `tel:${line.number}` : `tel:${line.number},${option}`;
}
