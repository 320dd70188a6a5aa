import { describe, expect, it } from 'vitest';
import { csvSyntax, fieldCount, lineTooLong } from '../../../shared/domain/rules/reading.rules.js';

describe('reading rules', () => {
  it('csvSyntax: our words for the reader’s error codes, whatever the library says', () => {
    expect(csvSyntax('CSV_QUOTE_NOT_CLOSED')).toEqual({
      code: 'csv-syntax',
      rule: 'CSV syntax error: Quoted field unterminated',
      regle: 'erreur de syntaxe CSV : Quoted field unterminated',
    });
    expect(csvSyntax('CSV_INVALID_CLOSING_QUOTE').rule).toBe(
      'CSV syntax error: Trailing quote on quoted field is malformed',
    );
    expect(csvSyntax('SOMETHING_NEW').rule).toBe(
      'CSV syntax error: Unreadable record (SOMETHING_NEW)',
    );
  });

  it('fieldCount and lineTooLong: say what was expected', () => {
    expect(fieldCount(17, 16).rule).toBe('expected 17 fields separated by ";", found 16');
    expect(lineTooLong('100,000').regle).toBe('ligne de plus de 100,000 caractères');
  });
});
