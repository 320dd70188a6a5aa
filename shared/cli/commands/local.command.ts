import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_PORTS, LOCAL_RESOURCES, startLocalStack } from '../../local/local-stack.js';
import {
  applyLocalStackEnv,
  isAlive,
  localHome,
  readLocalState,
  removeLocalState,
  writeLocalState,
} from '../../local/local-state.js';
import { startLocalScheduler } from '../local-scheduler.js';
import { consolePortFor, startLocalConsole } from '../../console/local-console.js';
import { systemClock } from '../../ports/clock.port.js';
import { publicationContext } from '../publication-context.js';

interface LocalOptions {
  memory?: boolean;
  dataDir?: string;
  host: string;
  dynamodbPort: number;
  s3Port: number;
  port: number;
  consolePort?: number;
  stopOnStdinEnd?: boolean;
  scheduler: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number, 0-65535 (0: any free port)');
  return n;
}

/** Resolves on the first of SIGINT or SIGTERM (or stdin closing, when asked). */
function untilStopped(stopOnStdinEnd: boolean): Promise<string> {
  return new Promise((done) => {
    const finish = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.stdin.off('end', onEnd);
      if (stopOnStdinEnd) process.stdin.pause();
      done(why);
    };
    const onInt = () => {
      finish('SIGINT');
    };
    const onTerm = () => {
      finish('SIGTERM');
    };
    const onEnd = () => {
      finish('stdin closed');
    };
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (stopOnStdinEnd) process.stdin.on('end', onEnd).resume();
  });
}

export function register(program: Command): void {
  program
    .command('local')
    .description(
      'Run the embedded AWS emulators (dynalite for DynamoDB, s3rver for S3) in the ' +
        "foreground, with the project's tables and buckets, and a local CDN that serves the " +
        'public site through the edge function, and the scheduler that arms planned ' +
        'publications. Other publibac commands find it through <home>/local.json (home: ' +
        '$PUBLIBAC_HOME or ./.publibac). Ctrl-C stops it.',
    )
    .option(
      '--memory',
      'keep nothing once stopped (DynamoDB in memory, S3 in a temporary directory)',
    )
    .option('--data-dir <dir>', 'where data persists across restarts (default: <home>/data)')
    .option(
      '--host <address>',
      'interface the local CDN (the site) listens on, e.g. 0.0.0.0 to show it on a network; ' +
        'the emulators stay on 127.0.0.1 whatever this says (they check no credentials)',
      '127.0.0.1',
    )
    .option(
      '--dynamodb-port <n>',
      "DynamoDB port (dynalite's usual one; 0 = any free port)",
      port,
      DEFAULT_PORTS.dynamodb,
    )
    .option(
      '--s3-port <n>',
      "S3 port (s3rver's usual one; 0 = any free port)",
      port,
      DEFAULT_PORTS.s3,
    )
    .option(
      '--port <n>',
      'port of the local CDN, where the public site is served (0 = any free port)',
      port,
      DEFAULT_PORTS.cdn,
    )
    .option(
      '--console-port <n>',
      'port of the rectorat console (/admin, always on 127.0.0.1; default: the site port + 1, ' +
        'or any free port with --port 0)',
      port,
    )
    // For test harnesses: a child stack dies with its parent even if the parent is killed.
    .addOption(new Option('--stop-on-stdin-end').hideHelp())
    // For tests that drive the scheduler themselves with an injected clock.
    .addOption(new Option('--no-scheduler').hideHelp())
    .action(async (opts: LocalOptions) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const running = readLocalState();
      if (running && running.pid !== process.pid && isAlive(running.pid)) {
        throw new Error(
          `a local stack is already running (pid ${running.pid}, DynamoDB ` +
            `${running.endpoints.dynamodb}); stop it first, or use another PUBLIBAC_HOME`,
        );
      }
      const dataDir = opts.memory ? undefined : (opts.dataDir ?? join(localHome(), 'data'));
      const stack = await startLocalStack({
        ...(opts.memory ? { memory: true } : { dataDir }),
        host: opts.host,
        ports: { dynamodb: opts.dynamodbPort, s3: opts.s3Port, cdn: opts.port },
      });
      let scheduler: { stop(): Promise<void> } | undefined;
      let adminConsole: { stop(): Promise<void> } | undefined;
      try {
        await writeLocalState({
          pid: process.pid,
          startedAt: new Date().toISOString(),
          endpoints: stack.endpoints,
          env: stack.env,
        });
        applyLocalStackEnv();
        if (opts.scheduler) scheduler = startLocalScheduler(log);
        log(`Local stack up${dataDir ? ` (data in ${dataDir})` : ' (in memory: nothing is kept)'}`);
        log(
          `  DynamoDB  ${stack.endpoints.dynamodb}   tables ` +
            Object.values(LOCAL_RESOURCES.tables).join(', '),
        );
        log(
          `  S3        ${stack.endpoints.s3}   buckets ${LOCAL_RESOURCES.buckets.site}, ` +
            LOCAL_RESOURCES.buckets.ingest,
        );
        log(
          `  Site      ${stack.endpoints.cdn}/<académie>/   (local CDN: the edge function over ` +
            'the site bucket)',
        );
        if (opts.scheduler)
          log(
            '  Scheduler arms publications set with `publibac schedule` (the local EventBridge ' +
              'Scheduler)',
          );
        log('publibac commands run from this directory use it automatically. For other tools:');
        for (const key of ['AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION'])
          log(`  export ${key}=${stack.env[key] ?? ''}`);
        // After the lines above, which scripts read as soon as the state file exists.
        adminConsole = await startLocalConsole({
          deps: publicationContext().deps,
          clock: systemClock,
          home: localHome(),
          academie: 'aix-marseille',
          session: '2024-06',
          siteUrl: stack.endpoints.cdn,
          port: opts.consolePort ?? consolePortFor(opts.port),
          persistOfficers: !opts.memory,
          log,
        });
        log('Ctrl-C to stop.');
        const why = await untilStopped(opts.stopOnStdinEnd ?? false);
        log(`Stopping (${why})...`);
      } finally {
        await adminConsole?.stop();
        await scheduler?.stop();
        await removeLocalState();
        await stack.stop();
      }
      log('Local stack stopped.');
    });
}
