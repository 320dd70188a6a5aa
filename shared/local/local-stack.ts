import crypto from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TransformOptions } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { createDynamoDocumentClient } from '../adapters/dynamodb/client.js';
import { DynamoEdgeKeyValueStore } from '../adapters/dynamodb/edge-kvs.dynamodb.js';
import { ensureRehearsalKey } from '../publication/rehearsal-link.js';
import { createTables, TABLES, tableNames, type TableKey } from '../adapters/dynamodb/tables.js';
import { createS3Client } from '../adapters/s3/client.js';
import { startLocalCdn } from './local-cdn.js';
import { isAlive, localHome } from './local-state.js';

export interface LocalStackOptions {
  /** Where data persists across restarts (default `<home>/data`); ignored with `memory`. */
  dataDir?: string;
  /** Keep nothing once stopped: DynamoDB in memory, S3 in a temporary directory removed on stop. */
  memory?: boolean;
  /**
   * Interface the local CDN listens on (default 127.0.0.1). The emulators
   * always listen on loopback whatever this says: they check no credentials,
   * and the S3 one would hand out every release before its instant.
   */
  host?: string;
  /** 0 picks a free port; the real one is in `endpoints`. */
  ports?: { dynamodb?: number; s3?: number; cdn?: number };
}

export interface LocalStack {
  endpoints: { dynamodb: string; s3: string; cdn: string };
  /** Everything a client process needs to use the stack, as environment variables. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const DEFAULT_PORTS = { dynamodb: 4567, s3: 4568, cdn: 3000 } as const;
/**
 * Where the emulators listen, always: only the CDN, which enforces the embargo, may face a network.
 */
export const EMULATOR_HOST = '127.0.0.1';

/** Physical names of the local resources (on AWS, CDK names them and sets the same variables). */
export const LOCAL_RESOURCES = {
  tables: tableNames('publibac'),
  buckets: { site: 'publibac-site', ingest: 'publibac-ingest' },
} as const;

const REGION = 'eu-west-3';
// s3rver knows this one account; dynalite accepts any credentials.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** One running emulator. The stack is a list of them, so a CDN or a scheduler is one more entry. */
interface LocalService {
  endpoint: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES, which
 * OpenSSL 3 only has in its legacy provider: truncated listings fail with a
 * 500. DES-EDE3-CBC with the key repeated three times is DES-CBC exactly, so
 * the tokens stay the same; only the 'des' name is rerouted, and only when
 * the runtime lacks it (NODE_OPTIONS=--openssl-legacy-provider also works).
 */
function installDesShim(): void {
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return;
  } catch {
    // Not available: reroute below.
  }
  const { createCipheriv, createDecipheriv } = crypto;
  const triple = (key: crypto.CipherKey) =>
    Buffer.isBuffer(key) && key.length === 8 ? Buffer.concat([key, key, key]) : key;
  Object.assign(crypto, {
    createCipheriv: (
      alg: string,
      key: crypto.CipherKey,
      iv: crypto.BinaryLike | null,
      opts?: TransformOptions,
    ) =>
      alg === 'des'
        ? createCipheriv('des-ede3-cbc', triple(key), iv, opts)
        : createCipheriv(alg, key, iv, opts),
    createDecipheriv: (
      alg: string,
      key: crypto.CipherKey,
      iv: crypto.BinaryLike | null,
      opts?: TransformOptions,
    ) =>
      alg === 'des'
        ? createDecipheriv('des-ede3-cbc', triple(key), iv, opts)
        : createDecipheriv(alg, key, iv, opts),
  });
}

async function listen(server: Server, host: string, port: number, what: string): Promise<string> {
  await new Promise<void>((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      fail(
        err.code === 'EADDRINUSE'
          ? new Error(`${what}: port ${port} on ${host} is in use; choose another port`)
          : err,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string')
    throw new Error(`${what}: not listening on a TCP port`);
  return `http://${host}:${address.port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((done, fail) =>
    server.close((err) => {
      if (err) fail(err);
      else done();
    }),
  );
}

/**
 * One stack per data directory. LevelDB locks its files too, but dynalite
 * reports a lock conflict by throwing from a callback, which kills the
 * process; this lock turns it into a clear error. A lock whose process is
 * gone (a crash, a kill -9) is taken over.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'publibac.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
      const holder = Number(await readFile(path, 'utf8').catch(() => ''));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new Error(
          `data directory ${dir} is in use by another local stack (pid ${holder}; if that ` +
            `process is not one, delete ${path})`,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`could not lock data directory ${dir}`);
}

async function startDynamoDb(
  host: string,
  port: number,
  dir: string | undefined,
): Promise<LocalService> {
  if (dir) await mkdir(dir, { recursive: true });
  // createTableMs 0: tables are ACTIVE at once, as a fresh start should not wait.
  const server = dynalite({
    ...(dir && { path: dir }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const endpoint = await listen(server, host, port, 'DynamoDB emulator');
  try {
    // The stack's own admin client: it owns the emulator, so it knows the endpoint without the
    // environment.
    const admin = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS });
    try {
      await createTables(admin, LOCAL_RESOURCES.tables);
    } finally {
      admin.destroy();
    }
  } catch (err) {
    await close(server);
    throw err;
  }
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      // The stack's resources, and the explicit mode that tells the composition root it is local
      // (shared/config.ts).
      PUBLIBAC_MODE: 'local',
      ...Object.fromEntries(
        (Object.keys(TABLES) as TableKey[]).map((key) => [
          TABLES[key].envVar,
          LOCAL_RESOURCES.tables[key],
        ]),
      ),
    },
    stop: () => close(server),
  };
}

async function startS3(host: string, port: number, dir: string | undefined): Promise<LocalService> {
  installDesShim();
  const directory = dir ?? (await mkdtemp(join(tmpdir(), 'publibac-s3-')));
  await mkdir(directory, { recursive: true });
  const s3rver = new S3rver({
    directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: Object.values(LOCAL_RESOURCES.buckets).map((name) => ({ name })),
  });
  await s3rver.configureBuckets();
  // Our own server rather than s3rver.run(): its listen() ignores errors, so a busy port would
  // crash the process.
  const server = createServer(s3rver.callback());
  const removeTemp = () =>
    dir ? Promise.resolve() : rm(directory, { recursive: true, force: true });
  let endpoint: string;
  try {
    endpoint = await listen(server, host, port, 'S3 emulator');
  } catch (err) {
    await removeTemp();
    throw err;
  }
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      PUBLIBAC_S3_FORCE_PATH_STYLE: 'true',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      PUBLIBAC_SITE_BUCKET: LOCAL_RESOURCES.buckets.site,
      PUBLIBAC_INGEST_BUCKET: LOCAL_RESOURCES.buckets.ingest,
    },
    stop: async () => {
      await close(server);
      await removeTemp();
    },
  };
}

/**
 * The local CloudFront: the edge function over the site bucket, reading its
 * pointers from the edgeKvs table. Its own clients, pointed at the
 * emulators just started, so it does not depend on this process's env.
 */
async function startCdn(
  host: string,
  port: number,
  dynamodb: LocalService,
  s3: LocalService,
): Promise<LocalService> {
  const db = createDynamoDocumentClient({
    endpoint: dynamodb.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
  });
  const s3Client = createS3Client({
    endpoint: s3.endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const destroy = () => {
    db.destroy();
    s3Client.destroy();
  };
  try {
    const kvs = new DynamoEdgeKeyValueStore({
      client: db,
      tableName: LOCAL_RESOURCES.tables.edgeKvs,
    });
    // What a deployment does once: the key that signs rehearsal links (rotations replace it).
    await ensureRehearsalKey(kvs);
    const cdn = await startLocalCdn({
      port,
      host,
      s3: s3Client,
      bucket: LOCAL_RESOURCES.buckets.site,
      kvs,
    });
    return {
      endpoint: cdn.url,
      env: { PUBLIBAC_SITE_URL: cdn.url },
      stop: async () => {
        await cdn.stop();
        destroy();
      },
    };
  } catch (err) {
    destroy();
    throw err;
  }
}

/** Starts the embedded emulators, with their tables and buckets, on this machine. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const cdnHost = options.host ?? EMULATOR_HOST;
  const dataDir = options.memory
    ? undefined
    : resolve(options.dataDir ?? join(localHome(), 'data'));
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {};
  const started: LocalService[] = [];
  const stopAll = async () => {
    // Reverse order (a front, such as a CDN, before what it fronts); every service is stopped even
    // if one fails.
    let failure: Error | undefined;
    for (const service of started.splice(0).reverse()) {
      await service.stop().catch((err: unknown) => {
        failure ??= err instanceof Error ? err : new Error(String(err));
      });
    }
    await unlock();
    if (failure !== undefined) throw failure;
  };
  try {
    const dynamodb = await startDynamoDb(
      EMULATOR_HOST,
      options.ports?.dynamodb ?? DEFAULT_PORTS.dynamodb,
      dataDir && join(dataDir, 'dynamodb'),
    );
    started.push(dynamodb);
    const s3 = await startS3(
      EMULATOR_HOST,
      options.ports?.s3 ?? DEFAULT_PORTS.s3,
      dataDir && join(dataDir, 's3'),
    );
    started.push(s3);
    const cdn = await startCdn(cdnHost, options.ports?.cdn ?? DEFAULT_PORTS.cdn, dynamodb, s3);
    started.push(cdn);
    const env: Record<string, string> = {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      ...dynamodb.env,
      ...s3.env,
      ...cdn.env,
    };
    return {
      endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, cdn: cdn.endpoint },
      env,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll().catch(() => undefined);
    throw err;
  }
}
