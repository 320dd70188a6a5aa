import { parentPort } from 'node:worker_threads';
import { validateChunk } from './chunk-validation.js';
import type { CsvV1Column } from './format-v1.js';
import { factBuffers } from './row-facts.js';
import type { TextChunk } from './text-chunks.js';

interface Job {
  id: number;
  chunk: TextChunk;
  columnIndex: Record<CsvV1Column, number>;
}

parentPort?.on('message', (job: Job) => {
  const outcome = validateChunk(job.chunk, job.columnIndex, { collectFacts: true });
  // The facts' buffers move to the main thread rather than being copied.
  parentPort?.postMessage({ id: job.id, outcome }, factBuffers(outcome.facts));
});
