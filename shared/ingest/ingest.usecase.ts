import { decisionDigest } from '../domain/decision-digest.js';
import { fileEmpty, fileWithoutRows, tooManyErrors } from '../domain/rules/reading.rules.js';
import type { DecisionVersion } from '../domain/decision.schema.js';
import type { ByteSource, Progress } from '../ports/byte-source.port.js';
import { silentProgress } from '../ports/byte-source.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { DecisionStore } from '../ports/decision-store.port.js';
import { MAX_ISSUES, validateChunk, type ChunkOutcome } from './chunk-validation.js';
import { ByteCheckpoints, FileChangedError } from './byte-checkpoints.js';
import { FileChecks } from './file-checks.js';
import type { CsvV1Column } from './format-v1.js';
import { readHeader } from './header.js';
import { IngestRejectedError, issueAt, type IngestIssue } from './ingest-issue.js';
import {
  decodeBytes,
  NotUtf8Error,
  recordChunks,
  UnreadableFileError,
  type TextChunk,
  type TextEncoding,
} from './text-chunks.js';

/** Validates chunks, in order: inline, or on worker threads (validate-pool.ts). */
export type ChunkRunner = (
  chunks: AsyncIterable<TextChunk>,
  columnIndex: Record<CsvV1Column, number>,
) => AsyncIterable<ChunkOutcome>;

export const inlineRunner: ChunkRunner = async function* (chunks, columnIndex) {
  for await (const chunk of chunks) yield validateChunk(chunk, columnIndex, { collectFacts: true });
};

export interface IngestDeps {
  store: DecisionStore;
  clock: Clock;
  runner?: ChunkRunner;
  progress?: Progress;
}

export interface IngestSummary {
  file: string;
  sha256: string;
  encoding: TextEncoding;
  rows: number;
  candidates: number;
  new: number;
  superseded: number;
  unchanged: number;
  /** Versions appended to the store (0 on a dry run). */
  written: number;
  dryRun: boolean;
}

/** Versions per call to the store. */
const WRITE_BATCH = 1_000;
/**
 * Calls to the store pending at once while the file is read on: the store's writes go on while
 * the next rows are parsed, and its calls in flight never drain between two batches (the store
 * bounds them itself, whatever the number of batches pending). Beyond this, reading waits.
 */
const PENDING_WRITES = 3;

/**
 * Ingests a decision file: validates it whole (every row, every rule, then
 * against the store), and only if nothing is wrong appends the new versions.
 * Streaming passes (a third, compareDigests, only when the store already
 * holds rows at the same deliberation), so memory holds a few facts per
 * row, never the file.
 * Throws IngestRejectedError (nothing written) when the file is refused.
 */
export async function ingestDecisions(
  deps: IngestDeps,
  source: ByteSource,
  options: { dryRun?: boolean } = {},
): Promise<IngestSummary> {
  const progress = deps.progress ?? silentProgress;
  const { checks, encoding, sha256, checkpoints, rows, columnIndex } = await checkDecisionFile(
    deps,
    source,
  );

  for (const scope of checks.checkGroups()) {
    const [session, academie] = scope.split('|') as [string, string];
    checks.checkGroupsAgainstStore(scope, await deps.store.currentDecisions(session, academie));
  }
  for (const scope of checks.scopes()) {
    const [session, academie] = scope.split('|') as [string, string];
    checks.classify(scope, await deps.store.knownVersions(session, academie));
  }
  if (checks.pendingDigests() > 0)
    await compareDigests(source, { encoding, checkpoints, columnIndex, checks, progress });
  if (checks.issues.length > 0) reject(source.name, checks.issues, checks.issues.length);

  const counts = checks.fateCounts();
  const toWrite = counts.new + counts.supersedes;
  let written = 0;
  if (!options.dryRun && toWrite > 0) {
    written = await writeVersions(deps, source, {
      encoding,
      sha256,
      checkpoints,
      columnIndex,
      checks,
      progress,
    });
    if (written !== toWrite)
      throw new FileChangedError(
        `${source.name} changed while being ingested: ${written} of ${toWrite} versions ` +
          'written; ingest it again',
      );
  }
  return {
    file: source.name,
    sha256,
    encoding,
    rows,
    candidates: checks.candidateCount(),
    new: counts.new,
    superseded: counts.supersedes,
    unchanged: counts.unchanged,
    written,
    dryRun: options.dryRun ?? false,
  };
}

function reject(file: string, issues: readonly IngestIssue[], total: number): never {
  const sorted = [...issues].sort(
    (a, b) => a.line - b.line || (a.columnIndex ?? 0) - (b.columnIndex ?? 0),
  );
  const kept = sorted.slice(0, MAX_ISSUES);
  if (total > kept.length) {
    const line = kept[kept.length - 1]?.line ?? 1;
    kept.push(issueAt(line, tooManyErrors(total - kept.length, kept.length)));
  }
  throw new IngestRejectedError(file, kept, total);
}

export type CheckedFile = Awaited<ReturnType<typeof checkFile>>;

/**
 * First pass alone: parses and validates every row and the rules between
 * rows of the file, without the store. Throws IngestRejectedError.
 */
export async function checkDecisionFile(
  deps: Pick<IngestDeps, 'runner' | 'progress'>,
  source: ByteSource,
): Promise<CheckedFile> {
  try {
    return await checkFile(deps, source, 'utf-8');
  } catch (err) {
    if (!(err instanceof NotUtf8Error)) throw err;
    // Office tools in France still export Windows-1252: read it again as such.
    return await checkFile(deps, source, 'windows-1252');
  }
}

/** Reads the source once, decoding and hashing it; the header apart from the record chunks. */
async function openText(
  source: ByteSource,
  encoding: TextEncoding,
  onBytes: (b: Uint8Array) => void,
) {
  let sawNul = false;
  async function* tapped() {
    for await (const b of source.open()) {
      onBytes(b);
      sawNul ||= Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(0) !== -1;
      yield b;
    }
  }
  const chunks = recordChunks(decodeBytes(tapped(), encoding), () => sawNul)[
    Symbol.asyncIterator
  ]();
  const first = await chunks.next();
  const text = first.done ? '' : first.value.text;
  const nl = text.indexOf('\n');
  const headerLine = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
  const rest: TextChunk = { text: nl === -1 ? '' : text.slice(nl + 1), firstLine: 2 };
  async function* records(): AsyncGenerator<TextChunk> {
    if (rest.text.length > 0) yield rest;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  return { headerLine, records: records() };
}

async function checkFile(
  deps: Pick<IngestDeps, 'runner' | 'progress'>,
  source: ByteSource,
  encoding: TextEncoding,
) {
  const progress = deps.progress ?? silentProgress;
  const read = new ByteCheckpoints(source.name);
  let bytes = 0;
  progress.start('check', source.size ?? 0);
  try {
    const { headerLine, records } = await openText(source, encoding, (b) => {
      read.update(b);
      bytes += b.length;
      progress.update(bytes);
    });
    if (headerLine.trim() === '') reject(source.name, [issueAt(1, fileEmpty())], 1);
    const header = readHeader(headerLine.split(';'));
    if (!header.ok) reject(source.name, header.issues, header.issues.length);

    const checks = new FileChecks();
    const issues: IngestIssue[] = [];
    let issueCount = 0;
    let rows = 0;
    for await (const outcome of (deps.runner ?? inlineRunner)(records, header.columnIndex)) {
      rows += outcome.rows;
      issueCount += outcome.issueCount;
      for (const i of outcome.issues) if (issues.length < MAX_ISSUES) issues.push(i);
      checks.addChunk(outcome.facts);
    }
    if (rows === 0 && issueCount === 0) reject(source.name, [issueAt(2, fileWithoutRows())], 1);
    if (issueCount > 0)
      reject(source.name, [...issues, ...checks.issues], issueCount + checks.issues.length);
    const checkpoints = read.finish();
    return {
      checks,
      encoding,
      sha256: checkpoints.sha256,
      checkpoints,
      rows,
      columnIndex: header.columnIndex,
    };
  } catch (err) {
    if (err instanceof UnreadableFileError) reject(source.name, [err.issue], 1);
    throw err;
  } finally {
    progress.stop();
  }
}

type PassContext = {
  encoding: TextEncoding;
  /** What the checking pass read, to be sure a later pass reads the same bytes. */
  checkpoints: ReturnType<ByteCheckpoints['finish']>;
  columnIndex: Record<CsvV1Column, number>;
  checks: FileChecks;
  progress: Progress;
};

/**
 * Only for rows the store already holds at the same deliberation (a
 * re-ingest, typically): parses the file again to compute their content
 * digests, which say whether they are unchanged or conflicting. The first
 * pass does without digests: a national file is mostly new rows.
 */
async function compareDigests(source: ByteSource, ctx: PassContext): Promise<void> {
  const read = new ByteCheckpoints(source.name, ctx.checkpoints);
  let bytes = 0;
  ctx.progress.start('compare', source.size ?? 0);
  try {
    const { records } = await openText(source, ctx.encoding, (b) => {
      read.update(b);
      bytes += b.length;
    });
    for await (const chunk of records) {
      validateChunk(chunk, ctx.columnIndex, {
        collectFacts: false,
        onDecision: (d, line) => {
          ctx.checks.resolveDigest(d, line);
        },
      });
      ctx.progress.update(bytes);
    }
    read.finish();
  } finally {
    ctx.progress.stop();
  }
  if (ctx.checks.pendingDigests() > 0)
    throw new FileChangedError(`${source.name} changed while being ingested; ingest it again`);
}

/**
 * Last pass: parses the file again and appends the versions the first pass
 * decided to write. A version waits until the bytes it was read from are
 * known to be the ones checked (ByteCheckpoints), so that a file changed
 * meanwhile is refused before any of its new content is written.
 */
async function writeVersions(
  deps: IngestDeps,
  source: ByteSource,
  ctx: PassContext & { sha256: string },
): Promise<number> {
  const ingestedAt = deps.clock.now().toISOString();
  const read = new ByteCheckpoints(source.name, ctx.checkpoints);
  let bytes = 0;
  let written = 0;
  /** Calls to the store under way (they settle without rejecting: a failure is kept apart). */
  const pending = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  ctx.progress.start('write', source.size ?? 0);
  try {
    const { records } = await openText(source, ctx.encoding, (b) => {
      read.update(b);
      bytes += b.length;
    });
    const waiting: { readTo: number; versions: DecisionVersion[] }[] = [];
    let batch: DecisionVersion[] = [];
    const flush = async () => {
      if (batch.length > 0) {
        const versions = batch;
        batch = [];
        const write: Promise<void> = deps.store.appendVersions(versions).then(
          () => {
            written += versions.length;
            pending.delete(write);
          },
          (err: unknown) => {
            failure ??= { err };
            pending.delete(write);
          },
        );
        pending.add(write);
      }
      while (pending.size >= PENDING_WRITES && !failure) await Promise.race(pending);
      if (failure) throw failure.err;
    };
    const release = async (verified: number) => {
      for (let next = waiting[0]; next && next.readTo <= verified; next = waiting[0]) {
        waiting.shift();
        for (const v of next.versions) {
          batch.push(v);
          if (batch.length >= WRITE_BATCH) await flush();
        }
      }
    };
    for await (const chunk of records) {
      const versions: DecisionVersion[] = [];
      validateChunk(chunk, ctx.columnIndex, {
        collectFacts: false,
        onDecision: (d, line) => {
          const fate = ctx.checks.fateOf(d);
          if (fate !== 'new' && fate !== 'supersedes') return;
          versions.push({
            ...d,
            digest: decisionDigest(d),
            source: { file: source.name, sha256: ctx.sha256, line, ingestedAt },
          });
        },
      });
      // The chunk's rows lie in the bytes read so far.
      waiting.push({ readTo: bytes, versions });
      await release(read.verified);
      ctx.progress.update(bytes);
    }
    read.finish();
    await release(Infinity);
    await flush();
    await Promise.all(pending);
    if (failure) throw failure.err;
  } finally {
    // Whatever ended the pass, no write of it is still going on once it returns or throws.
    await Promise.all(pending);
    ctx.progress.stop();
  }
  return written;
}
