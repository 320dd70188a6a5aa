import { describe, expect, it } from 'vitest';
import type { CachedRoot, LookupKeyStore } from '../../../shared/ports/lookup-keys.port.js';
import { accessCodeData } from '../../../shared/publication/access-codes.js';
import { prepareRoots } from '../../../shared/publication/lookup-material.js';
import { deriveRoot, lookupSecret } from '../../../shared/render/lookup/lookup-crypto.js';
import { formatCode } from '../../../shared/render/lookup/access-code.js';

const params = { salt: 'AAECAwQFBgcICQoLDA0ODw==', iterations: 10, shardChars: 1 };
const codeSecret = Buffer.alloc(32, 5).toString('base64');

/** The store's root cache only (the rest of the port is not used here). */
function rootCache(): LookupKeyStore & { puts: number } {
  const roots = new Map<string, CachedRoot>();
  const store = {
    puts: 0,
    roots: async () => new Map(roots),
    putRoots: async (_s: string, _a: string, list: readonly CachedRoot[]) => {
      store.puts++;
      for (const r of list) roots.set(r.numero, r);
    },
  };
  return store as unknown as LookupKeyStore & { puts: number };
}

describe('prepareRoots', () => {
  it(
    'derives each root from the number and its access code, as the page does from what the ' +
      'candidate types',
    async () => {
      const { root, derived } = await prepareRoots({ params, codeSecret }, [
        '24000000001',
        '24000000002',
      ]);
      expect(derived).toBe(2);
      for (const n of ['24000000001', '24000000002']) {
        const typed = formatCode(accessCodeData(codeSecret, n)).toLowerCase();
        expect(root(n)).toBe(await deriveRoot(lookupSecret(n, typed)!, params));
      }
      expect(() => root('24000000003')).toThrow(/not prepared/);
    },
  );

  it(
    'pays each derivation once per session: ' + 'a second render takes every root from the cache',
    async () => {
      const keys = rootCache();
      const cache = { keys, session: '2024-06', academie: 'aix-marseille' };
      const first = await prepareRoots({ params, codeSecret, cache }, ['A1', 'A2', 'A3']);
      const second = await prepareRoots({ params, codeSecret, cache }, ['A1', 'A2', 'A3', 'A4']);
      expect([first.derived, second.derived]).toEqual([3, 1]);
      expect(second.root('A2')).toBe(first.root('A2'));
      expect(keys.puts).toBe(2);
    },
  );
});
