import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { describe, expect, it } from 'vitest';
import { CloudFrontKeyValueStore } from '../../../shared/adapters/aws/cloudfront-kvs.js';
import { stubClient, testClientConfig, type SentCommand } from './sdk-stub.js';

const KVS_ARN =
  'arn:aws:cloudfront::123456789012:key-value-store/0a1b2c3d-0000-4000-8000-000000000000';
const notFound = () =>
  new ResourceNotFoundException({ message: 'Key not found', $metadata: { httpStatusCode: 404 } });
const conflict = () =>
  new ConflictException({ message: 'ETag mismatch', $metadata: { httpStatusCode: 409 } });

function kvsWith(respond: (c: SentCommand) => unknown) {
  const client = new CloudFrontKeyValueStoreClient(testClientConfig);
  const sent = stubClient(client, respond);
  return { kvs: new CloudFrontKeyValueStore({ client, kvsArn: KVS_ARN }), sent };
}

describe('CloudFront KeyValueStore adapter', () => {
  it('puts a key with the ETag just described', async () => {
    const { kvs, sent } = kvsWith((c) =>
      c.name === 'DescribeKeyValueStoreCommand' ? { ETag: 'etag-1' } : { ETag: 'etag-2' },
    );
    await kvs.put('pointer:lyon', '{"v":1}');
    expect(sent).toEqual([
      { name: 'DescribeKeyValueStoreCommand', input: { KvsARN: KVS_ARN } },
      {
        name: 'PutKeyCommand',
        input: { KvsARN: KVS_ARN, Key: 'pointer:lyon', Value: '{"v":1}', IfMatch: 'etag-1' },
      },
    ]);
  });

  it('describes again and retries when another writer changed the store in between', async () => {
    let etag = 0;
    let puts = 0;
    const { kvs, sent } = kvsWith((c) => {
      if (c.name === 'DescribeKeyValueStoreCommand') return { ETag: `etag-${++etag}` };
      if (++puts === 1) throw conflict();
      return { ETag: 'etag-new' };
    });
    await kvs.put('pointer:nice', 'x');
    expect(sent.filter((c) => c.name === 'PutKeyCommand').map((c) => c.input.IfMatch)).toEqual([
      'etag-1',
      'etag-2',
    ]);
  });

  it('gives up after three conflicts', async () => {
    const { kvs, sent } = kvsWith((c) => {
      if (c.name === 'DescribeKeyValueStoreCommand') return { ETag: 'e' };
      throw conflict();
    });
    await expect(kvs.put('pointer:nice', 'x')).rejects.toBeInstanceOf(ConflictException);
    expect(sent.filter((c) => c.name === 'PutKeyCommand')).toHaveLength(3);
  });

  it('reads a value, and an absent key as undefined', async () => {
    const { kvs, sent } = kvsWith((c) => {
      if (c.input.Key === 'rehearsal-key')
        return { Key: 'rehearsal-key', Value: 'secret', ItemCount: 1, TotalSizeInBytes: 10 };
      throw notFound();
    });
    expect(await kvs.get('rehearsal-key')).toBe('secret');
    expect(await kvs.get('pointer:absent')).toBeUndefined();
    expect(sent.map((c) => c.name)).toEqual(['GetKeyCommand', 'GetKeyCommand']);
    expect(sent[0]!.input).toEqual({ KvsARN: KVS_ARN, Key: 'rehearsal-key' });
  });

  it('deletes with IfMatch, and deleting an absent key is not an error', async () => {
    const { kvs, sent } = kvsWith((c) => {
      if (c.name === 'DescribeKeyValueStoreCommand') return { ETag: 'etag-9' };
      throw notFound();
    });
    await expect(kvs.delete('pointer:absent')).resolves.toBeUndefined();
    expect(sent[1]).toEqual({
      name: 'DeleteKeyCommand',
      input: { KvsARN: KVS_ARN, Key: 'pointer:absent', IfMatch: 'etag-9' },
    });
  });
});
