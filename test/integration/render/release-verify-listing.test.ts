// verifyRelease checks a release by listing its prefix (ListObjectsV2, by
// pages of 1,000 keys) rather than by a HeadObject per file: each file the
// manifest names must be listed with the manifest's size. Real SDK against
// the embedded s3rver, whose truncated listings need the DES shim of the
// local stack.
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRelease, writeRelease } from '../../../shared/adapters/s3/release-writer.s3.js';
import { renderRelease, type Release } from '../../../shared/render/release.js';
import { injectS3Faults } from '../../support/fault-injection.js';
import { s3ClientFor, startTestStack, type TestStack } from '../../support/local-stack.js';
import { decision as d, fakeRoot, releaseParams } from '../../unit/render/fixtures.js';

let stack: TestStack;
let s3: S3Client;
let bucket: string;

/** An Aix-Marseille release of 30 candidates; `shardChars` 3 makes it 4,096 lookup shards. */
const render = (shardChars: number) =>
  renderRelease({
    academie: 'aix-marseille',
    session: '2024-06',
    groupe: 1,
    decisions: Array.from({ length: 30 }, (_, i) =>
      d({ numero: `N${i}`, nom: `NOM${i}`, uai: i % 2 ? '0130001A' : '0130002B' }),
    ),
    lookup: { params: releaseParams(1, { shardChars }), root: fakeRoot },
  });

/** The S3 operations a client sends, by name, from now on. */
function countOperations(client: S3Client): Map<string, number> {
  const seen = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = context.commandName ?? '?';
      seen.set(name, (seen.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize' },
  );
  return seen;
}

const key = (release: Release, path: string) => `releases/${release.id}/${path}`;

beforeAll(async () => {
  stack = await startTestStack();
  s3 = s3ClientFor(stack.env);
  bucket = stack.env.PUBLIBAC_SITE_BUCKET!;
});
afterAll(async () => stack.stop());

describe('verifyRelease, by listing', () => {
  let release: Release;
  beforeAll(async () => {
    release = await render(1);
    await writeRelease(s3, bucket, release);
  });

  it('reports a deleted file as missing, by its path, and only it', async () => {
    expect(await verifyRelease(s3, bucket, release.id)).toEqual({ complete: true, missing: [] });
    const victim = 'aix-marseille/listes/0130001A.html';
    expect(release.files.some((f) => f.path === victim)).toBe(true);
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(release, victim) }));
    expect(await verifyRelease(s3, bucket, release.id)).toEqual({
      complete: false,
      missing: [victim],
    });
  });

  it('reports a file overwritten with a shorter body, its sha256 metadata kept', async () => {
    // Whole again first (the test above deleted a file): same keys, same bytes.
    await writeRelease(s3, bucket, release);
    const file = release.files.find((f) => f.path === 'aix-marseille/index.html')!;
    // What a truncated upload would leave, were PUTs not atomic: the same key and metadata, fewer
    // bytes. The size in the listing is what tells.
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key(release, file.path),
        Body: file.body.subarray(0, file.body.length - 1),
        ContentType: file.contentType,
        Metadata: { sha256: file.sha256 },
      }),
    );
    expect(await verifyRelease(s3, bucket, release.id)).toEqual({
      complete: false,
      missing: [file.path],
    });
  });

  it('ignores objects beside the manifest that it does not name (statistics.json)', async () => {
    const other = await render(2);
    await writeRelease(s3, bucket, other);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key(other, 'statistics.json'),
        Body: '{}',
        ContentType: 'application/json',
      }),
    );
    expect(await verifyRelease(s3, bucket, other.id)).toEqual({ complete: true, missing: [] });
  });
});

describe('verifyRelease of a release of more than 1,000 objects', () => {
  let big: Release;
  let client: S3Client;
  let operations: Map<string, number>;
  beforeAll(async () => {
    big = await render(3);
    await writeRelease(s3, bucket, big);
    client = s3ClientFor(stack.env);
    operations = countOperations(client);
  }, 180_000);
  afterAll(() => {
    client.destroy();
  });

  it('pages through the listing and verifies it complete, without a HEAD per file', async () => {
    expect(big.files.length).toBeGreaterThan(4_000);
    operations.clear();
    expect(await verifyRelease(client, bucket, big.id)).toEqual({ complete: true, missing: [] });
    // The manifest read, then one listing page per 1,000 keys; nothing per file.
    expect(Object.fromEntries(operations)).toEqual({
      GetObjectCommand: 1,
      ListObjectsV2Command: Math.ceil(big.files.length / 1_000),
    });
  });

  it('reports files missing on the first and the last pages', async () => {
    // In key order, the assets come first and the statistics last (after 4,096 shards).
    const first = 'aix-marseille/assets/';
    const last = 'aix-marseille/statistiques/index.html';
    const victims = [big.files.find((f) => f.path.startsWith(first))!.path, last];
    for (const victim of victims)
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(big, victim) }));
    expect(await verifyRelease(client, bucket, big.id)).toEqual({
      complete: false,
      missing: [...victims].sort(),
    });
    // Still written, though no longer read here: the sha256 recorded by each PUT.
    const shard = big.files.find((f) => f.path.endsWith('/fff.json'))!;
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key(big, shard.path) }),
    );
    expect(head.Metadata?.sha256).toBe(shard.sha256);
  });

  it('fails, rather than answering, when a later page of the listing fails', async () => {
    const failing = s3ClientFor(stack.env);
    let pages = 0;
    // S3 down from the second page on (every retry of the SDK too): a listing cut short must not
    // read as files missing, nor as a complete release.
    const log = injectS3Faults(failing, ({ command }) =>
      command === 'ListObjectsV2' && ++pages >= 2 ? 'internal-error' : null,
    );
    await expect(verifyRelease(failing, bucket, big.id)).rejects.toThrow();
    expect(log.count('internal-error', 'ListObjectsV2')).toBeGreaterThan(0);
    failing.destroy();
  });
});
