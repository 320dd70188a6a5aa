import type { S3Client } from '@aws-sdk/client-s3';
import type { ReleaseReplica } from '../../ports/release-replica.port.js';
import type { ReleaseCheck } from '../../ports/release-storage.port.js';
import { createS3Client } from './client.js';
import { verifyRelease } from './release-writer.s3.js';

/**
 * The ReleaseReplica port over the replica bucket. The whole release is
 * verified, not only its manifest: S3 Replication copies objects in no
 * particular order, so the manifest (written last in the primary) may reach
 * the replica before some of the files it lists. The check is the
 * primary's: the manifest hashes to the id, and every file it names is
 * listed with its size (a replicated object, like a PUT, appears whole or
 * not at all).
 */
export class S3ReleaseReplica implements ReleaseReplica {
  constructor(private readonly deps: { client: S3Client; bucket: string }) {}
  get bucket(): string {
    return this.deps.bucket;
  }
  verify(id: string): Promise<ReleaseCheck> {
    return verifyRelease(this.deps.client, this.deps.bucket, id, 'releases');
  }
}

let shared: S3Client | undefined;

/**
 * The replica lives in another region than the functions: the client follows S3's redirect to
 * the bucket's region (learnt once, then cached by the SDK) rather than needing a second
 * variable for it. The endpoint, locally, still comes from AWS_ENDPOINT_URL_S3.
 */
export function replicaS3Client(): S3Client {
  shared ??= createS3Client({ followRegionRedirects: true });
  return shared;
}
