import iconv from 'iconv-lite';
import { ruleMessage } from './rule-messages.js';
import type { IngestIssue } from './ingest-issue.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** Raised when the bytes are not valid UTF-8: the caller reads again as Windows-1252. */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error';
}

/** A problem that stops reading the file (encoding, binary data, line too long). */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
  constructor(readonly issue: IngestIssue) {
    super(issue.rule);
  }
}

/** Complete CSV records: `text` never ends inside a quoted field or a line. */
export interface TextChunk {
  text: string;
  /** Line number of the first character of `text` (1-based). */
  firstLine: number;
}

export const MAX_LINE_CHARS = 100_000;
const CHUNK_CHARS = 1 << 20;

function fileIssue(line: number, code: string, params?: Record<string, string | number>): IngestIssue {
  return { line, code, ...ruleMessage(code, params) };
}

/**
 * Decodes bytes as text; a UTF-8 BOM is dropped, UTF-16 is refused.
 * Windows-1252 goes through iconv-lite: Node 20's TextDecoder silently
 * decodes that label as Latin-1 outside streaming mode (’ becomes U+0092).
 */
export async function* decodeBytes(bytes: AsyncIterable<Uint8Array>, encoding: TextEncoding): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const cp1252 = iconv.getDecoder('windows-1252');
  const decode = (chunk?: Uint8Array): string => {
    if (encoding === 'windows-1252') return chunk ? cp1252.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)) : (cp1252.end() ?? '');
    try {
      return chunk ? utf8.decode(chunk, { stream: true }) : utf8.decode();
    } catch (err) {
      if (err instanceof TypeError) throw new NotUtf8Error('not UTF-8');
      throw err;
    }
  };
  let first = true;
  for await (const chunk of bytes) {
    if (first && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw new UnreadableFileError(fileIssue(1, 'encoding-utf16'));
    }
    first = false;
    yield decode(chunk);
  }
  yield decode();
}

/**
 * Cuts decoded text into chunks of whole records of about 1 MB, so they can
 * be parsed independently (on worker threads). A newline only ends a record
 * outside quotes; quotes are tracked across chunks. Also refuses NUL bytes
 * and lines longer than MAX_LINE_CHARS before anything parses them.
 */
export async function* recordChunks(text: AsyncIterable<string>): AsyncGenerator<TextChunk> {
  let pending = '';
  let firstLine = 1; // line of pending[0]
  let scanned = 0; // pending[0..scanned) already scanned
  let line = 1; // line at pending[scanned]
  let inQuotes = false;
  let lineStart = 0; // index in pending where the current line starts
  let cut = 0; // pending[0..cut) is whole records
  let cutLine = 1; // line at pending[cut]

  const tooLong = () => new UnreadableFileError(fileIssue(line, 'line-too-long', { max: MAX_LINE_CHARS.toLocaleString('en-GB') }));
  for await (const piece of text) {
    const nul = piece.indexOf('\u0000');
    pending += piece;
    // Jump from one quote or newline to the next: only they matter here.
    let i = scanned;
    let nextQuote = pending.indexOf('"', i);
    let nextNewline = pending.indexOf('\n', i);
    for (;;) {
      if (nextNewline !== -1 && (nextQuote === -1 || nextNewline < nextQuote)) {
        if (nextNewline - lineStart > MAX_LINE_CHARS) throw tooLong();
        line++;
        lineStart = nextNewline + 1;
        if (!inQuotes) {
          cut = lineStart;
          cutLine = line;
        }
        nextNewline = pending.indexOf('\n', lineStart);
      } else if (nextQuote !== -1) {
        inQuotes = !inQuotes;
        nextQuote = pending.indexOf('"', nextQuote + 1);
      } else break;
    }
    scanned = pending.length;
    if (nul !== -1) {
      const at = pending.length - piece.length + nul;
      let nulLine = firstLine;
      for (let j = pending.indexOf('\n'); j !== -1 && j < at; j = pending.indexOf('\n', j + 1)) nulLine++;
      throw new UnreadableFileError(fileIssue(nulLine, 'encoding-binary'));
    }
    if (scanned - lineStart > MAX_LINE_CHARS || scanned - cut > MAX_LINE_CHARS * 4) throw tooLong();
    if (cut >= CHUNK_CHARS) {
      yield { text: pending.slice(0, cut), firstLine };
      pending = pending.slice(cut);
      scanned -= cut;
      lineStart -= cut;
      firstLine = cutLine;
      cut = 0;
    }
  }
  if (pending.length > 0) yield { text: pending, firstLine };
}
