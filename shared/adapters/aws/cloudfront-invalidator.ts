import { randomUUID } from 'node:crypto';
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
} from '@aws-sdk/client-cloudfront';
import type { CdnInvalidator } from '../../ports/cdn-invalidator.port.js';

/**
 * CloudFront invalidations of the public distribution (takedowns); the short TTL bounds staleness
 * whatever they take.
 */
export class CloudFrontInvalidator implements CdnInvalidator {
  constructor(private readonly deps: { client: CloudFrontClient; distributionId: string }) {}

  async invalidate(paths: readonly string[]): Promise<string> {
    const out = await this.deps.client.send(
      new CreateInvalidationCommand({
        DistributionId: this.deps.distributionId,
        // Unique per call: the same paths invalidated twice are two requests, not a replay.
        InvalidationBatch: {
          CallerReference: randomUUID(),
          Paths: { Quantity: paths.length, Items: [...paths] },
        },
      }),
    );
    const id = out.Invalidation?.Id;
    if (!id) throw new Error('CreateInvalidation returned no id');
    return id;
  }

  async isComplete(id: string): Promise<boolean> {
    const out = await this.deps.client.send(
      new GetInvalidationCommand({ DistributionId: this.deps.distributionId, Id: id }),
    );
    return out.Invalidation?.Status === 'Completed';
  }
}

let shared: CloudFrontClient | undefined;

export function cloudFrontClient(): CloudFrontClient {
  shared ??= new CloudFrontClient({});
  return shared;
}
