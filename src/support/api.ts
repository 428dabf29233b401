// The contacts API: every region's lines with open-now, for other sites and apps.
import { readOnly } from '../http/read-only.js';
import { Router } from 'express';
import type { Deps } from '../deps.js';
import { HttpError } from '../http/errors.js';
import { sendBuilt } from '../http/respond.js';
import { displayNumber, type ContactLine } from './contacts.js';
import { freshSeconds, freshUntil, openState } from './hours.js';

/** Open-now in the API is checked by scripts that poll it: shared caches keep it a minute at most, not the pages' five. */
const API_FRESH_CAP_MS = 60_000;

function apiLine(line: ContactLine, cc: string, foreign: boolean, instant: Date) {
  const state = openState(line.hours, line.timeZone, instant);
  return {
    id: line.id,
    number: line.number,
    display: displayNumber(line, foreign ? '' : cc),
    country: line.country,
    regionsServed: line.regions,
    dialableFrom: line.dialableFrom,
    dialableHere: line.dialableFrom.includes(cc),
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
  readOnly(router, '/api/contacts', (req, res) => {
    const instant = new Date(deps.now());
    const regions = Object.fromEntries(
      deps.registry.regions.map((r) => {
        const { lines, foreign } = deps.contacts.linesFor(r.code);
        return [r.code, { ownLines: !foreign, lines: lines.map((l) => apiLine(l, r.code, foreign, instant)) }];
      }),
    );
    res.set('Cache-Control', `public, max-age=${maxAge(instant, deps.contacts.lines)}`);
    res.type('application/json');
    sendBuilt(req, res, JSON.stringify({ generatedAt: instant.toISOString(), regions }));
  });
  readOnly(router, '/api/contacts/:cc', (req, res) => {
    const cc = String(req.params.cc);
    const region = /^[a-z]{2}$/.test(cc) ? deps.registry.region(cc) : undefined;
    if (!region) throw new HttpError(404, 'unknown region');
    const instant = new Date(deps.now());
    const { lines, foreign } = deps.contacts.linesFor(region.code);
    res.set('Cache-Control', `public, max-age=${maxAge(instant, lines)}`);
    res.type('application/json');
    sendBuilt(
      req,
      res,
      JSON.stringify({
        region: region.code,
        // Without lines of its own a region gets the US lines, which serve the US only (see each line's dialableFrom).
        ownLines: !foreign,
        generatedAt: instant.toISOString(),
        lines: lines.map((l) => apiLine(l, region.code, foreign, instant)),
      }),
    );
  });
  return router;
}
