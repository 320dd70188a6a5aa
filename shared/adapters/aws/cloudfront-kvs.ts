// The KVS API is served only on SigV4A-signed requests; importing the
// signer registers it with the SDK (without it every call fails to sign).
import '@aws-sdk/signature-v4a';
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DeleteKeyCommand,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { EdgeKeyValueStore } from '../../ports/edge-kvs.port.js';

/** Writes retried after another writer changed the store between our describe and our write. */
const WRITE_ATTEMPTS = 3;

/**
 * The CloudFront KeyValueStore the viewer-request function reads. Every
 * write must carry the store's current ETag (IfMatch): a write racing
 * another one is refused with a conflict, so it is retried with a fresh
 * ETag. Each put replaces a whole value, so a retry cannot mix two writes.
 */
export class CloudFrontKeyValueStore implements EdgeKeyValueStore {
  private readonly client: CloudFrontKeyValueStoreClient;
  private readonly kvsArn: string;

  constructor(deps: { client: CloudFrontKeyValueStoreClient; kvsArn: string }) {
    this.client = deps.client;
    this.kvsArn = deps.kvsArn;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(new GetKeyCommand({ KvsARN: this.kvsArn, Key: key }));
      return out.Value;
    } catch (err) {
      if (err instanceof ResourceNotFoundException) return undefined;
      throw err;
    }
  }

  async put(key: string, value: string): Promise<void> {
    await this.withETag((IfMatch) =>
      this.client.send(new PutKeyCommand({ KvsARN: this.kvsArn, Key: key, Value: value, IfMatch })),
    );
  }

  async delete(key: string): Promise<void> {
    try {
      await this.withETag((IfMatch) =>
        this.client.send(new DeleteKeyCommand({ KvsARN: this.kvsArn, Key: key, IfMatch })),
      );
    } catch (err) {
      if (err instanceof ResourceNotFoundException) return;
      throw err;
    }
  }

  private async withETag(write: (etag: string) => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { ETag } = await this.client.send(
        new DescribeKeyValueStoreCommand({ KvsARN: this.kvsArn }),
      );
      if (!ETag) throw new Error('DescribeKeyValueStore returned no ETag');
      try {
        await write(ETag);
        return;
      } catch (err) {
        if (!(err instanceof ConflictException) || attempt >= WRITE_ATTEMPTS) throw err;
      }
    }
  }
}

let shared: CloudFrontKeyValueStoreClient | undefined;

/** The process's client (region and credentials from the SDK's standard settings). */
export function cloudFrontKvsClient(): CloudFrontKeyValueStoreClient {
  shared ??= new CloudFrontKeyValueStoreClient({});
  return shared;
}
