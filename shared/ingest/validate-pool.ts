import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkOutcome } from './chunk-validation.js';
import type { ChunkRunner } from './ingest.usecase.js';

/**
 * Runs chunk validation on worker threads, keeping results in file order.
 * Parsing and validating is CPU-bound (~5 µs a row on one core): spreading
 * chunks over the cores is what lets a national file pass in a few seconds.
 */
export function createPoolRunner(size = Math.max(2, availableParallelism())): ChunkRunner & { close(): Promise<void> } {
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: (o: ChunkOutcome) => void; reject: (e: unknown) => void }>();
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
  const runner: ChunkRunner = async function* (chunks, columnIndex) {
    if (workers.length === 0) for (let i = 0; i < size; i++) workers.push(spawn());
    const inFlight: Promise<ChunkOutcome>[] = [];
    for await (const chunk of chunks) {
      const id = nextId++;
      const worker = workers[id % workers.length]!;
      inFlight.push(new Promise((resolve, reject) => waiting.set(id, { resolve, reject })));
      worker.postMessage({ id, chunk, columnIndex });
      // Bounded read-ahead keeps memory flat whatever the file size.
      if (inFlight.length >= size * 2) yield await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield await inFlight.shift()!;
  };
  return Object.assign(runner, {
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
      workers.length = 0;
    },
  });
}
