// The local stack's officer accounts, standing in for the Cognito user pool:
// a user name, a scrypt hash of the password (never the password), and the
// roles, spelt like the Cognito groups (`aix-marseille:publication`). Read
// from PUBLIBAC_LOCAL_OFFICERS (JSON) or `<home>/officers.json`; the local
// stack creates demo officers there when there is none.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseRole, type Role } from '../domain/authority.js';

/** scrypt's cost: N = 2^14, r = 8, p = 1 (the Node default, ~50 ms here) and a 32-byte key. */
const SCRYPT = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;

const HashText = z.string().regex(/^scrypt\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{40,}$/, {
  error: 'expected scrypt$<salt>$<key> (base64url), as hashPassword writes it',
});
const RoleText = z.string().transform((text, ctx): Role => {
  const role = parseRole(text);
  if (!role) {
    ctx.addIssue({ code: 'custom', message: `not a role: ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return role;
});

export const OfficerAccount = z.object({
  username: z
    .string()
    .regex(/^[a-z0-9._-]{2,64}$/, { error: 'lower-case letters, digits, . _ -; 2 to 64' }),
  passwordHash: HashText,
  roles: z.array(RoleText).min(1),
});
export type OfficerAccount = z.infer<typeof OfficerAccount>;
export const OfficerAccounts = z.object({ officers: z.array(OfficerAccount) });

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  const options: ScryptOptions = SCRYPT;
  return new Promise((done, fail) => {
    scryptCb(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => {
      if (err) fail(err);
      else done(key);
    });
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time comparison of the derived keys. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [, salt = '', key = ''] = hash.split('$');
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A hash no password matches, verified for unknown user names so they take as long. */
let decoy: Promise<string> | undefined;
const DECOY = () => (decoy ??= hashPassword(randomBytes(24).toString('base64url')));

export class OfficerDirectory {
  private readonly byName: Map<string, OfficerAccount>;
  constructor(accounts: readonly OfficerAccount[]) {
    this.byName = new Map(accounts.map((a) => [a.username, a]));
  }
  get size(): number {
    return this.byName.size;
  }
  /** The account if the password is its own; null otherwise (unknown user or wrong password). */
  async signIn(username: string, password: string): Promise<OfficerAccount | null> {
    const account = this.byName.get(username.trim().toLowerCase());
    const ok = await verifyPassword(password, account?.passwordHash ?? (await DECOY()));
    return ok && account ? account : null;
  }
}

export class OfficersFileError extends Error {
  override name = 'OfficersFileError';
}

/** Parses the accounts, naming the source and every problem (never a password: there is none). */
export function parseOfficers(text: string, source: string): OfficerAccount[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OfficersFileError(`${source}: not JSON`);
  }
  const parsed = OfficerAccounts.safeParse(Array.isArray(json) ? { officers: json } : json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new OfficersFileError(`${source}: ${issues.join('; ')}`);
  }
  return parsed.data.officers;
}

/** Who the demo creates: two publication officers (the two-person rule) and one fraud officer. */
export function demoOfficerSpecs(academie: string): { username: string; roles: Role[] }[] {
  const publication = `${academie}:publication` as const;
  return [
    { username: 'officier-a', roles: [publication] },
    { username: 'officier-b', roles: [publication] },
    { username: 'officier-fraude', roles: [`${academie}:fraud`] },
  ];
}

export interface LoadedOfficers {
  directory: OfficerDirectory;
  source: string;
  /** Passwords of the accounts created now, shown once to the operator; empty when none were. */
  created: { username: string; password: string; roles: Role[] }[];
}

/**
 * The accounts: PUBLIBAC_LOCAL_OFFICERS if set, else the file; when neither
 * exists, demo officers of `academie` are created in the file (owner-only)
 * with random passwords, returned once so the operator can be told.
 */
export async function loadOfficers(opts: {
  file: string;
  academie: string;
  env?: NodeJS.ProcessEnv;
  /** False: demo officers are kept in memory only (a stack that keeps nothing on disk). */
  persist?: boolean;
}): Promise<LoadedOfficers> {
  const fromEnv = (opts.env ?? process.env).PUBLIBAC_LOCAL_OFFICERS;
  if (fromEnv) {
    const accounts = parseOfficers(fromEnv, 'PUBLIBAC_LOCAL_OFFICERS');
    return { directory: new OfficerDirectory(accounts), source: 'env', created: [] };
  }
  const text = await readFile(opts.file, 'utf8').catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  });
  if (text !== null) {
    const accounts = parseOfficers(text, opts.file);
    return { directory: new OfficerDirectory(accounts), source: opts.file, created: [] };
  }
  const created = demoOfficerSpecs(opts.academie).map((spec) => ({
    ...spec,
    // 15 characters of base64url: 90 bits, typed once by a person.
    password: randomBytes(12).toString('base64url').slice(0, 15),
  }));
  const accounts = await Promise.all(
    created.map(async (c) => ({
      username: c.username,
      roles: c.roles,
      passwordHash: await hashPassword(c.password),
    })),
  );
  if (opts.persist === false)
    return { directory: new OfficerDirectory(accounts), source: 'memory', created };
  await mkdir(dirname(opts.file), { recursive: true });
  await writeFile(opts.file, `${JSON.stringify({ officers: accounts }, null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  return { directory: new OfficerDirectory(accounts), source: opts.file, created };
}
