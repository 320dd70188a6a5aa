import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../shared/cli/publibac.js');

describe('publibac demo (npm start)', () => {
  it(
    'starts a stack, ingests both groups of an académie, publishes each at its instant, and ' +
      'says what it did',
    async () => {
      const home = await mkdtemp(join(tmpdir(), 'publibac-demo-'));
      try {
        const { stdout } = await run(
          process.execPath,
          [
            CLI,
            'demo',
            '--memory',
            '--exit',
            '--candidates',
            '400',
            '--academie',
            'amiens',
            '--dynamodb-port',
            '0',
            '--s3-port',
            '0',
            '--port',
            '0',
            '--publish-in',
            '4',
            '--second-group-in',
            '4',
            '--iterations',
            '100',
          ],
          { env: { ...process.env, PUBLIBAC_HOME: home } },
        );
        // The national home page's address comes first.
        expect(stdout.split('\n')[0]).toMatch(
          new RegExp(
            '^Home page: (http://127\\.0\\.0\\.1:\\d+)/ ' +
              '\\(the demo académie: http://127\\.0\\.0\\.1:\\d+/amiens/\\)$',
          ),
        );
        expect(stdout).toMatch(/Local stack started/);
        expect(stdout).toMatch(/Generated 400 first-group decisions/);
        const secondGroup = Number(/Generated (\d+) second-group decisions/.exec(stdout)?.[1]);
        expect(secondGroup).toBeGreaterThan(10);
        // Both files ingested whole: every row new and written.
        const written = [...stdout.matchAll(/written\s+([\d,]+)/g)].map((m) =>
          Number(m[1]!.replace(',', '')),
        );
        expect(written).toEqual([400, secondGroup]);
        // Each group rendered, scheduled, and seen opening through the local CDN.
        for (const groupe of [1, 2]) {
          expect(stdout).toMatch(
            new RegExp(
              `Rendered group-${groupe} release 2024-06-amiens-g${groupe}-[0-9a-f]{12}: \\d+ ` +
                'candidates',
            ),
          );
          expect(stdout).toMatch(
            new RegExp(
              `Group ${groupe} scheduled for 2\\d{3}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ` +
                '\\(Europe/Paris\\)',
            ),
          );
          expect(stdout).toMatch(
            new RegExp(
              `Group ${groupe} is public: http://127\\.0\\.0\\.1:\\d+/amiens/ \\(first answer ` +
                'of the new release \\d+ ms after the instant',
            ),
          );
        }
        // A number and an access code to try; never a birth date.
        const symbol = '[0-9A-HJKMNP-TV-Z]'; // Crockford's base 32
        const code = `${symbol}{4}-${symbol}{4}-${symbol}{4}-${symbol}{2}`;
        expect(stdout).toMatch(
          new RegExp(`Try candidate \\d+, access code ${code}: expect "Admis\\(e\\) avec mention`),
        );
        expect(stdout).toMatch(
          new RegExp(
            `Try candidate \\d+, access code ${code}: expect "(Admis\\(e\\) à l’issue du ` +
              'second groupe|Ajourné\\(e\\))"',
          ),
        );
        expect(stdout).not.toMatch(/born|\d\d\/\d\d\/\d{4}/);
        const files = await readdir(join(home, 'demo'));
        expect(files.sort()).toEqual([
          'amiens-2024-06-groupe-1.csv',
          'amiens-2024-06-groupe-2.csv',
        ]);
        expect((await readFile(join(home, 'demo', files[0]!), 'utf8')).split('\n')[0]).toMatch(
          /^session;academie;numero_candidat/,
        );
        // The stack stopped and removed its state file.
        expect(files).not.toContain('local.json');
        await expect(readFile(join(home, 'local.json'))).rejects.toThrow();
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
    120_000,
  ); // a whole product run: two flips a few seconds apart, on a loaded CI machine
});
