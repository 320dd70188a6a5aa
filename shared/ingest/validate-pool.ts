import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkOutcome } from './chunk-validation.js';
import type { ChunkRunner } from './ingest.usecase.js';

/**
 * Runs chunk validation on worker threads, keeping results in file order.
 * Parsing and validating is CPU-bound (a few µs a row on one core): spreading
 * chunks over the cores is what lets a national file pass in a few seconds.
 */
export function createPoolRunner(
  size = Math.max(2, availableParallelism()),
): ChunkRunner & { close(): Promise<void> } {
  const workers: Worker[] = [];
  const waiting = new Map<
    number,
    { resolve: (o: ChunkOutcome) => void; reject: (e: unknown) => void }
  >();
  const spawn = () => {
    const w = new Worker(new URL('./validate.worker.mjs', import.meta.url));
    w.on('message', ({ id, outcome }: { id: number; outcome: ChunkOutcome }) => {
      waiting.get(id)?.resolve(outcome);
      waiting.delete(id);
    });
    w.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    });
    return w;
  };

  let nextId = 0;
  // Characters sent to each worker and not yet validated: chunks vary in size
  // (a record straddling two reads makes a chunk of its own), so each goes to
  // the least busy worker, not to the next in turn.
  const runner: ChunkRunner = async function* (chunks, columnIndex) {
    if (workers.length === 0) for (let i = 0; i < size; i++) workers.push(spawn());
    const pool = workers.map((worker) => ({ worker, load: 0 }));
    const inFlight: Promise<ChunkOutcome>[] = [];
    for await (const chunk of chunks) {
      const id = nextId++;
      const least = pool.reduce((a, b) => (b.load < a.load ? b : a));
      least.load += chunk.text.length;
      const done = new Promise<ChunkOutcome>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
      });
      inFlight.push(
        done.then((outcome) => {
          least.load -= chunk.text.length;
          return outcome;
        }),
      );
      least.worker.postMessage({ id, chunk, columnIndex });
      // Bounded read-ahead (a few MB) keeps memory flat whatever the file size.
      const oldest = inFlight.length >= size * 4 ? inFlight.shift() : undefined;
      if (oldest) yield await oldest;
    }
    for (let next = inFlight.shift(); next; next = inFlight.shift()) yield await next;
  };
  return Object.assign(runner, {
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
      workers.length = 0;
    },
  });
}
