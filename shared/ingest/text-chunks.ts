import iconv from 'iconv-lite';
import { binaryRefused, lineTooLong, utf16Refused } from '../domain/rules/reading.rules.js';
import { issueAt, type IngestIssue } from './ingest-issue.js';

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
/** Pieces smaller than this are gathered into one chunk. */
const GATHER_CHARS = 1 << 18;

/**
 * Decodes bytes as text; a UTF-8 BOM is dropped, UTF-16 is refused.
 * Windows-1252 goes through iconv-lite: Node 20's TextDecoder silently
 * decodes that label as Latin-1 outside streaming mode (’ becomes U+0092).
 */
export async function* decodeBytes(
  bytes: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const cp1252 = iconv.getDecoder('windows-1252');
  const decode = (chunk?: Uint8Array): string => {
    if (encoding === 'windows-1252')
      return chunk
        ? cp1252.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        : (cp1252.end() ?? '');
    try {
      return chunk ? utf8.decode(chunk, { stream: true }) : utf8.decode();
    } catch (err) {
      if (err instanceof TypeError) throw new NotUtf8Error('not UTF-8');
      throw err;
    }
  };
  let first = true;
  for await (const chunk of bytes) {
    if (
      first &&
      chunk.length >= 2 &&
      ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
    ) {
      throw new UnreadableFileError(issueAt(1, utf16Refused()));
    }
    first = false;
    yield decode(chunk);
  }
  yield decode();
}

/**
 * Cuts decoded text into chunks of whole records, so they can be parsed
 * independently (on worker threads). A newline only ends a record outside
 * quotes; quotes are tracked across pieces. Also refuses NUL bytes and lines
 * longer than MAX_LINE_CHARS before anything parses them.
 *
 * Pieces are scanned and sliced as they come, never joined into a bigger
 * string: copying 100 MB of text costs more than all the scanning. A large
 * piece gives a chunk of its own (its records), and the record that
 * straddles two pieces a small one; small pieces are gathered.
 *
 * `mayHoldNul`: false while the bytes read so far hold no NUL. Looking for
 * U+0000 in text is slow (V8 scans UTF-16 for a zero byte, the high byte of
 * every ASCII character); in bytes it is a memchr.
 */
export async function* recordChunks(
  text: AsyncIterable<string>,
  mayHoldNul: () => boolean = () => true,
): AsyncGenerator<TextChunk> {
  let carry = ''; // an open record: the text after the last record boundary
  let carryLine = 1; // line of carry[0]
  let line = 1; // line being scanned
  let lineStart = 0; // where that line starts, relative to the current piece (< 0: in carry)
  let inQuotes = false;

  const ready: TextChunk[] = [];
  const parts: string[] = [];
  let partsLength = 0;
  let partsLine = 1;
  const flush = () => {
    if (parts.length > 0) ready.push({ text: parts.join(''), firstLine: partsLine });
    parts.length = 0;
    partsLength = 0;
  };
  const add = (records: string, firstLine: number) => {
    if (records.length >= GATHER_CHARS) {
      flush();
      ready.push({ text: records, firstLine });
      return;
    }
    if (parts.length === 0) partsLine = firstLine;
    parts.push(records);
    partsLength += records.length;
    if (partsLength >= GATHER_CHARS) flush();
  };

  const tooLong = () =>
    new UnreadableFileError(issueAt(line, lineTooLong(MAX_LINE_CHARS.toLocaleString('en-GB'))));
  for await (const piece of text) {
    let firstCut = -1; // first and last record boundaries in this piece
    let firstCutLine = 0;
    let cut = -1;
    let cutLine = 0;
    // Jump from one quote or newline to the next: only they matter here.
    let nextQuote = piece.indexOf('"');
    let nextNewline = piece.indexOf('\n');
    for (;;) {
      if (nextNewline !== -1 && (nextQuote === -1 || nextNewline < nextQuote)) {
        if (nextNewline - lineStart > MAX_LINE_CHARS) throw tooLong();
        line++;
        lineStart = nextNewline + 1;
        if (!inQuotes) {
          cut = lineStart;
          cutLine = line;
          if (firstCut === -1) [firstCut, firstCutLine] = [cut, line];
        }
        nextNewline = piece.indexOf('\n', lineStart);
      } else if (nextQuote !== -1) {
        inQuotes = !inQuotes;
        nextQuote = piece.indexOf('"', nextQuote + 1);
      } else break;
    }
    const nul = mayHoldNul() ? piece.indexOf('\u0000') : -1;
    if (nul !== -1) {
      let nulLine = carryLine;
      for (let j = carry.indexOf('\n'); j !== -1; j = carry.indexOf('\n', j + 1)) nulLine++;
      for (let j = piece.indexOf('\n'); j !== -1 && j < nul; j = piece.indexOf('\n', j + 1))
        nulLine++;
      throw new UnreadableFileError(issueAt(nulLine, binaryRefused()));
    }
    const lastCut = cut === -1 ? -carry.length : cut;
    if (piece.length - lineStart > MAX_LINE_CHARS || piece.length - lastCut > MAX_LINE_CHARS * 4)
      throw tooLong();
    if (cut === -1)
      carry += piece; // still inside one record, bounded by the checks above
    else {
      add(carry + piece.slice(0, firstCut), carryLine);
      if (cut > firstCut) add(piece.slice(firstCut, cut), firstCutLine);
      carry = piece.slice(cut);
      carryLine = cutLine;
    }
    lineStart -= piece.length;
    yield* ready.splice(0);
  }
  if (carry.length > 0) add(carry, carryLine);
  flush();
  yield* ready;
}
