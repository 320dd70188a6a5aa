import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDynamoDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { createS3Client } from '../../shared/adapters/s3/client.js';
import { startLocalStack, type LocalStack } from '../../shared/local/local-stack.js';
import {
  applyLocalStackEnv,
  readLocalState,
  type LocalState,
} from '../../shared/local/local-state.js';
import { dynamoClientFor, s3ClientFor } from '../support/local-stack.js';

const CLI = join(import.meta.dirname, '../../shared/cli/publibac.js');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'publibac-stack-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
async function start(options: Parameters<typeof startLocalStack>[0]): Promise<LocalStack> {
  const stack = await startLocalStack({ ...options, ports: { dynamodb: 0, s3: 0, cdn: 0 } });
  let stopped = false;
  cleanups.push(async () => stopped || stack.stop());
  return { ...stack, stop: async () => ((stopped = true), stack.stop()) };
}

/** Puts one item and `objects` objects through the real SDK clients. */
async function putData(stack: LocalStack, objects = 1) {
  const db = dynamoClientFor(stack.env);
  const s3 = s3ClientFor(stack.env);
  await db.send(
    new PutCommand({
      TableName: stack.env.PUBLIBAC_DECISIONS_TABLE,
      Item: { pk: 'p', sk: 's', n: 42 },
    }),
  );
  for (let i = 0; i < objects; i++) {
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.env.PUBLIBAC_SITE_BUCKET,
        Key: `releases/r1/${i}.html`,
        Body: `<p>${i}</p>`,
      }),
    );
  }
  db.destroy();
  s3.destroy();
}

async function readData(stack: LocalStack) {
  const db = dynamoClientFor(stack.env);
  const s3 = s3ClientFor(stack.env);
  try {
    const { Item } = await db.send(
      new GetCommand({ TableName: stack.env.PUBLIBAC_DECISIONS_TABLE, Key: { pk: 'p', sk: 's' } }),
    );
    const object = await s3
      .send(
        new GetObjectCommand({ Bucket: stack.env.PUBLIBAC_SITE_BUCKET, Key: 'releases/r1/0.html' }),
      )
      .then(
        (o) => o.Body?.transformToString(),
        (e: unknown) => (e instanceof Error ? e.name : String(e)),
      );
    return { item: Item, object };
  } finally {
    db.destroy();
    s3.destroy();
  }
}

describe('startLocalStack', () => {
  it(
    'keeps DynamoDB items and S3 objects ' + 'across a restart on the same data directory',
    async () => {
      const dataDir = await tempDir();
      const first = await start({ dataDir });
      await putData(first, 3);
      // One stack per data directory (two LevelDB writers would corrupt it).
      await expect(
        startLocalStack({ dataDir, ports: { dynamodb: 0, s3: 0, cdn: 0 } }),
      ).rejects.toThrow('in use by another local stack');
      await first.stop();

      const second = await start({ dataDir });
      expect(await readData(second)).toEqual({
        item: { pk: 'p', sk: 's', n: 42 },
        object: '<p>0</p>',
      });
      // A truncated listing goes through s3rver's continuation token (the DES shim).
      const s3 = s3ClientFor(second.env);
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: second.env.PUBLIBAC_SITE_BUCKET,
            MaxKeys: 1,
            ContinuationToken,
          }),
        );
        keys.push(...(page.Contents ?? []).map((c) => c.Key ?? ''));
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      s3.destroy();
      expect(keys).toEqual(['releases/r1/0.html', 'releases/r1/1.html', 'releases/r1/2.html']);
    },
  );

  it('in memory mode, keeps nothing and leaves nothing behind', async () => {
    // The S3 emulator needs a directory: a temporary one, under TMPDIR, that stop removes.
    const tmp = await tempDir();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    cleanups.push(async () =>
      saved === undefined ? delete process.env.TMPDIR : (process.env.TMPDIR = saved),
    );

    const first = await start({ memory: true });
    await putData(first);
    expect(await readdir(tmp)).toHaveLength(1);
    await first.stop();
    expect(await readdir(tmp)).toEqual([]);

    const second = await start({ memory: true });
    expect(await readData(second)).toEqual({ item: undefined, object: 'NoSuchKey' });
  });

  it(
    'gives in `env` all a client needs: clients configured by the environment alone work, ' +
      'streamed bodies intact',
    async () => {
      const stack = await start({ memory: true });
      // The stack's env alone: no AWS_ variable of the machine; restored after the test.
      cleanups.push(async () => {
        vi.unstubAllEnvs();
      });
      for (const key of Object.keys(process.env))
        if (key.startsWith('AWS_')) vi.stubEnv(key, undefined);
      for (const [key, value] of Object.entries(stack.env)) vi.stubEnv(key, value);

      const db = createDynamoDocumentClient();
      const s3 = createS3Client();
      try {
        await db.send(
          new PutCommand({
            TableName: process.env.PUBLIBAC_DECISIONS_TABLE,
            Item: { pk: 'env', sk: 'only' },
          }),
        );
        expect(
          (
            await db.send(
              new GetCommand({
                TableName: process.env.PUBLIBAC_DECISIONS_TABLE,
                Key: { pk: 'env', sk: 'only' },
              }),
            )
          ).Item,
        ).toEqual({ pk: 'env', sk: 'only' });
        // With the SDK's default checksums, s3rver would store the aws-chunked framing of a stream.
        const bytes = Buffer.from('é;'.repeat(50_000));
        await s3.send(
          new PutObjectCommand({
            Bucket: process.env.PUBLIBAC_INGEST_BUCKET,
            Key: 'in/file.csv',
            Body: Readable.from([bytes]),
            ContentLength: bytes.length,
          }),
        );
        const back = await s3.send(
          new GetObjectCommand({ Bucket: process.env.PUBLIBAC_INGEST_BUCKET, Key: 'in/file.csv' }),
        );
        expect(Buffer.from((await back.Body?.transformToByteArray()) ?? []).equals(bytes)).toBe(
          true,
        );
      } finally {
        db.destroy();
        s3.destroy();
      }
    },
  );

  it(
    'binds the credential-less emulators to loopback whatever `host` says: only the CDN (the ' +
      'embargo in front of the bucket) takes it',
    async () => {
      const stack = await start({ memory: true, host: '0.0.0.0' });
      const { dynamodb, s3, cdn } = stack.endpoints;
      expect(new URL(dynamodb).hostname).toBe('127.0.0.1');
      expect(new URL(s3).hostname).toBe('127.0.0.1');
      expect(new URL(cdn).hostname).toBe('0.0.0.0');
      expect([stack.env.AWS_ENDPOINT_URL_DYNAMODB, stack.env.AWS_ENDPOINT_URL_S3]).toEqual([
        dynamodb,
        s3,
      ]);
      // From another address of this machine (when it has one), as a neighbour on the network would
      // connect.
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((i) => i?.family === 'IPv4' && !i.internal)?.address;
      if (outside === undefined) return;
      const reach = (endpoint: string) =>
        new Promise<string>((done) => {
          const socket = connect({ host: outside, port: Number(new URL(endpoint).port) });
          socket.once('connect', () => {
            socket.destroy();
            done('open');
          });
          socket.once('error', (err: NodeJS.ErrnoException) => {
            done(err.code ?? err.message);
          });
        });
      expect({
        cdn: await reach(cdn),
        dynamodb: await reach(dynamodb),
        s3: await reach(s3),
      }).toEqual({ cdn: 'open', dynamodb: 'ECONNREFUSED', s3: 'ECONNREFUSED' });
    },
  );

  it('reports a busy port instead of crashing', async () => {
    const stack = await start({ memory: true });
    const s3Port = Number(new URL(stack.endpoints.s3).port);
    await expect(
      startLocalStack({ memory: true, ports: { dynamodb: 0, s3: s3Port, cdn: 0 } }),
    ).rejects.toThrow(`port ${s3Port}`);
  });
});

describe('applyLocalStackEnv', () => {
  const state = (pid: number): LocalState => ({
    pid,
    startedAt: '2024-07-05T08:00:00.000Z',
    endpoints: { dynamodb: 'http://127.0.0.1:4567', s3: 'http://127.0.0.1:4568' },
    env: {
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      PUBLIBAC_DECISIONS_TABLE: 'publibac-decisions',
    },
  });
  async function homeWith(content: unknown): Promise<string> {
    const home = await tempDir();
    await mkdir(home, { recursive: true });
    await writeFile(
      join(home, 'local.json'),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
    return home;
  }
  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((done) => child.once('exit', done));
    return child.pid!;
  }

  it('applies a live stack, without overriding what is set, except credentials', async () => {
    const env: NodeJS.ProcessEnv = {
      PUBLIBAC_HOME: await homeWith(state(process.pid)),
      PUBLIBAC_DECISIONS_TABLE: 'mine',
      AWS_ACCESS_KEY_ID: 'AKIAREAL',
      AWS_SESSION_TOKEN: 'real-token',
    };
    expect(applyLocalStackEnv(env)?.pid).toBe(process.pid);
    expect(env).toEqual({
      PUBLIBAC_HOME: env.PUBLIBAC_HOME,
      PUBLIBAC_DECISIONS_TABLE: 'mine',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    });
  });

  it(
    'ignores a stale state file, an invalid one, and a ' +
      'stack when an endpoint is already chosen',
    async () => {
      for (const env of [
        { PUBLIBAC_HOME: await homeWith(state(await deadPid())) },
        { PUBLIBAC_HOME: await homeWith('{"pid": "not a number"') },
        { PUBLIBAC_HOME: await homeWith({ ...state(process.pid), env: undefined }) },
        {
          PUBLIBAC_HOME: await homeWith(state(process.pid)),
          AWS_ENDPOINT_URL_DYNAMODB: 'https://dynamodb.eu-west-3.amazonaws.com',
        },
        { PUBLIBAC_HOME: join(await tempDir(), 'nothing-here') },
      ]) {
        const before = { ...env };
        expect(applyLocalStackEnv(env)).toBeUndefined();
        expect(env).toEqual(before);
      }
    },
  );
});

describe('publibac local', () => {
  it('starts, writes its state file, answers, and stops on SIGTERM removing the file', async () => {
    const home = await tempDir();
    const env = { ...process.env, PUBLIBAC_HOME: home };
    const child = spawn(
      process.execPath,
      [CLI, 'local', '--memory', '--dynamodb-port', '0', '--s3-port', '0', '--port', '0'],
      { env },
    );
    cleanups.push(async () => child.exitCode === null && child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', done));

    let state = readLocalState({ PUBLIBAC_HOME: home });
    for (let i = 0; !state && i < 400 && child.exitCode === null; i++) {
      await new Promise((done) => setTimeout(done, 50));
      state = readLocalState({ PUBLIBAC_HOME: home });
    }
    expect(state?.pid, stderr).toBe(child.pid);
    const stackEnv = state!.env;

    const db = dynamoClientFor(stackEnv);
    const s3 = s3ClientFor(stackEnv);
    expect((await db.send(new ListTablesCommand({}))).TableNames).toEqual([
      'publibac-control',
      'publibac-decisions',
      'publibac-edge-kvs',
      'publibac-keys',
    ]);
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name).sort()).toEqual([
      'publibac-ingest',
      'publibac-site',
    ]);
    db.destroy();
    s3.destroy();
    expect(stdout).toContain(
      `export AWS_ENDPOINT_URL_DYNAMODB=${stackEnv.AWS_ENDPOINT_URL_DYNAMODB}`,
    );
    expect(stdout).toContain('publibac-decisions');

    // A second stack on the same home refuses to start rather than hijack the state file.
    const second = spawn(
      process.execPath,
      [CLI, 'local', '--memory', '--dynamodb-port', '0', '--s3-port', '0', '--port', '0'],
      { env },
    );
    let secondErr = '';
    second.stderr.on('data', (c: Buffer) => (secondErr += c.toString()));
    expect(await new Promise((done) => second.once('exit', done))).toBe(1);
    expect(secondErr).toContain('already running');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(home, 'local.json'))).toBe(false);
    expect(stdout).toContain('Local stack stopped.');
  });
});
