import { CSV_V1_COLUMNS, CSV_V1_SEPARATOR, type CsvV1Row } from '../ingest/format-v1.js';

export interface CsvWriteOptions {
  encoding?: 'utf-8' | 'windows-1252';
  /** UTF-8 only: Windows-1252 has no byte-order mark. */
  bom?: boolean;
}

const NEEDS_QUOTES = /[;"\r\n]/;

/** Quotes a cell only when it must be: it holds the separator, a quote or a line break. */
export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Windows-1252 bytes 0x80-0x9F, where it differs from Latin-1 (five of them unassigned). */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F' + '\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const TO_LATIN1_CODE = new Map(
  Array.from(CP1252_80_9F).flatMap((c, i) =>
    c.charCodeAt(0) >= 0x100 ? [[c, String.fromCharCode(0x80 + i)]] : [],
  ),
);
/**
 * Outside Latin-1, or a C1 control: one of the 27 specials, or not encodable.
 * Kept this simple on purpose: a class that also lists the specials scans
 * ten times slower.
 */
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL: every byte counts
const NOT_LATIN1_TEXT = /[^\x00-\x7F\xA0-\xFF]/g;

/**
 * Maps the 27 specials (’, œ, €...) to their byte and lets Node's Latin-1
 * encoder do the rest, in one scan: faster than iconv-lite, and it refuses
 * rather than write a "?" into someone's name.
 */
export function encodeWindows1252(text: string): Buffer {
  const bytes = text.replace(NOT_LATIN1_TEXT, (c, at: number) => {
    const byte = TO_LATIN1_CODE.get(c);
    if (byte) return byte;
    const code = text.codePointAt(at) ?? 0;
    throw new Error(
      `Windows-1252 cannot encode "${String.fromCodePoint(code)}" ` +
        `(U+${code.toString(16).toUpperCase().padStart(4, '0')})`,
    );
  });
  return Buffer.from(bytes, 'latin1');
}

const OTHER_COLUMNS = CSV_V1_COLUMNS.slice(1);

/** Text is sent in pieces this large: few enough writes to be fast, small enough to stream. */
const CHUNK_CHARS = 1 << 20;

/**
 * Writes rows as a format-v1 CSV (header, `;`, LF), pulling them one at a
 * time and waiting for 'drain' when the stream asks, so that a national
 * file never sits in memory. Returns the number of rows written. Does not
 * end the stream: the caller may write to stdout.
 */
export async function writeCsv(
  rows: Iterable<CsvV1Row>,
  out: NodeJS.WritableStream,
  options: CsvWriteOptions = {},
): Promise<number> {
  const cp1252 = options.encoding === 'windows-1252';
  let failure: Error | undefined;
  const onError = (err: unknown) => {
    failure ??= err instanceof Error ? err : new Error(String(err));
  };
  out.on('error', onError);
  // A function, so that each call reads what the error handler may have set meanwhile.
  const throwIfFailed = () => {
    if (failure) throw failure;
  };
  const write = async (text: string) => {
    throwIfFailed();
    if (out.write(cp1252 ? encodeWindows1252(text) : Buffer.from(text, 'utf8'))) return;
    // Wait for room, but do not hang if the stream fails instead (EPIPE on a closed pipe).
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('error', done);
        resolve();
      };
      out.on('drain', done);
      out.on('error', done);
    });
    throwIfFailed();
  };

  try {
    const bom = options.bom && !cp1252 ? '\uFEFF' : '';
    let text = `${bom}${CSV_V1_COLUMNS.join(CSV_V1_SEPARATOR)}\n`;
    let count = 0;
    for (const row of rows) {
      let line = csvCell(row[CSV_V1_COLUMNS[0]]);
      for (const column of OTHER_COLUMNS) line += CSV_V1_SEPARATOR + csvCell(row[column]);
      text += `${line}\n`;
      count++;
      if (text.length >= CHUNK_CHARS) {
        await write(text);
        text = '';
      }
    }
    await write(text);
    return count;
  } finally {
    out.off('error', onError);
  }
}
