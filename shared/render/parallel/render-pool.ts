// Renders several releases at once, one worker thread per core. Rendering is
// CPU-bound (sealing, hashing, pages): a national session's 30 académies
// rendered one after the other take about a minute on one core, and each
// académie is independent, so they spread over threads with no change to a
// byte of output (each release is rendered whole by renderRelease).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Release } from '../release.js';
import {
  unpackRelease,
  type PooledRenderInput,
  type RenderJob,
  type RenderReply,
  type SerializedRenderInput,
} from './render-messages.js';

export type { PooledRenderInput, SerializedRenderInput };
export { serializeRenderInput } from './render-messages.js';

/** An input as objects, or serialised beforehand (transferred: the caller's bytes are consumed). */
export type RenderPoolInput = PooledRenderInput | SerializedRenderInput;

const candidatesOf = (input: RenderPoolInput) =>
  'bytes' in input ? input.candidates : input.decisions.length;

export interface RenderPool {
  /** Renders one release on the least busy thread. */
  render(input: RenderPoolInput): Promise<Release>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  /** Candidates sent and not yet rendered: the measure of a thread's queue. */
  load: number;
}

export function createRenderPool(size = Math.max(1, availableParallelism())): RenderPool {
  const waiting = new Map<number, { resolve: (r: Release) => void; reject: (e: Error) => void }>();
  const slots: Slot[] = [];
  const spawn = (): Slot => {
    const worker = new Worker(new URL('./render.worker.mjs', import.meta.url));
    worker.on('message', (reply: RenderReply) => {
      const p = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) p?.resolve(unpackRelease(reply.release));
      else p?.reject(new Error(reply.message));
    });
    worker.on('error', (err) => {
      for (const p of waiting.values()) p.reject(err);
      waiting.clear();
    });
    return { worker, load: 0 };
  };
  let nextId = 0;
  return {
    render(input) {
      if (slots.length === 0) for (let i = 0; i < size; i++) slots.push(spawn());
      const slot = slots.reduce((a, b) => (b.load < a.load ? b : a));
      const weight = candidatesOf(input);
      slot.load += weight;
      const id = nextId++;
      const done = new Promise<Release>((resolve, reject) => waiting.set(id, { resolve, reject }));
      if ('bytes' in input)
        slot.worker.postMessage({ id, serialized: input.bytes } satisfies RenderJob, [input.bytes]);
      else slot.worker.postMessage({ id, input } satisfies RenderJob);
      return done.finally(() => {
        slot.load -= weight;
      });
    },
    async close() {
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}

/**
 * Renders every input on the pool, largest first (so the longest académie
 * does not start last and leave a thread idle), handing each release to
 * `each` as it completes; `each` may upload it and drop it, so at most two
 * releases per thread are held at once. Returns when all are done.
 */
export async function renderAll<I extends RenderPoolInput>(
  pool: RenderPool,
  inputs: readonly I[],
  each: (release: Release, input: I) => Promise<void> | void,
  threads = Math.max(1, availableParallelism()),
): Promise<void> {
  const queue = [...inputs].sort((a, b) => candidatesOf(b) - candidatesOf(a));
  // Two in flight per thread: while a thread renders one académie, the next one's input is
  // already copied into it, so no thread waits for the main thread to serialise its next job.
  const runOne = async (): Promise<void> => {
    for (let input = queue.shift(); input; input = queue.shift())
      await each(await pool.render(input), input);
  };
  await Promise.all(Array.from({ length: threads * 2 }, runOne));
}
