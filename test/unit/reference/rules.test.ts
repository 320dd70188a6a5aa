import { describe, expect, it } from 'vitest';
import { mentionForAverage, mentionsAllowed } from '../../../shared/domain/rules/mention.js';
import { checkAverageForDecision, decisionsAllowed, outcomeLabel } from '../../../shared/domain/rules/outcome.js';

describe('mentions', () => {
  it.each([
    [11.99, null], [12, 'AB'], [13.99, 'AB'], [14, 'B'], [15.99, 'B'], [16, 'TB'], [17.99, 'TB'], [18, 'TBF'], [20, 'TBF'],
  ] as const)('général %s → %s', (m, expected) => expect(mentionForAverage('BCG', m)).toBe(expected));

  it('gives no félicitations at the professional bac', () => {
    expect(mentionForAverage('BCP', 19.5)).toBe('TB');
    expect(mentionsAllowed('BCP')).not.toContain('TBF');
    expect(mentionsAllowed('BTN')).toContain('TBF');
  });
});

describe('outcomes', () => {
  it('allows only ADMIS or AJOURNE at the second group', () => {
    expect(decisionsAllowed(2)).toEqual(['ADMIS', 'AJOURNE']);
    expect(decisionsAllowed(1)).toContain('REMPLACEMENT');
  });

  it.each([
    ['BCG', 1, 'ADMIS', 9.99, /at least 10/],
    ['BCG', 1, 'SECOND_GROUPE', 10, /8 to under 10/],
    ['BCG', 1, 'SECOND_GROUPE', 7.99, /8 to under 10/],
    ['BTN', 1, 'AJOURNE', 8, /under 8/],
    ['BCP', 1, 'AJOURNE', 10, /under 10/],
    ['BCG', 2, 'AJOURNE', 10, /under 10/],
    ['BCG', 1, 'ELIMINE', 5, /no average/],
  ] as const)('%s group %s %s with %s is inconsistent', (examen, groupe, decision, m, rule) => {
    expect(checkAverageForDecision(examen, groupe, decision, m)).toMatch(rule);
  });

  it.each([
    ['BCG', 1, 'ADMIS', 10], ['BCP', 1, 'AJOURNE', 9.5], ['BTN', 1, 'AJOURNE', 7.99], ['BCG', 1, 'SECOND_GROUPE', 8],
    ['BCG', 2, 'ADMIS', 10], ['BCG', 1, 'REMPLACEMENT', null], ['BCG', 1, 'ADMIS', null],
  ] as const)('%s group %s %s with %s is consistent', (examen, groupe, decision, m) => {
    expect(checkAverageForDecision(examen, groupe, decision, m)).toBeNull();
  });

  it('words outcomes in French for the candidate', () => {
    expect(outcomeLabel('BCG', 1, 'ADMIS', 'B')).toBe('Admis(e) avec mention Bien');
    expect(outcomeLabel('BCG', 1, 'ADMIS', 'TBF')).toBe('Admis(e) avec mention Très bien avec félicitations du jury');
    expect(outcomeLabel('BTN', 1, 'SECOND_GROUPE', null)).toBe('Autorisé(e) à se présenter au second groupe');
    expect(outcomeLabel('BCP', 1, 'SECOND_GROUPE', null)).toBe('Autorisé(e) à se présenter à l’épreuve de contrôle');
    expect(outcomeLabel('BCG', 2, 'ADMIS', null)).toBe('Admis(e) à l’issue du second groupe');
    expect(outcomeLabel('BCG', 1, 'AJOURNE', null)).toBe('Ajourné(e)');
  });
});
