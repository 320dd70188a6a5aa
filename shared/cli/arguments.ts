import { InvalidArgumentError } from 'commander';
import { GroupeText, Session, type Groupe } from '../domain/vocabulary.js';

/**
 * Parsers for commander options: a bad value is a usage error (exit 1 with commander's message).
 */
export const wholeNumber = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};

export const oneOf =
  <T extends string>(...allowed: T[]) =>
  (value: string): T => {
    if (!(allowed as string[]).includes(value))
      throw new InvalidArgumentError(`expected ${allowed.join(' or ')}`);
    return value as T;
  };

export const groupe = (value: string): Groupe => {
  const parsed = GroupeText.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('expected 1 or 2');
  return parsed.data;
};

export const session = (value: string): Session => {
  if (!Session.safeParse(value).success)
    throw new InvalidArgumentError('expected YYYY-MM, e.g. 2024-06');
  return value;
};

/** "90m", "24h", "7d" → milliseconds. */
export const duration = (value: string): number => {
  const m = /^(\d+)(m|h|d)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected a duration such as 90m, 24h or 7d');
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
};
