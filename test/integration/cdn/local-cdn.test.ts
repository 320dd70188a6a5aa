import { request } from 'node:http';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoEdgeKeyValueStore } from '../../../shared/adapters/dynamodb/edge-kvs.dynamodb.js';
import { encodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import { ROBOTS_TXT, SECURITY_HEADERS } from '../../../shared/edge/response-headers.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import {
  dynamoClientFor,
  s3ClientFor,
  startTestStack,
  type TestStack,
} from '../../support/local-stack.js';

const T = Date.parse('2024-07-05T08:00:00.000Z');
const REHEARSAL_MARKER = 'REHEARSAL-ONLY-7f3a';
const UNPOINTED_MARKER = 'UNPOINTED-RELEASE-9c1e';
const SHORT = 'public, max-age=60';

// The fake release: path under the académie → [content type, body].
const RELEASE: Record<string, [string, string]> = {
  'index.html': ['text/html; charset=utf-8', '<h1>Résultats Aix-Marseille</h1>'],
  'listes/0130040Y.html': ['text/html; charset=utf-8', '<ul><li>DUPONT Camille</li></ul>'],
  'resultats/0a.json': ['application/json', '{"shard":"0a"}'],
  'statistiques/stats.csv': ['text/csv; charset=utf-8', 'serie;admis\nS;91,2\n'],
};
const ANNOUNCEMENT = '<p>Résultats publiés le vendredi 5 juillet 2024 à 10 h 00</p>';

let stack: TestStack;
let s3: S3Client;
let kvs: DynamoEdgeKeyValueStore;
let cdn: { url: string; stop(): Promise<void> };
const clock = fixedClock(new Date(T - 1));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent byte for byte (fetch would normalise `..` and encode the rest). */
function get(path: string, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(cdn.url);
  return new Promise((done, fail) => {
    const req = request({ host: hostname, port, method, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

async function put(key: string, body: string, contentType: string) {
  await s3.send(
    new PutObjectCommand({
      Bucket: stack.env.PUBLIBAC_SITE_BUCKET,
      Key: key,
      Body: body,
      ContentType: contentType,
    }),
  );
}

beforeAll(async () => {
  stack = await startTestStack();
  s3 = s3ClientFor(stack.env);
  kvs = new DynamoEdgeKeyValueStore({
    client: dynamoClientFor(stack.env),
    tableName: stack.env.PUBLIBAC_EDGE_KVS_TABLE!,
  });
  for (const [path, [type, body]] of Object.entries(RELEASE))
    await put(`releases/r-test-1/aix-marseille/${path}`, body, type);
  await put('announcements/aix-marseille/index.html', ANNOUNCEMENT, 'text/html; charset=utf-8');
  await put(
    'rehearsals/r-rehearsal/aix-marseille/index.html',
    `<p>${REHEARSAL_MARKER}</p>`,
    'text/html; charset=utf-8',
  );
  await put(
    'rehearsals/r-rehearsal/aix-marseille/listes/0130040Y.html',
    `<p>${REHEARSAL_MARKER}</p>`,
    'text/html; charset=utf-8',
  );
  await put(
    'releases/r-unpointed/aix-marseille/index.html',
    `<p>${UNPOINTED_MARKER}</p>`,
    'text/html; charset=utf-8',
  );
  cdn = await startLocalCdn({ port: 0, s3, bucket: stack.env.PUBLIBAC_SITE_BUCKET!, kvs, clock });
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});
beforeEach(async () => {
  await kvs.put(
    pointerKey('aix-marseille'),
    encodePointer({ v: 1, current: null, next: 'r-test-1', notBefore: T }),
  );
});

function expectSecurityHeaders(answer: Answer) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(answer.headers[name.toLowerCase()], name).toBe(value);
}

describe('local CDN: embargo to the millisecond', () => {
  it(
    'before the instant: every path of the release is 404 (uncached), the landing page is the ' +
      'announcement',
    async () => {
      clock.set(new Date(T - 1));
      for (const path of Object.keys(RELEASE).filter((p) => p !== 'index.html')) {
        const answer = await get(`/aix-marseille/${path}`);
        expect(answer.status, path).toBe(404);
        expect(answer.headers['cache-control']).toBe('no-store');
        expect(answer.body).not.toContain(RELEASE[path]![1]);
      }
      expect(await get('/aix-marseille')).toMatchObject({
        status: 301,
        headers: { location: '/aix-marseille/' },
      });
      for (const landing of ['/aix-marseille/', '/aix-marseille/index.html']) {
        const answer = await get(landing);
        expect(answer).toMatchObject({ status: 200, body: ANNOUNCEMENT });
        // Revalidated on every view: no browser shows the announcement past the instant.
        expect(answer.headers['cache-control']).toBe('public, max-age=0, s-maxage=5');
        expectSecurityHeaders(answer);
      }
    },
  );

  for (const [label, at] of [
    ['at the instant exactly', T],
    ['a second later', T + 1000],
  ] as const) {
    it(`${label}: every path answers with its bytes and the headers of its class`, async () => {
      clock.set(new Date(at));
      for (const [path, [type, body]] of Object.entries(RELEASE)) {
        const answer = await get(`/aix-marseille/${path}`);
        expect(answer, path).toMatchObject({ status: 200, body });
        expect(answer.headers['content-type']).toBe(type);
        expect(answer.headers['cache-control']).toBe(SHORT);
        expect(answer.headers['x-robots-tag']).toBe(
          path.startsWith('listes/') ? 'noindex, nofollow' : undefined,
        );
        expectSecurityHeaders(answer);
      }
      expect(await get('/aix-marseille/')).toMatchObject({
        status: 200,
        body: RELEASE['index.html']![1],
      });
    });
  }

  it('reads the pointer on every request: a deleted pointer closes the site at once', async () => {
    clock.set(new Date(T + 1000));
    expect((await get('/aix-marseille/resultats/0a.json')).status).toBe(200);
    await kvs.delete(pointerKey('aix-marseille'));
    expect((await get('/aix-marseille/resultats/0a.json')).status).toBe(404);
    expect((await get('/aix-marseille/')).body).toBe(ANNOUNCEMENT);
  });

  it('answers HEAD with the headers and no body; refuses other methods', async () => {
    clock.set(new Date(T));
    const head = await get('/aix-marseille/statistiques/stats.csv', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe(
      String(Buffer.byteLength(RELEASE['statistiques/stats.csv']![1])),
    );
    expect((await get('/aix-marseille/', 'POST')).status).toBe(405);
  });

  it('answers 404, uncached, for a path the release does not have', async () => {
    clock.set(new Date(T));
    const answer = await get('/aix-marseille/listes/9999999Z.html');
    expect(answer.status).toBe(404);
    expect(answer.headers['cache-control']).toBe('no-store');
  });
});

describe('local CDN: name lists expire at the edge', () => {
  it(
    "from the pointer's listsUntil on, lists answer 404 (uncached) while the landing page, " +
      'lookup shards and statistics stay',
    async () => {
      await kvs.put(
        pointerKey('aix-marseille'),
        encodePointer({ v: 1, current: 'r-test-1', next: null, notBefore: null, listsUntil: T }),
      );
      clock.set(new Date(T - 1));
      expect(await get('/aix-marseille/listes/0130040Y.html')).toMatchObject({
        status: 200,
        body: RELEASE['listes/0130040Y.html']![1],
      });
      clock.set(new Date(T));
      const list = await get('/aix-marseille/listes/0130040Y.html');
      expect(list.status).toBe(404);
      expect(list.headers['cache-control']).toBe('no-store');
      expect(list.body).not.toContain('DUPONT');
      for (const path of ['index.html', 'resultats/0a.json', 'statistiques/stats.csv']) {
        expect(await get(`/aix-marseille/${path}`), path).toMatchObject({
          status: 200,
          body: RELEASE[path]![1],
        });
      }
    },
  );
});

describe('local CDN: /robots.txt', () => {
  it(
    'answers the policy with the security and cache ' +
      'headers, whatever the pointers (today: 404)',
    async () => {
      await kvs.delete(pointerKey('aix-marseille'));
      clock.set(new Date(T - 1));
      const answer = await get('/robots.txt');
      expect(answer).toMatchObject({ status: 200, body: ROBOTS_TXT });
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(answer.headers['cache-control']).toBe(SHORT);
      expectSecurityHeaders(answer);
      expect(answer.body).toContain('Disallow: /*/listes/');
      expect(await get('/robots.txt', 'HEAD')).toMatchObject({ status: 200, body: '' });
    },
  );
});

describe('the local stack', () => {
  it(
    'runs its own CDN over the same bucket and ' + 'pointer table (system clock: 2024 is past)',
    async () => {
      const site = stack.env.PUBLIBAC_SITE_URL!;
      const answer = await fetch(`${site}/aix-marseille/resultats/0a.json`);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe(RELEASE['resultats/0a.json']![1]);
      await kvs.delete(pointerKey('aix-marseille'));
      expect((await fetch(`${site}/aix-marseille/resultats/0a.json`)).status).toBe(404);
    },
  );
});

describe('local CDN: what no pointer names is unreachable', () => {
  const paths = [
    '/rehearsals/r-rehearsal/aix-marseille/index.html',
    '/releases/r-unpointed/aix-marseille/index.html',
    '/releases/r-test-1/aix-marseille/index.html',
    '/aix-marseille/../rehearsals/r-rehearsal/aix-marseille/index.html',
    '/aix-marseille/../../rehearsals/r-rehearsal/aix-marseille/index.html',
    '/aix-marseille/%2e%2e/%2e%2e/rehearsals/r-rehearsal/aix-marseille/index.html',
    '/aix-marseille/%2E%2E/%2E%2E/releases/r-unpointed/aix-marseille/index.html',
    '/aix-marseille/..%2frehearsals/r-rehearsal/aix-marseille/index.html',
    '/aix-marseille/..%2f..%2f..%2frehearsals/r-rehearsal/aix-marseille/listes/0130040Y.html',
    '//releases/r-unpointed/aix-marseille/index.html',
    '//rehearsals/r-rehearsal/aix-marseille/index.html',
    '/aix-marseille/\\..\\..\\rehearsals\\r-rehearsal\\aix-marseille\\index.html',
    '/aix-marseille/\\..\\',
    '/AIX-MARSEILLE/',
    '/Aix-Marseille/index.html',
    '/r-unpointed/',
    '/r-rehearsal/index.html',
    '/announcements/aix-marseille/index.html',
    '/_rehearsals/r-rehearsal/aix-marseille/index.html',
    // Unicode as browsers send it: percent-encoded.
    '/aix-marseill%C3%A9/',
    '/aix-marseille/%E2%80%A5/rehearsals/r-rehearsal/aix-marseille/index.html',
  ];

  it.each(paths)(
    '%j → 404, never the bytes of a rehearsal or an unpointed release',
    async (path) => {
      for (const at of [T - 1, T, T + 1000]) {
        clock.set(new Date(at));
        const answer = await get(path);
        expect(answer.status).toBe(404);
        expect(answer.body).not.toContain(REHEARSAL_MARKER);
        expect(answer.body).not.toContain(UNPOINTED_MARKER);
      }
    },
  );

  it(
    'refuses raw non-ASCII bytes in the path (invalid HTTP: Node answers 400 before the ' +
      'function runs)',
    async () => {
      clock.set(new Date(T));
      // node:http writes a path string as latin1: a latin1 byte, then UTF-8 bytes on the wire.
      const utf8 = (path: string) => Buffer.from(path, 'utf8').toString('latin1');
      for (const path of [
        '/aix-marseillé/',
        utf8('/aix-marseillé/index.html'),
        utf8('/aix-marseille/\u2025/rehearsals/r-rehearsal/aix-marseille/index.html'),
      ]) {
        const answer = await get(path);
        expect([400, 404]).toContain(answer.status);
        expect(answer.body).not.toContain(REHEARSAL_MARKER);
      }
    },
  );

  it('ignores a pointer that names something other than a release id', async () => {
    clock.set(new Date(T));
    // Written raw, past encodePointer's validation, as a corrupted or hostile store would hold it.
    for (const current of [
      '../rehearsals/r-rehearsal',
      'r-rehearsal/../../rehearsals/r-rehearsal',
      'R-UNPOINTED',
    ]) {
      await kvs.put(
        pointerKey('aix-marseille'),
        JSON.stringify({ v: 1, current, next: null, notBefore: null }),
      );
      const answer = await get('/aix-marseille/index.html');
      expect(answer.body).not.toContain(REHEARSAL_MARKER);
      expect(answer.body).not.toContain(UNPOINTED_MARKER);
      expect(answer.body).toBe(ANNOUNCEMENT);
    }
  });
});
