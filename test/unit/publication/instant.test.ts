import { describe, expect, it } from 'vitest';
import {
  formatInstantFr,
  InvalidInstantError,
  publicationInstant,
} from '../../../shared/domain/publication/instant.js';

describe('publicationInstant', () => {
  it('10:00 in Europe/Paris on 2024-07-08 is 08:00Z', () => {
    expect(publicationInstant('2024-07-08 10:00', 'Europe/Paris').toISOString()).toBe(
      '2024-07-08T08:00:00.000Z',
    );
  });

  it.each([
    ['America/Cayenne', '2024-07-08 10:00', '2024-07-08T13:00:00.000Z'],
    ['Indian/Reunion', '2024-07-08 10:00', '2024-07-08T06:00:00.000Z'],
    ['Pacific/Noumea', '2024-12-13 10:00', '2024-12-12T23:00:00.000Z'],
    ['Pacific/Tahiti', '2024-07-08 10:00', '2024-07-08T20:00:00.000Z'],
    ['America/Martinique', '2024-07-08 18:00', '2024-07-08T22:00:00.000Z'],
    ['Europe/Paris', '2024-01-15 10:00', '2024-01-15T09:00:00.000Z'],
  ])('%s %s is %s', (zone, local, utc) => {
    expect(publicationInstant(local, zone).toISOString()).toBe(utc);
  });

  it(
    'follows the daylight-saving change: ' + 'the same 10:00 is one hour apart in UTC across it',
    () => {
      expect(publicationInstant('2024-03-30 10:00', 'Europe/Paris').toISOString()).toBe(
        '2024-03-30T09:00:00.000Z',
      );
      expect(publicationInstant('2024-03-31 10:00', 'Europe/Paris').toISOString()).toBe(
        '2024-03-31T08:00:00.000Z',
      );
    },
  );

  it('takes seconds when given (rehearsals, the local demo)', () => {
    expect(publicationInstant('2024-07-08 10:00:05', 'Europe/Paris').toISOString()).toBe(
      '2024-07-08T08:00:05.000Z',
    );
    expect(() => publicationInstant('2024-03-31 02:30:10', 'Europe/Paris')).toThrow(
      /does not exist/,
    );
    expect(() => publicationInstant('2024-07-08 10:00:61', 'Europe/Paris')).toThrow(
      InvalidInstantError,
    );
  });

  it('refuses a time skipped or repeated by a daylight-saving change', () => {
    expect(() => publicationInstant('2024-03-31 02:30', 'Europe/Paris')).toThrow(/does not exist/);
    expect(() => publicationInstant('2024-10-27 02:30', 'Europe/Paris')).toThrow(/happens twice/);
  });

  it('refuses malformed input with a clear message', () => {
    expect(() => publicationInstant('08/07/2024 10h', 'Europe/Paris')).toThrow(InvalidInstantError);
    expect(() => publicationInstant('2024-02-30 10:00', 'Europe/Paris')).toThrow(
      /not a valid time/,
    );
  });
});

describe('formatInstantFr', () => {
  it('writes the announced time in French, in the académie time zone', () => {
    expect(formatInstantFr(new Date('2020-07-07T08:00:00Z'), 'Europe/Paris')).toBe(
      'mardi 7 juillet 2020 à 10 h 00',
    );
    expect(formatInstantFr(new Date('2020-07-07T08:00:00Z'), 'Indian/Reunion')).toBe(
      'mardi 7 juillet 2020 à 12 h 00',
    );
  });
});
