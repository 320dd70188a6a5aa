import nodeCrypto, { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import vm from 'node:vm';
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { cachePolicyFor, ROBOTS_NOINDEX, SECURITY_HEADERS } from '../edge/response-headers.js';
import type { Clock } from '../ports/clock.port.js';
import { systemClock } from '../ports/clock.port.js';
import type { EdgeKeyValueStore } from '../ports/edge-kvs.port.js';

/** The function CloudFront runs on every viewer request, the one deployed. */
export const VIEWER_REQUEST_FUNCTION = join(
  import.meta.dirname,
  '../../functions/edge/viewer-request.js',
);

// CloudFront Functions' event shapes (docs: "CloudFront Functions event structure").
interface Field {
  value: string;
  multiValue?: { value: string }[];
}
export interface EdgeRequest {
  method: string;
  uri: string;
  querystring: Record<string, Field>;
  headers: Record<string, Field>;
  cookies: Record<string, Field>;
}
export interface EdgeResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Record<string, Field>;
  body?: string | { encoding: 'text' | 'base64'; data: string };
}
export interface ViewerRequestEvent {
  version: '1.0';
  context: {
    distributionDomainName: string;
    distributionId: string;
    eventType: 'viewer-request';
    requestId: string;
  };
  viewer: { ip: string };
  request: EdgeRequest;
}
export type ViewerRequestHandler = (
  event: ViewerRequestEvent,
) => Promise<EdgeRequest | EdgeResponse>;

const IMPORT_LINE = /^[ \t]*import\s+cf\s+from\s+['"]cloudfront['"];?[ \t]*$/m;
const CRYPTO_IMPORT_LINE = /^[ \t]*import\s+crypto\s+from\s+['"]crypto['"];?[ \t]*$/m;
/**
 * The part of the runtime's crypto module the function may use (CloudFront Functions offer these
 * two).
 */
const EDGE_CRYPTO = Object.freeze({
  createHash: nodeCrypto.createHash,
  createHmac: nodeCrypto.createHmac,
});

/**
 * Loads the edge function as CloudFront would run it, from the file as it is
 * on disk. Its imports (`cloudfront`, `crypto`) are replaced in memory by
 * context globals, on the same line so that stack traces keep their line numbers,
 * and the code runs in strict mode, as the runtime runs it. `cf.kvs().get`
 * throws for an absent key, like the real helper; `Date` follows the clock.
 */
export async function loadViewerRequest(options: {
  kvs: EdgeKeyValueStore;
  clock?: Clock;
  functionPath?: string;
  console?: Pick<Console, 'log' | 'warn' | 'error'>;
}): Promise<ViewerRequestHandler> {
  const path = options.functionPath ?? VIEWER_REQUEST_FUNCTION;
  const source = await readFile(path, 'utf8');
  if (!IMPORT_LINE.test(source))
    throw new Error(`${path}: expected the line "import cf from 'cloudfront';"`);
  const clock = options.clock ?? systemClock;
  const nowMs = () => clock.now().getTime();

  // Called as a function, Date gives a string; constructed without arguments, the clock's time.
  function ClockDate(this: unknown, ...args: unknown[]): Date | string {
    // TypeScript types new.target as always set; called without `new`, it is undefined.
    const constructed: unknown = new.target;
    if (constructed === undefined) return new Date(nowMs()).toString();
    return args.length === 0 ? new Date(nowMs()) : (Reflect.construct(Date, args) as Date);
  }
  Object.assign(ClockDate, { now: nowMs, parse: Date.parse, UTC: Date.UTC });
  ClockDate.prototype = Date.prototype;

  const store = options.kvs;
  const handle = {
    async get(key: string, opts?: { format?: 'string' | 'json' | 'bytes' }): Promise<unknown> {
      const value = await store.get(key);
      if (value === undefined) throw new Error(`KeyValueStore: key not found: ${key}`);
      if (opts?.format === 'json') return JSON.parse(value);
      if (opts?.format === 'bytes') return Buffer.from(value, 'utf8');
      return value;
    },
    async exists(key: string): Promise<boolean> {
      return (await store.get(key)) !== undefined;
    },
  };
  const context = vm.createContext({
    cf: { kvs: () => handle },
    crypto: EDGE_CRYPTO,
    Date: ClockDate,
    console: options.console ?? console,
  });
  // Imports become blank statements on their own lines, so stack traces keep their line numbers.
  const code = source.replace(IMPORT_LINE, "'use strict';").replace(CRYPTO_IMPORT_LINE, ';');
  new vm.Script(code, { filename: path }).runInContext(context, { timeout: 1000 });
  const handler: unknown = context.handler;
  if (typeof handler !== 'function') throw new Error(`${path}: no handler function`);
  return (event) => {
    const answer: unknown = Reflect.apply(handler, undefined, [event]);
    // What plain JavaScript returns is unchecked: the local CDN checks it as CloudFront does.
    return Promise.resolve(answer as EdgeRequest | EdgeResponse);
  };
}

export interface LocalCdnOptions {
  port: number;
  host?: string;
  s3: S3Client;
  bucket: string;
  kvs: EdgeKeyValueStore;
  clock?: Clock;
  functionPath?: string;
}

function fields(entries: Iterable<[string, string[]]>): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const [name, values] of entries) {
    const [first] = values;
    if (first === undefined) continue;
    out[name] =
      values.length > 1
        ? { value: first, multiValue: values.map((value) => ({ value })) }
        : { value: first };
  }
  return out;
}

/** Query string and cookies stay raw (undecoded), like the URI. */
function pairs(text: string, separator: RegExp): [string, string[]][] {
  const map = new Map<string, string[]>();
  for (const part of text.split(separator)) {
    if (!part) continue;
    const at = part.indexOf('=');
    const name = (at === -1 ? part : part.slice(0, at)).trim();
    const value = at === -1 ? '' : part.slice(at + 1).trim();
    map.set(name, [...(map.get(name) ?? []), value]);
  }
  return [...map];
}

function buildEvent(req: IncomingMessage, host: string): ViewerRequestEvent {
  // req.url is the request target exactly as sent: not decoded, not normalised.
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const headers = Object.entries(req.headersDistinct).filter(([name]) => name !== 'cookie');
  return {
    version: '1.0',
    context: {
      distributionDomainName: host,
      distributionId: 'LOCAL',
      eventType: 'viewer-request',
      requestId: randomUUID(),
    },
    viewer: { ip: req.socket.remoteAddress ?? '127.0.0.1' },
    request: {
      method: req.method ?? 'GET',
      uri: q === -1 ? target : target.slice(0, q),
      querystring: fields(q === -1 ? [] : pairs(target.slice(q + 1), /&/)),
      headers: fields(headers.map(([name, values]) => [name, values ?? []])),
      cookies: fields(pairs(req.headers.cookie ?? '', /;/)),
    },
  };
}

function send(
  res: ServerResponse,
  head: boolean,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer = '',
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  res.end(head ? undefined : body);
}

const plain = (status: number, text: string) => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body: `${text}\n`,
});

/** The function's answer is a response to send: it is JavaScript, so this is checked. */
function isEdgeResponse(value: unknown): value is EdgeResponse {
  return typeof value === 'object' && value !== null && 'statusCode' in value;
}

/** The function's answer is a request to forward to the origin, with an absolute path. */
function isEdgeRequest(value: unknown): value is EdgeRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    'uri' in value &&
    typeof value.uri === 'string' &&
    value.uri.startsWith('/')
  );
}

/** A response the function generated, as CloudFront turns it into HTTP. */
function sendGenerated(res: ServerResponse, head: boolean, response: EdgeResponse): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, field] of Object.entries(response.headers ?? {})) {
    headers[name] = field.multiValue ? field.multiValue.map((v) => v.value) : field.value;
  }
  const body = response.body;
  const bytes =
    body === undefined
      ? ''
      : typeof body === 'string'
        ? body
        : body.encoding === 'base64'
          ? Buffer.from(body.data, 'base64')
          : body.data;
  if (response.statusDescription) res.statusMessage = response.statusDescription;
  send(res, head, response.statusCode, headers, bytes);
}

/**
 * A local CloudFront: every GET/HEAD runs the viewer-request function, then
 * either sends the response it generated or reads the rewritten path from
 * the site bucket, with the headers CloudFront's policies add. Pointers are
 * read on every request (the function's own KVS read, no cache here), so a
 * flip shows at once; on AWS a KeyValueStore write takes seconds to reach
 * every edge location, which is why pointers are armed ahead with their
 * instant (see ARM_AHEAD_MS).
 */
export async function startLocalCdn(
  options: LocalCdnOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const handler = await loadViewerRequest({
    kvs: options.kvs,
    clock: options.clock,
    functionPath: options.functionPath,
  });

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      const r = plain(405, 'Method not allowed');
      send(res, false, r.status, { ...r.headers, allow: 'GET, HEAD' }, r.body);
      return;
    }
    let result: unknown;
    try {
      result = await handler(buildEvent(req, req.headers.host ?? host));
    } catch (err) {
      // What CloudFront answers when a function throws.
      console.error('viewer-request function failed:', err);
      const r = plain(503, 'Function execution error');
      send(res, head, r.status, r.headers, r.body);
      return;
    }
    if (isEdgeResponse(result)) {
      sendGenerated(res, head, result);
      return;
    }
    if (!isEdgeRequest(result)) {
      const r = plain(502, 'Function returned an invalid request');
      send(res, head, r.status, r.headers, r.body);
      return;
    }
    // S3 decodes the path into the key; the function lets no '%' through, so this changes nothing
    // today.
    let key: string;
    try {
      key = decodeURIComponent(result.uri.slice(1));
    } catch {
      const r = plain(400, 'Bad request');
      send(res, head, r.status, r.headers, r.body);
      return;
    }
    let object;
    try {
      object = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
    } catch (err) {
      // On AWS a private bucket answers 403 for a missing key (no ListBucket for the CDN); the
      // distribution is to map it to this same uncached 404.
      const r = err instanceof NoSuchKey ? plain(404, 'Not found') : plain(502, 'Origin error');
      if (!(err instanceof NoSuchKey)) console.error(`origin error for ${key}:`, err);
      send(res, head, r.status, r.headers, r.body);
      return;
    }
    const policy = cachePolicyFor(result.uri);
    const headers: Record<string, string> = {
      'content-type': object.ContentType ?? 'application/octet-stream',
      // As CloudFront passes on the Cache-Control S3 stored with the object (the S3 adapter sets it
      // from this same policy); the policy itself only for an object written without one.
      'cache-control': object.CacheControl ?? policy.cacheControl,
      ...(policy.noindex && { 'x-robots-tag': ROBOTS_NOINDEX }),
      ...(object.ContentLength !== undefined && { 'content-length': String(object.ContentLength) }),
      ...(object.ETag && { etag: object.ETag }),
      ...(object.LastModified && { 'last-modified': object.LastModified.toUTCString() }),
    };
    res.writeHead(200, { ...SECURITY_HEADERS, ...headers });
    const body = object.Body as Readable | undefined;
    if (head || !body) {
      body?.destroy();
      res.end();
      return;
    }
    await pipeline(body, res);
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      console.error('local CDN:', err);
      if (!res.headersSent)
        send(res, false, 500, { 'cache-control': 'no-store' }, 'Internal error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      fail(
        err.code === 'EADDRINUSE'
          ? new Error(`local CDN: port ${options.port} on ${host} is in use; choose another port`)
          : err,
      );
    };
    server.once('error', onError);
    // A deep accept queue: Node's default (511) resets connections when thousands open at once,
    // as they do at the instant (the load bench opens 2,000).
    server.listen({ port: options.port, host, backlog: 4096 }, () => {
      server.off('error', onError);
      done();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string')
    throw new Error('local CDN: not listening on a TCP port');
  return {
    url: `http://${host}:${address.port}`,
    stop: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => {
          if (err) fail(err);
          else done();
        });
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
