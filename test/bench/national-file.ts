import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ACADEMIES } from '../../shared/domain/reference/academies.js';
import { generateFirstGroup, writeCsv } from '../../shared/generate/decisions.generator.js';
import type { CsvV1Row } from '../../shared/ingest/format-v1.js';

/** Rows of several académies in one file, as a national export would be. */
function* national(total: number, session: string): Generator<CsvV1Row> {
  const per = Math.floor(total / ACADEMIES.length);
  let left = total;
  for (const [i, a] of ACADEMIES.entries()) {
    const candidates = i === ACADEMIES.length - 1 ? left : per;
    left -= candidates;
    yield* generateFirstGroup({ academie: a.slug, session, candidates, seed: i + 1 });
  }
}

/** Writes a synthetic decision file of `rows` first-group rows; one académie or all of them. */
export async function writeDecisionFile(
  path: string,
  rows: number,
  academie?: string,
): Promise<void> {
  const out = createWriteStream(path);
  const gen = academie
    ? generateFirstGroup({ academie, session: '2024-06', candidates: rows, seed: 7 })
    : national(rows, '2024-06');
  await writeCsv(gen, out);
  out.end();
  await finished(out);
}
