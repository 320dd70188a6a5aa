// Child process of the benchmark: the lookup as a candidate lives it, on a
// slow phone. Debian's Chromium, Pixel 7 profile, CPU slowed down 4x
// (DevTools' CPU throttling), against a release of a 30,000-candidate
// académie served by the local CDN: from the tap on the button to the
// result on screen (key derivation, one shard fetched, decryption).
import { chromium, devices } from 'playwright-core';
import { decisionDigest } from '../../shared/domain/decision-digest.js';
import { startLocalCdn } from '../../shared/local/local-cdn.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { publishNow } from '../../shared/publication/publication.usecase.js';
import { renderAcademie } from '../../shared/publication/render.usecase.js';
import { codeOf, publicationDepsFor } from '../support/publication-deps.js';
import { generatedDecisions } from './decisions-from-rows.js';

const [count, slowdown] = [Number(process.argv[2] ?? 30_000), Number(process.argv[3] ?? 4)];
const env = process.env as Record<string, string>;
const t = publicationDepsFor(env, systemClock);
const decisions = generatedDecisions('aix-marseille', count);
const source = {
  file: 'bench.csv',
  sha256: '0'.repeat(64),
  line: 2,
  ingestedAt: new Date().toISOString(),
};
await t.deps.decisions.appendVersions(
  decisions.map((d) => ({ ...d, digest: decisionDigest(d), source })),
);
const { release } = await renderAcademie(t.deps, {
  academie: 'aix-marseille',
  session: '2024-06',
  groupe: 1,
  actor: 'bench',
});
await publishNow(t.deps, {
  academie: 'aix-marseille',
  session: '2024-06',
  groupe: 1,
  actor: 'bench',
});
const cdn = await startLocalCdn({
  port: 0,
  s3: t.s3,
  bucket: env.PUBLIBAC_SITE_BUCKET!,
  kvs: t.kvs,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const timings: number[] = [];
try {
  const context = await browser.newContext({ ...devices['Pixel 7'] });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  await page.goto(`${cdn.url}/aix-marseille/`);
  const candidates = decisions.filter((d) => d.groupe === 1 && d.decision === 'ADMIS').slice(0, 12);
  for (const d of candidates) {
    await page.fill('#numero', d.numero);
    await page.fill('#code', await codeOf(t.deps, '2024-06', 'aix-marseille', d.numero));
    await page.evaluate(() => {
      document.querySelector('#resultat')!.replaceChildren();
    });
    const started = Date.now();
    await page.click('#envoyer');
    await page.waitForFunction(
      () =>
        document.querySelector('#resultat')?.textContent !== '' &&
        !(document.querySelector('#envoyer') as HTMLButtonElement).disabled,
    );
    timings.push(Date.now() - started);
    if (!(await page.textContent('#resultat'))?.startsWith('Admis'))
      throw new Error('the lookup did not find a candidate it should');
  }
} finally {
  await browser.close();
  await cdn.stop();
}
// The first lookup also fetches params.json; the others reuse it.
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ candidates: release.candidates, slowdown, timings, maxRssMB })}\n`,
);
