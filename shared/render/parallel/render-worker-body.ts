// One render thread: renders the releases it is sent, one at a time, with the
// very renderRelease of a single-threaded render (so the bytes are the same).
import { parentPort } from 'node:worker_threads';
import { renderRelease } from '../release.js';
import { jobInput, packRelease, type RenderJob, type RenderReply } from './render-messages.js';

const port = parentPort;
if (!port) throw new Error('render-worker-body.ts runs in a worker thread');

port.on('message', (job: RenderJob) => {
  const { id } = job;
  const input = jobInput(job);
  const { roots } = input.lookup;
  renderRelease({
    ...input,
    lookup: {
      params: input.lookup.params,
      root: (numero) => {
        const root = roots.get(numero);
        if (root === undefined)
          throw new Error('lookup root asked for a candidate that was not prepared');
        return root;
      },
    },
  }).then(
    (release) => {
      const packed = packRelease(release);
      port.postMessage({ id, ok: true, release: packed } satisfies RenderReply, [packed.bytes]);
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      port.postMessage({ id, ok: false, message } satisfies RenderReply);
    },
  );
});
