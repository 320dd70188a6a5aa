import { describe, expect, it } from 'vitest';
import {
  LIBELLE_EXAMEN,
  SERIES_BTN,
  SPECIALITES_BCP,
} from '../../../shared/domain/reference/exams.js';
import { outcomeLabel } from '../../../shared/domain/rules/outcome.js';
import { DecisionCode, Examen, Groupe, Mention } from '../../../shared/domain/vocabulary.js';
import { ENTRY_BYTES } from '../../../shared/render/lookup/lookup-crypto.js';
import { LookupEntry, serializeEntry } from '../../../shared/render/lookup/lookup-entry.schema.js';

const entry: LookupEntry = {
  v: 2,
  examen: 'BTN',
  libelleExamen: 'Baccalauréat technologique',
  serie: 'STMG',
  groupe: 1,
  decision: 'ADMIS',
  mention: 'B',
  resultat: 'Admis(e) avec mention Bien',
};

describe('serializeEntry', () => {
  it('writes canonical JSON in a fixed key order, with no name, number or birth date', () => {
    expect(serializeEntry(entry)).toBe(
      '{"v":2,"examen":"BTN","libelleExamen":"Baccalauréat ' +
        'technologique","serie":"STMG","groupe":1,' +
        '"decision":"ADMIS","mention":"B","resultat":"Admis(e) avec mention Bien"}',
    );
  });

  it('gives the same bytes whatever the order of the input keys, and drops unknown keys', () => {
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as LookupEntry;
    expect(serializeEntry(reversed)).toBe(serializeEntry(entry));
    const withIdentity = {
      ...entry,
      nom: 'DUPONT',
      numero: '24000012345',
      dateNaissance: '2006-03-12',
    } as LookupEntry;
    expect(serializeEntry(withIdentity)).toBe(serializeEntry(entry));
  });

  it('round-trips through the schema', () => {
    expect(LookupEntry.parse(JSON.parse(serializeEntry(entry)))).toEqual(entry);
    const bcg = {
      ...entry,
      examen: 'BCG',
      serie: null,
      mention: null,
      groupe: 2,
      resultat: 'Admis(e) à l’issue du second groupe',
    } as const;
    expect(LookupEntry.parse(JSON.parse(serializeEntry(bcg)))).toEqual(bcg);
  });

  it('fits the fixed entry size for every exam, série, spécialité and outcome there is', () => {
    const series: [LookupEntry['examen'], string | null][] = [
      ['BCG', null],
      ['BCG', 'ES'],
      ...SERIES_BTN.map((s): [LookupEntry['examen'], string] => ['BTN', s]),
      ...SPECIALITES_BCP.map((s): [LookupEntry['examen'], string] => ['BCP', s.name]),
    ];
    let longest = 0;
    for (const [examen, serie] of series) {
      for (const [groupe, decision, mention] of [
        [1, 'ADMIS', 'TBF'],
        [1, 'ADMIS', 'TB'],
        [1, 'SECOND_GROUPE', null],
        [1, 'AJOURNE', null],
        [1, 'ELIMINE', null],
        [2, 'ADMIS', null],
        [2, 'AJOURNE', null],
      ] as const) {
        const text = serializeEntry({
          v: 2,
          examen,
          libelleExamen: LIBELLE_EXAMEN[examen],
          serie,
          groupe,
          decision,
          mention,
          resultat: outcomeLabel(examen, groupe, decision, mention),
        });
        longest = Math.max(longest, new TextEncoder().encode(text).length);
      }
    }
    expect(longest).toBeLessThan(ENTRY_BYTES);
  });

  it.each([
    { v: 1 },
    { examen: 'BAC' },
    { groupe: 3 },
    { decision: 'REMPLACEMENT' },
    { mention: 'ABC' },
    { resultat: '' },
    { serie: undefined },
  ])('refuses an invalid entry %j', (patch) => {
    expect(() => serializeEntry({ ...entry, ...patch } as unknown as LookupEntry)).toThrow();
  });
});

describe('LookupEntry', () => {
  // The browser's schema is zod/mini and cannot import the vocabulary (classic zod) without
  // carrying it into the page's bundle: it spells the values out, and here they are held equal.
  const accepts = (patch: Record<string, unknown>) =>
    LookupEntry.safeParse({ ...entry, ...patch }).success;

  it(
    "takes the vocabulary's exams, groups and mentions, and every decision but the " + 'deferred',
    () => {
      for (const examen of Examen.options) expect(accepts({ examen }), examen).toBe(true);
      for (const groupe of [1, 2, 3])
        expect(accepts({ groupe })).toBe(Groupe.safeParse(groupe).success);
      for (const mention of [...Mention.options, null]) expect(accepts({ mention })).toBe(true);
      for (const decision of DecisionCode.options)
        expect(accepts({ decision }), decision).toBe(decision !== 'REMPLACEMENT');
    },
  );
});
