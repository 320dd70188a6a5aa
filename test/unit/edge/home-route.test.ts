// The national home page and its assets, answered outside any release whatever the pointers say.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadViewerRequest } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { cachePolicyFor } from '../../../shared/edge/response-headers.js';
import { memoryKvs } from './memory-kvs.js';
import { routeOf } from './viewer-event.js';

const T = Date.parse('2024-07-05T08:00:00.000Z');
const clock = fixedClock(new Date(T));
const kvs = memoryKvs();
const handler = await loadViewerRequest({ kvs, clock });

const route = (uri: string) => routeOf(handler, uri);

beforeEach(() => {
  kvs.values.clear();
  kvs.failing = false;
  kvs.reads = 0;
});

describe('viewer-request: the national home page', () => {
  it('rewrites / and /index.html to home/index.html without reading any pointer', async () => {
    kvs.failing = true;
    expect(await route('/')).toBe('/home/index.html');
    expect(await route('/index.html')).toBe('/home/index.html');
    expect(kvs.reads).toBe(0);
  });

  it('serves the same page before and after an académie opens', async () => {
    kvs.values.set(
      'pointer:aix-marseille',
      JSON.stringify({ v: 1, current: null, next: 'r-1', notBefore: T }),
    );
    clock.set(new Date(T - 1));
    expect(await route('/')).toBe('/home/index.html');
    clock.set(new Date(T));
    expect(await route('/')).toBe('/home/index.html');
  });

  it('rewrites fingerprinted assets into home/assets/, cached a year', async () => {
    expect(await route('/assets/site.0123abcd.css')).toBe('/home/assets/site.0123abcd.css');
    expect(await route('/assets/countdown.89abcdef.js')).toBe('/home/assets/countdown.89abcdef.js');
    expect(cachePolicyFor('/home/assets/site.0123abcd.css').cacheControl).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('gives the page the short TTL of public pages, never indexed as a name list', () => {
    expect(cachePolicyFor('/home/index.html')).toEqual({
      cacheControl: 'public, max-age=60',
      noindex: false,
    });
  });

  it('refuses the bucket prefix itself and anything but a fingerprinted asset', async () => {
    for (const uri of [
      '/home/index.html',
      '/home/assets/site.0123abcd.css',
      '/home',
      '/assets/site.css',
      '/assets/site.0123abcd.html',
      '/assets/../home/index.html',
      '/assets/x/site.0123abcd.css',
      '/assets/Site.0123abcd.css',
      '/index.htm',
      '//',
    ])
      expect(await route(uri), uri).toBe(404);
  });
});
