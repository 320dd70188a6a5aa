import { BatchWriteItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';

/** DynamoDB's limit per BatchWriteItem call. */
const BATCH_SIZE = 25;

export interface BatchWriteOptions {
  /** Attempts per batch of 25, the first included (default 10). */
  maxAttempts?: number;
  /** Backoff ceiling of the first retry, doubled at each retry (default 50 ms). */
  baseDelayMs?: number;
  /** Upper bound of the backoff ceiling (default 5 s). */
  maxDelayMs?: number;
  /** Batches in flight at once (default 8). */
  concurrency?: number;
  /**
   * Shared by several calls running at once (a writer that keeps writing while it reads what
   * comes next): no more calls in flight, all of them together, than it has slots. Without it,
   * each call counts its own.
   */
  slots?: WriteSlots;
  /**
   * The items are already in DynamoDB's own form (AttributeValue maps, see decisionItem in
   * decision-store.dynamodb.ts), sent with the low-level command: the document client's
   * conversion of every attribute is then not done a second time, which is CPU the writer
   * shares with what it writes to.
   */
  marshalled?: boolean;
  /** Injected by tests so that backoff costs no time. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); injected by tests for deterministic jitter. */
  random?: () => number;
}

/**
 * Some items could not be written within the allowed attempts. Carries counts only, never item
 * content.
 */
export class BatchWriteError extends Error {
  override name = 'BatchWriteError';
  constructor(
    readonly tableName: string,
    readonly unwritten: number,
    readonly total: number,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `${unwritten} of ${total} items not confirmed written to ${tableName} after ${attempts} ` +
        'attempts; writing again is safe (puts are idempotent)',
      options,
    );
  }
}

/** The faults AWS asks callers to retry: throttling and server-side errors. */
const RETRYABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

export function isRetryableWriteError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (RETRYABLE_NAMES.has(err.name)) return true;
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

type Item = Record<string, unknown>;

/**
 * A counting semaphore: at most `size` holders at once, the others queued in arrival order.
 * One per store, so that all its writes together keep the number of calls in flight that the
 * table's capacity allows (write-concurrency.ts), however many batches of items are pending.
 */
export class WriteSlots {
  private free: number;
  private readonly queue: (() => void)[] = [];
  constructor(readonly size: number) {
    this.free = Math.max(1, size);
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((granted) => this.queue.push(granted));
  }
  release(): void {
    const next = this.queue.shift();
    // Handed straight to the next in line: the slot never looks free in between.
    if (next) next();
    else this.free++;
  }
}

/**
 * One BatchWriteItem call putting `items` (at most 25): the document client's command or, for
 * marshalled items, the low-level one (the document client sends it through the same stack).
 */
export function batchWriteCommand(
  tableName: string,
  items: readonly Item[],
  options: { marshalled: boolean },
): BatchWriteCommand {
  const requests = items.map((Item) => ({ PutRequest: { Item } }));
  return options.marshalled
    ? (new BatchWriteItemCommand({
        RequestItems: {
          [tableName]: requests as { PutRequest: { Item: Record<string, AttributeValue> } }[],
        },
      }) as unknown as BatchWriteCommand)
    : new BatchWriteCommand({ RequestItems: { [tableName]: requests } });
}

/**
 * Puts every item, 25 per call with a bounded number of calls in flight.
 * BatchWriteItem may accept only part of a batch (UnprocessedItems) or fail
 * on throttling; both are retried with exponential backoff and full jitter
 * (the delay is uniform in [0, ceiling]), which spreads the retries of
 * concurrent writers instead of having them collide again. The SDK's own
 * retries sit underneath; they do not cover UnprocessedItems.
 */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  options: BatchWriteOptions = {},
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 10;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const maxDelayMs = options.maxDelayMs ?? 5_000;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const random = options.random ?? Math.random;

  let written = 0;
  let failure: { cause: unknown; attempts: number } | undefined;

  /** One BatchWriteItem call; what it left unprocessed. */
  const send = async (batch: Item[]): Promise<Item[]> => {
    const out = await client.send(
      batchWriteCommand(tableName, batch, { marshalled: options.marshalled ?? false }),
    );
    return (out.UnprocessedItems?.[tableName] ?? []).flatMap((r) =>
      r.PutRequest?.Item ? [r.PutRequest.Item] : [],
    );
  };

  const writeBatch = async (batch: Item[]) => {
    let pending = batch;
    for (let attempt = 1; !failure; attempt++) {
      let error: unknown;
      await options.slots?.acquire();
      try {
        const unprocessed = await send(pending);
        written += pending.length - unprocessed.length;
        pending = unprocessed;
        if (pending.length === 0) return;
      } catch (err) {
        if (!isRetryableWriteError(err)) {
          failure ??= { cause: err, attempts: attempt };
          return;
        }
        error = err;
      } finally {
        // Not held while backing off: another batch may use the call meanwhile.
        options.slots?.release();
      }
      if (attempt >= maxAttempts) {
        failure ??= { cause: error, attempts: attempt };
        return;
      }
      await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
    }
  };

  // At most `concurrency` calls in flight; once one batch has failed, the others are not started.
  await pMap(
    batchesOf(items),
    async (batch) => {
      if (!failure) await writeBatch(batch);
    },
    { concurrency: Math.max(1, options.concurrency ?? 8) },
  );

  if (failure) {
    // A non-retryable error (a malformed item, a missing table) is the caller's to see as is.
    if (failure.cause instanceof Error && !isRetryableWriteError(failure.cause))
      throw failure.cause;
    throw new BatchWriteError(tableName, items.length - written, items.length, failure.attempts, {
      cause: failure.cause,
    });
  }
}

/** Slices of 25, made as they are taken. */
function* batchesOf(items: readonly Item[]): Generator<Item[]> {
  for (let i = 0; i < items.length; i += BATCH_SIZE) yield items.slice(i, i + BATCH_SIZE);
}
