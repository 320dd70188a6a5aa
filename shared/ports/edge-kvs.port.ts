/**
 * The key-value store the edge function reads its pointers from (see
 * shared/edge/pointer.ts). On AWS it is the CloudFront KeyValueStore, whose
 * writes take seconds to reach every edge location; locally it is a
 * DynamoDB table shared by every local process (CLI, CDN, scheduler).
 */
export interface EdgeKeyValueStore {
  /** The value, or undefined when the key is absent. */
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
  /** Removing an absent key is not an error. */
  delete(key: string): Promise<void>;
}
