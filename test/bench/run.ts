// `npm run bench [-- <part> ...]`: runs the parts named (all the default ones
// with no argument), prints their figures as a table, and merges them into
// test/bench/results.json (a JSON array of {name, value, unit, target, met},
// not committed), replacing every earlier figure of the parts run. Figures,
// never assertions: timing has no place in tests.
//
// Adding a part: write test/bench/parts/<name>.part.ts exporting a BenchPart
// ({ name, inDefaultRun, run(ctx) => Figure[] }, see figures.ts; figure names
// start with "<name>."), and add one line to PARTS below. Heavy measurements
// run in a child process (child() in figures.ts) so their peak RSS is theirs.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchPart, Figure } from './figures.js';
import { edgePart } from './parts/edge.part.js';
import { faultsPart } from './parts/faults.part.js';
import { flipPart } from './parts/flip.part.js';
import { ingestPart } from './parts/ingest.part.js';
import { loadPart } from './parts/load.part.js';
import { lookupPart } from './parts/lookup.part.js';
import { nationalPart } from './parts/national.part.js';
import { parsePart } from './parts/parse.part.js';
import { pipelinePart } from './parts/pipeline.part.js';
import { renderPart } from './parts/render.part.js';
import { statsPart } from './parts/stats.part.js';
import { takedownPart } from './parts/takedown.part.js';
import { uploadPart } from './parts/upload.part.js';

/** In run order. */
const PARTS: readonly BenchPart[] = [
  parsePart,
  ingestPart,
  renderPart,
  nationalPart,
  uploadPart,
  flipPart,
  takedownPart,
  statsPart,
  edgePart,
  pipelinePart,
  lookupPart,
  loadPart,
  faultsPart,
];

const RESULTS = join(import.meta.dirname, 'results.json');

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !PARTS.some((p) => p.name === a));
if (unknown.length > 0) {
  console.error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.map((p) => p.name).join(' ')}`);
  process.exit(2);
}
const parts = asked.length
  ? PARTS.filter((p) => asked.includes(p.name))
  : PARTS.filter((p) => p.inDefaultRun);

const fmt = (n: number) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 2 });

function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    fmt(f.value),
    f.unit,
    f.target ?? '',
    f.met === null ? '' : f.met ? 'met' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) =>
    Math.max(
      ...rows.map((r) => r[i]!.length),
      ['figure', 'value', 'unit', 'target', ''][i]!.length,
    ),
  );
  const line = (r: string[]) =>
    r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(line(['figure', 'value', 'unit', 'target', '']));
  for (const r of rows) console.log(line(r));
}

async function merge(fresh: readonly Figure[], ran: readonly string[]): Promise<void> {
  const before: Figure[] = existsSync(RESULTS)
    ? (JSON.parse(await readFile(RESULTS, 'utf8')) as Figure[])
    : [];
  const kept = before.filter((f) => !ran.includes(f.name.split('.')[0]!));
  const order = (f: Figure) => PARTS.findIndex((p) => p.name === f.name.split('.')[0]);
  // Stable sort: parts in registry order, each part's figures in the order it gave them.
  const all = [...kept, ...fresh].sort((a, b) => order(a) - order(b));
  await writeFile(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}

const tmp = await mkdtemp(join(tmpdir(), 'publibac-bench-'));
const figures: Figure[] = [];
const ran: string[] = [];
try {
  for (const part of parts) {
    const started = performance.now();
    console.error(`bench: ${part.name}...`);
    const mine = await part.run({ tmp });
    const stray = mine.find((f) => !f.name.startsWith(`${part.name}.`));
    if (stray) throw new Error(`part ${part.name} gave the figure ${stray.name}`);
    figures.push(...mine);
    ran.push(part.name);
    // Each part's figures are kept as soon as it ends: a later part's failure loses nothing.
    await merge(figures, ran);
    console.error(`bench: ${part.name} done in ${fmt((performance.now() - started) / 1000)} s`);
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
  if (figures.length) printTable(figures);
}
