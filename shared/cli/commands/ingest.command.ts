import type { Command } from 'commander';
import { fileSource } from '../../adapters/fs/file-source.js';
import { formatIssue, IngestRejectedError } from '../../ingest/ingest-issue.js';
import { ingestDecisions, type IngestSummary } from '../../ingest/ingest.usecase.js';
import { createPoolRunner } from '../../ingest/validate-pool.js';
import { systemClock } from '../../ports/clock.port.js';
import { publicationContext } from '../publication-context.js';
import { terminalProgress } from '../terminal-progress.js';

/**
 * Files above this size are validated on worker threads; below, starting them costs more than it
 * saves.
 */
const POOL_THRESHOLD_BYTES = 8 << 20;

export function formatSummary(s: IngestSummary): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  return [
    `${s.dryRun ? 'Dry run (nothing written): ' : ''}${s.file} (${s.encoding}, sha256 ` +
      `${s.sha256.slice(0, 12)}…)`,
    `  rows        ${n(s.rows)}`,
    `  candidates  ${n(s.candidates)}`,
    `  new         ${n(s.new)}`,
    `  superseded  ${n(s.superseded)}`,
    `  unchanged   ${n(s.unchanged)}`,
    `  written     ${n(s.written)}`,
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('ingest')
    .description(
      'Validate a jury decision file (format v1) whole, then store its new decisions. Exit 0 ' +
        'ok, 2 rejected (nothing written), 1 other failure.',
    )
    .argument('<file>', 'CSV file, ";"-separated, UTF-8 or Windows-1252')
    .option('--dry-run', 'check everything, including against the store, but write nothing')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const ctx = publicationContext(['decisions']);
      const source = await fileSource(file);
      const pool = (source.size ?? 0) > POOL_THRESHOLD_BYTES ? createPoolRunner() : undefined;
      process.stderr.write(`Ingesting ${source.name} into ${ctx.target}\n`);
      try {
        const summary = await ingestDecisions(
          {
            store: ctx.deps.decisions,
            clock: systemClock,
            progress: terminalProgress(),
            ...(pool ? { runner: pool } : {}),
          },
          source,
          { dryRun: opts.dryRun ?? false },
        );
        process.stdout.write(`${opts.json ? JSON.stringify(summary) : formatSummary(summary)}\n`);
      } catch (err) {
        if (!(err instanceof IngestRejectedError)) throw err;
        for (const issue of err.issues) process.stderr.write(`${formatIssue(err.file, issue)}\n`);
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 2;
      } finally {
        await pool?.close();
      }
    });
}
