import { describe, expect, it } from 'vitest';
import {
  describeEvolution,
  formatEntier,
  formatEvolution,
  formatTaux,
} from '../../../shared/stats/format-fr.js';
import { neutraliseFormula } from '../../../shared/stats/spreadsheet-safe.js';
import { csvCell } from '../../../shared/stats/csv-export.js';
import { ratioDixiemes } from '../../../shared/stats/counts.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('French formatting', () => {
  it('separates thousands with a narrow no-break space', () => {
    expect(formatEntier(20_075)).toBe(`20${NNBSP}075`);
    expect(formatEntier(1_234_567)).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(formatEntier(885)).toBe('885');
  });

  it('writes rates with one decimal, a comma and a no-break space before %', () => {
    expect(formatTaux(895)).toBe(`89,5${NBSP}%`);
    expect(formatTaux(1000)).toBe(`100,0${NBSP}%`);
    expect(formatTaux(0)).toBe(`0,0${NBSP}%`);
    expect(formatTaux(null)).toBe('—');
  });

  it('writes evolutions in points, signed, plural from 2', () => {
    expect(formatEvolution({ kind: 'points', dixiemes: 4 })).toBe(`+0,4${NBSP}pt`);
    expect(formatEvolution({ kind: 'points', dixiemes: 19 })).toBe(`+1,9${NBSP}pt`);
    expect(formatEvolution({ kind: 'points', dixiemes: 20 })).toBe(`+2,0${NBSP}pts`);
    expect(formatEvolution({ kind: 'points', dixiemes: -62 })).toBe(`-6,2${NBSP}pts`);
    expect(formatEvolution({ kind: 'points', dixiemes: 0 })).toBe('=');
    expect(formatEvolution({ kind: 'new' })).toBe('nouveau');
    expect(formatEvolution({ kind: 'unavailable' })).toBe('—');
  });

  it('spells evolutions out for screen readers', () => {
    expect(describeEvolution({ kind: 'points', dixiemes: -4 })).toBe(`en baisse de 0,4${NBSP}pt`);
    expect(describeEvolution({ kind: 'points', dixiemes: 0 })).toBe('stable');
    expect(describeEvolution({ kind: 'new' })).toBe('pas de chiffre l’an passé');
  });
});

describe('rates in tenths', () => {
  it('round half up with integer arithmetic', () => {
    expect(ratioDixiemes(17_965, 20_075)).toBe(895); // 89.489 %
    expect(ratioDixiemes(1, 8)).toBe(125); // 12.5 % exactly
    expect(ratioDixiemes(179, 200)).toBe(895); // 89.5 %
    expect(ratioDixiemes(17_899, 20_000)).toBe(895); // 89.495 % rounds up
    expect(ratioDixiemes(3, 0)).toBeNull();
  });
});

describe('spreadsheet formula neutralisation', () => {
  it('prefixes text that a spreadsheet would execute', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+33 1 23', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseFormula(bad)).toBe(`'${bad}`);
  });

  it('leaves ordinary text alone', () => {
    // ' =x' used to be listed here: spreadsheets trim the space, so it is neutralised now
    // (spreadsheet-safe.test.ts).
    for (const ok of ['Lycée Jean Racine', 'BTN/STMG', "Lycée d'Amiens", ''])
      expect(neutraliseFormula(ok)).toBe(ok);
  });

  it('applies to CSV text cells, never to numbers', () => {
    expect(csvCell('=1+1', 'text')).toBe("'=1+1");
    expect(csvCell('-Lycée; "A"', 'text')).toBe(`"'-Lycée; ""A"""`);
    expect(csvCell(-62, 'points')).toBe('-6,2');
    expect(csvCell(895, 'percent')).toBe('89,5');
    expect(csvCell(20_075, 'int')).toBe('20075');
    expect(csvCell(null, 'percent')).toBe('');
  });
});
