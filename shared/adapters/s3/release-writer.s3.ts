// Writes a rendered release under its own prefix of the site bucket, and
// checks one is complete before anything may point at it.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import pMap from 'p-map';
import { cachePolicyFor } from '../../edge/response-headers.js';
import type {
  ReleaseCheck,
  ReleasePrefix,
  ReleaseStorage,
} from '../../ports/release-storage.port.js';
import {
  MANIFEST_PATH,
  manifestBytes,
  ReleaseManifest,
  releaseId,
  type ReleaseContent,
  type ReleaseFile,
} from '../../site/release-files.js';
import { AcademieSlug } from '../../domain/vocabulary.js';
import type { AcademieStats } from '../../stats/stats.types.js';

export type { ReleaseCheck, ReleasePrefix };

/** The ReleaseStorage port over the functions below. */
export class S3ReleaseStorage implements ReleaseStorage {
  constructor(private readonly deps: { client: S3Client; bucket: string }) {}
  write(release: ReleaseContent, prefix: ReleasePrefix): Promise<void> {
    return writeRelease(this.deps.client, this.deps.bucket, release, prefix);
  }
  verify(id: string, prefix: ReleasePrefix): Promise<ReleaseCheck> {
    return verifyRelease(this.deps.client, this.deps.bucket, id, prefix);
  }
  writeAnnouncement(slug: string, html: string): Promise<void> {
    return writeAnnouncement(this.deps.client, this.deps.bucket, slug, html);
  }
  async writeHome(files: readonly ReleaseFile[]): Promise<void> {
    for (const f of files) {
      if (!HOME_PATH.test(f.path))
        throw new Error(`not a home page file: ${JSON.stringify(f.path)}`);
      await this.deps.client.send(putFile(this.deps.bucket, `home/${f.path}`, f));
    }
  }
  async saveStatistics(releaseId: string, stats: AcademieStats): Promise<void> {
    const body = new TextEncoder().encode(JSON.stringify(stats));
    await this.deps.client.send(
      new PutObjectCommand({
        Bucket: this.deps.bucket,
        Key: statisticsKey(releaseId),
        Body: body,
        ContentType: 'application/json',
        ContentLength: body.length,
        CacheControl: cacheControl(statisticsKey(releaseId)),
      }),
    );
  }
  async statistics(releaseId: string): Promise<AcademieStats | undefined> {
    try {
      const res = await this.deps.client.send(
        new GetObjectCommand({ Bucket: this.deps.bucket, Key: statisticsKey(releaseId) }),
      );
      const text = await res.Body?.transformToString('utf-8');
      return text === undefined ? undefined : (JSON.parse(text) as AcademieStats);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
  async saveRenderInputs(releaseId: string, body: Uint8Array): Promise<void> {
    await this.deps.client.send(
      new PutObjectCommand({
        Bucket: this.deps.bucket,
        Key: renderInputsKey(releaseId),
        Body: body,
        ContentType: 'application/gzip',
        ContentLength: body.length,
        CacheControl: 'no-store',
      }),
    );
  }
  async renderInputs(releaseId: string): Promise<Uint8Array | undefined> {
    try {
      const res = await this.deps.client.send(
        new GetObjectCommand({ Bucket: this.deps.bucket, Key: renderInputsKey(releaseId) }),
      );
      return await res.Body?.transformToByteArray();
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
  async currentManifest(id: string): Promise<ReleaseManifest | undefined> {
    for (const name of [PATCHED_MANIFEST_PATH, MANIFEST_PATH]) {
      try {
        const res = await this.deps.client.send(
          new GetObjectCommand({ Bucket: this.deps.bucket, Key: `releases/${id}/${name}` }),
        );
        const text = await res.Body?.transformToString('utf-8');
        if (text !== undefined) return ReleaseManifest.parse(JSON.parse(text));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return undefined;
  }
  async patch(
    id: string,
    files: readonly ReleaseFile[],
    removed: readonly string[],
    manifest: ReleaseManifest,
  ): Promise<void> {
    const reserved = [MANIFEST_PATH, PATCHED_MANIFEST_PATH, 'statistics.json'];
    if (files.some((f) => reserved.includes(f.path)) || removed.some((p) => reserved.includes(p)))
      throw new Error('a patch never touches the manifests');
    const { client, bucket } = this.deps;
    await pMap(files, (f) => client.send(putFile(bucket, `releases/${id}/${f.path}`, f)), {
      concurrency: CONCURRENCY,
    });
    await pMap(
      removed,
      (path) =>
        client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `releases/${id}/${path}` })),
      { concurrency: CONCURRENCY },
    );
    // Outside every public path (those start with the académie's slug), like manifest.json.
    const body = manifestBytes(manifest);
    const key = `releases/${id}/${PATCHED_MANIFEST_PATH}`;
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        ContentLength: body.length,
        CacheControl: cacheControl(key),
      }),
    );
  }
}

/** What home/ holds: the page, and assets named by their content (what the edge serves). */
const HOME_PATH = /^(index\.html|assets\/[a-z]+\.[0-9a-f]{8,64}\.(css|js))$/;

/**
 * Personal data (the decisions a release was rendered from): under private/,
 * which the edge function never maps a viewer path to (it only reaches
 * releases/, rehearsals/, announcements/ and home/).
 */
function renderInputsKey(releaseId: string): string {
  return `private/render-inputs/${releaseId}.json.gz`;
}

/** Beside the release, under no académie's folder: no public path leads there. */
function statisticsKey(releaseId: string): string {
  return `releases/${releaseId}/statistics.json`;
}

/**
 * Every object is stored with its Cache-Control (shared/edge/response-headers.ts):
 * S3 returns it, CloudFront passes it to browsers and caps its own TTL with
 * it. Without it browsers cache heuristically, and neither the takedown
 * bound, the announcement's end at the instant nor a rehearsal's no-store
 * would hold for readers.
 */
function cacheControl(key: string): string {
  return cachePolicyFor(`/${key}`).cacheControl;
}

function putFile(bucket: string, key: string, f: ReleaseFile): PutObjectCommand {
  return new PutObjectCommand({
    Bucket: bucket,
    Key: key,
    Body: f.body,
    ContentType: f.contentType,
    ContentLength: f.body.length,
    CacheControl: cacheControl(key),
    Metadata: { sha256: f.sha256 },
  });
}

const CONCURRENCY = 16;
/** What a release holds after a takedown rewrote some of its files. */
const PATCHED_MANIFEST_PATH = 'manifest.patched.json';

/**
 * PutObject of every file under `<prefix>/<id>/<path>`, the manifest last:
 * its presence is what says the release is complete, so a writer that dies
 * half-way leaves a release that verifyRelease rejects. Rewriting the same
 * release is harmless: same keys, same bytes.
 */
export async function writeRelease(
  client: S3Client,
  bucket: string,
  release: ReleaseContent,
  prefix: ReleasePrefix = 'releases',
): Promise<void> {
  const manifest = release.files.find((f) => f.path === MANIFEST_PATH);
  if (!manifest) throw new Error(`release ${release.id} has no ${MANIFEST_PATH}`);
  const put = (f: ReleaseFile) =>
    client.send(putFile(bucket, `${prefix}/${release.id}/${f.path}`, f));
  await pMap(
    release.files.filter((f) => f !== manifest),
    put,
    { concurrency: CONCURRENCY },
  );
  await put(manifest);
}

/**
 * Reads the manifest, checks it hashes to the id, then lists the release's
 * prefix: every file the manifest names must be there with its size. A
 * missing or foreign manifest reports `manifest.json` missing.
 *
 * Why presence and size are as strong as the sha256 metadata every object
 * also carries (which a HEAD per file used to compare: 4,300 requests for an
 * académie, against five pages of listing): a PutObject is atomic, so an
 * object exists whole, with the bytes sent, or not at all, and the metadata
 * was set by that same PUT. The id is the hash of the manifest, which holds
 * every file's sha256, so writeRelease only ever puts under this id the
 * bytes the manifest names: the metadata only ever proved that the PUT
 * completed, which the listing proves too. A different body of the same
 * size under the same key needs a writer with write access to the bucket,
 * who could forge the metadata as well. (A takedown's patch rewrites files
 * of a live release on purpose, recorded in manifest.patched.json: checked
 * against the release's own manifest, those show here only if their size
 * changed, where the metadata flagged each one.)
 */
export async function verifyRelease(
  client: S3Client,
  bucket: string,
  id: string,
  prefix: ReleasePrefix = 'releases',
): Promise<ReleaseCheck> {
  const root = `${prefix}/${id}/`;
  const noManifest: ReleaseCheck = { complete: false, missing: [MANIFEST_PATH] };
  let bytes: Uint8Array | undefined;
  try {
    const res = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: `${root}${MANIFEST_PATH}` }),
    );
    bytes = await res.Body?.transformToByteArray();
  } catch (e) {
    if (isNotFound(e)) return noManifest;
    throw e;
  }
  const manifest = bytes && parseManifest(bytes);
  if (!bytes || !manifest) return noManifest;
  if (releaseId(manifest.session, manifest.academie, manifest.groupe, bytes) !== id)
    return noManifest;

  const sizes = await listSizes(client, bucket, root);
  const missing = manifest.files.filter((f) => sizes.get(f.path) !== f.bytes).map((f) => f.path);
  return { complete: missing.length === 0, missing };
}

/**
 * Size of every object under `root`, by key relative to it. ListObjectsV2 is
 * strongly consistent (as reads after writes are), and pages by 1,000 keys.
 */
async function listSizes(
  client: S3Client,
  bucket: string,
  root: string,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: root, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? [])
      if (o.Key?.startsWith(root) && o.Size !== undefined)
        sizes.set(o.Key.slice(root.length), o.Size);
    // A truncated page without a token would end the listing early and report present files
    // missing: fail instead, as any other S3 error does.
    if (page.IsTruncated && !page.NextContinuationToken)
      throw new Error(`listing ${root} is truncated without a continuation token`);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return sizes;
}

/** The page shown before publication, outside any release (see announcementPage). */
export async function writeAnnouncement(
  client: S3Client,
  bucket: string,
  slug: string,
  html: string,
): Promise<void> {
  if (!AcademieSlug.safeParse(slug).success)
    throw new Error(`not an académie slug: ${JSON.stringify(slug)}`);
  const body = new TextEncoder().encode(html);
  const key = `announcements/${slug}/index.html`;
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'text/html; charset=utf-8',
      ContentLength: body.length,
      CacheControl: cacheControl(key),
    }),
  );
}

/** A manifest that is not JSON, or not one, is no manifest: the release is incomplete. */
function parseManifest(bytes: Uint8Array): ReleaseManifest | undefined {
  try {
    const parsed = ReleaseManifest.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isNotFound(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, $metadata } = e as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}
