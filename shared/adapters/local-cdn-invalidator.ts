import { randomUUID } from 'node:crypto';
import type { CdnInvalidator } from '../ports/cdn-invalidator.port.js';

/**
 * The local CDN keeps no cache (it reads the bucket on every request), so
 * there is nothing to drop: an invalidation is recorded and complete at
 * once. The paths are kept so that tests can check what would be sent.
 */
export class LocalCdnInvalidator implements CdnInvalidator {
  readonly requests: { id: string; paths: readonly string[] }[] = [];

  invalidate(paths: readonly string[]): Promise<string> {
    const id = `local-${randomUUID()}`;
    this.requests.push({ id, paths: [...paths] });
    return Promise.resolve(id);
  }

  isComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}
