import { describe, expect, it } from 'vitest';
import {
  LIBELLE_MENTION,
  mentionForAverage,
  mentionsAllowed,
} from '../../../shared/domain/rules/mention.js';

describe('mentions', () => {
  it.each([
    [0, null],
    [10, null],
    [11.99, null],
    [12, 'AB'],
    [13.99, 'AB'],
    [14, 'B'],
    [15.99, 'B'],
    [16, 'TB'],
    [17.99, 'TB'],
    [18, 'TBF'],
    [20, 'TBF'],
  ] as const)('général and technological: %s earns %s', (m, expected) => {
    expect(mentionForAverage('BCG', m)).toBe(expected);
    expect(mentionForAverage('BTN', m)).toBe(expected);
  });

  it.each([
    [11.99, null],
    [12, 'AB'],
    [13.99, 'AB'],
    [14, 'B'],
    [16, 'TB'],
    [17.99, 'TB'],
    [18, 'TB'],
    [20, 'TB'],
  ] as const)('professional: %s earns %s (no félicitations)', (m, expected) => {
    expect(mentionForAverage('BCP', m)).toBe(expected);
  });

  it('allows TBF for the général and technological bacs only', () => {
    expect(mentionsAllowed('BCG')).toEqual(['AB', 'B', 'TB', 'TBF']);
    expect(mentionsAllowed('BTN')).toEqual(['AB', 'B', 'TB', 'TBF']);
    expect(mentionsAllowed('BCP')).toEqual(['AB', 'B', 'TB']);
  });

  it('never computes a mention the exam does not allow', () => {
    for (const examen of ['BCG', 'BTN', 'BCP'] as const) {
      for (let m = 12; m <= 20; m += 0.25)
        expect(mentionsAllowed(examen)).toContain(mentionForAverage(examen, m));
    }
  });

  it('words the mentions in French', () => {
    expect(LIBELLE_MENTION).toEqual({
      AB: 'Assez bien',
      B: 'Bien',
      TB: 'Très bien',
      TBF: 'Très bien avec félicitations du jury',
    });
  });
});
