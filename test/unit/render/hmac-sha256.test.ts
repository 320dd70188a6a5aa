import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacInto, hmacKey } from '../../../shared/render/lookup/hmac-sha256.js';
import { entryId, sealEntry } from '../../../shared/render/lookup/lookup-crypto.js';
import {
  entryKeysSync,
  entrySealer,
  sealEntrySync,
} from '../../../shared/render/lookup/lookup-node.js';

const bytes = (max: number) => fc.uint8Array({ maxLength: max });

describe('hmac-sha256 (the renderer’s JavaScript HMAC)', () => {
  it('equals node:crypto’s HMAC-SHA256 for keys up to 64 bytes and messages in parts', () => {
    fc.assert(
      fc.property(bytes(64), fc.array(bytes(200), { maxLength: 4 }), (key, parts) => {
        const out = new Uint8Array(32);
        hmacInto(hmacKey(key), parts, out);
        const ref = createHmac('sha256', key);
        for (const p of parts) ref.update(p);
        expect(Buffer.from(out).toString('hex')).toBe(ref.digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('covers the padding edges (55, 56, 63, 64 and 119 bytes after the key block)', () => {
    for (const n of [0, 55, 56, 57, 63, 64, 65, 119, 120, 320]) {
      const msg = Buffer.alloc(n, n);
      const out = new Uint8Array(32);
      hmacInto(hmacKey(Buffer.from('k')), [msg], out);
      expect(Buffer.from(out).toString('hex')).toBe(
        createHmac('sha256', 'k').update(msg).digest('hex'),
      );
    }
  });

  it('refuses keys over 64 bytes (their hashing is not implemented)', () => {
    expect(() => hmacKey(new Uint8Array(65))).toThrow(/64 bytes/);
  });
});

describe('entrySealer (the renderer’s sealing path)', () => {
  it(
    'gives the id and sealed text of entryKeysSync/sealEntrySync and of the WebCrypto ' + 'code',
    async () => {
      const scope = '2024-06|guyane|g1';
      const seal = entrySealer(scope);
      const roots = Array.from({ length: 5 }, (_, i) =>
        Buffer.alloc(32, i * 37 + 1).toString('base64'),
      );
      for (const [i, root] of roots.entries()) {
        const text = `{"v":2,"resultat":"Admis(e) ${i} é"}`;
        const keys = entryKeysSync(root, scope);
        const ikm = Buffer.from(root, 'base64');
        expect(keys).toBe(
          Buffer.from(
            hkdfSync('sha256', ikm, Buffer.alloc(0), `publibac/lookup/v2|${scope}`, 64),
          ).toString('base64'),
        );
        // Twice: the second call takes the padded text from the sealer's cache.
        for (let k = 0; k < 2; k++)
          expect(seal(root, text)).toEqual({
            id: entryId(keys),
            sealed: await sealEntry(keys, text),
          });
        expect(seal(root, text).sealed).toBe(sealEntrySync(keys, text));
      }
    },
  );

  it('refuses a root that is not 32 bytes', () => {
    expect(() => entrySealer('s')(Buffer.alloc(31).toString('base64'), '{}')).toThrow(/32 bytes/);
  });
});
