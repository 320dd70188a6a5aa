// Faults the emulators cannot produce (throttling, 5xx, partial batches,
// lost answers), injected inside a real SDK client, just within its
// deserializer: the SDK's own retries and error parsing see raw HTTP answers
// as AWS sends them. Which call fails is a function of a seed and of the
// request itself (and how many times that same request was sent), not of
// the order concurrent calls happen to take: the same seed fails the same
// calls on every run, so a failure reproduces.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  DeserializeHandlerOutput,
  HandlerExecutionContext,
  MiddlewareStack,
} from '@smithy/types';

/** A number in [0, 1) determined by the seed and the parts. */
export function seededUnit(seed: number, ...parts: (string | number)[]): number {
  const digest = createHash('sha256')
    .update(JSON.stringify([seed, ...parts]))
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** A seeded stream of numbers in [0, 1) (mulberry32), for choices made in a fixed order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * throttle: 400 ThrottlingException / ProvisionedThroughputExceededException, nothing done;
 * server-error: 500 InternalServerError, nothing done;
 * unavailable: 503 ServiceUnavailable, nothing done;
 * lost-response: the request is carried out, then its answer replaced by a 500
 *   (DynamoDB: "the request may or may not have succeeded");
 * unprocessed: BatchWriteItem only, half the batch written, the rest returned as UnprocessedItems.
 */
export type DynamoFault =
  'throttle' | 'server-error' | 'unavailable' | 'lost-response' | 'unprocessed';
export const DYNAMO_FAULTS: readonly DynamoFault[] = [
  'throttle',
  'server-error',
  'unavailable',
  'lost-response',
  'unprocessed',
];

export interface FaultLog<K extends string> {
  /** HTTP calls seen (each SDK attempt is one). */
  calls: number;
  /** Every fault injected, in order, with the operation it hit. */
  injected: { operation: string; kind: K }[];
  count(kind?: K, operation?: string): number;
  /** Stops injecting (the calls already seen stay counted). */
  off(): void;
}

function faultLog<K extends string>(): FaultLog<K> & { enabled: boolean } {
  const log = {
    calls: 0,
    enabled: true,
    injected: [] as { operation: string; kind: K }[],
    count: (kind?: K, operation?: string) =>
      log.injected.filter(
        (f) => (!kind || f.kind === kind) && (!operation || f.operation === operation),
      ).length,
    off: () => {
      log.enabled = false;
    },
  };
  return log;
}

interface HttpRequestLike {
  body?: unknown;
  headers: Record<string, string>;
  method?: string;
  path?: string;
}
interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string>;
  body: Readable;
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}

async function drain(response: HttpResponseLike): Promise<void> {
  for await (const _ of response.body); // read the real answer to its end: the socket is reused
}

const DYNAMO_JSON = { 'content-type': 'application/x-amz-json-1.0' };
function dynamoError(statusCode: number, type: string, message: string): HttpResponseLike {
  const text = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
  return { statusCode, headers: DYNAMO_JSON, body: Readable.from([Buffer.from(text)]) };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- any client's stack, whatever its commands */
type Stack = MiddlewareStack<any, any>;
type Next = DeserializeHandler<any, any>;
type Args = DeserializeHandlerArguments<any>;
type Out = Promise<DeserializeHandlerOutput<any>>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Injects DynamoDB faults into `rate` of the HTTP calls a client makes
 * (every attempt of every operation: the SDK's retries are calls too).
 * The client should be built like the product's (createDynamoDocumentClient),
 * so that what is tested is the product's own retry behaviour.
 */
export function injectDynamoFaults(
  client: { middlewareStack: Stack },
  options: {
    seed: number;
    /** The share of calls that fail: a number, or one per call (its operation and attempt). */
    rate: number | ((call: { operation: string; attempt: number }) => number);
    kinds?: readonly DynamoFault[];
  },
): FaultLog<DynamoFault> {
  const kinds = options.kinds ?? DYNAMO_FAULTS;
  const log = faultLog<DynamoFault>();
  const attempts = new Map<string, number>();
  client.middlewareStack.add(
    (next: Next) =>
      async (args: Args): Out => {
        const request = args.request as HttpRequestLike;
        const operation = (request.headers['x-amz-target'] ?? '').replace(/^DynamoDB_\d+\./, '');
        const text = bodyText(request.body);
        log.calls++;
        if (!log.enabled) return next(args);
        const key = `${operation}\n${text}`;
        const attempt = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        const rate =
          typeof options.rate === 'number' ? options.rate : options.rate({ operation, attempt });
        if (seededUnit(options.seed, key, attempt) >= rate) return next(args);
        const possible = kinds.filter((k) => k !== 'unprocessed' || operation === 'BatchWriteItem');
        if (possible.length === 0) return next(args);
        const kind =
          possible[Math.floor(seededUnit(options.seed, key, attempt, 'kind') * possible.length)]!;
        log.injected.push({ operation, kind });
        switch (kind) {
          case 'throttle':
            return {
              response: dynamoError(
                400,
                attempt % 2 ? 'ThrottlingException' : 'ProvisionedThroughputExceededException',
                'Rate of requests exceeds the allowed throughput.',
              ),
            };
          case 'server-error':
            return { response: dynamoError(500, 'InternalServerError', 'Internal server error') };
          case 'unavailable':
            return { response: dynamoError(503, 'ServiceUnavailable', 'Service unavailable') };
          case 'lost-response': {
            const result = await next(args);
            await drain(result.response as HttpResponseLike);
            return { response: dynamoError(500, 'InternalServerError', 'Internal server error') };
          }
          case 'unprocessed':
            return partialBatch(next, args, request, text);
        }
      },
    { step: 'deserialize', priority: 'low', name: 'injectDynamoFaults' },
  );
  return log;
}

/** Sends the first half of a batch and answers the second half as UnprocessedItems. */
async function partialBatch(next: Next, args: Args, request: HttpRequestLike, text: string) {
  const body = JSON.parse(text) as { RequestItems: Record<string, unknown[]> };
  const [table, requests] = Object.entries(body.RequestItems)[0]!;
  const keep = requests.slice(0, Math.floor(requests.length / 2));
  const unprocessed = () =>
    Readable.from([
      Buffer.from(JSON.stringify({ UnprocessedItems: { [table]: requests.slice(keep.length) } })),
    ]);
  // DynamoDB refuses an empty batch: a lone item is answered unprocessed without a call.
  if (keep.length === 0)
    return { response: { statusCode: 200, headers: DYNAMO_JSON, body: unprocessed() } };
  request.body = JSON.stringify({ ...body, RequestItems: { [table]: keep } });
  request.headers['content-length'] = String(Buffer.byteLength(request.body as string));
  const result = await next(args);
  const response = result.response as HttpResponseLike;
  await drain(response);
  response.body = unprocessed();
  return result;
}

/** S3 answers that mean "try again": 500 InternalError and 503 SlowDown, nothing stored. */
export type S3Fault = 'internal-error' | 'slow-down';

function s3Error(
  statusCode: number,
  code: string,
  message: string,
  head: boolean,
): HttpResponseLike {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAULT</RequestId></Error>`;
  return {
    statusCode,
    headers: { 'content-type': 'application/xml' },
    // A HEAD answer has no body: the SDK names the error from the status alone.
    body: Readable.from(head ? [] : [Buffer.from(xml)]),
  };
}

/**
 * Fails S3 calls the `fail` function chooses (given the command name, the
 * object key and a running count of calls), with a 500 or a 503, every
 * attempt of the SDK included: an outage rather than a blip.
 */
export function injectS3Faults(
  client: { middlewareStack: Stack },
  fail: (call: { command: string; key: string; n: number }) => S3Fault | null,
): FaultLog<S3Fault> {
  const log = faultLog<S3Fault>();
  client.middlewareStack.add(
    (next: Next, context: HandlerExecutionContext) =>
      async (args: Args): Out => {
        const request = args.request as HttpRequestLike;
        const command = String(context.commandName).replace(/Command$/, '');
        const key = decodeURIComponent((request.path ?? '').replace(/^\/[^/]+\//, ''));
        log.calls++;
        const kind = log.enabled ? fail({ command, key, n: log.calls }) : null;
        if (!kind) return next(args);
        log.injected.push({ operation: command, kind });
        const head = request.method === 'HEAD';
        return {
          response:
            kind === 'slow-down'
              ? s3Error(503, 'SlowDown', 'Please reduce your request rate.', head)
              : s3Error(500, 'InternalError', 'We encountered an internal error.', head),
        };
      },
    { step: 'deserialize', priority: 'low', name: 'injectS3Faults' },
  );
  return log;
}
