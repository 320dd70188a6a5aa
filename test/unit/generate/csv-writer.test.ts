import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvCell, encodeWindows1252, writeCsv } from '../../../shared/generate/csv-writer.js';
import { generateFirstGroup } from '../../../shared/generate/decisions.generator.js';
import { CSV_V1_COLUMNS, type CsvV1Row } from '../../../shared/ingest/format-v1.js';

function collector(options: { delay?: boolean } = {}) {
  const parts: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _e, done) {
      parts.push(chunk);
      if (options.delay) setImmediate(done);
      else done();
    },
  });
  return { stream, bytes: () => Buffer.concat(parts) };
}
const rows = (candidates: number) => [
  ...generateFirstGroup({ academie: 'corse', session: '2024-06', candidates, seed: 2 }),
];
const parseCsv = (text: string) =>
  parse<CsvV1Row>(text, { delimiter: ';', columns: true, bom: true });

describe('writeCsv', () => {
  it('writes the header and one LF-terminated line per row, and returns the count', async () => {
    const out = collector();
    expect(await writeCsv(rows(10), out.stream)).toBe(10);
    const lines = out.bytes().toString('utf8').split('\n');
    expect(lines[0]).toBe(CSV_V1_COLUMNS.join(';'));
    expect(lines).toHaveLength(12); // header, 10 rows, '' after the last LF
    expect(out.bytes().includes('\r')).toBe(false);
  });

  it('quotes only the cells that need it, and they read back intact', async () => {
    expect(csvCell('MARTIN')).toBe('MARTIN');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    const odd: CsvV1Row = { ...rows(1)[0]!, nom: "D'ALMEIDA", serie: 'a;b "c"\r\nd' };
    const out = collector();
    await writeCsv([odd], out.stream);
    expect(out.bytes().toString()).toContain(`;D'ALMEIDA;`);
    expect(parseCsv(out.bytes().toString())).toEqual([odd]);
  });

  it('writes Windows-1252 that decodes back to the same accented names, no BOM', async () => {
    const all = rows(3_000);
    const [utf8, cp1252] = [collector(), collector()];
    await writeCsv(all, utf8.stream);
    await writeCsv(all, cp1252.stream, { encoding: 'windows-1252', bom: true });
    expect(cp1252.bytes().includes(Buffer.from('é', 'utf8'))).toBe(false);
    expect(cp1252.bytes().includes(Buffer.from([0xe9]))).toBe(true); // é
    expect(iconv.decode(cp1252.bytes(), 'windows-1252')).toBe(utf8.bytes().toString('utf8'));
    expect(parseCsv(iconv.decode(cp1252.bytes(), 'windows-1252'))).toEqual(all);
  });

  it('encodes Windows-1252 exactly as iconv-lite does, for every character it can hold', () => {
    const mismatches: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      // Lone surrogates are not text; iconv-lite "round-trips" U+FFFD through an unassigned byte.
      if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffd) continue;
      const c = String.fromCharCode(code);
      const reference = iconv.encode(c, 'windows-1252');
      const holds = iconv.decode(reference, 'windows-1252') === c && (code < 0x80 || code > 0x9f);
      let ours: Buffer | null = null;
      try {
        ours = encodeWindows1252(c);
      } catch {
        // refused
      }
      if (holds ? !ours?.equals(reference) : ours !== null)
        mismatches.push(`U+${code.toString(16)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a character Windows-1252 cannot hold instead of writing "?"', async () => {
    const polish: CsvV1Row = { ...rows(1)[0]!, nom: 'ŁUKASZEWSKI' };
    await expect(
      writeCsv([polish], collector().stream, { encoding: 'windows-1252' }),
    ).rejects.toThrow(/U\+0141/);
  });

  it('starts UTF-8 with a BOM on request', async () => {
    const out = collector();
    await writeCsv(rows(1), out.stream, { bom: true });
    expect([...out.bytes().subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('waits for drain: never writes to a full stream, and pulls rows lazily', async () => {
    const out = collector({ delay: true });
    const write = out.stream.write.bind(out.stream) as (chunk: Buffer) => boolean;
    let writesWhileFull = 0;
    out.stream.write = ((chunk: Buffer) => {
      if (out.stream.writableNeedDrain) writesWhileFull++;
      return write(chunk);
    }) as typeof out.stream.write;
    let pulled = 0;
    const source = generateFirstGroup({
      academie: 'paris',
      session: '2024-06',
      candidates: 30_000,
    });
    const counting = (function* () {
      for (const r of source) {
        pulled++;
        yield r;
      }
    })();
    const done = writeCsv(counting, out.stream);
    expect(pulled).toBeLessThan(30_000); // the first chunk went out; the rest waits for the stream
    expect(await done).toBe(30_000);
    expect(writesWhileFull).toBe(0);
    expect(parseCsv(out.bytes().toString())).toHaveLength(30_000);
  });

  it('rejects instead of hanging when the stream fails', async () => {
    const broken = new Writable({
      highWaterMark: 16,
      write: (_c, _e, done) => {
        setImmediate(() => {
          done(new Error('EPIPE'));
        });
      },
    });
    broken.on('error', () => {});
    await expect(writeCsv(rows(20_000), broken)).rejects.toThrow('EPIPE');
  });
});
