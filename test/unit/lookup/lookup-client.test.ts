import { beforeAll, describe, expect, it } from 'vitest';
import { lookupResult, NEUTRAL_MESSAGE_FR, type LookupOutcome } from '../../../shared/render/lookup/lookup-client.js';
import { deriveMaterial, entryId, lookupSecret, sealEntry, shardName, type LookupParams } from '../../../shared/render/lookup/lookup-crypto.js';
import { serializeEntry, type LookupEntry } from '../../../shared/render/lookup/lookup-entry.schema.js';
import { renderShards, type SealedEntry } from '../../../shared/render/lookup/lookup-shards.js';

const params: LookupParams = { salt: 'c2Vzc2lvbi0yMDI0LTA2IQ==', iterations: 1_000, shardChars: 1 };
const baseUrl = 'https://resultats.example/releases/r1/aix-marseille/lookup';

interface Candidate { numero: string; dateNaissance: string; entry: LookupEntry }
const candidate = (i: number, nom: string, dateNaissance: string): Candidate => ({
  numero: `0${i}2345678AB`,
  dateNaissance,
  entry: {
    v: 1, nom, prenoms: 'Léa', examen: 'BCG', libelleExamen: 'Baccalauréat général', serie: null, groupe: 1,
    resultat: 'Admis(e) avec mention Bien', mention: 'B', session: '2024-06', academie: 'aix-marseille',
  },
});
const candidates = [candidate(1, 'MARTIN', '2006-03-12'), candidate(2, 'DURAND', '2005-11-30'), candidate(3, 'PETIT', '2006-07-01')];
const [alice, bob, withheld] = candidates as [Candidate, Candidate, Candidate];

/** What the renderer does: derive (cached in real life), seal the canonical entry, shard. */
async function render(list: readonly Candidate[]): Promise<Map<string, string>> {
  const sealed: SealedEntry[] = [];
  for (const c of list) {
    const material = await deriveMaterial(lookupSecret(c.numero, c.dateNaissance)!, params);
    sealed.push({ id: entryId(material), sealed: await sealEntry(material, serializeEntry(c.entry)) });
  }
  return renderShards(sealed, params.shardChars);
}

/** A static host serving the rendered files; records the paths asked for. */
function serve(files: Map<string, string>, requested: string[] = []): typeof fetch {
  return async (input) => {
    const path = String(input).slice(baseUrl.length + 1);
    requested.push(path);
    const body = path.endsWith('.json') ? files.get(path.slice(0, -5)) : undefined;
    return body === undefined ? new Response('Not Found', { status: 404 }) : new Response(body, { headers: { 'content-type': 'application/json' } });
  };
}

// The withheld candidate was deliberated, but the release is rendered without them.
let files: Map<string, string>;
beforeAll(async () => {
  files = await render([alice, bob]);
});
const look = (numero: string, date: string, fetchFn = serve(files)) => lookupResult(numero, date, params, { baseUrl, fetch: fetchFn });

describe('lookupResult', () => {
  it('finds a candidate from the rendered shards, whatever way they type their details', async () => {
    expect(await look(alice.numero, '12/03/2006')).toEqual({ found: true, entry: alice.entry });
    expect(await look(` ${alice.numero.toLowerCase()} `, '12.3.2006')).toEqual({ found: true, entry: alice.entry });
    expect(await look(bob.numero, '2005-11-30')).toEqual({ found: true, entry: bob.entry });
  });

  it('fetches exactly one file, the shard named by the id', async () => {
    const requested: string[] = [];
    await look(bob.numero, '30/11/2005', serve(files, requested));
    const id = entryId(await deriveMaterial(lookupSecret(bob.numero, '30/11/2005')!, params));
    expect(requested).toEqual([`${shardName(id, 1)}.json`]);
  });

  it('gives one identical outcome for a wrong date, an unknown number, a malformed date and a withheld result', async () => {
    const misses: LookupOutcome[] = await Promise.all([
      look(alice.numero, '13/03/2006'), // wrong birth date
      look('99999999ZZ', '12/03/2006'), // unknown number
      look(alice.numero, '31/02/2006'), // not a date
      look(alice.numero, 'douze mars'),
      look('', ''),
      look(withheld.numero, '01/07/2006'), // right details, result withheld
    ]);
    for (const m of misses) {
      expect(m).toStrictEqual({ found: false });
      expect(m).toBe(misses[0]);
      expect(Object.keys(m)).toEqual(['found']);
    }
  });

  it('finds the withheld candidate once released, and their shard existed all along', async () => {
    const id = entryId(await deriveMaterial(lookupSecret(withheld.numero, withheld.dateNaissance)!, params));
    expect(files.has(shardName(id, 1))).toBe(true);
    expect(await look(withheld.numero, '01/07/2006', serve(await render(candidates)))).toEqual({ found: true, entry: withheld.entry });
  });

  it('gives the same outcome, without throwing, for every failure of the network or the files', async () => {
    const json = (body: string, status = 200): typeof fetch => async () => new Response(body, { status });
    const aliceId = entryId(await deriveMaterial(lookupSecret(alice.numero, alice.dateNaissance)!, params));
    const foreign = await deriveMaterial('OTHER|2000-01-01', params);
    const notAnEntry = await deriveMaterial(lookupSecret(alice.numero, alice.dateNaissance)!, params);
    const faults: (typeof fetch)[] = [
      async () => { throw new TypeError('Failed to fetch'); },
      json('', 404),
      json('{"v":1,"entries":{}}', 500),
      json('<html>captive portal</html>'),
      json('null'),
      json(`{"v":2,"entries":{"${aliceId}":"${await sealEntry(notAnEntry, serializeEntry(alice.entry))}"}}`),
      json(`{"v":1,"entries":{"${aliceId}":"${await sealEntry(foreign, serializeEntry(alice.entry))}"}}`), // sealed under another key
      json(`{"v":1,"entries":{"${aliceId}":"${await sealEntry(notAnEntry, '{"v":1,"nom":"MARTIN"}')}"}}`), // authentic but not an entry
      json(`{"v":1,"entries":{"${aliceId}":42}}`),
    ];
    for (const f of faults) expect(await look(alice.numero, '12/03/2006', f)).toStrictEqual({ found: false });
    const badParams = { ...params, salt: 'short' };
    expect(await lookupResult(alice.numero, '12/03/2006', badParams, { baseUrl, fetch: serve(files) })).toStrictEqual({ found: false });
  });

  it('calls fetch unbound (browsers refuse window.fetch called with another `this`) and tolerates a trailing slash', async () => {
    const inner = serve(files);
    const strictFetch = function (this: unknown, input: Parameters<typeof fetch>[0], init?: RequestInit) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      return inner(input, init);
    } as typeof fetch;
    const found = await lookupResult(alice.numero, '12/03/2006', params, { baseUrl: `${baseUrl}/`, fetch: strictFetch });
    expect(found).toEqual({ found: true, entry: alice.entry });
  });

  it('renders byte-identical shards from identical inputs', async () => {
    expect(await render([bob, alice])).toEqual(files);
  });

  it('has one neutral message in French', () => {
    expect(NEUTRAL_MESSAGE_FR).toMatch(/^Aucun résultat n'est disponible en ligne/);
    expect(NEUTRAL_MESSAGE_FR).not.toMatch(/fraude|retenu|suspen/i);
  });
});
