import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import pMap from 'p-map';

/**
 * Every object of a bucket under `prefix`, as `key sha256` lines in key
 * order (content read back, not the recorded metadata): equal snapshots
 * mean the same objects with the same bytes, nothing missing, nothing extra.
 */
export async function bucketSnapshot(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.NextContinuationToken;
  } while (token);
  const lines = await pMap(
    keys,
    async (key) => {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = (await res.Body?.transformToByteArray()) ?? new Uint8Array();
      return `${key} ${createHash('sha256').update(bytes).digest('hex')}`;
    },
    { concurrency: 16 },
  );
  return lines.sort();
}
