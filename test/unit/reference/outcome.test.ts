import { describe, expect, it } from 'vitest';
import {
  checkAverageForDecision,
  decisionsAllowed,
  outcomeLabel,
} from '../../../shared/domain/rules/outcome.js';

describe('decisions allowed per group', () => {
  it('allows every decision at the first group and only ADMIS or AJOURNE at the second', () => {
    expect([...decisionsAllowed(1)].sort()).toEqual([
      'ADMIS',
      'AJOURNE',
      'ELIMINE',
      'REMPLACEMENT',
      'SECOND_GROUPE',
    ]);
    expect(decisionsAllowed(2)).toEqual(['ADMIS', 'AJOURNE']);
  });
});

describe('checkAverageForDecision', () => {
  it.each([
    ['BCG', 1, 'ADMIS', 10],
    ['BCG', 1, 'ADMIS', 20],
    ['BCP', 1, 'ADMIS', 10],
    ['BCG', 1, 'SECOND_GROUPE', 8],
    ['BTN', 1, 'SECOND_GROUPE', 9.99],
    ['BCP', 1, 'SECOND_GROUPE', 8],
    ['BCG', 1, 'AJOURNE', 7.99],
    ['BTN', 1, 'AJOURNE', 0],
    ['BCP', 1, 'AJOURNE', 9.99],
    ['BCP', 1, 'AJOURNE', 8.5],
    ['BCG', 2, 'ADMIS', 10],
    ['BCP', 2, 'ADMIS', 10],
    ['BCG', 2, 'AJOURNE', 9.99],
    ['BTN', 2, 'AJOURNE', 8.5],
  ] as const)('%s group %s %s with %s is consistent', (examen, groupe, decision, m) => {
    expect(checkAverageForDecision(examen, groupe, decision, m)).toBeNull();
  });

  it.each([
    ['BCG', 1, 'ADMIS', 9.99, 'ADMIS needs an average of at least 10 (got 9,99)'],
    ['BCG', 2, 'ADMIS', 9.5, 'ADMIS needs an average of at least 10 (got 9,5)'],
    ['BCG', 1, 'SECOND_GROUPE', 10, 'SECOND_GROUPE needs an average from 8 to under 10 (got 10)'],
    [
      'BCP',
      1,
      'SECOND_GROUPE',
      7.99,
      'SECOND_GROUPE needs an average from 8 to under 10 (got 7,99)',
    ],
    ['BCG', 1, 'AJOURNE', 8, 'AJOURNE at group 1 needs an average under 8 (got 8)'],
    ['BTN', 1, 'AJOURNE', 9.5, 'AJOURNE at group 1 needs an average under 8 (got 9,5)'],
    ['BCP', 1, 'AJOURNE', 10, 'AJOURNE at group 1 needs an average under 10 (got 10)'],
    ['BCG', 2, 'AJOURNE', 10, 'AJOURNE at group 2 needs an average under 10 (got 10)'],
    ['BCG', 1, 'ELIMINE', 5, 'ELIMINE carries no average (got 5)'],
    ['BCP', 1, 'REMPLACEMENT', 0, 'REMPLACEMENT carries no average (got 0)'],
  ] as const)('%s group %s %s with %s breaks "%s"', (examen, groupe, decision, m, rule) => {
    expect(checkAverageForDecision(examen, groupe, decision, m)).toBe(rule);
  });

  it('accepts any decision when no average is given', () => {
    for (const decision of decisionsAllowed(1))
      expect(checkAverageForDecision('BCG', 1, decision, null)).toBeNull();
    for (const decision of decisionsAllowed(2))
      expect(checkAverageForDecision('BCP', 2, decision, null)).toBeNull();
  });

  it('leaves a decision the group does not allow to decisionsAllowed: not reported twice', () => {
    expect(checkAverageForDecision('BCG', 2, 'SECOND_GROUPE', 15)).toBeNull();
    expect(checkAverageForDecision('BCG', 2, 'ELIMINE', 5)).toBeNull();
  });
});

describe('outcomeLabel', () => {
  it.each([
    ['BCG', 1, 'ADMIS', null, 'Admis(e)'],
    ['BCG', 1, 'ADMIS', 'AB', 'Admis(e) avec mention Assez bien'],
    ['BTN', 1, 'ADMIS', 'B', 'Admis(e) avec mention Bien'],
    ['BCP', 1, 'ADMIS', 'TB', 'Admis(e) avec mention Très bien'],
    ['BCG', 1, 'ADMIS', 'TBF', 'Admis(e) avec mention Très bien avec félicitations du jury'],
    ['BCG', 1, 'AJOURNE', null, 'Ajourné(e)'],
    ['BCP', 2, 'AJOURNE', null, 'Ajourné(e)'],
    ['BCG', 1, 'SECOND_GROUPE', null, 'Autorisé(e) à se présenter au second groupe'],
    ['BTN', 1, 'SECOND_GROUPE', null, 'Autorisé(e) à se présenter au second groupe'],
    ['BCP', 1, 'SECOND_GROUPE', null, 'Autorisé(e) à se présenter à l’épreuve de contrôle'],
    ['BCG', 2, 'ADMIS', null, 'Admis(e) à l’issue du second groupe'],
    // No mention after the second group.
    ['BCG', 2, 'ADMIS', 'B', 'Admis(e) à l’issue du second groupe'],
    ['BCG', 1, 'ELIMINE', null, 'Éliminé(e)'],
    ['BCG', 1, 'REMPLACEMENT', null, 'Autorisé(e) à se présenter aux épreuves de remplacement'],
  ] as const)('%s group %s %s %s reads "%s"', (examen, groupe, decision, mention, label) => {
    expect(outcomeLabel(examen, groupe, decision, mention)).toBe(label);
  });
});
