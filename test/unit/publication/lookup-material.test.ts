import { describe, expect, it } from 'vitest';
import { deriveMaterial } from '../../../shared/render/lookup/lookup-crypto.js';
import { deriveMaterialNode } from '../../../shared/publication/lookup-material.js';

describe('deriveMaterialNode', () => {
  it('gives the bytes of the browser derivation (WebCrypto), for several secrets and costs', async () => {
    const salt = 'AAECAwQFBgcICQoLDA0ODw==';
    for (const [secret, iterations] of [['0123456789A|2006-03-12', 1_000], ['ÉCOLE1|2005-12-31', 2_345], ['X|1999-01-01', 1]] as const) {
      expect(await deriveMaterialNode(secret, { salt, iterations })).toBe(await deriveMaterial(secret, { salt, iterations }));
    }
  });
});
