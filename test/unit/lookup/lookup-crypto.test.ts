import { createCipheriv, createHmac, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  deriveEntryKeys,
  deriveRoot,
  ENTRY_BYTES,
  entryId,
  lookupScope,
  lookupSecret,
  openEntry,
  sealEntry,
  shardName,
} from '../../../shared/render/lookup/lookup-crypto.js';
import {
  deriveRootNode,
  entryKeysSync,
  sealEntrySync,
} from '../../../shared/render/lookup/lookup-node.js';

const params = { salt: 'AAECAwQFBgcICQoLDA0ODw==', iterations: 1_000 };
const secret = '24000012345|7KQ2M9XD4TPAR';
const scope = lookupScope('2024-06', 'aix-marseille', 1);

/**
 * The documented v2 layout rebuilt with node:crypto, independently of the
 * WebCrypto code: if both agree, the comment block at the top of
 * lookup-crypto.ts describes what the code really does.
 */
function referenceV2(
  secretText: string,
  saltB64: string,
  iterations: number,
  scopeText: string,
  plaintext: string,
) {
  const root = pbkdf2Sync(secretText, Buffer.from(saltB64, 'base64'), iterations, 32, 'sha256');
  const keys = Buffer.from(
    hkdfSync('sha256', root, Buffer.alloc(0), `publibac/lookup/v2|${scopeText}`, 64),
  );
  const padded = Buffer.alloc(320);
  Buffer.from(plaintext, 'utf8').copy(padded);
  padded[Buffer.byteLength(plaintext)] = 0x80;
  const nonce = createHmac('sha256', keys.subarray(48, 64)).update(padded).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', keys.subarray(16, 48), nonce).setAAD(
    Buffer.from('publibac/lookup/v2'),
  );
  const body = Buffer.concat([cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
  return {
    root: root.toString('base64'),
    keys: keys.toString('base64'),
    id: keys.subarray(0, 16).toString('hex'),
    sealed: Buffer.concat([nonce, body]).toString('base64'),
  };
}

const bytes = (b64: string) => Buffer.from(b64, 'base64');
const keysFor = async (s = secret, sc = scope) => deriveEntryKeys(await deriveRoot(s, params), sc);

describe('lookup crypto format v2', () => {
  it(
    'matches an independent node:crypto implementation of the documented layout (browser and ' +
      'renderer code alike)',
    async () => {
      const plaintext = '{"v":2,"resultat":"Admis(e) avec mention Très bien 🎓"}';
      const ref = referenceV2(secret, params.salt, params.iterations, scope, plaintext);
      const root = await deriveRoot(secret, params);
      expect(root).toBe(ref.root);
      expect(await deriveRootNode(secret, params)).toBe(ref.root);
      const keys = await deriveEntryKeys(root, scope);
      expect(keys).toBe(ref.keys);
      expect(entryKeysSync(root, scope)).toBe(ref.keys);
      expect(entryId(keys)).toBe(ref.id);
      expect(await sealEntry(keys, plaintext)).toBe(ref.sealed);
      expect(sealEntrySync(keys, plaintext)).toBe(ref.sealed);
    },
  );

  it('keeps a pinned known-answer vector (published shards must stay readable)', async () => {
    const keys = await keysFor();
    expect(entryId(keys)).toBe(PINNED.id);
    expect(await sealEntry(keys, '{}')).toBe(PINNED.sealed);
  });

  it('builds the secret from the number and the access code as typed, or refuses', () => {
    expect(lookupSecret(' 2400 0012 345 ', '7kq2 m9xd 4tpa ra')).toBe(secret);
    expect(lookupSecret('24000012345', '7KQ2-M9XD-4TPA-RA')).toBe(secret);
    expect(lookupSecret('24000012345', '7KQ2-M9XD-4TPA-RB')).toBeNull(); // check symbol
    expect(lookupSecret('24000012345', '12/03/2006')).toBeNull(); // a birth date is no code
    expect(lookupSecret('2400-0012', '7KQ2-M9XD-4TPA-RA')).toBeNull();
  });

  it(
    'gives every scope its own ids and keys from one root: groups and rehearsals cannot be ' +
      'matched',
    async () => {
      const root = await deriveRoot(secret, params);
      const scopes = [
        lookupScope('2024-06', 'aix-marseille', 1),
        lookupScope('2024-06', 'aix-marseille', 2),
        lookupScope('2024-06', 'aix-marseille', 1, true),
        lookupScope('2024-06', 'nice', 1),
        lookupScope('2025-06', 'aix-marseille', 1),
      ];
      const ids = await Promise.all(
        scopes.map(async (s) => entryId(await deriveEntryKeys(root, s))),
      );
      expect(new Set(ids).size).toBe(scopes.length);
    },
  );

  it('derives roots that depend on the secret, salt and iterations', async () => {
    const r = await deriveRoot(secret, params);
    expect(bytes(r)).toHaveLength(32);
    const others = await Promise.all([
      deriveRoot('24000012345|7KQ2M9XD4TPAS', params),
      deriveRoot(secret, { ...params, salt: 'AAECAwQFBgcICQoLDA0OEA==' }),
      deriveRoot(secret, { ...params, iterations: 1_001 }),
    ]);
    expect(new Set([r, ...others]).size).toBe(4);
  });

  it(
    'refuses a salt that is not 16 bytes of base64, non-positive iterations and a root of the ' +
      'wrong size',
    async () => {
      await expect(deriveRoot(secret, { ...params, salt: 'AAEC' })).rejects.toThrow(/16 bytes/);
      await expect(deriveRoot(secret, { ...params, salt: 'not base64!' })).rejects.toThrow(
        /16 bytes/,
      );
      await expect(deriveRoot(secret, { ...params, iterations: 0 })).rejects.toThrow(/iterations/);
      await expect(deriveRoot(secret, { ...params, iterations: 1.5 })).rejects.toThrow(
        /iterations/,
      );
      await expect(deriveEntryKeys('AAEC', scope)).rejects.toThrow(/32 bytes/);
    },
  );

  it('names the id and its shard from the keys', async () => {
    const id = entryId(await keysFor());
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(shardName(id, 1)).toBe(id.slice(0, 1));
    expect(shardName(id, 4)).toBe(id.slice(0, 4));
    expect(() => shardName(id, 0)).toThrow();
    expect(() => shardName(id, 5)).toThrow();
    expect(() => shardName(id.toUpperCase(), 2)).toThrow();
    expect(() => entryId('AAEC')).toThrow(/64 bytes/);
  });

  it('seals deterministically and opens back, any text up to the fixed size', async () => {
    const k = await keysFor();
    for (const text of [
      '',
      'a',
      'é'.repeat(100),
      'x'.repeat(ENTRY_BYTES - 1),
      '{"resultat":"Ajourné(e)","emoji":"🎓"}',
    ]) {
      const sealed = await sealEntry(k, text);
      expect(await sealEntry(k, text)).toBe(sealed);
      expect(sealEntrySync(k, text)).toBe(sealed);
      expect(await openEntry(k, sealed)).toBe(text);
    }
  });

  it(
    'pads every entry to one size, whatever it holds, and refuses one that does not ' + 'fit',
    async () => {
      const k = await keysFor();
      const sizes = await Promise.all(
        [
          '',
          'Admis(e)',
          'Autorisé(e) à se présenter à l’épreuve de contrôle',
          'x'.repeat(ENTRY_BYTES - 1),
        ].map(async (t) => bytes(await sealEntry(k, t)).length),
      );
      expect(new Set(sizes)).toEqual(new Set([12 + ENTRY_BYTES + 16]));
      await expect(sealEntry(k, 'x'.repeat(ENTRY_BYTES))).rejects.toThrow(/fit/);
      expect(() => sealEntrySync(k, 'x'.repeat(ENTRY_BYTES))).toThrow(/fit/);
    },
  );

  it('derives a different nonce for a different plaintext under the same key', async () => {
    const k = await keysFor();
    const nonces = await Promise.all(
      ['Admis(e)', 'Ajourné(e)', 'Admis(e) '].map(async (t) =>
        bytes(await sealEntry(k, t))
          .subarray(0, 12)
          .toString('hex'),
      ),
    );
    expect(new Set(nonces).size).toBe(3);
  });

  it('returns null, never throws, for a wrong key or damaged data', async () => {
    const k = await keysFor();
    const other = await keysFor('24000012345|7KQ2M9XD4TPAS');
    const otherScope = await keysFor(secret, lookupScope('2024-06', 'aix-marseille', 2));
    const sealed = await sealEntry(k, '{"v":2}');
    const flip = (at: number) => {
      const b = bytes(sealed);
      b[at] = b[at]! ^ 0x01;
      return b.toString('base64');
    };
    const n = bytes(sealed).length;
    for (const bad of [
      flip(0),
      flip(12),
      flip(n - 20),
      flip(n - 1),
      bytes(sealed)
        .subarray(0, n - 1)
        .toString('base64'),
      '',
      '!!!!',
      `${sealed} `,
    ]) {
      expect(await openEntry(k, bad)).toBeNull();
    }
    expect(await openEntry(other, sealed)).toBeNull();
    expect(await openEntry(otherScope, sealed)).toBeNull();
    expect(await openEntry('not keys', sealed)).toBeNull();
  });
});

// Computed once with this implementation and cross-checked against referenceV2 above.
const PINNED = {
  id: '82bbf0027d840ece28f85dc3dd8c793b',
  sealed:
    'cUKEP3mbEWMxSgt6E0hX7PF1PbiF4zNhBzm49mc0GrBZQECQi0vCqBjGsuwe6MKEz+8oqXmjR2kWrfgg+xns6YapFMU' +
    'Ja1ww01nKjgO9IwDeUwzRfn3W4RBrBK3AwBwK' +
    'ffkeR8DVjOHK9tAaLeZk0d2VJoo/CJ1DNC8R6Wa/nVtFBSCFpRdF+KIAz1Znd80h4c3HHXCPHOepGkNqNpd+n9RJrDd' +
    '6qhK/NNQhzndcG8n9dkOpFbZ0EqsB4+uJQxAk' +
    'xig/j0KIzyEAtAT6Ly3SG6CxcD5lV58pKQTpD2QyGwbBoJLd2AAzOf+p6GbhXcGkENwSYz4o9cXd8zVcQsdjOzdt05S' +
    'rlX8xy1F8ZquSRoZpJKOQH7gZLELpSoywC6tB' +
    'RXnZD6X4ey+1ng6UK+bTqwytqQnk9nuSH/AO+nqwdTx4E8uaR4AWBk0oXBYdJbVqT/uUGz6l7U3XLkU+',
};
