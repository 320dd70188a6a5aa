import { createHash } from 'node:crypto';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import {
  bytesToBase64,
  lookupScope,
  type LookupParams,
} from '../../../shared/render/lookup/lookup-crypto.js';

/** A valid group-1 decision of Aix-Marseille 2024; override what the test is about. */
export function decision(over: Partial<Decision> & Pick<Decision, 'numero'>): Decision {
  return {
    session: '2024-06',
    academie: 'aix-marseille',
    nom: 'MARTIN',
    prenoms: 'Léa',
    dateNaissance: '2006-03-12',
    uai: '0130001A',
    departement: '13',
    examen: 'BCG',
    serie: null,
    groupe: 1,
    decision: 'ADMIS',
    mention: null,
    moyenne: 11,
    accordPublication: true,
    jury: 'J01',
    deliberation: '2024-07-05T08:00:00.000Z',
    ...over,
  };
}

/** Stand-in for the PBKDF2 root: the layout only needs 32 uniform bytes per candidate. */
export const fakeRoot = (numero: string) =>
  bytesToBase64(createHash('sha256').update(`root|${numero}`).digest());

export const SALT = 'c2Vzc2lvbi0yMDI0LTA2IQ==';

/** params.json of an Aix-Marseille 2024 release of the given group. */
export const releaseParams = (
  groupe: 1 | 2 = 1,
  over: Partial<LookupParams> = {},
): LookupParams => ({
  v: 2,
  salt: SALT,
  iterations: 1_000,
  shardChars: 1,
  scope: lookupScope('2024-06', 'aix-marseille', groupe),
  ...over,
});
