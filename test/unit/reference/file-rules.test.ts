import { describe, expect, it } from 'vitest';
import {
  duplicateRow,
  group2NeedsSecondGroupe,
  sameDeliberation,
  sameIdentityInBothGroups,
  standingAgainstStore,
  type Identity,
} from '../../../shared/domain/rules/file.rules.js';

const who: Identity = {
  nom: 'MARTIN',
  prenoms: 'Léa',
  dateNaissance: '2006-03-12',
  uai: '0130040Y',
  examen: 'BCG',
  serie: null,
};

describe('whole-file rules', () => {
  it('duplicateRow: names the first line of the candidate and group', () => {
    expect(duplicateRow(4)).toMatchObject({
      code: 'duplicate-row',
      column: 'numero_candidat',
      rule: 'same candidate and group as line 4',
    });
  });

  it('group2NeedsSecondGroupe: a group-1 SECOND_GROUPE decision, nothing else', () => {
    expect(group2NeedsSecondGroupe({ decision: 'SECOND_GROUPE' })).toBeNull();
    expect(group2NeedsSecondGroupe({ decision: 'ADMIS' })?.code).toBe('group2-without-group1');
    expect(group2NeedsSecondGroupe(undefined)?.column).toBe('groupe');
  });

  it('sameIdentityInBothGroups: one breach per cell that differs, by its file column', () => {
    expect(sameIdentityInBothGroups(who, { ...who }, 2)).toEqual([]);
    const other = { ...who, dateNaissance: '2006-03-13', serie: 'S' };
    expect(sameIdentityInBothGroups(other, who, 'stored')).toMatchObject([
      {
        code: 'identity-mismatch',
        column: 'date_naissance',
        rule: "date_naissance differs from this candidate's other row (line stored)",
      },
      { code: 'identity-mismatch', column: 'serie' },
    ]);
  });

  it('standingAgainstStore: new, later, the same instant again, or refused when older', () => {
    const stored = [
      { deliberation: '2024-07-05T12:30:00.000Z', digest: 'a' },
      { deliberation: '2024-07-06T07:00:00.000Z', digest: 'b' },
    ];
    expect(standingAgainstStore('2024-07-05T12:30:00.000Z', [])).toEqual({ fate: 'new' });
    expect(standingAgainstStore('2024-07-07T00:00:00.000Z', stored)).toEqual({
      fate: 'supersedes',
    });
    expect(standingAgainstStore('2024-07-05T12:30:00.000Z', stored)).toEqual({
      fate: 'same-deliberation',
      digests: ['a'],
    });
    const older = standingAgainstStore('2024-07-06T06:59:59.999Z', stored);
    expect(older.fate === 'refused' && older.breach).toMatchObject({
      code: 'older-deliberation',
      rule:
        'older than the stored deliberation 2024-07-06T07:00:00.000Z: refused ' +
        '(a correction must be later)',
    });
  });

  it('sameDeliberation: unchanged when the content is stored, refused otherwise', () => {
    expect(sameDeliberation('b', ['a', 'b'])).toBe('unchanged');
    expect(sameDeliberation('c', ['a'])).toMatchObject({ code: 'conflicting-deliberation' });
  });
});
