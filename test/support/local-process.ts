import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { isAlive, readLocalState } from '../../shared/local/local-state.js';

export const CLI = join(import.meta.dirname, '../../shared/cli/publibac.js');

export interface LocalProcess {
  child: ChildProcess;
  /** The stack's variables, from the state file it wrote. */
  env: Record<string, string>;
  /** The local CDN's address, from what the process printed. */
  siteUrl: string;
  output(): string;
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * The real `publibac local` on a data directory that outlives it (so a
 * killed stack can be started again on the same data), on free ports, with
 * its scheduler unless told otherwise. Resolves once its state file names it.
 */
export async function startLocalProcess(options: {
  home: string;
  dataDir: string;
  scheduler?: boolean;
  timeoutMs?: number;
}): Promise<LocalProcess> {
  const args = [CLI, 'local', '--data-dir', options.dataDir, '--stop-on-stdin-end'];
  args.push('--dynamodb-port', '0', '--s3-port', '0', '--port', '0');
  if (options.scheduler === false) args.push('--no-scheduler');
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PUBLIBAC_HOME: options.home,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      done();
    }),
  );
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const state = readLocalState({ PUBLIBAC_HOME: options.home });
    const site = /Site\s+(http:\/\/\S+?)\/<acad/.exec(output);
    if (state && state.pid === child.pid && isAlive(state.pid) && site)
      return { child, env: state.env, siteUrl: site[1]!, output: () => output, kill };
    if (child.exitCode !== null || Date.now() > deadline) {
      await kill('SIGKILL');
      throw new Error(`publibac local did not start (exit ${child.exitCode}): ${output.trim()}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}
