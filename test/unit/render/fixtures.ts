import { createHash } from 'node:crypto';
import type { Decision } from '../../../shared/domain/decision.schema.js';
import { bytesToBase64 } from '../../../shared/render/lookup/lookup-crypto.js';

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

/** Stand-in for PBKDF2 output: the layout only needs 64 uniform bytes per candidate. */
export const fakeMaterial = async (numero: string, date: string) =>
  bytesToBase64(createHash('sha512').update(`${numero}|${date}`).digest());

export const SALT = 'c2Vzc2lvbi0yMDI0LTA2IQ==';
