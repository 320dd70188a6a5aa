import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  MAX_LINE_CHARS,
  NotUtf8Error,
  recordChunks,
  UnreadableFileError,
  type TextChunk,
} from '../../../shared/ingest/text-chunks.js';

async function* bytes(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === 'string' ? new TextEncoder().encode(p) : p;
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
async function* strings(...parts: string[]) {
  yield* parts;
}

describe('decodeBytes', () => {
  it('drops a UTF-8 BOM and decodes characters split across chunks', async () => {
    const e = new TextEncoder().encode('\uFEFFÉlodie');
    const text = (await collect(decodeBytes(bytes(e.slice(0, 4), e.slice(4)), 'utf-8'))).join('');
    expect(text).toBe('Élodie');
  });

  it('raises NotUtf8Error on Windows-1252 bytes, which decode as Windows-1252', async () => {
    const cp1252 = new Uint8Array([0x8c, 0x75, 0x66, 0x20, 0xe9, 0x92]); // "Œuf é’"
    await expect(collect(decodeBytes(bytes(cp1252), 'utf-8'))).rejects.toBeInstanceOf(NotUtf8Error);
    expect((await collect(decodeBytes(bytes(cp1252), 'windows-1252'))).join('')).toBe('Œuf é’');
  });

  it('refuses UTF-16 with the encoding rule', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00]);
    await expect(collect(decodeBytes(bytes(utf16), 'utf-8'))).rejects.toMatchObject({
      issue: { code: 'encoding-utf16', line: 1 },
    });
  });
});

describe('recordChunks', () => {
  it('keeps every character, in order, and cuts only between records', async () => {
    const row = 'a;"quoted\nnewline";c\n';
    const big = row.repeat(120_000); // > 1 MB: several chunks
    const pieces = Array.from({ length: Math.ceil(big.length / 100_003) }, (_, i) =>
      big.slice(i * 100_003, (i + 1) * 100_003),
    );
    const chunks: TextChunk[] = await collect(recordChunks(strings(...pieces)));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((c) => c.text).join('')).toBe(big);
    for (const c of chunks) {
      expect(c.text.endsWith(row)).toBe(true);
      // Each record spans two lines, so a chunk starts on an odd line.
      expect(c.firstLine % 2).toBe(1);
    }
    const second = chunks[1]!;
    expect(second.firstLine).toBe(1 + (chunks[0]!.text.split('\n').length - 1));
  });

  it('refuses NUL bytes, naming the line', async () => {
    await expect(collect(recordChunks(strings('h\nok\nb\u0000d\n')))).rejects.toMatchObject({
      issue: { code: 'encoding-binary', line: 3 },
    });
  });

  it('refuses a line longer than the limit without buffering it whole', async () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 10);
    const err = await collect(recordChunks(strings('header\n', long))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableFileError);
    expect((err as UnreadableFileError).issue).toMatchObject({ code: 'line-too-long', line: 2 });
  });
});
