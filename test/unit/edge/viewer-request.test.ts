import { readFile } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadViewerRequest, VIEWER_REQUEST_FUNCTION } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { cachePolicyFor, ROBOTS_TXT } from '../../../shared/edge/response-headers.js';
import { memoryKvs } from './memory-kvs.js';
import { routeOf, viewerEvent } from './viewer-event.js';

const T = Date.parse('2024-07-05T08:00:00.000Z');
const clock = fixedClock(new Date(T));
const kvs = memoryKvs();
const handler = await loadViewerRequest({ kvs, clock });

const event = viewerEvent;
const route = (uri: string) => routeOf(handler, uri);

const pointer = (p: object) =>
  kvs.values.set(
    'pointer:aix-marseille',
    JSON.stringify({ v: 1, current: null, next: null, notBefore: null, ...p }),
  );

beforeEach(() => {
  kvs.values.clear();
  kvs.failing = false;
  clock.set(new Date(T));
});

describe('viewer-request: /<slug> without its slash', () => {
  it(
    'redirects to /<slug>/, before and after the instant alike, without reading the ' + 'pointer',
    async () => {
      kvs.failing = true;
      const result = await handler(event('/aix-marseille'));
      expect(result).toEqual({
        statusCode: 301,
        statusDescription: 'Moved Permanently',
        headers: {
          location: { value: '/aix-marseille/' },
          'cache-control': { value: 'public, max-age=3600' },
        },
      });
      expect(await route('/Aix-Marseille')).toBe(404);
    },
  );
});

describe('viewer-request: live release', () => {
  it('rewrites into the current release, with index.html for directories', async () => {
    pointer({ current: 'r-2024-1' });
    expect(await route('/aix-marseille/listes/0130040Y.html')).toBe(
      '/releases/r-2024-1/aix-marseille/listes/0130040Y.html',
    );
    expect(await route('/aix-marseille/')).toBe('/releases/r-2024-1/aix-marseille/index.html');
    expect(await route('/aix-marseille')).toBe(301);
    expect(await route('/aix-marseille/resultats/')).toBe(
      '/releases/r-2024-1/aix-marseille/resultats/index.html',
    );
  });

  it('opens next at notBefore to the millisecond, and not before', async () => {
    pointer({ current: 'r-old', next: 'r-new', notBefore: T });
    clock.set(new Date(T - 1));
    expect(await route('/aix-marseille/a.html')).toBe('/releases/r-old/aix-marseille/a.html');
    clock.set(new Date(T));
    expect(await route('/aix-marseille/a.html')).toBe('/releases/r-new/aix-marseille/a.html');
  });

  it(
    'before the first publication: the landing page is the announcement, everything else ' + '404',
    async () => {
      pointer({ next: 'r-2024-1', notBefore: T });
      clock.set(new Date(T - 1));
      for (const uri of ['/aix-marseille/', '/aix-marseille/index.html']) {
        expect(await route(uri)).toBe('/announcements/aix-marseille/index.html');
      }
      expect(await route('/aix-marseille')).toBe(301);
      for (const uri of [
        '/aix-marseille/listes/0130040Y.html',
        '/aix-marseille/resultats/0a.json',
        '/aix-marseille/listes/',
        '/aix-marseille/x/index.html',
      ]) {
        expect(await route(uri)).toBe(404);
      }
    },
  );

  it(
    'treats a missing key, a store error, a bad version or a bad release id as no ' + 'release',
    async () => {
      expect(await route('/aix-marseille/a.html')).toBe(404);
      expect(await route('/aix-marseille/')).toBe('/announcements/aix-marseille/index.html');
      pointer({ current: 'r-1' });
      kvs.failing = true;
      expect(await route('/aix-marseille/a.html')).toBe(404);
      kvs.failing = false;
      for (const bad of [
        { v: 2, current: 'r-1' },
        { current: '../rehearsals/x' },
        { current: 'R-1' },
        { current: 'r'.repeat(81) },
        { current: 42 },
      ]) {
        pointer(bad);
        expect(await route('/aix-marseille/a.html')).toBe(404);
      }
      kvs.values.set('pointer:aix-marseille', 'not json');
      expect(await route('/aix-marseille/a.html')).toBe(404);
    },
  );
});

describe('viewer-request: name lists expire', () => {
  const list = '/aix-marseille/listes/0130040Y.html';

  it(
    'from listsUntil on, to the millisecond, /<slug>/listes/ answers 404 (uncached); the ' +
      'landing page, statistics and lookup stay',
    async () => {
      pointer({ current: 'r-1', listsUntil: T });
      clock.set(new Date(T - 1));
      expect(await route(list)).toBe(`/releases/r-1${list}`);
      for (const at of [T, T + 1, T + 365 * 24 * 3600_000]) {
        clock.set(new Date(at));
        for (const uri of [list, '/aix-marseille/listes/', '/aix-marseille/listes/index.html']) {
          expect(await handler(event(uri)), uri).toMatchObject({
            statusCode: 404,
            headers: { 'cache-control': { value: 'no-store' } },
          });
        }
        for (const uri of [
          '/aix-marseille/index.html',
          '/aix-marseille/resultats/0a.json',
          '/aix-marseille/statistiques/index.html',
          '/aix-marseille/listes.html',
        ]) {
          expect(await route(uri)).toBe(`/releases/r-1${uri}`);
        }
      }
    },
  );

  it(
    'applies to the release that opens later too, and changes nothing for a pointer without ' +
      'listsUntil (written before lists expired)',
    async () => {
      pointer({ current: 'r-1', next: 'r-2', notBefore: T + 10, listsUntil: T });
      clock.set(new Date(T + 10));
      expect(await route(list)).toBe(404);
      expect(await route('/aix-marseille/index.html')).toBe(
        '/releases/r-2/aix-marseille/index.html',
      );
      for (const listsUntil of [undefined, null]) {
        pointer({ current: 'r-1', listsUntil });
        expect(await route(list)).toBe(`/releases/r-1${list}`);
      }
    },
  );
});

describe('viewer-request: /robots.txt', () => {
  it(
    'answers the policy of response-headers.ts with its cache headers, before any publication ' +
      'and without reading the store',
    async () => {
      kvs.failing = true;
      const reads = kvs.reads;
      const result = await handler(event('/robots.txt'));
      expect(result).toEqual({
        statusCode: 200,
        statusDescription: 'OK',
        headers: {
          'content-type': { value: 'text/plain; charset=utf-8' },
          'cache-control': { value: cachePolicyFor('/robots.txt').cacheControl },
        },
        body: { encoding: 'text', data: ROBOTS_TXT },
      });
      expect(kvs.reads).toBe(reads);
      for (const uri of [
        '/robots.txt/',
        '/robots.txt.bak',
        '/aix-marseille/robots.txt',
        '/ROBOTS.TXT',
      ])
        expect(await route(uri), uri).toBe(404);
    },
  );

  it('disallows the name lists, the lookup shards and the rehearsal links', () => {
    const lines = ROBOTS_TXT.split('\n');
    expect(lines[0]).toBe('User-agent: *');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Disallow: /*/listes/',
        'Disallow: /*/resultats/',
        'Disallow: /_rehearsal/',
      ]),
    );
    expect(ROBOTS_TXT.endsWith('\n')).toBe(true);
  });
});

describe('viewer-request: refused paths', () => {
  const refused = [
    '',
    'aix-marseille/',
    '/home/index.html',
    '/home',
    '/releases/r-1/aix-marseille/index.html',
    '/releases',
    '/rehearsals/r-1/aix-marseille/index.html',
    '/announcements/aix-marseille/index.html',
    '/_internal/x',
    '/aix-marseille/../rehearsals/x',
    '/aix-marseille/..',
    '/aix-marseille/./index.html',
    '/aix-marseille/%2e%2e/%2e%2e/rehearsals/x',
    '/aix-marseille/..%2frehearsals/x',
    '/aix-marseille/%41',
    '//releases/r-1/aix-marseille/index.html',
    '/aix-marseille//index.html',
    '/aix-marseille/\\..\\',
    '/AIX-MARSEILLE/',
    '/Aix-Marseille/index.html',
    '/aix-marseillé/',
    '/aix--marseille/',
    '/aix-marseille-/',
    '/-aix/',
    '/aix_marseille/',
    '/aix-marseille/a b.html',
    '/aix-marseille/a;b',
    `/aix-marseille/${'a'.repeat(512)}`,
  ];

  it.each(refused)('%j → 404, uncached, without reading the store', async (uri) => {
    pointer({ current: 'r-1' });
    const reads = kvs.reads;
    const result = await handler(event(uri));
    expect(result).toMatchObject({
      statusCode: 404,
      headers: { 'cache-control': { value: 'no-store' } },
    });
    expect(kvs.reads).toBe(reads);
  });

  it('accepts a path of exactly 512 characters', async () => {
    pointer({ current: 'r-1' });
    const uri = `/aix-marseille/${'a'.repeat(512 - '/aix-marseille/'.length)}`;
    expect(uri).toHaveLength(512);
    expect(await route(uri)).toBe(`/releases/r-1${uri}`);
  });
});

describe('viewer-request.js as a CloudFront Function', () => {
  it(
    "fits the runtime: under 10 KB, the runtime's two modules only, no Node APIs, no async " +
      'closures',
    async () => {
      const source = await readFile(VIEWER_REQUEST_FUNCTION, 'utf8');
      expect(Buffer.byteLength(source)).toBeLessThan(10 * 1024);
      expect(source.split('\n')[0]).toBe("import cf from 'cloudfront';");
      const code = source.replace(/^\s*\/\/.*$/gm, '');
      expect(code.match(/^\s*import\b.*$/gm)).toEqual([
        "import cf from 'cloudfront';",
        "import crypto from 'crypto';",
      ]);
      expect(code).not.toMatch(
        /\brequire\s*\(|\bprocess\.|\bBuffer\b|\bsetTimeout\b|\beval\s*\(|\bexport\b/,
      );
      // The runtime supports async functions but not async closures (arrows, expressions).
      for (const [match] of code.matchAll(/\basync\b.*/g))
        expect(match).toMatch(/^async function [A-Za-z_$][\w$]*\(/);
    },
  );

  it('sees the injected clock through Date', async () => {
    pointer({ current: 'r-old', next: 'r-new', notBefore: Date.parse('2030-01-01T00:00:00Z') });
    clock.set('2029-12-31T23:59:59.999Z');
    expect(await route('/aix-marseille/a')).toBe('/releases/r-old/aix-marseille/a');
    clock.set('2030-01-01T00:00:00.000Z');
    expect(await route('/aix-marseille/a')).toBe('/releases/r-new/aix-marseille/a');
  });
});
