// `publibac rehearse`, `publibac rehearsal link` and `publibac rehearsal
// rotate-key`, the real commands, against the embedded stack.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionDigest } from '../../../shared/domain/decision-digest.js';
import { systemClock } from '../../../shared/ports/clock.port.js';
import { REHEARSAL_KEY } from '../../../shared/publication/rehearsal-link.js';
import { startTestStack, type TestStack } from '../../support/local-stack.js';
import { publicationDepsFor } from '../../support/publication-deps.js';
import { decision } from '../../unit/render/fixtures.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../shared/cli/publibac.js');
const SESSION = '2024-06';
let stack: TestStack;
let t: ReturnType<typeof publicationDepsFor>;

/** What `rehearse --json` and `rehearsal link --json` print. */
const LinkOutput = z.object({ id: z.string(), expires: z.string(), path: z.string() });

async function publibac(...args: string[]) {
  const env = {
    ...process.env,
    ...stack.env,
    PUBLIBAC_ACTOR: 'olga',
    PUBLIBAC_ROLES: 'poitiers:publication,limoges:publication',
    PUBLIBAC_LOOKUP_ITERATIONS: '1000',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  t = publicationDepsFor(stack.env, systemClock);
  const rows = ['1', '2', '3'].map((n) =>
    decision({ numero: `CL00000${n}`, academie: 'poitiers', departement: '86', uai: '0860001A' }),
  );
  await t.deps.decisions.appendVersions(
    rows.map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: {
        file: 'r.csv',
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

// Each test runs three or four real CLI processes (a tsx start-up each): room for a loaded machine.
describe('rehearsal commands', { timeout: 120_000 }, () => {
  it(
    'rehearse: refuses a link over 24 hours before rendering (exit 2); by default renders and ' +
      'prints a 2-hour link',
    async () => {
      const refused = await publibac(
        'rehearse',
        '--academie',
        'poitiers',
        '--session',
        SESSION,
        '--valid-for',
        '7d',
      );
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/24 hours at most/) });
      expect(await t.deps.publications.releases(SESSION, 'poitiers')).toEqual([]);

      const started = Date.now();
      const ok = await publibac(
        'rehearse',
        '--academie',
        'poitiers',
        '--session',
        SESSION,
        '--json',
      );
      const finished = Date.now();
      expect(ok.code).toBe(0);
      const out = LinkOutput.parse(JSON.parse(ok.stdout));
      // Minted after the render, between the two instants (expiry rounded down to the second).
      expect(Date.parse(out.expires)).toBeGreaterThanOrEqual(started + 2 * 3_600_000 - 1_000);
      expect(Date.parse(out.expires)).toBeLessThanOrEqual(finished + 2 * 3_600_000);
      expect(
        (await t.deps.audit.entries({ academie: 'poitiers' })).map((e) => [
          e.action,
          e.actor,
          e.releaseId,
        ]),
      ).toEqual([
        ['rehearse', 'olga', out.id],
        ['rehearsal-link', 'olga', out.id],
      ]);
    },
  );

  it(
    'rehearsal link mints another link without rendering; ' +
      'rehearsal rotate-key revokes them all',
    async () => {
      // A rehearsal of its own, recorded as a render leaves it: links need nothing more.
      await t.deps.publications.recordRelease({
        id: 'r-limoges-cli',
        academie: 'limoges',
        session: SESSION,
        groupe: 1,
        kind: 'rehearsal',
        candidates: 3,
        objects: 1,
        bytes: 20,
        renderedAt: new Date().toISOString(),
        renderedBy: 'olga',
      });
      const link = await publibac(
        'rehearsal',
        'link',
        '--academie',
        'limoges',
        '--session',
        SESSION,
        '--valid-for',
        '30m',
        '--json',
      );
      expect(link.code).toBe(0);
      const { path, id } = LinkOutput.parse(JSON.parse(link.stdout));
      expect(id).toBe('r-limoges-cli');
      expect(path).toMatch(new RegExp(`^/_rehearsal/${id}/\\d{10}/[0-9a-f]{64}/limoges/$`));
      expect(
        await publibac(
          'rehearsal',
          'link',
          '--academie',
          'limoges',
          '--session',
          SESSION,
          '--valid-for',
          '25h',
        ),
      ).toMatchObject({ code: 2, stderr: expect.stringMatching(/24 hours at most/) });

      const key = await t.kvs.get(REHEARSAL_KEY);
      const rotated = await publibac('rehearsal', 'rotate-key');
      expect(rotated).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/every earlier rehearsal link is revoked/),
      });
      expect(await t.kvs.get(REHEARSAL_KEY)).not.toBe(key);
      expect(
        (await t.deps.audit.entries())
          .filter((e) => e.action === 'rehearsal-key-rotation')
          .map((e) => e.actor),
      ).toEqual(['olga']);
    },
  );
});
