// Pages built for one request (a search, a filtered list, a contact page for a customer elsewhere, a form,
// the contacts API) go out compressed as the client accepts, and, when a cache may keep them, with an ETag
// per coding that turns a revalidation into a 304 — as the cached pages do.
import type http from 'node:http';
import zlib from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendBuilt } from '../src/http/respond.js';
import { ask, listen } from './front-compare.js';
import { makeApp } from './helpers.js';

const BUILT = [
  // name, path, type, another page of the same kind
  ['a directory search', '/us/en/support/directory?q=a', 'text/html', '/us/en/support/directory?q=ab'],
  ['a filtered region list', '/us/en/regions?q=a', 'text/html', '/us/en/regions?q=ab'],
  ['a search', '/us/en/search?q=privacy', 'text/html', '/us/en/search?q=support'],
  ['the contact page for a customer in Germany', '/us/en/support/contact?for=de', 'text/html', '/us/en/support/contact?for=fr'],
  ['the contacts API', '/api/contacts', 'application/json', '/api/contacts/us'],
  ['one region in the contacts API', '/api/contacts/jp', 'application/json', '/api/contacts/us'],
  ['a form', '/de/de/privacy/request', 'text/html', '/de/de/email-signup'],
] as const;

const decode = (encoding: string | undefined, body: Buffer) =>
  encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;

describe('pages built per request', () => {
  // A fixed clock: the API's generatedAt is the instant of the answer.
  const app = makeApp({ now: () => Date.parse('2026-12-01T15:00:00Z') });
  let server: http.Server;
  beforeAll(async () => {
    server = await listen(app.app);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each(BUILT)('sends %s compressed, the same content as uncompressed', async (_name, path, type) => {
    const plain = await ask(server, 'GET', path, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toContain(type);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const packed = await ask(server, 'GET', path, { 'accept-encoding': accept });
      expect(packed.headers['content-encoding']).toBe(encoding);
      expect(Number(packed.headers['content-length'])).toBe(packed.body.length);
      expect(packed.body.length).toBeLessThan(plain.body.length / 3);
      const text = decode(encoding, packed.body).toString('utf8');
      // The API's generatedAt and a form's token differ per request; the rest is the same.
      const same = (s: string) => s.replace(/"generatedAt":"[^"]+"/, '').replace(/name="(token|key)" value="[^"]+"/g, '');
      expect(same(text)).toBe(same(plain.body.toString('utf8')));
    }
  });

  it.each(BUILT.filter(([name]) => name !== 'a form'))(
    'answers a revalidation of %s with a 304 when nothing changed',
    async (_name, path, _type, otherPath) => {
      const first = await ask(server, 'GET', path, { 'accept-encoding': 'br' });
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}-br"$/);
      const again = await ask(server, 'GET', path, { 'accept-encoding': 'br', 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      const other = await ask(server, 'GET', otherPath, { 'accept-encoding': 'br', 'if-none-match': etag });
      expect(other.status).toBe(200);
    },
  );

  it.each(BUILT.filter(([name]) => name !== 'a form'))(
    'gives %s a strong ETag per coding, and a 304 only to the tag of the coding asked for (or *)',
    async (_name, path) => {
      const codings = [
        ['br', { 'accept-encoding': 'br' }],
        ['gzip', { 'accept-encoding': 'gzip' }],
        ['identity', {}],
      ] as const;
      const tags: Record<string, string> = {};
      for (const [coding, headers] of codings) {
        const res = await ask(server, 'GET', path, headers);
        expect([coding, res.headers['content-encoding'] ?? 'identity']).toEqual([coding, coding]);
        tags[coding] = res.headers.etag as string;
        expect(tags[coding]).toMatch(/^"[A-Za-z0-9_-]+"$/);
      }
      expect(new Set(Object.values(tags)).size).toBe(3);
      for (const held of [...Object.values(tags), '*']) {
        for (const [coding, headers] of codings) {
          const again = await ask(server, 'GET', path, { ...headers, 'if-none-match': held });
          // Only the tag of the bytes this request gets (or *) matches: another coding's tag names other bytes.
          const same = held === '*' || held === tags[coding];
          expect([held, coding, again.status, again.headers.etag, again.body.length > 0]).toEqual([
            held,
            coding,
            same ? 304 : 200,
            tags[coding],
            !same,
          ]);
        }
      }
    },
  );

  it('gives an answer too short to compress one ETag whatever the client accepts', async () => {
    // No page of the site is that short: a route of its own, built the same way.
    const tiny = express().get('/tiny', (req, res) => {
      res.set('Cache-Control', 'public, max-age=60').type('application/json');
      sendBuilt(req, res, '{"ok":true}');
    });
    const plain = await request(tiny).get('/tiny').set('Accept-Encoding', 'identity').expect(200);
    const packed = await request(tiny).get('/tiny').set('Accept-Encoding', 'br').expect(200);
    expect(packed.headers['content-encoding']).toBeUndefined();
    expect(packed.text).toBe('{"ok":true}');
    expect(packed.headers.etag).toBe(plain.headers.etag);
    const again = await request(tiny).get('/tiny').set('Accept-Encoding', 'br').set('If-None-Match', String(plain.headers.etag));
    expect([again.status, again.headers.etag]).toEqual([304, plain.headers.etag]);
  });

  it('keeps a form, which is never stored, without an ETag', async () => {
    const form = await ask(server, 'GET', '/de/de/privacy/request', { 'accept-encoding': 'br' });
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.headers.etag).toBeUndefined();
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await ask(server, 'HEAD', '/us/en/support/directory?q=a', { 'accept-encoding': 'br' });
    const get = await ask(server, 'GET', '/us/en/support/directory?q=a', { 'accept-encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
  });
});
