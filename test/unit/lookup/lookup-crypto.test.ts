import { createCipheriv, createHmac, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveMaterial, entryId, openEntry, sealEntry, shardName } from '../../../shared/render/lookup/lookup-crypto.js';

const params = { salt: 'AAECAwQFBgcICQoLDA0ODw==', iterations: 1_000 };
const secret = '0123456789A|2006-03-12';

/**
 * The documented v1 layout rebuilt with node:crypto, independently of the
 * WebCrypto code: if both agree, the comment block at the top of
 * lookup-crypto.ts describes what the code really does.
 */
function referenceV1(secretText: string, saltB64: string, iterations: number, plaintext: string) {
  const label = Buffer.from('publibac/lookup/v1');
  const prk = pbkdf2Sync(secretText, Buffer.from(saltB64, 'base64'), iterations, 32, 'sha256');
  const material = Buffer.from(hkdfSync('sha256', prk, Buffer.alloc(0), label, 64));
  const data = Buffer.from(plaintext, 'utf8');
  const padded = Buffer.alloc(Math.ceil((data.length + 1) / 128) * 128);
  data.copy(padded);
  padded[data.length] = 0x80;
  const nonce = createHmac('sha256', material.subarray(48, 64)).update(padded).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', material.subarray(16, 48), nonce).setAAD(label);
  const body = Buffer.concat([cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
  return { material: material.toString('base64'), id: material.subarray(0, 16).toString('hex'), sealed: Buffer.concat([nonce, body]).toString('base64') };
}

const bytes = (b64: string) => Buffer.from(b64, 'base64');

describe('lookup crypto format v1', () => {
  it('matches an independent node:crypto implementation of the documented layout', async () => {
    const plaintext = '{"nom":"Ébène Œuvre","v":1}';
    const ref = referenceV1(secret, params.salt, params.iterations, plaintext);
    const material = await deriveMaterial(secret, params);
    expect(material).toBe(ref.material);
    expect(entryId(material)).toBe(ref.id);
    expect(await sealEntry(material, plaintext)).toBe(ref.sealed);
  });

  it('keeps a pinned known-answer vector (published shards must stay readable forever)', async () => {
    const material = await deriveMaterial(secret, params);
    expect(entryId(material)).toBe(PINNED.id);
    expect(await sealEntry(material, '{}')).toBe(PINNED.sealed);
  });

  it('derives 64 bytes deterministically, depending on the secret, salt and iterations', async () => {
    const m = await deriveMaterial(secret, params);
    expect(bytes(m)).toHaveLength(64);
    expect(await deriveMaterial(secret, params)).toBe(m);
    const others = await Promise.all([
      deriveMaterial('0123456789A|2006-03-13', params),
      deriveMaterial(secret, { ...params, salt: 'AAECAwQFBgcICQoLDA0OEA==' }),
      deriveMaterial(secret, { ...params, iterations: 1_001 }),
    ]);
    expect(new Set([m, ...others]).size).toBe(4);
  });

  it('refuses a salt that is not 16 bytes of base64, and non-positive iterations', async () => {
    await expect(deriveMaterial(secret, { ...params, salt: 'AAEC' })).rejects.toThrow(/16 bytes/);
    await expect(deriveMaterial(secret, { ...params, salt: 'not base64!' })).rejects.toThrow(/16 bytes/);
    await expect(deriveMaterial(secret, { ...params, iterations: 0 })).rejects.toThrow(/iterations/);
    await expect(deriveMaterial(secret, { ...params, iterations: 1.5 })).rejects.toThrow(/iterations/);
  });

  it('names the id and its shard from the material', async () => {
    const id = entryId(await deriveMaterial(secret, params));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(shardName(id, 1)).toBe(id.slice(0, 1));
    expect(shardName(id, 4)).toBe(id.slice(0, 4));
    expect(() => shardName(id, 0)).toThrow();
    expect(() => shardName(id, 5)).toThrow();
    expect(() => shardName(id.toUpperCase(), 2)).toThrow();
    expect(() => entryId('AAEC')).toThrow(/64 bytes/);
  });

  it('seals deterministically and opens back, any text and length', async () => {
    const m = await deriveMaterial(secret, params);
    for (const text of ['', 'a', 'é'.repeat(63), 'x'.repeat(127), 'x'.repeat(128), '{"nom":"N’GUYEN","emoji":"🎓"}']) {
      const sealed = await sealEntry(m, text);
      expect(await sealEntry(m, text)).toBe(sealed);
      expect(await openEntry(m, sealed)).toBe(text);
    }
  });

  it('pads to 128-byte blocks so the length hides the name', async () => {
    const m = await deriveMaterial(secret, params);
    const len = async (t: string) => bytes(await sealEntry(m, t)).length;
    expect(await len('')).toBe(12 + 128 + 16);
    expect(await len('x'.repeat(127))).toBe(12 + 128 + 16);
    expect(await len('x'.repeat(128))).toBe(12 + 256 + 16);
  });

  it('derives a different nonce for a different plaintext under the same key', async () => {
    const m = await deriveMaterial(secret, params);
    const nonces = await Promise.all(['Admis(e)', 'Ajourné(e)', 'Admis(e) '].map(async (t) => bytes(await sealEntry(m, t)).subarray(0, 12).toString('hex')));
    expect(new Set(nonces).size).toBe(3);
  });

  it('returns null, never throws, for a wrong key or damaged data', async () => {
    const m = await deriveMaterial(secret, params);
    const other = await deriveMaterial('0123456789A|2006-03-13', params);
    const sealed = await sealEntry(m, '{"v":1}');
    const flip = (at: number) => {
      const b = bytes(sealed);
      b[at] = b[at]! ^ 0x01;
      return b.toString('base64');
    };
    const n = bytes(sealed).length;
    for (const bad of [flip(0), flip(12), flip(n - 20), flip(n - 1), bytes(sealed).subarray(0, n - 1).toString('base64'), '', '!!!!', `${sealed} `]) {
      expect(await openEntry(m, bad)).toBeNull();
    }
    expect(await openEntry(other, sealed)).toBeNull();
    expect(await openEntry('not material', sealed)).toBeNull();
  });
});

// Computed once with this implementation and cross-checked against referenceV1 above.
const PINNED = {
  id: 'c9ccae9db0940e18613b7854a0e38cb2',
  sealed:
    'FMiUW2sO85rDWHn9ccauZchZRskfeN6c3wgq+NWgINHK6FmGZGn6beTYfwCXpbIDX4a38BTLOukO7f9TUvi0ZL+sbnwbXviqDKdrg3ytsIi2lTvCQ3gBitPDzu2m0GScE/bHdsVYUz5W/lF9pFMH64GYqo9Rh9RbQ+08kaFIGAIF0d2zDFZILABvUKzR5V+VKmzkpN+PMI86fOEk',
};
