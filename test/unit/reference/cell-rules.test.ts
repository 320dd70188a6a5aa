import { describe, expect, it } from 'vitest';
import {
  CELL_RULES,
  cellValues,
  nameBreach,
  type RuledColumn,
} from '../../../shared/domain/rules/cell.rules.js';

/** The code a cell gets, or null when it passes its rule. */
function check(column: RuledColumn, text: string): string | null {
  const rule = CELL_RULES[column];
  return rule.schema.safeParse(text).success ? null : rule.breach(text).code;
}

describe('cell rules', () => {
  it.each([
    ['session', '2024-06', '2024-6', 'session-format'],
    ['academie', 'la-reunion', 'La Réunion', 'academie-unknown'],
    ['numero_candidat', '24ABC0001', '24abc0001', 'numero-format'],
    ['date_naissance', '12/03/2006', '2006-03-12', 'birth-date-format'],
    ['uai', '0130040Y', '0130040y', 'uai-format'],
    ['departement', '2A', '2C', 'departement-format'],
    ['examen', 'BCP', 'BAC', 'examen-unknown'],
    ['groupe', '2', '3', 'groupe-invalid'],
    ['decision', 'SECOND_GROUPE', 'ADMISE', 'decision-unknown'],
    ['mention', '', 'AB ', 'mention-unknown'],
    ['moyenne', '20,000', '20,01', 'moyenne-format'],
    ['accord_publication', 'n', 'oui', 'accord-invalid'],
    ['jury', 'J 01/2._x-', '-J', 'jury-format'],
    ['deliberation', '2024-07-05T14:30:59.5Z', '05/07/2024 14:30', 'deliberation-format'],
  ] as const)('%s: accepts %j, refuses %j (%s)', (column, good, bad, code) => {
    expect(check(column, good)).toBeNull();
    expect(check(column, bad)).toBe(code);
  });

  it('nameBreach: says the most useful thing about a refused name', () => {
    expect(check('nom', "D'ARTAGNAN-LÉVÊQUE")).toBeNull();
    expect(check('prenoms', 'Zoé, Anne-Sophie')).toBeNull();
    expect(check('nom', 'A, B')).toBe('name-characters');
    expect(nameBreach('=1+1').code).toBe('name-formula');
    expect(nameBreach('@SUM(A1)').code).toBe('name-formula');
    expect(nameBreach('').code).toBe('name-empty');
    expect(nameBreach('A'.repeat(101)).code).toBe('name-too-long');
    expect(nameBreach('R2D2').code).toBe('name-characters');
  });

  it('cellValues: says what the cells of a row mean', () => {
    expect(
      cellValues({ groupe: '2', mention: '', moyenne: '12,5', accord_publication: 'o' }),
    ).toEqual({
      groupe: 2,
      mention: null,
      moyenne: 12.5,
      accord_publication: true,
    });
    expect(cellValues({ mention: 'TB', moyenne: '', accord_publication: '' })).toEqual({
      mention: 'TB',
      moyenne: null,
      accord_publication: false,
    });
  });
});
