import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { fileSource } from '../../adapters/fs/file-source.js';
import {
  generateFirstGroup,
  generateSecondGroup,
  writeCsv,
} from '../../generate/decisions.generator.js';
import type { CsvV1Row } from '../../ingest/format-v1.js';
import { ingestDecisions } from '../../ingest/ingest.usecase.js';
import { createPoolRunner } from '../../ingest/validate-pool.js';
import { startLocalStack } from '../../local/local-stack.js';
import {
  applyLocalStackEnv,
  localHome,
  removeLocalState,
  writeLocalState,
} from '../../local/local-state.js';
import { systemClock } from '../../ports/clock.port.js';
import { wholeNumber } from '../arguments.js';
import { DEFAULT_ITERATIONS } from '../../publication/lookup-material.js';
import { academieRole } from '../../domain/authority.js';
import { publishDemo } from '../demo-publication.js';
import { cliActor } from '../officer.js';
import { startLocalScheduler } from '../local-scheduler.js';
import { consolePortFor, startLocalConsole } from '../../console/local-console.js';
import { publicationContext } from '../publication-context.js';
import { terminalProgress } from '../terminal-progress.js';
import { formatSummary } from './ingest.command.js';

interface DemoOptions {
  academie: string;
  session: string;
  candidates: string;
  seed: string;
  publishIn: number;
  secondGroupIn: number;
  iterations: number;
  memory?: boolean;
  exit?: boolean;
  dynamodbPort?: string;
  s3Port?: string;
  port?: string;
}

async function writeFile(path: string, rows: Iterable<CsvV1Row>) {
  const out = createWriteStream(path);
  const n = await writeCsv(rows, out);
  out.end();
  await finished(out);
  return n;
}

/** The local CDN's address, which the running stack sets. */
const siteUrl = () => process.env.PUBLIBAC_SITE_URL ?? 'http://127.0.0.1:3000';

/** What `npm start` prints first: the national home page, which links to every académie. */
const homeLine = (academie: string) =>
  `Home page: ${siteUrl()}/ (the demo académie: ${siteUrl()}/${academie}/)`;

/**
 * `npm start`: the product end to end on one machine. Starts the embedded
 * stack with its scheduler (or joins a running `publibac local`), generates
 * a demo académie, ingests its first- and second-group decisions, renders
 * and schedules each group's release, watches the flips through the local
 * CDN, and stays up.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the product locally end to end: local stack, synthetic académie, ingest, render, ' +
        'scheduled publication of both groups (what `npm start` runs)',
    )
    .option('--academie <slug>', 'académie of the demo', 'aix-marseille')
    .option('--session <YYYY-MM>', 'session of the demo', '2024-06')
    .option('--candidates <n>', 'candidates in the demo académie', '31000')
    .option('--seed <n>', 'seed of the synthetic data', '1')
    .option(
      '--publish-in <seconds>',
      'first-group results open this long after rendering',
      wholeNumber,
      60,
    )
    .option(
      '--second-group-in <seconds>',
      'second-group results open this long after the first (0: no second group)',
      wholeNumber,
      60,
    )
    .option(
      '--iterations <n>',
      'PBKDF2 cost of the lookup (the product default)',
      wholeNumber,
      DEFAULT_ITERATIONS,
    )
    .option('--memory', 'keep the stack in memory (nothing under .publibac/data)')
    .option('--exit', 'stop once both groups are public instead of staying up')
    .option('--dynamodb-port <n>', 'DynamoDB emulator port (0: any free port)')
    .option('--s3-port <n>', 'S3 emulator port (0: any free port)')
    .option('--port <n>', 'local CDN port, where the site is served (0: any free port)')
    .action(async (opts: DemoOptions) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
      if (applyLocalStackEnv()) {
        log(homeLine(opts.academie));
        log('Using the local stack already running (publibac local).');
      } else {
        const ports = {
          ...(opts.dynamodbPort !== undefined ? { dynamodb: Number(opts.dynamodbPort) } : {}),
          ...(opts.s3Port !== undefined ? { s3: Number(opts.s3Port) } : {}),
          ...(opts.port !== undefined ? { cdn: Number(opts.port) } : {}),
        };
        stack = await startLocalStack(
          opts.memory ? { memory: true, ports } : { dataDir: join(localHome(), 'data'), ports },
        );
        Object.assign(process.env, stack.env);
        log(homeLine(opts.academie));
        await writeLocalState({
          pid: process.pid,
          env: stack.env,
          endpoints: stack.endpoints,
          startedAt: new Date().toISOString(),
        });
        const where = opts.memory ? ' (in memory)' : ` (data in ${join(localHome(), 'data')})`;
        log(
          `Local stack started: DynamoDB ${stack.endpoints.dynamodb}, S3 ` +
            `${stack.endpoints.s3}${where}`,
        );
      }
      let scheduler: { stop(): Promise<void> } | undefined;
      let adminConsole: { stop(): Promise<void> } | undefined;
      const stop = async () => {
        await adminConsole?.stop();
        await scheduler?.stop();
        if (!stack) return;
        await removeLocalState();
        await stack.stop();
        stack = undefined;
      };

      try {
        const dir = resolve(localHome(), 'demo');
        await mkdir(dir, { recursive: true });
        const base = {
          academie: opts.academie,
          session: opts.session,
          candidates: Number(opts.candidates),
          seed: Number(opts.seed),
        };
        const g1 = join(dir, `${opts.academie}-${opts.session}-groupe-1.csv`);
        const g2 = join(dir, `${opts.academie}-${opts.session}-groupe-2.csv`);
        const firstGroup = await writeFile(g1, generateFirstGroup(base));
        log(`Generated ${firstGroup.toLocaleString('en-GB')} first-group decisions: ${g1}`);
        const secondGroup = await writeFile(
          g2,
          generateSecondGroup(generateFirstGroup(base), { seed: base.seed }),
        );
        log(`Generated ${secondGroup.toLocaleString('en-GB')} second-group decisions: ${g2}`);

        const ctx = publicationContext(['decisions']);
        const pool = createPoolRunner();
        try {
          for (const file of [g1, g2]) {
            const summary = await ingestDecisions(
              {
                store: ctx.deps.decisions,
                clock: systemClock,
                progress: terminalProgress(),
                runner: pool,
              },
              await fileSource(file),
            );
            log(formatSummary(summary));
          }
        } finally {
          await pool.close();
        }
        const { deps } = publicationContext();
        // Two publication officers of the demo académie (the second approves whatever would open
        // early).
        const actor = cliActor();
        const roles = [academieRole(opts.academie, 'publication')];
        const officers = [
          { actor, roles },
          { actor: `${actor}-second-officer`, roles },
        ] as const;
        const site = siteUrl();
        scheduler = stack ? startLocalScheduler(log) : undefined;
        // The rectorat console (/admin), with demo officers of the académie on first run.
        adminConsole = stack
          ? await startLocalConsole({
              deps,
              clock: systemClock,
              home: localHome(),
              academie: opts.academie,
              session: opts.session,
              siteUrl: site,
              port: consolePortFor(opts.port === undefined ? undefined : Number(opts.port)),
              persistOfficers: !opts.memory,
              log,
            })
          : undefined;
        await publishDemo(deps, {
          academie: opts.academie,
          session: opts.session,
          seed: Number(opts.seed),
          iterations: opts.iterations,
          publishIn: opts.publishIn,
          secondGroupIn: opts.secondGroupIn,
          site,
          officers,
          log,
        });
        log(
          'Other terminals find this stack (as an officer of the académie): export ' +
            `PUBLIBAC_ROLES=${roles.join(',')}; npx publibac status, npx publibac audit, npx ` +
            `publibac rehearse --academie ${opts.academie} --session ${opts.session}`,
        );
        if (opts.exit || !stack) return;
        log(`${homeLine(opts.academie)}. Ctrl-C to stop.`);
        await new Promise<void>((done) => {
          process.once('SIGINT', done);
          process.once('SIGTERM', done);
        });
      } finally {
        await stop();
      }
    });
}
