// The contacts API: every region's lines with open-now, for other sites and apps.
import { Router } from 'express';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { displayNumber, type ContactLine } from './contacts.js';
import { freshSeconds, freshUntil, openState } from './hours.js';

/** Open-now in the API is checked by scripts that poll it: shared caches keep it a minute at most, not the pages' five. */
const API_FRESH_CAP_MS = 60_000;

function apiLine(line: ContactLine, cc: string, global: boolean, instant: Date) {
  const state = openState(line.hours, line.timeZone, instant);
  return {
    id: line.id,
    number: line.number,
    display: displayNumber(line, global ? '' : cc),
    option: line.option ?? null,
    timeZone: line.timeZone,
    hours: line.hours.map((h) => ({ days: h.days, open: h.open, close: h.close })),
    openNow: state.open,
    nextChange: state.nextChange?.toISOString() ?? null,
  };
}

export function contactsApi(deps: Deps): Router {
  const router = Router();
  const maxAge = (instant: Date, lines: readonly ContactLine[]) =>
    freshSeconds(freshUntil(lines, instant, API_FRESH_CAP_MS), instant.getTime());
  router.get('/api/contacts', (_req, res) => {
    const instant = new Date(deps.now());
    const regions = Object.fromEntries(
      deps.registry.regions.map((r) => {
        const { lines, global } = deps.contacts.linesFor(r.code);
        return [r.code, { global, lines: lines.map((l) => apiLine(l, r.code, global, instant)) }];
      }),
    );
    res.set('Cache-Control', `public, max-age=${maxAge(instant, deps.contacts.lines)}`);
    res.json({ generatedAt: instant.toISOString(), regions });
  });
  router.get('/api/contacts/:cc', (req, res) => {
    const cc = String(req.params.cc);
    const region = /^[a-z]{2}$/.test(cc) ? deps.registry.region(cc) : undefined;
    if (!region) throw new HttpError(404, 'unknown region');
    const instant = new Date(deps.now());
    const { lines, global } = deps.contacts.linesFor(region.code);
    res.set('Cache-Control', `public, max-age=${maxAge(instant, lines)}`);
    res.json({
      region: region.code,
      global,
      generatedAt: instant.toISOString(),
      lines: lines.map((l) => apiLine(l, region.code, global, instant)),
    });
  });
  return router;
}
