import cf from 'cloudfront';
import crypto from 'crypto';

// Viewer-request function of the public site (runtime cloudfront-js-2.0).
// Picks the live release of an académie from its KeyValueStore pointer and
// rewrites the path into it; before the embargo instant nothing of a
// release is reachable, whatever the path. The local CDN runs this very
// file (shared/local/local-cdn.ts), so it must stay plain runtime-2.0
// JavaScript: no Node APIs, no other import, await only inside the async
// handler (the runtime supports no async closures).
const kvs = cf.kvs();

const MAX_URI_LENGTH = 512;
// Raw, undecoded URI: refusing '%' outright means no encoded '.', '/' or
// '\' can reach an S3 key; everything else is a plain character class.
const SAFE_URI = /^\/[A-Za-z0-9._~\/-]*$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;
// Prefixes of the bucket that only the function's rewrites may produce.
const INTERNAL_PREFIX = /^\/(releases|rehearsals|announcements|home)(\/|$)|^\/_/;
// The national home page (`/`) and the fingerprinted assets it shares with the
// announcements (`/assets/<name>.<hash>.<css|js>`), written under home/ outside
// any release (shared/publication/home.ts): they never carry a result, so they
// answer whatever the pointers say.
const HOME_ASSET = /^\/assets\/[a-z]+\.[0-9a-f]{8,64}\.(css|js)$/;
const SLUG = /^[a-z]+(-[a-z]+)*$/;
const RELEASE_ID = /^[a-z0-9-]{1,80}$/;
// Rehearsal links: /_rehearsal/<rehearsal id>/<expiry, epoch s>/<hmac hex>/<slug>/...
// (shared/publication/rehearsal-link.ts makes them; the HMAC key is in the KVS).
const REHEARSAL = /^\/_rehearsal\/([a-z0-9-]{1,80})\/([0-9]{10})\/([0-9a-f]{64})(\/.*)$/;
// A copy of ROBOTS_TXT in shared/edge/response-headers.ts (a unit test keeps them
// equal): crawlers kept away from name lists, lookup shards and rehearsal links.
const ROBOTS_TXT =
  'User-agent: *\nDisallow: /*/listes/\nDisallow: /*/resultats/\nDisallow: /_rehearsal/\n';

function notFound() {
  return {
    statusCode: 404,
    statusDescription: 'Not Found',
    // no-store: a 404 answered before the instant must not outlive it in any cache.
    headers: {
      'content-type': { value: 'text/plain; charset=utf-8' },
      'cache-control': { value: 'no-store' },
    },
    body: { encoding: 'text', data: 'Not found\n' },
  };
}

// Public and the same whatever the pointers: the short TTL of any other public file.
function robots() {
  return {
    statusCode: 200,
    statusDescription: 'OK',
    headers: {
      'content-type': { value: 'text/plain; charset=utf-8' },
      'cache-control': { value: 'public, max-age=60' },
    },
    body: { encoding: 'text', data: ROBOTS_TXT },
  };
}

// "/<slug>" → "/<slug>/": the landing page's relative links (assets/, listes/)
// resolve only from the directory. Same answer before and after the instant.
function redirectToDirectory(uri) {
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: {
      location: { value: uri + '/' },
      'cache-control': { value: 'public, max-age=3600' },
    },
  };
}

function isCleanPath(uri) {
  return (
    typeof uri === 'string' &&
    uri.length <= MAX_URI_LENGTH &&
    SAFE_URI.test(uri) &&
    uri.indexOf('//') === -1 &&
    !DOT_SEGMENT.test(uri) &&
    !INTERNAL_PREFIX.test(uri)
  );
}

// Same rule as liveRelease in shared/edge/pointer.ts (a unit test checks they agree).
function liveRelease(pointer, nowMs) {
  if (pointer === null || typeof pointer !== 'object' || pointer.v !== 1) return null;
  let id = pointer.current;
  if (
    pointer.next !== null &&
    pointer.next !== undefined &&
    typeof pointer.notBefore === 'number' &&
    nowMs >= pointer.notBefore
  ) {
    id = pointer.next;
  }
  return typeof id === 'string' && RELEASE_ID.test(id) ? id : null;
}

// Same rule as listsExpired in shared/edge/pointer.ts: the lists come down at
// this instant even if the step that removes them from the release runs late.
function listsExpired(pointer, nowMs) {
  return typeof pointer.listsUntil === 'number' && nowMs >= pointer.listsUntil;
}

// A rehearsal is reachable only by a link signed for it and not expired;
// never through a pointer. Any failure is the same plain 404.
async function rehearsal(request, match) {
  const id = match[1];
  const expires = Number(match[2]);
  const rest = match[4];
  if (!isCleanPath(rest) || Date.now() >= expires * 1000) return notFound();
  let key = null;
  try {
    key = await kvs.get('rehearsal-key');
  } catch (e) {
    key = null;
  }
  if (typeof key !== 'string' || key.length < 32) return notFound();
  const expected = crypto
    .createHmac('sha256', key)
    .update(id + '/' + match[2])
    .digest('hex');
  if (expected !== match[3]) return notFound();
  let path = rest;
  if (path.charAt(path.length - 1) === '/') path += 'index.html';
  request.uri = '/rehearsals/' + id + path;
  return request;
}

async function handler(event) {
  const request = event.request;
  const uri = request.uri;
  if (uri === '/robots.txt') return robots();
  if (uri === '/' || uri === '/index.html') {
    request.uri = '/home/index.html';
    return request;
  }
  if (typeof uri === 'string' && HOME_ASSET.test(uri)) {
    request.uri = '/home' + uri;
    return request;
  }
  const signed =
    typeof uri === 'string' && uri.length <= MAX_URI_LENGTH ? REHEARSAL.exec(uri) : null;
  if (signed !== null) return await rehearsal(request, signed);
  if (!isCleanPath(uri)) return notFound();

  const slash = uri.indexOf('/', 1);
  const slug = slash === -1 ? uri.substring(1) : uri.substring(1, slash);
  if (!SLUG.test(slug)) return notFound();
  if (slash === -1) return redirectToDirectory(uri);
  let rest = uri.substring(slash);
  if (rest.charAt(rest.length - 1) === '/') rest += 'index.html';

  // A missing key throws, as does a store error: both mean no live release.
  let pointer = null;
  try {
    pointer = await kvs.get('pointer:' + slug, { format: 'json' });
  } catch (e) {
    pointer = null;
  }
  const now = Date.now();
  const release = liveRelease(pointer, now);

  if (release !== null) {
    if (rest.indexOf('/listes/') === 0 && listsExpired(pointer, now)) return notFound();
    request.uri = '/releases/' + release + '/' + slug + rest;
    return request;
  }
  // Before the instant only the landing page answers, with the announcement
  // the renderer writes outside any release.
  if (rest === '/index.html') {
    request.uri = '/announcements/' + slug + '/index.html';
    return request;
  }
  return notFound();
}
