import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { decodeBytes, NotUtf8Error, type TextEncoding } from '../ingest/text-chunks.js';
import { CSV_V1_COLUMNS, CSV_V1_SEPARATOR, type CsvV1Row } from '../ingest/format-v1.js';

async function read(path: string, encoding: TextEncoding): Promise<CsvV1Row[]> {
  const invited: CsvV1Row[] = [];
  // pipeline, not pipe: a decoding error must reach the caller instead of stalling the parser.
  await pipeline(
    Readable.from(decodeBytes(createReadStream(path, { highWaterMark: 1 << 20 }), encoding)),
    parse({ delimiter: CSV_V1_SEPARATOR, columns: true, bom: true, skip_empty_lines: true }),
    async (records: AsyncIterable<Record<string, string | undefined>>) => {
      for await (const record of records) {
        if (record.groupe !== '1' || record.decision !== 'SECOND_GROUPE') continue;
        invited.push(
          Object.fromEntries(CSV_V1_COLUMNS.map((c) => [c, record[c] ?? ''])) as CsvV1Row,
        );
      }
    },
  );
  return invited;
}

/**
 * The SECOND_GROUPE rows of a group-1 file, read as a stream: only the
 * invited candidates (about a tenth) are kept, so a national file fits.
 * UTF-8 first, then Windows-1252, as the ingest reads files.
 */
export async function readSecondGroupCandidates(path: string): Promise<CsvV1Row[]> {
  try {
    return await read(path, 'utf-8');
  } catch (err) {
    if (!(err instanceof NotUtf8Error)) throw err;
    return await read(path, 'windows-1252');
  }
}
