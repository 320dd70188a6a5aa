// Cache-Control of every kind of public file, end to end: set at PutObject by
// the S3 adapter (so that S3 returns it and CloudFront passes it on to
// browsers), read back with HeadObject from the S3 emulator, and served as is
// by the local CDN. The values are written out here, not recomputed with
// cachePolicyFor: this is the contract browsers see.
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoEdgeKeyValueStore } from '../../../shared/adapters/dynamodb/edge-kvs.dynamodb.js';
import { S3ReleaseStorage } from '../../../shared/adapters/s3/release-writer.s3.js';
import { findAcademie } from '../../../shared/domain/reference/academies.js';
import { encodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import { startLocalCdn } from '../../../shared/local/local-cdn.js';
import { fixedClock } from '../../../shared/ports/clock.port.js';
import { rehearsalKey, rehearsalPath } from '../../../shared/publication/rehearsal-link.js';
import { announcementPage } from '../../../shared/render/pages.js';
import { renderRelease, type Release, type ReleaseFile } from '../../../shared/render/release.js';
import {
  dynamoClientFor,
  s3ClientFor,
  startTestStack,
  type TestStack,
} from '../../support/local-stack.js';
import { decision as d, fakeRoot, releaseParams } from '../../unit/render/fixtures.js';

const SLUG = 'aix-marseille';
const T = Date.parse('2024-07-05T08:00:00.000Z');
const SHORT = 'public, max-age=60';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, max-age=0, s-maxage=5';
const NEVER_STORED = 'private, no-store';

let stack: TestStack;
let s3: S3Client;
let bucket: string;
let kvs: DynamoEdgeKeyValueStore;
let storage: S3ReleaseStorage;
let release: Release;
let cdn: { url: string; stop(): Promise<void> };
const clock = fixedClock(new Date(T - 1));

const file = (pattern: RegExp): ReleaseFile => {
  const found = release.files.find((f) => pattern.test(f.path));
  if (!found) throw new Error(`no file matches ${pattern}`);
  return found;
};
const head = (key: string) => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
async function viaCdn(
  path: string,
  at: number,
): Promise<{ status: number; cacheControl: string | null; robots: string | null }> {
  clock.set(new Date(at));
  const res = await fetch(`${cdn.url}${path}`);
  await res.arrayBuffer();
  return {
    status: res.status,
    cacheControl: res.headers.get('cache-control'),
    robots: res.headers.get('x-robots-tag'),
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  s3 = s3ClientFor(stack.env);
  bucket = stack.env.PUBLIBAC_SITE_BUCKET!;
  kvs = new DynamoEdgeKeyValueStore({
    client: dynamoClientFor(stack.env),
    tableName: stack.env.PUBLIBAC_EDGE_KVS_TABLE!,
  });
  storage = new S3ReleaseStorage({ client: s3, bucket });
  release = await renderRelease({
    academie: SLUG,
    session: '2024-06',
    groupe: 1,
    decisions: Array.from({ length: 30 }, (_, i) =>
      d({ numero: `N${i}`, nom: `NOM${i}`, uai: i % 2 ? '0130001A' : '0130002B' }),
    ),
    lookup: { params: releaseParams(1), root: fakeRoot },
  });
  await storage.write(release, 'releases');
  await storage.write(release, 'rehearsals');
  await storage.writeAnnouncement(
    SLUG,
    announcementPage(findAcademie(SLUG)!, '2024-06', new Date(T)),
  );
  await kvs.put(
    pointerKey(SLUG),
    encodePointer({ v: 1, current: null, next: release.id, notBefore: T }),
  );
  cdn = await startLocalCdn({ port: 0, s3, bucket, kvs, clock });
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await cdn.stop();
    await stack.stop();
  };
});

describe('Cache-Control of each kind of file, at PutObject and through the local CDN', () => {
  const kinds: [string, RegExp, string][] = [
    ['fingerprinted script', /\/assets\/lookup\.[0-9a-f]{8}\.js$/, IMMUTABLE],
    ['fingerprinted stylesheet', /\/assets\/site\.[0-9a-f]{8}\.css$/, IMMUTABLE],
    ['landing page', /^aix-marseille\/index\.html$/, SHORT],
    ['name list', /\/listes\/0130001A\.html$/, SHORT],
    ['lookup shard', /\/resultats\/0\.json$/, SHORT],
    ['lookup parameters', /\/resultats\/params\.json$/, SHORT],
    ['statistics page', /\/statistiques\/index\.html$/, SHORT],
    ['statistics download', /\/statistiques\/.*synthese\.csv$/, SHORT],
  ];

  it.each(kinds)(
    "release %s: stored and served with its class's Cache-Control",
    async (_kind, pattern, expected) => {
      const f = file(pattern);
      expect((await head(`releases/${release.id}/${f.path}`)).CacheControl).toBe(expected);
      const viewerPath = `/${f.path}`;
      // The instant passed: the function rewrites into the release.
      expect(await viaCdn(viewerPath, T)).toMatchObject({ status: 200, cacheControl: expected });
    },
  );

  it(
    'the announcement (the landing page before the instant) is revalidated by browsers on ' +
      'every view, kept 5 s at most at the edge',
    async () => {
      expect((await head(`announcements/${SLUG}/index.html`)).CacheControl).toBe(REVALIDATE);
      expect(await viaCdn(`/${SLUG}/`, T - 1)).toMatchObject({
        status: 200,
        cacheControl: REVALIDATE,
      });
      // A millisecond later the same URL is the release's page, which a browser may then keep a
      // minute.
      expect(await viaCdn(`/${SLUG}/`, T)).toMatchObject({ status: 200, cacheControl: SHORT });
    },
  );

  it('a 404 before the instant is never stored', async () => {
    expect(
      await viaCdn(`/${SLUG}/${file(/\/listes\//).path.slice(SLUG.length + 1)}`, T - 1),
    ).toMatchObject({ status: 404, cacheControl: 'no-store' });
  });

  it.each([
    ['page', /^aix-marseille\/index\.html$/],
    ['name list', /\/listes\/0130001A\.html$/],
    ['lookup shard', /\/resultats\/0\.json$/],
    ['fingerprinted asset', /\/assets\/site\.[0-9a-f]{8}\.css$/],
  ])(
    'a rehearsal %s is stored and served private, no-store (and noindex)',
    async (_kind, pattern) => {
      const f = file(pattern);
      expect((await head(`rehearsals/${release.id}/${f.path}`)).CacheControl).toBe(NEVER_STORED);
      const key = await rehearsalKey(kvs);
      const path = rehearsalPath(
        key,
        release.id,
        SLUG,
        new Date(T + 3_600_000),
        f.path.slice(SLUG.length),
      );
      expect(await viaCdn(path, T)).toEqual({
        status: 200,
        cacheControl: NEVER_STORED,
        robots: 'noindex, nofollow',
      });
    },
  );

  it(
    'a takedown rewrites files in place with ' + 'the same Cache-Control as a first write',
    async () => {
      const list = file(/\/listes\/0130002B\.html$/);
      const asset = file(/\/assets\/site\.[0-9a-f]{8}\.css$/);
      const body = new TextEncoder().encode('<p>liste mise à jour</p>');
      const patched: ReleaseFile = {
        ...list,
        body,
        sha256: createHash('sha256').update(body).digest('hex'),
      };
      await storage.patch(release.id, [patched, asset], [], release.manifest);
      expect((await head(`releases/${release.id}/${list.path}`)).CacheControl).toBe(SHORT);
      expect((await head(`releases/${release.id}/${asset.path}`)).CacheControl).toBe(IMMUTABLE);
      expect(await viaCdn(`/${list.path}`, T)).toMatchObject({
        status: 200,
        cacheControl: SHORT,
        robots: 'noindex, nofollow',
      });
    },
  );

  it(
    "serves the Cache-Control stored with the object, as CloudFront passes on S3's; the policy " +
      'only for an object stored without one',
    async () => {
      const base = `releases/${release.id}/${SLUG}/statistiques`;
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${base}/stored.csv`,
          Body: 'a;b\n',
          ContentType: 'text/csv',
          CacheControl: 'public, max-age=7',
        }),
      );
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${base}/bare.csv`,
          Body: 'a;b\n',
          ContentType: 'text/csv',
        }),
      );
      expect(await viaCdn(`/${SLUG}/statistiques/stored.csv`, T)).toMatchObject({
        status: 200,
        cacheControl: 'public, max-age=7',
      });
      expect(await viaCdn(`/${SLUG}/statistiques/bare.csv`, T)).toMatchObject({
        status: 200,
        cacheControl: SHORT,
      });
    },
  );

  it(
    'gives the files no public path reaches (manifest, statistics kept for the national page) ' +
      'a Cache-Control too',
    async () => {
      await storage.saveStatistics(release.id, release.statistics);
      for (const name of ['manifest.json', 'statistics.json'])
        expect((await head(`releases/${release.id}/${name}`)).CacheControl, name).toBe(SHORT);
    },
  );
});
