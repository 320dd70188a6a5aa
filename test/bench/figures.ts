// One measured figure of the bench suite, as results.json stores it, and
// what every part is given to run its children.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface Figure {
  /** Stable from run to run: "<part>.<what>[.<how>]", e.g. "render.national.seconds". */
  name: string;
  value: number;
  unit: string;
  /** "< 20", ">= 36000", or null when the issue sets none. */
  target: string | null;
  /** Whether value meets target; null without a target. */
  met: boolean | null;
}

export type Target = { lt: number } | { ge: number } | { le: number };

export function figure(name: string, value: number, unit: string, target?: Target): Figure {
  if (!target) return { name, value, unit, target: null, met: null };
  if ('lt' in target)
    return { name, value, unit, target: `< ${target.lt}`, met: value < target.lt };
  if ('le' in target)
    return { name, value, unit, target: `<= ${target.le}`, met: value <= target.le };
  return { name, value, unit, target: `>= ${target.ge}`, met: value >= target.ge };
}

/** The machine is shared: each part records the 1-minute load average when it starts. */
export const loadFigure = (part: string): Figure =>
  figure(`${part}.load_average_1m`, Math.round(loadavg()[0]! * 100) / 100, 'load');

const run = promisify(execFile);

/**
 * Runs a child script of this folder in its own process (so peak RSS is its
 * own) and returns the JSON object of its last line of output.
 */
export async function child<T>(
  script: string,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = [],
): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    [...execArgv, '--import', 'tsx', join(import.meta.dirname, script), ...args],
    { env, maxBuffer: 1 << 24 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/** What a part gets: a scratch folder, removed after the run. */
export interface BenchContext {
  tmp: string;
}

export interface BenchPart {
  /** `npm run bench -- <name>`; every figure's name starts with "<name>.". */
  name: string;
  /** In a plain `npm run bench` (false: only when named, e.g. a browser-driven part). */
  inDefaultRun: boolean;
  run(ctx: BenchContext): Promise<Figure[]>;
}
