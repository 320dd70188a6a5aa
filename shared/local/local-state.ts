import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A running `publibac local` leaves a state file so that other commands, in
 * other terminals, find the stack without the user exporting anything.
 */
export const LocalState = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  endpoints: z.object({ dynamodb: z.string(), s3: z.string() }),
  env: z.record(z.string(), z.string()),
});
export type LocalState = z.infer<typeof LocalState>;

/**
 * The project's local working directory: PUBLIBAC_HOME, or `.publibac` in the current directory.
 */
export function localHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLIBAC_HOME || join(process.cwd(), '.publibac');
}

export function localStatePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(localHome(env), 'local.json');
}

export async function writeLocalState(state: LocalState): Promise<void> {
  const path = localStatePath();
  await mkdir(localHome(), { recursive: true });
  // Write then rename: a reader never sees half a file.
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(LocalState.parse(state), null, 2)}\n`, { mode: 0o600 });
  await rename(temp, path);
}

/** Removes the state file if this process wrote it (another stack may have replaced it since). */
export async function removeLocalState(pid: number = process.pid): Promise<void> {
  const state = readLocalState();
  if (state && state.pid !== pid) return;
  await rm(localStatePath(), { force: true });
}

/** The state file's content, or undefined when there is none or it is not a valid state. */
export function readLocalState(env: NodeJS.ProcessEnv = process.env): LocalState | undefined {
  let text: string;
  try {
    text = readFileSync(localStatePath(env), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = LocalState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

/** Credentials are the stack's whenever it is targeted: see applyLocalStackEnv. */
const CREDENTIAL_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/**
 * Points this process at a running `publibac local`, unless an endpoint is
 * already configured (then the user chose a target: AWS or another stack).
 * Copies the stack's variables that are not set already, so an explicit
 * table or bucket name wins. Credentials are the exception: s3rver knows
 * only its own, and real credentials have no business signing requests to
 * an emulator, so the stack's keys replace any set, and AWS_SESSION_TOKEN
 * and AWS_PROFILE (which the SDK prefers to keys) are dropped.
 * A state file whose process is gone is ignored.
 */
export function applyLocalStackEnv(env: NodeJS.ProcessEnv = process.env): LocalState | undefined {
  if (env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL)
    return undefined;
  const state = readLocalState(env);
  if (!state || !isAlive(state.pid)) return undefined;
  for (const [key, value] of Object.entries(state.env)) {
    if (env[key] === undefined || CREDENTIAL_KEYS.includes(key)) env[key] = value;
  }
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  return state;
}
