import { beforeAll, describe, expect, it } from 'vitest';
import { accessCode } from '../../../shared/publication/access-codes.js';
import {
  lookupResult,
  NEUTRAL_MESSAGE_FR,
  readParams,
  type LookupOutcome,
} from '../../../shared/render/lookup/lookup-client.js';
import {
  deriveEntryKeys,
  deriveRoot,
  entryId,
  lookupScope,
  lookupSecret,
  sealEntry,
  shardName,
  type LookupParams,
} from '../../../shared/render/lookup/lookup-crypto.js';
import {
  serializeEntry,
  type LookupEntry,
} from '../../../shared/render/lookup/lookup-entry.schema.js';
import { renderShards, type SealedEntry } from '../../../shared/render/lookup/lookup-shards.js';

const params: LookupParams = {
  v: 2,
  salt: 'c2Vzc2lvbi0yMDI0LTA2IQ==',
  iterations: 1_000,
  shardChars: 1,
  scope: lookupScope('2024-06', 'aix-marseille', 1),
};
const baseUrl = 'https://resultats.example/releases/r1/aix-marseille/lookup';
const codeSecret = Buffer.alloc(32, 3).toString('base64');

interface Candidate {
  numero: string;
  code: string;
  entry: LookupEntry;
}
const candidate = (i: number, resultat: string): Candidate => ({
  numero: `0${i}2345678AB`,
  code: accessCode(codeSecret, `0${i}2345678AB`),
  entry: {
    v: 2,
    examen: 'BCG',
    libelleExamen: 'Baccalauréat général',
    serie: null,
    groupe: 1,
    decision: 'ADMIS',
    mention: 'B',
    resultat,
  },
});
const candidates = [
  candidate(1, 'Admis(e) avec mention Bien'),
  candidate(2, 'Admis(e) avec mention Bien '),
  candidate(3, 'Admis(e)'),
];
const [alice, bob, withheld] = candidates as [Candidate, Candidate, Candidate];
const keysOf = async (numero: string, code: string, p: LookupParams = params) =>
  deriveEntryKeys(await deriveRoot(lookupSecret(numero, code)!, p), p.scope);

/** What the renderer does: derive (cached in real life), seal the canonical entry, shard. */
async function render(list: readonly Candidate[]): Promise<Map<string, string>> {
  const sealed: SealedEntry[] = [];
  for (const c of list) {
    const keys = await keysOf(c.numero, c.code);
    sealed.push({ id: entryId(keys), sealed: await sealEntry(keys, serializeEntry(c.entry)) });
  }
  const decoder = new TextDecoder();
  return new Map(
    [...renderShards(sealed, params.shardChars)].map(([k, v]) => [k, decoder.decode(v)]),
  );
}

/** A static host serving the rendered files; records the paths asked for. */
function serve(files: Map<string, string>, requested: string[] = []): typeof fetch {
  return async (input) => {
    const path = (input instanceof Request ? input.url : input.toString()).slice(
      baseUrl.length + 1,
    );
    requested.push(path);
    const body = path.endsWith('.json') ? files.get(path.slice(0, -5)) : undefined;
    return body === undefined
      ? new Response('Not Found', { status: 404 })
      : new Response(body, { headers: { 'content-type': 'application/json' } });
  };
}

// The withheld candidate was deliberated, but the release is rendered without them.
let files: Map<string, string>;
beforeAll(async () => {
  files = await render([alice, bob]);
});
const look = (numero: string, code: string, fetchFn = serve(files)) =>
  lookupResult(numero, code, params, { baseUrl, fetch: fetchFn });

describe('lookupResult', () => {
  it(
    'finds a candidate from the rendered shards, whatever way they type their number and ' + 'code',
    async () => {
      expect(await look(alice.numero, alice.code)).toEqual({ found: true, entry: alice.entry });
      expect(
        await look(
          ` ${alice.numero.toLowerCase()} `,
          alice.code.toLowerCase().replaceAll('-', ' '),
        ),
      ).toEqual({ found: true, entry: alice.entry });
      expect(await look(bob.numero, bob.code.replaceAll('-', ''))).toEqual({
        found: true,
        entry: bob.entry,
      });
    },
  );

  it('fetches exactly one file, the shard named by the id', async () => {
    const requested: string[] = [];
    await look(bob.numero, bob.code, serve(files, requested));
    expect(requested).toEqual([
      `${shardName(entryId(await keysOf(bob.numero, bob.code)), 1)}.json`,
    ]);
  });

  it(
    'gives one identical outcome for a wrong code, another candidate’s code, an unknown ' +
      'number, a birth date and a withheld result',
    async () => {
      const misses: LookupOutcome[] = await Promise.all([
        look(alice.numero, bob.code), // a well-formed code, not theirs
        look(bob.numero, alice.code),
        look('99999999ZZ', alice.code), // unknown number
        look(alice.numero, '12/03/2006'), // the v1 secret is no code
        look(alice.numero, alice.code.slice(0, -1)), // truncated
        look('', ''),
        look(withheld.numero, withheld.code), // right details, result withheld
      ]);
      for (const m of misses) {
        expect(m).toStrictEqual({ found: false });
        expect(m).toBe(misses[0]);
        expect(Object.keys(m)).toEqual(['found']);
      }
    },
  );

  it('finds the withheld candidate once released, and their shard existed all along', async () => {
    expect(files.has(shardName(entryId(await keysOf(withheld.numero, withheld.code)), 1))).toBe(
      true,
    );
    expect(await look(withheld.numero, withheld.code, serve(await render(candidates)))).toEqual({
      found: true,
      entry: withheld.entry,
    });
  });

  it(
    'finds nothing with the right code under another scope’s parameters (a group-2 or ' +
      'rehearsal file)',
    async () => {
      const other = { ...params, scope: lookupScope('2024-06', 'aix-marseille', 2) };
      expect(
        await lookupResult(alice.numero, alice.code, other, { baseUrl, fetch: serve(files) }),
      ).toStrictEqual({ found: false });
    },
  );

  it(
    'gives the same outcome, without throwing, for every failure of the network or the ' + 'files',
    async () => {
      const json =
        (body: string, status = 200): typeof fetch =>
        async () =>
          new Response(body, { status });
      const aliceKeys = await keysOf(alice.numero, alice.code);
      const aliceId = entryId(aliceKeys);
      const foreign = await keysOf(bob.numero, bob.code);
      const faults: (typeof fetch)[] = [
        async () => {
          throw new TypeError('Failed to fetch');
        },
        json('', 404),
        json('{"v":2,"entries":{}}', 500),
        json('<html>captive portal</html>'),
        json('null'),
        json(
          `{"v":1,"entries":{"${aliceId}":"` +
            `${await sealEntry(aliceKeys, serializeEntry(alice.entry))}"}}`,
        ), // another format version
        json(
          `{"v":2,"entries":{"${aliceId}":"` +
            `${await sealEntry(foreign, serializeEntry(alice.entry))}"}}`,
        ), // sealed under another key
        json(
          `{"v":2,"entries":{"${aliceId}":"` +
            `${await sealEntry(aliceKeys, '{"v":1,"nom":"MARTIN"}')}"}}`,
        ), // authentic but not an entry
        json(`{"v":2,"entries":{"${aliceId}":42}}`),
      ];
      for (const f of faults)
        expect(await look(alice.numero, alice.code, f)).toStrictEqual({ found: false });
      const badParams = { ...params, salt: 'short' };
      expect(
        await lookupResult(alice.numero, alice.code, badParams, { baseUrl, fetch: serve(files) }),
      ).toStrictEqual({ found: false });
    },
  );

  it('reads params.json strictly', () => {
    expect(readParams(JSON.parse(JSON.stringify(params)))).toEqual(params);
    for (const bad of [
      null,
      'x',
      { ...params, v: 1 },
      { ...params, scope: undefined },
      { ...params, iterations: '1000' },
    ])
      expect(readParams(bad)).toBeNull();
  });

  it(
    'calls fetch unbound (browsers refuse window.fetch called with another `this`) and ' +
      'tolerates a trailing slash',
    async () => {
      const inner = serve(files);
      const strictFetch = function (
        this: unknown,
        input: Parameters<typeof fetch>[0],
        init?: RequestInit,
      ) {
        if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
        return inner(input, init);
      } as typeof fetch;
      const found = await lookupResult(alice.numero, alice.code, params, {
        baseUrl: `${baseUrl}/`,
        fetch: strictFetch,
      });
      expect(found).toEqual({ found: true, entry: alice.entry });
    },
  );

  it('renders byte-identical shards from identical inputs', async () => {
    expect(await render([bob, alice])).toEqual(files);
  });

  it('has one neutral message in French', () => {
    expect(NEUTRAL_MESSAGE_FR).toMatch(/^Aucun résultat n'est disponible en ligne/);
    expect(NEUTRAL_MESSAGE_FR).not.toMatch(/fraude|retenu|suspen/i);
  });
});
