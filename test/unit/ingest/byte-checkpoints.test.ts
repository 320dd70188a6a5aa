import { describe, expect, it } from 'vitest';
import { ByteCheckpoints, FileChangedError } from '../../../shared/ingest/byte-checkpoints.js';

const MiB = 1 << 20;
const file = Buffer.alloc(3 * MiB + 1234, 'abc;def\n');
/** The bytes cut into pieces of a given size, as a stream would give them. */
const pieces = (bytes: Buffer, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  );

describe('ByteCheckpoints', () => {
  const recorded = (() => {
    const first = new ByteCheckpoints('f.csv');
    for (const p of pieces(file, MiB)) first.update(p);
    return first.finish();
  })();

  it('records the SHA-256 of the file and of each whole MiB prefix', () => {
    expect(recorded.bytes).toBe(file.length);
    expect(recorded.digests).toHaveLength(3);
    expect(recorded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the same bytes however the source cuts them, and says how many are verified', () => {
    const again = new ByteCheckpoints('f.csv', recorded);
    let fed = 0;
    for (const p of pieces(file, 65_537)) {
      again.update(p);
      fed += p.length;
      expect(again.verified).toBe(Math.floor(fed / MiB) * MiB);
    }
    expect(again.finish()).toEqual(recorded);
  });

  it('refuses a changed byte at the checkpoint after it, and a changed length at the end', () => {
    const changed = Buffer.from(file);
    changed[MiB + 5] = 0x41;
    const again = new ByteCheckpoints('f.csv', recorded);
    again.update(changed.subarray(0, MiB));
    expect(() => {
      again.update(changed.subarray(MiB, 2 * MiB));
    }).toThrow(FileChangedError);

    const longer = new ByteCheckpoints('f.csv', recorded);
    longer.update(Buffer.concat([file, Buffer.from('x')]));
    expect(() => longer.finish()).toThrow(FileChangedError);
  });
});
