import { spawn } from 'node:child_process';
import { CLI } from './local-process.js';

export interface CliRun {
  pid: number;
  /** Resolves when the process has ended, whatever the way. */
  ended: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
  kill(signal: NodeJS.Signals): void;
  running(): boolean;
}

/**
 * The real `publibac` command in a child process, against a test stack's
 * environment (so it talks to that stack and nothing else), acting as an
 * officer of the académies in `roles`.
 */
export function spawnCli(
  args: readonly string[],
  stackEnv: Record<string, string>,
  roles = '',
): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      ...process.env,
      ...stackEnv,
      PUBLIBAC_ACTOR: 'olga',
      PUBLIBAC_ROLES: roles,
      PUBLIBAC_LOOKUP_ITERATIONS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const ended = new Promise<Awaited<CliRun['ended']>>((done) =>
    child.once('exit', (code, signal) => {
      done({ code, signal, stdout, stderr });
    }),
  );
  return {
    pid: child.pid ?? -1,
    ended,
    kill: (signal) => {
      child.kill(signal);
    },
    running: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Runs the command to its end; throws with its output unless it exits 0. */
export async function runCli(
  args: readonly string[],
  stackEnv: Record<string, string>,
  roles = '',
): Promise<string> {
  const { code, signal, stdout, stderr } = await spawnCli(args, stackEnv, roles).ended;
  if (code !== 0)
    throw new Error(`publibac ${args.join(' ')}: exit ${code ?? signal}\n${stderr || stdout}`);
  return stdout;
}
