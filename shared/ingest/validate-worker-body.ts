import { parentPort } from 'node:worker_threads';
import { validateChunk } from './chunk-validation.js';
import type { CsvV1Column } from './format-v1.js';
import type { TextChunk } from './text-chunks.js';

interface Job {
  id: number;
  chunk: TextChunk;
  columnIndex: Record<CsvV1Column, number>;
}

parentPort?.on('message', (job: Job) => {
  const outcome = validateChunk(job.chunk, job.columnIndex, { collectFacts: true });
  parentPort?.postMessage({ id: job.id, outcome });
});
