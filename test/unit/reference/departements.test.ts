import { describe, expect, it } from 'vitest';
import { departementName } from '../../../shared/domain/reference/departements.js';

describe('département names', () => {
  it.each([
    ['13', 'Bouches-du-Rhône'],
    ['04', 'Alpes-de-Haute-Provence'],
    ['05', 'Hautes-Alpes'],
    ['84', 'Vaucluse'],
    ['02', 'Aisne'],
    ['60', 'Oise'],
    ['80', 'Somme'],
    ['2A', 'Corse-du-Sud'],
    ['2B', 'Haute-Corse'],
    ['21', "Côte-d'Or"],
    ['90', 'Territoire de Belfort'],
    ['974', 'La Réunion'],
    ['976', 'Mayotte'],
    ['988', 'Nouvelle-Calédonie'],
  ])('%s is %s', (code, name) => {
    expect(departementName(code)).toBe(name);
  });

  it.each(['20', '4', '96', '977', '2a', ''])('knows no département "%s"', (code) => {
    expect(departementName(code)).toBeUndefined();
  });
});
