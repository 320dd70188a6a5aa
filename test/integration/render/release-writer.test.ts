import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAcademie } from '../../../shared/domain/reference/academies.js';
import {
  verifyRelease,
  writeAnnouncement,
  writeRelease,
} from '../../../shared/adapters/s3/release-writer.s3.js';
import { announcementPage } from '../../../shared/render/pages.js';
import { renderRelease, type Release } from '../../../shared/render/release.js';
import { s3ClientFor, startTestStack, type TestStack } from '../../support/local-stack.js';
import { decision as d, fakeRoot, releaseParams } from '../../unit/render/fixtures.js';

let stack: TestStack;
let s3: S3Client;
let bucket: string;
let release: Release;
beforeAll(async () => {
  stack = await startTestStack();
  s3 = s3ClientFor(stack.env);
  bucket = stack.env.PUBLIBAC_SITE_BUCKET!;
  release = await renderRelease({
    academie: 'aix-marseille',
    session: '2024-06',
    groupe: 1,
    decisions: Array.from({ length: 30 }, (_, i) =>
      d({ numero: `N${i}`, nom: `NOM${i}`, uai: i % 2 ? '0130001A' : '0130002B' }),
    ),
    lookup: { params: releaseParams(1), root: fakeRoot },
  });
});
afterAll(async () => stack.stop());

describe('writeRelease / verifyRelease', () => {
  it(
    'writes every file under releases/<id>/ with its type and sha256, and verifies ' + 'complete',
    async () => {
      await writeRelease(s3, bucket, release);
      expect(await verifyRelease(s3, bucket, release.id)).toEqual({ complete: true, missing: [] });
      const page = release.files.find((f) => f.path === 'aix-marseille/index.html')!;
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: bucket, Key: `releases/${release.id}/${page.path}` }),
      );
      expect(head.ContentType).toBe('text/html; charset=utf-8');
      expect(head.Metadata?.sha256).toBe(page.sha256);
      // Stored with its Cache-Control, which S3 returns and CloudFront passes on (every kind:
      // test/integration/cdn/cache-control.test.ts).
      expect(head.CacheControl).toBe('public, max-age=60');
      const got = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: `releases/${release.id}/${page.path}` }),
      );
      expect(
        Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(page.body)),
      ).toBe(true);
    },
  );

  it('reports a deleted object as missing', async () => {
    const victim = 'aix-marseille/resultats/a.json';
    await s3.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: `releases/${release.id}/${victim}` }),
    );
    expect(await verifyRelease(s3, bucket, release.id)).toEqual({
      complete: false,
      missing: [victim],
    });
  });

  it('keeps rehearsals apart, and a release without its manifest is incomplete', async () => {
    expect(await verifyRelease(s3, bucket, release.id, 'rehearsals')).toEqual({
      complete: false,
      missing: ['manifest.json'],
    });
    await writeRelease(s3, bucket, release, 'rehearsals');
    expect(await verifyRelease(s3, bucket, release.id, 'rehearsals')).toEqual({
      complete: true,
      missing: [],
    });
  });

  it('writes the announcement outside any release', async () => {
    const aix = findAcademie('aix-marseille')!;
    await writeAnnouncement(
      s3,
      bucket,
      aix.slug,
      announcementPage(aix, '2024-06', new Date('2024-07-05T08:00:00Z')),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'announcements/aix-marseille/index.html' }),
    );
    expect(got.ContentType).toBe('text/html; charset=utf-8');
    expect(got.CacheControl).toBe('public, max-age=0, s-maxage=5');
    expect(await got.Body!.transformToString()).toContain(
      'seront publiés le vendredi 5 juillet 2024 à 10 h 00 (heure locale)',
    );
  });
});
