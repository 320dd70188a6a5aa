// `publibac publish --now` and `publibac approve`, the real commands on the
// embedded stack, as two officers (PUBLIBAC_ACTOR, PUBLIBAC_ROLES): the
// first records the request and nothing opens; the requester cannot approve
// it; a second officer of the académie carries it out. The CLI takes its
// roles from its configuration, so the checks of the admin API run here too.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import { decodePointer, pointerKey } from '../../../shared/edge/pointer.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../shared/cli/publibac.js');
const SESSION = '2024-06';
const PLAN = ['--academie', 'poitiers', '--session', SESSION, '--groupe', '1'];
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;

/** The CLI as one officer; `roles` undefined: PUBLIBAC_ROLES unset. */
async function publibac(as: { actor: string; roles?: string }, ...args: string[]) {
  const { PUBLIBAC_ROLES: _unset, ...inherited } = process.env;
  const env = {
    ...inherited,
    ...stack.env,
    PUBLIBAC_ACTOR: as.actor,
    PUBLIBAC_LOOKUP_ITERATIONS: '1000',
    ...(as.roles === undefined ? {} : { PUBLIBAC_ROLES: as.roles }),
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const paul = { actor: 'paul', roles: 'poitiers:publication' };
const pia = { actor: 'pia', roles: 'poitiers:publication,poitiers:fraud' };
const pointer = async () => decodePointer(await t.kvs.get(pointerKey('poitiers')));

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, systemClock);
  const rows = ['1', '2', '3'].map((n) =>
    decision({ numero: `CP00000${n}`, academie: 'poitiers', departement: '86', uai: '0860001A' }),
  );
  await t.deps.decisions.appendVersions(
    rows.map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: {
        file: 'p.csv',
        sha256: '0'.repeat(64),
        line: 2,
        ingestedAt: '2024-07-01T00:00:00.000Z',
      },
    })),
  );
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await stack.stop();
  };
});

// Each test runs up to nine real CLI processes (a tsx start-up each): room for a loaded machine.
describe('publish --now and approve', { timeout: 120_000 }, () => {
  it(
    'refuses a command without PUBLIBAC_ROLES, or on another académie, naming what is missing ' +
      '(exit 2)',
    async () => {
      // Limoges: the refusals are audited there, apart from the Poitiers scenario below.
      const LIMOGES = ['--academie', 'limoges', '--session', SESSION, '--groupe', '1'];
      const unset = await publibac({ actor: 'paul' }, 'render', ...LIMOGES);
      expect(unset).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/PUBLIBAC_ROLES is unset/),
      });
      expect(unset.stderr).toContain(
        'e.g. PUBLIBAC_ROLES=aix-marseille:publication,aix-marseille:fraud',
      );
      expect(await publibac(paul, 'render', ...LIMOGES)).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(
          /paul may not render a release for limoges: requires the role limoges:publication/,
        ),
      });
      expect(await t.deps.publications.releases(SESSION, 'limoges')).toEqual([]);
    },
  );

  it(
    'publish --now records a request that a second officer approves; ' + 'the requester cannot',
    async () => {
      const rendered = await publibac(paul, 'render', ...PLAN, '--json');
      expect(rendered.code).toBe(0);
      const releaseId = z.object({ id: z.string() }).parse(JSON.parse(rendered.stdout)).id;

      const asked = await publibac(paul, 'publish', ...PLAN, '--now');
      expect(asked).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(
          /^Request req-[0-9a-f]{12} recorded: publishing now \(poitiers 2024-06 group 1\) /,
        ),
      });
      expect(asked.stdout).toContain('awaits approval by a second officer of poitiers');
      expect(asked.stdout).toContain('Nothing is public yet.');
      expect(asked.stdout).toContain(
        'They run: publibac approve --academie poitiers --session 2024-06 --groupe 1',
      );
      expect(await pointer()).toBeUndefined();
      // The second officer sees what waits for them.
      expect(
        (await publibac(pia, 'status', '--academie', 'poitiers', '--session', SESSION)).stdout,
      ).toMatch(/AWAITING APPROVAL: publish now, request req-\w+ by paul, until /);

      const own = await publibac(paul, 'approve', ...PLAN);
      expect(own).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/paul made request req-\w+ and may not approve it: /),
      });
      expect(own.stderr).toContain('a second officer with the role poitiers:publication must');
      expect(
        await publibac({ actor: 'fanny', roles: 'poitiers:fraud' }, 'approve', ...PLAN),
      ).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/requires the role poitiers:publication/),
      });
      expect(await pointer()).toBeUndefined();

      const approved = await publibac(pia, 'approve', ...PLAN);
      expect(approved).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^Request req-\w+ by paul approved by pia\.\n/),
      });
      expect(approved.stdout).toContain('poitiers 2024-06 group 1 is public: release ');
      expect(approved.stdout).toContain(releaseId);
      expect(await pointer()).toMatchObject({ current: releaseId, next: null });

      const audit = await publibac(pia, 'audit', '--academie', 'poitiers', '--json');
      const actions = audit.stdout
        .trim()
        .split('\n')
        .map((l) => z.object({ action: z.string(), actor: z.string() }).parse(JSON.parse(l)))
        .map((e) => `${e.action}:${e.actor}`);
      expect(actions).toEqual([
        'render:paul',
        'publish-request:paul',
        'refused:paul',
        'refused:fanny',
        'approve:pia',
        'publish:pia',
      ]);
    },
  );
});
