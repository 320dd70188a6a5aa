// `publibac publish --now` and `publibac approve`, the real commands on the
// embedded stack, as two officers (PUBLIBAC_ACTOR, PUBLIBAC_ROLES): the
// first records the request and nothing opens; the requester cannot approve
// it; a second officer of the académie carries it out. The CLI takes its
// roles from its configuration, so the checks of the admin API run here too.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
afterAll(async () => stack?.stop());

describe('publish --now and approve', () => {
  it('refuses a command without PUBLIBAC_ROLES, or on another académie, naming what is missing (exit 2)', async () => {
    expect(await publibac({ actor: 'paul' }, 'render', ...PLAN)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /PUBLIBAC_ROLES is unset.*e\.g\. PUBLIBAC_ROLES=aix-marseille:publication,aix-marseille:fraud/,
      ),
    });
    expect(
      await publibac({ actor: 'paul', roles: 'limoges:publication' }, 'render', ...PLAN),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /paul may not render a release for poitiers: requires the role poitiers:publication/,
      ),
    });
    expect(await t.deps.publications.releases(SESSION, 'poitiers')).toEqual([]);
  });

  it('publish --now records a request that a second officer approves; the requester cannot', async () => {
    const rendered = await publibac(paul, 'render', ...PLAN, '--json');
    expect(rendered.code).toBe(0);
    const releaseId = (JSON.parse(rendered.stdout) as { id: string }).id;

    const asked = await publibac(paul, 'publish', ...PLAN, '--now');
    expect(asked).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^Request req-[0-9a-f]{12} recorded: publishing now \(poitiers 2024-06 group 1\) awaits approval by a second officer of poitiers/,
      ),
    });
    expect(asked.stdout).toContain('Nothing is public yet.');
    expect(asked.stdout).toContain(
      'They run: publibac approve --academie poitiers --session 2024-06 --groupe 1',
    );
    expect(await pointer()).toBeUndefined();
    // The second officer sees what waits for them.
    expect(
      (await publibac(pia, 'status', '--academie', 'poitiers', '--session', SESSION)).stdout,
    ).toMatch(/AWAITING APPROVAL: publish now, request req-\w+ by paul, until /);

    expect(await publibac(paul, 'approve', ...PLAN)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /paul made request req-\w+ and may not approve it: a second officer with the role poitiers:publication must/,
      ),
    });
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
      stdout: expect.stringMatching(
        /^Request req-\w+ by paul approved by pia\.\npoitiers 2024-06 group 1 is public: release /,
      ),
    });
    expect(approved.stdout).toContain(releaseId);
    expect(await pointer()).toMatchObject({ current: releaseId, next: null });

    const audit = await publibac(pia, 'audit', '--academie', 'poitiers', '--json');
    const actions = audit.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; actor: string })
      .map((e) => `${e.action}:${e.actor}`);
    expect(actions).toEqual([
      'refused:paul',
      'render:paul',
      'publish-request:paul',
      'refused:paul',
      'refused:fanny',
      'approve:pia',
      'publish:pia',
    ]);
  });
});
