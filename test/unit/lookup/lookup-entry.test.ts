import { describe, expect, it } from 'vitest';
import { LookupEntry, serializeEntry } from '../../../shared/render/lookup/lookup-entry.schema.js';

const entry: LookupEntry = {
  v: 1,
  nom: 'DUPONT',
  prenoms: 'Marie, Élodie',
  examen: 'BTN',
  libelleExamen: 'Baccalauréat technologique',
  serie: 'STMG',
  groupe: 1,
  resultat: 'Admis(e) avec mention Bien',
  mention: 'B',
  session: '2024-06',
  academie: 'aix-marseille',
};

describe('serializeEntry', () => {
  it('writes canonical JSON in a fixed key order', () => {
    expect(serializeEntry(entry)).toBe(
      '{"v":1,"nom":"DUPONT","prenoms":"Marie, Élodie","examen":"BTN","libelleExamen":"Baccalauréat technologique",' +
        '"serie":"STMG","groupe":1,"resultat":"Admis(e) avec mention Bien","mention":"B","session":"2024-06","academie":"aix-marseille"}',
    );
  });

  it('gives the same bytes whatever the order of the input keys, and drops unknown keys', () => {
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as LookupEntry;
    expect(serializeEntry(reversed)).toBe(serializeEntry(entry));
    expect(serializeEntry({ ...entry, dateNaissance: '2006-03-12' } as LookupEntry)).toBe(serializeEntry(entry));
  });

  it('round-trips through the schema', () => {
    expect(LookupEntry.parse(JSON.parse(serializeEntry(entry)))).toEqual(entry);
    const bcg = { ...entry, examen: 'BCG', serie: null, mention: null, groupe: 2, resultat: 'Admis(e) à l’issue du second groupe' } as const;
    expect(LookupEntry.parse(JSON.parse(serializeEntry(bcg)))).toEqual(bcg);
  });

  it.each([
    { v: 2 },
    { examen: 'BAC' },
    { groupe: 3 },
    { mention: 'ABC' },
    { session: '2024-13' },
    { academie: 'Aix Marseille' },
    { nom: '' },
    { resultat: '' },
    { serie: undefined },
  ])('refuses an invalid entry %j', (patch) => {
    expect(() => serializeEntry({ ...entry, ...patch } as unknown as LookupEntry)).toThrow();
  });
});
