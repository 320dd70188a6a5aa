// The console's access-code export over HTTP, as the local stack serves it:
// the inscriptions file up, codes.csv down, derived by the publish function
// (the admin API reads no key) and audited with the signed-in officer. The
// codes are those `publibac codes export` gives for the same file.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalConsole } from '../../../shared/console/local-console.js';
import { generateFirstGroup } from '../../../shared/generate/decisions.generator.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { CONSOLE_SESSION, consoleSignIn, startTestConsole } from '../../support/console-harness.js';
import { publicationDepsFor } from '../../support/publication-deps.js';

const SESSION = CONSOLE_SESSION;
const CLI = join(import.meta.dirname, '../../../shared/cli/publibac.js');
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;
let adminConsole: LocalConsole;
let dir: string;
let inscriptions: string;

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, systemClock);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  dir = await mkdtemp(join(tmpdir(), 'publibac-console-codes-'));
  adminConsole = await startTestConsole({
    deps: t.deps,
    home: dir,
    officers: {
      'officier-a': ['aix-marseille:publication'],
      'officier-lyon': ['lyon:publication'],
    },
  });
  const rows = [
    ...generateFirstGroup({ academie: 'aix-marseille', session: SESSION, candidates: 25, seed: 9 }),
  ];
  inscriptions = [
    'numero;nom;prenoms;uai',
    ...rows.map((r) => [r.numero_candidat, r.nom, r.prenoms, r.uai].join(';')),
  ].join('\n');
});
afterAll(async () => {
  await adminConsole.stop();
  vi.restoreAllMocks();
  await stack.stop();
});

const signIn = (username: string) => consoleSignIn(adminConsole.url, username);
async function exportCodes(who: { cookie: string; csrf: string }, body: object) {
  const res = await fetch(`${adminConsole.url}/api/codes/export`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const exports = async () =>
  (await t.deps.audit.entries({ academie: 'aix-marseille', session: SESSION })).filter(
    (e) => e.action === 'codes-export',
  );
const aix = { academie: 'aix-marseille', session: SESSION };

describe('access-code export from the console', { timeout: 60_000 }, () => {
  it('gives codes.csv with the CLI’s codes, audited with the officer and the count', async () => {
    const a = await signIn('officier-a');
    const answer = await exportCodes(a, { ...aix, inscriptions, filename: 'inscrits.csv' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ count: 25 });
    const csv = String(answer.body.csv);
    expect(csv.startsWith('\uFEFFnumero_candidat;nom;prenoms;uai;code')).toBe(true);
    expect(csv.trim().split(/\r?\n/)).toHaveLength(26);
    const audit = await exports();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'officier-a' });
    expect(audit[0]?.detail).toMatch(/^25 access codes exported for \d+ établissements$/);

    // The same file through `publibac codes export`, against the same stack: the same CSV.
    const file = join(dir, 'inscrits.csv');
    await writeFile(file, inscriptions);
    await promisify(execFile)(
      process.execPath,
      [CLI, 'codes', 'export', ...['--academie', 'aix-marseille', '--session', SESSION]].concat([
        '--from',
        file,
        '-o',
        join(dir, 'cli'),
      ]),
      {
        env: {
          ...process.env,
          ...stack.env,
          PUBLIBAC_ACTOR: 'cli-officer',
          PUBLIBAC_ROLES: 'aix-marseille:publication',
        },
      },
    );
    expect(await readFile(join(dir, 'cli', 'codes.csv'), 'utf8')).toBe(csv);
  });

  it("refuses another académie's officer (403) and audits the refusal", async () => {
    const lyon = await signIn('officier-lyon');
    const before = (await exports()).length;
    const answer = await exportCodes(lyon, { ...aix, inscriptions });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toHaveProperty('csv');
    expect(await exports()).toHaveLength(before);
    const entries = await t.deps.audit.entries({ academie: 'aix-marseille', session: SESSION });
    expect(entries.map((e) => `${e.action}:${e.actor}`)).toContain('refused:officier-lyon');
  });

  it('refuses a malformed file (400) naming line, column and rule, exporting nothing', async () => {
    const a = await signIn('officier-a');
    const before = (await exports()).length;
    const bad = `${inscriptions}\n12;Dupont;Jeanne;0130001`;
    const answer = await exportCodes(a, { ...aix, inscriptions: bad, filename: 'inscrits.csv' });
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual(
      expect.arrayContaining([
        'inscrits.csv:27:1: numero: 6 to 15 digits or capital letters (got "12")',
        expect.stringMatching(/^inscrits\.csv:27:4: uai: 7 digits and the right check letter/),
      ]),
    );
    expect(answer.body).not.toHaveProperty('csv');
    expect(await exports()).toHaveLength(before);
  });

  it('refuses a file over the size cap (400) before reading it', async () => {
    const a = await signIn('officier-a');
    const before = (await exports()).length;
    const big = `${inscriptions}\n${'x'.repeat(4 * 1024 * 1024)}`;
    const answer = await exportCodes(a, { ...aix, inscriptions: big });
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual(['inscriptions.csv: larger than 4 MB; no code exported']);
    expect(await exports()).toHaveLength(before);
  });
});
