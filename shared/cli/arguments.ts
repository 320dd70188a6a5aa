import { InvalidArgumentError } from 'commander';

/** Parsers for commander options: a bad value is a usage error (exit 1 with commander's message). */
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

export const groupe = (value: string): 1 | 2 => Number(oneOf('1', '2')(value)) as 1 | 2;

export const session = (value: string): string => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    throw new InvalidArgumentError('expected YYYY-MM, e.g. 2024-06');
  return value;
};

/** "90m", "24h", "7d" → milliseconds. */
export const duration = (value: string): number => {
  const m = /^(\d+)(m|h|d)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected a duration such as 90m, 24h or 7d');
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
};
