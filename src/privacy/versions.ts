// The statement's versions: data validated at start-up, their texts per locale, and which version the clock is in.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromLocal } from '../support/hours.js';
import { isTimeZone } from '../regions/registry.js';

/** The seed's promise: "A notice will be posted on our Web site home page for 30 days". */
export const NOTICE_DAYS = 30;

/** Where a version's text lives under locales/{locale}/ when it is not the current text (privacy.json). */
export const VERSIONS_FOLDER = 'privacy-versions';

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a calendar date YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, 'not a date of the calendar');

const versionSchema = z.strictObject({
  /** The calendar date the version takes effect, at 00:00 in the data's time zone; also its id and URL. */
  effective: calendarDate,
  /** Whether the change is material (30-day notice); null where nobody recorded it. */
  material: z.boolean().nullable(),
  /** `privacy.json`: the text is locales/{locale}/privacy.json; `folder`: locales/{locale}/privacy-versions/{effective}.json. */
  text: z.enum(['privacy.json', 'folder']),
  /** The version's section ids, in reading order. */
  sections: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a section id in kebab-case')).min(1),
});

const versionDataSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  versions: z.array(versionSchema).min(1),
});

export type VersionData = z.infer<typeof versionDataSchema>;

export interface SectionText {
  title: string;
  paragraphs: string[];
}

/** A version's text in one locale file, in the layout of privacy.json. */
interface TextFile {
  versionSummary?: string;
  intro?: string[];
  sections?: Record<string, Partial<SectionText>>;
}

export interface StatementVersion {
  /** The effective date, which is also the id in URLs (`/privacy/versions/2014-01-02`). */
  readonly id: string;
  readonly effective: string;
  readonly material: boolean | null;
  readonly sections: readonly string[];
  /** Epoch ms at which it takes effect. */
  readonly start: number;
  /** Epoch ms at which the 30-day notice of a material version ends; undefined for others. */
  readonly noticeEnds: number | undefined;
  /** Locale → the text file's contents (only locales that have one). */
  readonly files: ReadonlyMap<string, TextFile>;
}

/** A piece of a version's text and the locale it is written in (English where the visitor's has none). */
export interface Localised<T> {
  value: T;
  locale: string;
}

export interface StatementVersions {
  readonly timeZone: string;
  /** Oldest first. */
  readonly list: readonly StatementVersion[];
  byId(id: string): StatementVersion | undefined;
  /** The version in effect at `now` (the oldest when none is yet). */
  currentAt(now: number): StatementVersion;
  /**
   * What a privacy request or an e-mail sign-up made at `now` agreed to: the id of the version then in
   * effect (its effective date, `2014-01-02`; also its URL, `/{cc}/{lang}/privacy/versions/2014-01-02`).
   * The forms store it with the submission and the export shows it.
   */
  statementVersion(now: number): string;
  /** The material version whose 30-day notice runs at `now`, if any (the newest of them). */
  noticeAt(now: number): StatementVersion | undefined;
  /** Versions that take effect after `now`, soonest first. */
  upcomingAt(now: number): StatementVersion[];
  /** The next instant after `now` at which any of the above changes; Infinity when none will. */
  nextChange(now: number): number;
  /** One key of a version's text, looked up along `chain` (most specific locale first, ending with en). */
  text<K extends keyof TextFile>(version: StatementVersion, chain: readonly string[], key: K): Localised<NonNullable<TextFile[K]>>;
  section(version: StatementVersion, chain: readonly string[], id: string): Localised<SectionText>;
  /** True when some locale of `chain` before English has text of its own for this version. */
  hasOwnText(version: StatementVersion, chain: readonly string[]): boolean;
}

/** The instant a calendar date (plus `days`) begins in `timeZone`. */
export function startOfDate(date: string, timeZone: string, days = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return fromLocal(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate(), 0, timeZone).getTime();
}

function fail(where: string, message: string): never {
  throw new Error(`statement versions: ${where}: ${message}`);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(file, `not valid JSON: ${(error as Error).message}`);
  }
}

/** The text file of a version in each locale that has one. `privacyJson` reads locales/{locale}/privacy.json as loaded by i18next. */
function readTexts(
  version: VersionData['versions'][number],
  localesDir: string,
  privacyJson: (locale: string) => unknown,
  locales: readonly string[],
): Map<string, TextFile> {
  const files = new Map<string, TextFile>();
  for (const locale of locales) {
    const file = path.join(localesDir, locale, VERSIONS_FOLDER, `${version.effective}.json`);
    const where = version.text === 'privacy.json' ? path.join(localesDir, locale, 'privacy.json') : file;
    const content = version.text === 'privacy.json' ? privacyJson(locale) : fs.existsSync(file) ? readJson(file) : undefined;
    if (content === undefined) continue;
    if (typeof content !== 'object' || content === null || Array.isArray(content)) fail(where, 'not an object');
    const text = content as TextFile;
    for (const id of Object.keys(text.sections ?? {})) {
      if (!version.sections.includes(id)) fail(where, `section "${id}" is not a section of version ${version.effective}`);
    }
    files.set(locale, text);
  }
  return files;
}

/** Every published version must read completely in English: the summary, the introduction and each of its sections, nothing more. */
function checkEnglish(version: VersionData['versions'][number], text: TextFile | undefined, where: string): void {
  if (!text) fail(where, `version ${version.effective} has no English text`);
  const strings = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'string' && p.trim() !== '');
  if (typeof text.versionSummary !== 'string' || text.versionSummary.trim() === '') fail(where, 'versionSummary is missing');
  if (!strings(text.intro)) fail(where, 'intro must be a list of paragraphs');
  for (const id of version.sections) {
    const s = text.sections?.[id];
    if (!s || typeof s.title !== 'string' || s.title.trim() === '' || !strings(s.paragraphs)) {
      fail(where, `section "${id}" needs a title and paragraphs`);
    }
  }
}

/** The data checked against its schema; exactly one version is the current text (privacy.json). */
function parseVersionData(data: unknown, dataName: string): VersionData {
  const parsed = versionDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(dataName, `${issue.path.join('.')}: ${issue.message}`);
  }
  if (parsed.data.versions.filter((v) => v.text === 'privacy.json').length !== 1) {
    fail(dataName, 'exactly one version has its text in privacy.json (the current text)');
  }
  return parsed.data;
}

/** One version of the data with its texts read and its instants computed; dates must increase and English must be complete. */
function loadVersion(
  { timeZone, versions }: VersionData,
  i: number,
  localesDir: string,
  locales: readonly string[],
  privacyJson: (locale: string) => unknown,
  dataName: string,
): StatementVersion {
  const v = versions[i]!;
  const where = `${dataName} version ${v.effective}`;
  if (i > 0 && v.effective <= versions[i - 1]!.effective)
    fail(where, `dates must be strictly increasing (after ${versions[i - 1]!.effective})`);
  if (new Set(v.sections).size !== v.sections.length) fail(where, 'a section id is listed twice');
  const files = readTexts(v, localesDir, privacyJson, locales);
  const englishFile =
    v.text === 'privacy.json'
      ? path.join(localesDir, 'en', 'privacy.json')
      : path.join(localesDir, 'en', VERSIONS_FOLDER, `${v.effective}.json`);
  checkEnglish(v, files.get('en'), englishFile);
  return {
    id: v.effective,
    effective: v.effective,
    material: v.material,
    sections: v.sections,
    start: startOfDate(v.effective, timeZone),
    noticeEnds: v.material ? startOfDate(v.effective, timeZone, NOTICE_DAYS) : undefined,
    files,
  };
}

/** A folder of text for a version the data does not list is a mistake (a date typed twice differently). */
function checkNoStrayTexts(data: VersionData, list: readonly StatementVersion[], localesDir: string, locales: readonly string[]): void {
  for (const locale of locales) {
    const folder = path.join(localesDir, locale, VERSIONS_FOLDER);
    if (!fs.existsSync(folder)) continue;
    for (const file of fs.readdirSync(folder)) {
      const v = list.find((x) => `${x.id}.json` === file);
      if (!v || data.versions.find((x) => x.effective === v.id)!.text !== 'folder') {
        fail(path.join(folder, file), 'no version of the data has its text here');
      }
    }
  }
}

/** A version's value for the first locale of `chain` that has it; English has every key (checkEnglish). */
function lookup<T>(version: StatementVersion, chain: readonly string[], get: (f: TextFile) => T | undefined): Localised<T> {
  for (const locale of chain) {
    const file = version.files.get(locale);
    const value = file ? get(file) : undefined;
    if (value !== undefined) return { value, locale };
  }
  return { value: get(version.files.get('en')!)!, locale: 'en' };
}

/** A section's title and paragraphs in one language: the title follows the paragraphs' language. */
function sectionText(version: StatementVersion, chain: readonly string[], id: string): Localised<SectionText> {
  const title = lookup(version, chain, (f) => f.sections?.[id]?.title);
  const paragraphs = lookup(version, chain, (f) => f.sections?.[id]?.paragraphs);
  // Title and text in different languages would mislabel one of them: both follow the paragraphs' language.
  // (A variant's title with its parent's paragraphs, de-CH over de, is one language.)
  if (new Intl.Locale(title.locale).language !== new Intl.Locale(paragraphs.locale).language) {
    const english = version.files.get(paragraphs.locale)?.sections?.[id]?.title;
    return { value: { title: english ?? title.value, paragraphs: paragraphs.value }, locale: paragraphs.locale };
  }
  return { value: { title: title.value, paragraphs: paragraphs.value }, locale: paragraphs.locale };
}

/** The loaded versions' questions: which one the clock is in, its notice, what comes next, and their texts. */
function statementVersions(timeZone: string, list: StatementVersion[]): StatementVersions {
  const byId = new Map(list.map((v) => [v.id, v]));
  return {
    timeZone,
    list,
    byId: (id) => byId.get(id),
    currentAt(now) {
      return list.findLast((v) => v.start <= now) ?? list[0]!;
    },
    statementVersion(now) {
      return (list.findLast((v) => v.start <= now) ?? list[0]!).id;
    },
    noticeAt(now) {
      return list.findLast((v) => v.noticeEnds !== undefined && v.start <= now && now < v.noticeEnds);
    },
    upcomingAt(now) {
      return list.filter((v) => v.start > now);
    },
    nextChange(now) {
      const instants = list.flatMap((v) => [v.start, v.noticeEnds ?? Infinity]).filter((t) => t > now);
      return Math.min(Infinity, ...instants);
    },
    text(version, chain, key) {
      return lookup(version, chain, (f) => f[key] ?? undefined);
    },
    section: sectionText,
    hasOwnText(version, chain) {
      return chain.some((l) => l !== 'en' && !l.startsWith('en-') && version.files.has(l));
    },
  };
}

/**
 * Validates the data and reads every version's text. A bad entry stops the server with the file and
 * the version named. `locales` lists the folders under `localesDir`.
 */
export function loadStatementVersions(
  data: unknown,
  localesDir: string,
  locales: readonly string[],
  privacyJson: (locale: string) => unknown,
  dataName = 'src/privacy/versions-data.ts',
): StatementVersions {
  const parsed = parseVersionData(data, dataName);
  const list = parsed.versions.map((_, i) => loadVersion(parsed, i, localesDir, locales, privacyJson, dataName));
  checkNoStrayTexts(parsed, list, localesDir, locales);
  return statementVersions(parsed.timeZone, list);
}
