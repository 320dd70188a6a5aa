import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource } from '../../ports/byte-source.port.js';

/** A local file as a ByteSource; it can be opened as often as needed. */
export async function fileSource(path: string): Promise<ByteSource> {
  const { size } = await stat(path);
  return {
    name: basename(path),
    size,
    open: () => createReadStream(path, { highWaterMark: 1 << 20 }),
  };
}
