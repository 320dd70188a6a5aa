import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../../shared/domain/text.js';

describe('foldForMatch', () => {
  it.each([
    ['Boulangerie-Pâtisserie', 'boulangerie patisserie'],
    ['BOULANGERIE  PATISSERIE', 'boulangerie patisserie'],
    ['Métiers de l’électricité', 'metiers de l electricite'],
    ["Technicien d'usinage", 'technicien d usinage'],
    ['  Vente (prospection, négociation)  ', 'vente prospection negociation'],
    ['gros œuvre', 'gros oeuvre'],
    ['Île-de-France', 'ile de france'],
    ['ÇA', 'ca'],
    ['', ''],
  ])('folds "%s" to "%s"', (input, folded) => {
    expect(foldForMatch(input)).toBe(folded);
  });

  it('folds precomposed and decomposed accents alike', () => {
    expect(foldForMatch('e\u0301tude')).toBe(foldForMatch('\u00e9tude'));
  });
});
