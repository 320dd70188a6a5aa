// A candidate on a phone: the real page in Debian's Chromium, through the
// local CDN, over a release rendered and published by the use cases.
import { existsSync } from 'node:fs';
import { chromium, devices, type Browser, type Page, type Request } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import type { Decision } from '../../shared/domain/decision.schema.js';
import { startLocalCdn } from '../../shared/local/local-cdn.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { publishNow } from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { flagCandidate } from '../../shared/publication/withholding.usecase.js';
import { NEUTRAL_MESSAGE_FR } from '../../shared/render/lookup/lookup-client.js';
import { startTestStack, type TestStack } from '../support/local-stack.js';
import { codeOf, publicationDepsFor } from '../support/publication-deps.js';
import { decision } from '../unit/render/fixtures.js';

// The one neutral result: its title, then the message, whatever the cause.
const NEUTRAL = `Résultat non disponible en ligne${NEUTRAL_MESSAGE_FR}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags the machine notes require: no sandbox as root, no background network in a closed
// network.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let stack: TestStack;
let cdn: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
const errors: string[] = [];
const codes = new Map<string, string>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set ` +
        'CHROMIUM_PATH',
    );
  stack = await startTestStack();
  const t = publicationDepsFor(stack.env, systemClock);
  const rows: Decision[] = [
    decision({
      numero: '0123456789A',
      nom: 'DURAND',
      prenoms: 'Élodie',
      dateNaissance: '2006-03-07',
      academie: 'rennes',
      departement: '35',
      uai: '0350001A',
      decision: 'ADMIS',
      mention: 'TB',
      moyenne: 16.4,
    }),
    decision({
      numero: '0123456790B',
      nom: 'LE GALL',
      prenoms: 'Yann',
      dateNaissance: '2005-12-31',
      academie: 'rennes',
      departement: '35',
      uai: '0350001A',
      decision: 'AJOURNE',
      mention: null,
      moyenne: 7.2,
      accordPublication: false,
    }),
    decision({
      numero: '0123456791C',
      nom: 'KERBRAT',
      prenoms: 'Anne',
      academie: 'rennes',
      departement: '35',
      uai: '0350001A',
      decision: 'SECOND_GROUPE',
      mention: null,
      moyenne: 9.1,
    }),
    decision({
      numero: '0123456792D',
      nom: 'WITHHELD',
      prenoms: 'Zoé',
      academie: 'rennes',
      departement: '35',
      uai: '0350001A',
      decision: 'ADMIS',
      mention: 'B',
      moyenne: 14.2,
    }),
  ];
  await t.deps.decisions.appendVersions(
    rows.map((d) => ({
      ...d,
      digest: decisionDigest(d),
      source: {
        file: 'b.csv',
        sha256: '0'.repeat(64),
        line: 2,
        ingestedAt: '2024-07-01T00:00:00.000Z',
      },
    })),
  );
  // One candidate under a fraud procedure: withheld from every public file.
  await flagCandidate(t.deps, {
    academie: 'rennes',
    session: '2024-06',
    numero: '0123456792D',
    actor: 'test',
  });
  await renderAcademie(t.deps, {
    academie: 'rennes',
    session: '2024-06',
    groupe: 1,
    actor: 'test',
    etablissements: new Map([['0350001A', 'Lycée Émile Zola']]),
  });
  for (const r of rows) codes.set(r.numero, await codeOf(t.deps, '2024-06', 'rennes', r.numero));
  await publishNow(t.deps, { academie: 'rennes', session: '2024-06', groupe: 1, actor: 'test' });
  cdn = await startLocalCdn({
    port: 0,
    s3: t.s3,
    bucket: stack.env.PUBLIBAC_SITE_BUCKET!,
    kvs: t.kvs,
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ ...devices['Pixel 7'] });
  page = await context.newPage();
  // A CSP violation or a script error would show here.
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  // Torn down only once set up (vitest runs what beforeAll returns after the file).
  return async () => {
    await browser.close();
    await cdn.stop();
    await stack.stop();
  };
});

// Each test reads the errors of its own page views only.
beforeEach(() => {
  errors.length = 0;
});

async function lookUp(numero: string, code: string): Promise<string> {
  await page.fill('#numero', numero);
  await page.fill('#code', code);
  await page.click('#envoyer');
  await page.waitForFunction(
    () =>
      document.querySelector('#resultat')?.textContent !== '' &&
      !(document.querySelector('#envoyer') as HTMLButtonElement).disabled,
  );
  return (await page.textContent('#resultat')) ?? '';
}

describe('the lookup page in Chromium, on a phone', () => {
  it(
    'shows a candidate their own result from number and code, and one neutral message for a ' +
      'wrong code, an unknown number and a withheld result',
    async () => {
      const requests: string[] = [];
      const record = (r: Request) => requests.push(r.url());
      page.on('request', record);
      await page.goto(`${cdn.url}/rennes/`);
      expect(await page.title()).toBe('Résultats du baccalauréat — Académie de Rennes');

      const elodie = codes.get('0123456789A')!;
      // Typed in lower case, with spaces instead of dashes.
      expect(await lookUp('0123456789a', elodie.toLowerCase().replaceAll('-', ' '))).toBe(
        'Admis(e) avec mention Très bienBaccalauréat généralFélicitations, vous êtes admis(e) ' +
          'au baccalauréat. Votre relevé de notes et votre diplôme vous seront remis par votre ' +
          'établissement.',
      );
      expect(await lookUp('0123456790B', codes.get('0123456790B')!)).toContain('Ajourné(e)');
      expect(await lookUp('0123456791C', codes.get('0123456791C')!)).toContain(
        'Rendez-vous dès aujourd’hui dans votre établissement',
      );
      // a well-formed code, not hers
      expect(await lookUp('0123456789A', codes.get('0123456790B')!)).toBe(NEUTRAL);
      expect(await lookUp('9999999999Z', elodie)).toBe(NEUTRAL); // unknown number
      // withheld
      expect(await lookUp('0123456792D', codes.get('0123456792D')!)).toBe(NEUTRAL);
      // Nothing typed ever leaves the device: only static files are fetched.
      for (const url of requests)
        for (const secret of ['0123456789', ...[...codes.values()].map((c) => c.slice(0, 4))])
          expect(url).not.toContain(secret);
      page.off('request', record);
      expect(errors).toEqual([]);
    },
  );

  it(
    'says a mistyped code is mistyped (its check symbol fails), ' + 'before deriving anything',
    async () => {
      await page.goto(`${cdn.url}/rennes/`);
      const typo = codes.get('0123456789A')!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      await page.fill('#numero', '0123456789A');
      await page.fill('#code', typo);
      await page.click('#envoyer');
      await page.waitForFunction(() => document.querySelector('#code-erreur')?.textContent !== '');
      expect(await page.textContent('#code-erreur')).toMatch(
        /^Ce code d’accès ne semble pas correct/,
      );
      expect(await page.getAttribute('#code', 'aria-invalid')).toBe('true');
      expect(await page.textContent('#resultat')).toBe('');
    },
  );

  it(
    'lists admitted consenting candidates only, ' + 'on a page search engines are told to ignore',
    async () => {
      await page.goto(`${cdn.url}/rennes/`);
      await page.click('text=Consulter les listes par établissement');
      await page.click('text=Lycée Émile Zola');
      expect(await page.textContent('table')).toContain('DURAND');
      expect(await page.content()).not.toContain('LE GALL');
      expect(await page.getAttribute('meta[name="robots"]', 'content')).toBe('noindex, nofollow');
      expect(errors).toEqual([]);
    },
  );
});
