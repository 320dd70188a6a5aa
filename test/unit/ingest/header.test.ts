import { describe, expect, it } from 'vitest';
import { CSV_V1_COLUMNS } from '../../../shared/ingest/format-v1.js';
import { readHeader } from '../../../shared/ingest/header.js';

describe('readHeader', () => {
  it('maps columns in any order, ignoring case and spaces', () => {
    const cells = [...CSV_V1_COLUMNS].reverse().map((c) => ` ${c.toUpperCase()} `);
    const result = readHeader(cells);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.columnIndex.session).toBe(CSV_V1_COLUMNS.length - 1);
  });

  it('reports every missing, unknown and duplicate column at once', () => {
    const cells: string[] = [
      ...CSV_V1_COLUMNS.filter((c) => c !== 'uai' && c !== 'jury'),
      'nom',
      'commentaire',
    ];
    const result = readHeader(cells);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.code).sort()).toEqual([
        'header-duplicate-column',
        'header-missing-column',
        'header-missing-column',
        'header-unknown-column',
      ]);
      expect(result.issues.find((i) => i.code === 'header-unknown-column')).toMatchObject({
        line: 1,
        columnIndex: 17,
        value: 'commentaire',
      });
    }
  });
});
