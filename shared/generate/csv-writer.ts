import iconv from 'iconv-lite';
import { CSV_V1_COLUMNS, CSV_V1_SEPARATOR, type CsvV1Row } from '../ingest/format-v1.js';

/** Quotes a cell only when it must be: it holds the separator, a quote or a line break. */
function cell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Windows-1252 has no byte for some characters: refuse rather than write a "?" into a name. */
function encodeWindows1252(text: string): Buffer {
  const bytes = iconv.encode(text, 'windows-1252');
  if (iconv.decode(bytes, 'windows-1252') !== text) throw new Error('text has characters Windows-1252 cannot encode');
  return bytes;
}

/** Writes rows as a format-v1 CSV, respecting backpressure; returns the number of rows written. */
export async function writeCsv(
  rows: Iterable<CsvV1Row>,
  out: NodeJS.WritableStream,
  options: { encoding?: 'utf-8' | 'windows-1252'; bom?: boolean } = {},
): Promise<number> {
  const encode = options.encoding === 'windows-1252' ? encodeWindows1252 : (s: string) => Buffer.from(s, 'utf8');
  const write = async (text: string) => {
    if (!out.write(encode(text))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  let buffer = `${options.bom && options.encoding !== 'windows-1252' ? '\uFEFF' : ''}${CSV_V1_COLUMNS.join(CSV_V1_SEPARATOR)}\n`;
  let count = 0;
  for (const row of rows) {
    buffer += `${CSV_V1_COLUMNS.map((c) => cell(row[c])).join(CSV_V1_SEPARATOR)}\n`;
    count++;
    if (buffer.length >= 1 << 16) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  return count;
}
