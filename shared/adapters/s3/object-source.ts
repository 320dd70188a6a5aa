import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ByteSource } from '../../ports/byte-source.port.js';

/**
 * An S3 object as a ByteSource (the ingest bucket's files). The ingest reads
 * its source twice (check, then write): each open is a GET of the same
 * version, pinned by the ETag read once, so a file replaced between the two
 * passes fails the second GET instead of mixing two files.
 */
export async function s3ObjectSource(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<ByteSource> {
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const name = key.slice(key.lastIndexOf('/') + 1);
  return {
    name,
    ...(head.ContentLength !== undefined ? { size: head.ContentLength } : {}),
    open: () => ({
      async *[Symbol.asyncIterator]() {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: head.ETag }),
        );
        if (!object.Body) return;
        yield* object.Body as AsyncIterable<Uint8Array>;
      },
    }),
  };
}
