// A national session's académies with realistic sizes: each académie's
// expected candidates (population-based, shared/generate/sizes.ts), scaled
// so they add up to the total asked. Versailles and Créteil come out the
// largest, the overseas académies the smallest.
import { ACADEMIES } from '../../shared/domain/reference/academies.js';
import { expectedCandidates } from '../../shared/generate/sizes.js';

export function nationalSizes(total: number): { academie: string; candidates: number }[] {
  const raw = ACADEMIES.map((a) => ({ academie: a.slug, expected: expectedCandidates(a) }));
  const sum = raw.reduce((n, r) => n + r.expected, 0);
  const sizes = raw.map((r) => ({
    academie: r.academie,
    candidates: Math.max(1, Math.floor((r.expected * total) / sum)),
  }));
  // Rounding leaves a few candidates over: the largest académie takes them.
  const largest = sizes.reduce((a, b) => (b.candidates > a.candidates ? b : a));
  largest.candidates += total - sizes.reduce((n, s) => n + s.candidates, 0);
  return sizes;
}
